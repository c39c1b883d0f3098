"""The sign-in dialog: busy state, Enter submits, errors by code in the UI language."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt

from homeseat.config.model import HubSettings
from homeseat.core.agent_state import AgentStateMachine
from homeseat.core.outbox import MemoryOutboxStore, Outbox
from homeseat.platform.session import PlatformSession, SignInError
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.sign_in import SignInDialog


def _unreachable_session() -> PlatformSession:
    # A real session aimed at a closed loopback port: the sign-in fails for real, quickly.
    return PlatformSession(
        HubSettings(url="wss://127.0.0.1:9"),
        machine=AgentStateMachine({"break"}, {"resolved"}),
        outbox=Outbox(MemoryOutboxStore()),
        secrets=MemorySecretStore(),
        client_id="ui-test-client",
        client_version="test",
    )


def _dialog(qtbot: Any, icons: Icons, session: PlatformSession, **kw: Any) -> SignInDialog:
    async def sign_in(user: str, password: str, remember: bool) -> object:
        return await session.sign_in(user, password, remember=remember)

    dialog = SignInDialog(sign_in, hub_label="127.0.0.1:9", icon=icons.app(), **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


async def test_enter_submits_and_unreachable_hub_is_explained(
    qtbot: Any, icons: Icons, translations: Translations
) -> None:
    dialog = _dialog(qtbot, icons, _unreachable_session(), username="agent1")
    dialog.password.setText("demo1234")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.busy
    assert not dialog.username.isEnabled()
    assert dialog.submit.text() == "Signing in…"
    for _ in range(500):
        if not dialog.busy and dialog.error.isVisible():
            break
        await asyncio.sleep(0.01)
    assert dialog.error.text() == (
        "Cannot reach the platform. Check your network connection and try again."
    )
    assert dialog.username.isEnabled()
    assert dialog.submit.text() == "Sign in"
    assert dialog.result() == 0  # still open, not accepted


def test_empty_fields_are_refused_before_any_network(
    qtbot: Any, icons: Icons, translations: Translations
) -> None:
    dialog = _dialog(qtbot, icons, _unreachable_session())
    dialog.submit.click()
    assert not dialog.busy
    assert dialog.error.text() == "Enter your user name and password."


def test_error_codes_in_both_languages(
    qtbot: Any, icons: Icons, translations: Translations
) -> None:
    dialog = _dialog(qtbot, icons, _unreachable_session())
    dialog.show_error(SignInError("bad_credentials", "bad credentials"))
    assert dialog.error.text() == "Wrong user name or password."
    dialog.show_error(SignInError("throttled", "slow down", retry_after=2.2))
    assert dialog.error.text() == "Too many attempts. Try again in 3 seconds."
    dialog.show_error(SignInError("disabled", "disabled"))
    assert dialog.error.text() == "This account is disabled. Contact your team lead."

    translations.set_language("zh_CN")
    # The error on screen follows the language switch without a new attempt.
    assert dialog.error.text() == "该账号已停用，请联系您的班长。"
    assert dialog.submit.text() == "签入"
    dialog.show_error(SignInError("throttled", "slow down", retry_after=30))
    assert dialog.error.text() == "尝试次数过多，请 30 秒后重试。"
    dialog.show_error(SignInError("tls", "TLS failed"))
    assert dialog.error.text() == "无法验证平台的安全证书，请联系 IT 支持。"


def test_remember_is_disabled_without_a_secure_keyring(
    qtbot: Any, icons: Icons, translations: Translations
) -> None:
    dialog = _dialog(qtbot, icons, _unreachable_session(), can_remember=False)
    assert not dialog.remember.isEnabled()
    assert not dialog.remember.isChecked()
    assert "no secure password store" in dialog.remember.toolTip()
