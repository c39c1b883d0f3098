"""The chats area on real widgets, over the real chat model, a real session and the real hub.

The agent's window is made by the real shell (sign-in, MainWindow with the chat area); customers
speak the real ``/chat/ws`` protocol. Offers are accepted by clicking, replies typed with keys.
Screenshots of an agent with three chats open go to ``$HOMESEAT_SCREENSHOT_DIR`` when it is set.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from tests.chat_helpers import ScriptedCustomer
from tests.sessions import wait_for
from tests.ui.helpers import test_shell

from homeseat.config.model import MaskingSettings
from homeseat.config.model import MaskRule as SettingsMaskRule
from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.core.chats import ChatPhase
from homeseat.core.masking import Masker, MaskingConfig
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.ui.chat_pane import ChatArea, masker_from_settings
from homeseat.ui.chat_view import ChatView
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons

PHONE = "13812345678"


@pytest.fixture(autouse=True)
def _collect_garbage() -> Iterator[None]:
    """Collect the session's object cycles while the test's loop still runs.

    Left to a later, arbitrary allocation, their finalizers ran inside an ``ast.parse`` at the
    end of the run (pytest importing hypothesis) and CPython 3.11.7 failed it with "AST
    constructor recursion depth mismatch".
    """
    yield
    gc.collect()


def _view(area: ChatArea, chat_id: str | None) -> ChatView:
    assert chat_id is not None
    return area.views[chat_id]


async def _accept_by_click(qtbot: Any, area: ChatArea, customer: ScriptedCustomer) -> None:
    await wait_for(lambda: customer.chat_id in area.offers, 10, "offer card")
    assert customer.chat_id is not None
    card = area.offers[customer.chat_id]
    assert card.isVisible()
    assert PHONE not in card.title.text()  # masked on the offer too
    qtbot.mouseClick(card.accept_button, Qt.MouseButton.LeftButton)
    await wait_for(lambda: customer.chat_id in area.views, 10, "a tab for the chat")


async def test_agent_with_three_chats_offers_tabs_badges_masking_and_state(
    qtbot: Any,
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    translations: Translations,
    icons: Icons,
) -> None:
    shell = test_shell(hub, certs, "agent", tmp_path, translations, icons)
    customers = [
        ScriptedCustomer.for_hub(hub, certs, name=f"陈先生 {PHONE}", topic="账单疑问"),
        ScriptedCustomer.for_hub(hub, certs, name="Mary Jones", topic="Refund"),
        ScriptedCustomer.for_hub(hub, certs, name="王女士", topic="宽带 broadband"),
    ]
    try:
        await shell.sign_in("agent1", DEMO_PASSWORD, remember=False)
        window = await shell.open_window()
        area = window.chat_area
        assert area is not None
        assert area.empty_label.isVisible()
        assert window.request(StateEvent(EventKind.GO_READY))

        for customer in customers:
            await customer.connect()
            await _accept_by_click(qtbot, area, customer)
        assert area.tabs.count() == 3
        assert not area.offers
        machine = shell.session.machine
        await wait_for(lambda: machine.status.state is AgentState.BUSY, 5, "Busy at capacity")
        assert area.capacity_label.text() == "Chats: 3 of 3"
        assert "In a chat" in window.state_label.text()

        first, second, third = customers
        # Masking on screen: the phone number in the name, an ID number and a card in lines.
        first_tab = area.tab_text(str(first.chat_id))
        assert "138****5678" in first_tab
        assert PHONE not in first_tab
        area.tabs.setCurrentWidget(_view(area, first.chat_id))
        await second.say("我的身份证是11010519491231002X")
        await second.say("card 6222021234567890128, mail mary.jones@example.com")
        await third.typing(True)
        await first.say("你好")
        view2 = _view(area, second.chat_id)
        await wait_for(lambda: len(view2.chat.lines) == 2, 5, "lines in the second chat")
        await wait_for(lambda: len(_view(area, first.chat_id).chat.lines) == 1, 5, "first")
        shown = " ".join(text for _s, text in view2.shown_lines())
        assert "110***********002X" in shown
        assert "***************0128" in shown  # the configured bank-card rule keeps 4 at the end
        assert "m***@example.com" in shown
        html = view2.transcript.toPlainText()
        assert "11010519491231002X" not in html
        assert "mary.jones" not in html
        # Unread badge on the tab not looked at; none on the current one.
        assert "(2)" in area.tab_text(str(second.chat_id))
        assert "(" not in area.tab_text(str(first.chat_id))
        view3 = _view(area, third.chat_id)
        await wait_for(lambda: view3.chat.customer_typing, 5, "customer typing")
        area.tabs.setCurrentWidget(view3)
        assert view3.typing_label.isVisible()
        assert view3.typing_label.text() == "The customer is typing…"

        # Looking at the tab reads it.
        area.tabs.setCurrentWidget(view2)
        assert "(" not in area.tab_text(str(second.chat_id))
        # Waiting time shows while the customer waits for an answer.
        area.tick()
        assert view2.waiting_label.text().startswith("Waiting 0:0")

        # Quick reply into the box, then Enter sends it; the agent's typing reaches the customer.
        view2.quick.setCurrentIndex(2)
        view2.quick.activated.emit(2)
        assert view2.reply.text() == "Let me check that for you, one moment please."
        await wait_for(lambda: second.agent_typing[-1:] == [True], 5, "agent typing")
        qtbot.keyClick(view2.reply, Qt.Key.Key_Return)
        assert view2.reply.text() == ""
        await wait_for(lambda: len(second.lines) == 3, 5, "customer gets the reply")
        assert second.lines[-1].text == "Let me check that for you, one moment please."
        assert second.lines[-1].sender == "agent"
        await wait_for(lambda: not view2.chat.pending, 5, "acknowledged")
        assert view2.shown_lines()[-1] == ("agent", "Let me check that for you, one moment please.")

        # A knowledge card's script goes into the current reply box (the shell wires the
        # knowledge panel's request to the chat area).
        panel = shell.knowledge.panel
        assert panel is not None
        panel.insert_requested.emit("Our refund policy: 7 days.")
        assert view2.reply.text() == "Our refund policy: 7 days."
        view2.reply.clear()

        # For the screenshots: a new line in the third chat, and customers waiting a while.
        await third.say("请问宽带什么时候能恢复？")
        await wait_for(lambda: len(view3.chat.lines) == 1, 5, "third chat's line")
        await asyncio.sleep(1.2)
        area.tick()
        assert "(1)" in area.tab_text(str(third.chat_id))
        assert area.tab_text(str(third.chat_id)).endswith(":01")  # waiting m:ss on the tab
        shots = os.environ.get("HOMESEAT_SCREENSHOT_DIR")
        for language in ("en", "zh_CN"):
            translations.set_language(language)
            area.tick()
            image = window.grab()
            assert not image.isNull()
            target = Path(shots) if shots else tmp_path
            assert image.save(str(target / f"chat-three-{language}.png"))
        translations.set_language("en")

        # Close the second chat with a wrap-up code: tab gone, customer told, agent available.
        view2.wrap_up.setCurrentIndex(view2.wrap_up.findData("resolved"))
        qtbot.mouseClick(view2.close_button, Qt.MouseButton.LeftButton)
        assert second.chat_id not in area.views
        assert area.tabs.count() == 2
        await wait_for(lambda: second.ended, 5, "customer sees the end")
        await wait_for(lambda: machine.status.state is AgentState.READY, 5, "Ready again")
        stored = hub.chat.store.chat(str(second.chat_id))
        assert stored is not None
        assert stored.wrap_up_code == "resolved"

        # The customer of the first chat leaves: the tab says so and still takes a wrap-up code.
        await first.leave()
        view1 = _view(area, first.chat_id)
        await wait_for(lambda: view1.chat.phase is ChatPhase.CLOSED, 5, "ended for the agent")
        area.tabs.setCurrentWidget(view1)
        assert view1.ended_label.isVisible()
        assert "left the chat" in view1.ended_label.text()
        assert not view1.reply.isEnabled()
        assert "(ended)" in area.tab_text(str(first.chat_id))
        view1.wrap_up.setCurrentIndex(view1.wrap_up.findData("follow_up"))
        qtbot.mouseClick(view1.close_button, Qt.MouseButton.LeftButton)
        assert area.tabs.count() == 1
        await wait_for(
            lambda: (
                (c := hub.chat.store.chat(str(first.chat_id))) is not None
                and c.wrap_up_code == "follow_up"
            ),
            5,
            "wrap-up of a chat the customer left",
        )
    finally:
        for customer in customers:
            await customer.close()
        await shell.close()


async def test_decline_an_offer_and_masking_follows_configuration(
    qtbot: Any,
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    translations: Translations,
    icons: Icons,
) -> None:
    shell = test_shell(hub, certs, "agent", tmp_path, translations, icons)
    customer = ScriptedCustomer.for_hub(hub, certs, name=f"Li {PHONE}")
    try:
        await shell.sign_in("agent1", DEMO_PASSWORD, remember=False)
        window = await shell.open_window()
        default_area = window.chat_area
        assert default_area is not None
        # A second area over the same client, with mobile numbers shown in plain text by policy.
        plain = Masker(MaskingConfig.from_mapping({"cn_mobile": {"enabled": False}}))
        area = ChatArea(default_area.client, [], lambda: "en", masker=plain)
        qtbot.addWidget(area)
        window.request(StateEvent(EventKind.GO_READY))
        await customer.connect()
        await wait_for(lambda: customer.chat_id in area.offers, 10, "offer")
        assert customer.chat_id is not None
        assert PHONE in area.offers[customer.chat_id].title.text()
        assert PHONE not in default_area.offers[customer.chat_id].title.text()
        machine = shell.session.machine
        assert machine.status.state.value == "offered"
        qtbot.mouseClick(
            default_area.offers[customer.chat_id].decline_button, Qt.MouseButton.LeftButton
        )
        assert not default_area.offers
        assert not area.offers
        await wait_for(lambda: machine.status.state is AgentState.READY, 5, "Ready after decline")
        # The only agent declined: the chat waits; the offer comes back after the offer timeout.
        await wait_for(lambda: hub.chat.queued("alpha") == 1, 5, "back in the queue")
        assert not default_area.offers
        # Closing the window lets go of the session: its client no longer answers offers.
        window.stop()
        assert default_area.client.detached
    finally:
        await customer.close()
        await shell.close()


def test_masking_follows_the_client_settings() -> None:
    masking = MaskingSettings(
        phone=SettingsMaskRule(keep_start=0, keep_end=2, mask_char="#"),
        email=SettingsMaskRule(enabled=False),
        bank_card=SettingsMaskRule(keep_start=0, keep_end=4, mask_char="A"),  # refused: "*"
    )
    masker = masker_from_settings(masking)
    assert masker.mask("13812345678 a@b.cn") == "#########78 a@b.cn"
    assert masker.mask("010-12345678") == "010-######78"  # the area code always shows
    assert masker.mask("4111111111111111") == "************1111"
    assert masker.mask("11010519491231002X") == "110***********002X"  # the id_card default
