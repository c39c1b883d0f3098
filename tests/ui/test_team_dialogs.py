"""The lead's action dialog: length check, refusal in words (the dialog stays), then success."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from homeseat.core.codes import DEFAULT_REASON_CODES
from homeseat.platform.supervision import SupervisionError
from homeseat.ui.i18n import Translations
from homeseat.ui.team_dialogs import ActionDialog


async def test_refused_then_sent(qtbot: Any, translations: Translations) -> None:
    calls: list[tuple[str, str | None]] = []
    answers = [SupervisionError("forbidden", "no"), None]

    async def run(text: str, reason: str | None) -> None:
        calls.append((text, reason))
        answer = answers.pop(0)
        if answer is not None:
            raise answer

    dialog = ActionDialog(
        "Message", "prompt", run, with_text=True, reasons=DEFAULT_REASON_CODES, language="zh_CN"
    )
    qtbot.addWidget(dialog)
    dialog.open()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.text is not None
    assert dialog.reason is not None
    assert dialog.reason.itemText(0) == "休息"  # configured labels in the agent's language
    assert not ok.isEnabled()  # nothing typed yet
    dialog.text.setPlainText("x" * 501)
    assert not ok.isEnabled()
    assert dialog.error.text() == "The message is too long (501 of 500 characters)."
    dialog.text.setPlainText("  请回电  ")
    assert ok.isEnabled()
    assert dialog.error.isHidden()

    dialog.reason.setCurrentIndex(dialog.reason.findData("meeting"))
    dialog.confirm()
    assert dialog.busy
    assert dialog.task is not None
    await asyncio.wait_for(dialog.task, 5)
    assert dialog.isVisible()
    assert dialog.error.text() == "You are not allowed to do this for this agent or team."
    assert ok.isEnabled()

    dialog.confirm()
    assert dialog.task is not None
    await asyncio.wait_for(dialog.task, 5)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert calls == [("请回电", "meeting"), ("请回电", "meeting")]


async def test_raise_hand_refused_offline_stays_down(
    qtbot: Any, translations: Translations
) -> None:
    from homeseat.ui.icons import Icons
    from homeseat.ui.raise_hand import RaiseHandButton

    async def offline() -> None:
        raise SupervisionError("offline", "not connected to the platform")

    async def fine() -> None:
        return None

    button = RaiseHandButton(offline, fine, Icons())
    qtbot.addWidget(button)
    said: list[str] = []
    button.failed.connect(said.append)
    button.click()
    assert not button.isChecked()  # only the hub's yes turns it on
    assert button.task is not None
    await asyncio.wait_for(button.task, 5)
    assert not button.isChecked()
    assert button.text() == "Raise hand"
    assert said == ["Your team lead could not be reached: you are offline. Try again."]
