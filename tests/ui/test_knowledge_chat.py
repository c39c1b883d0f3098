"""Knowledge during a chat, end to end: real hub, real shell and window, a real customer.

The hub holds the sample cards; the agent's copy syncs at sign-in; the customer's lines arrive in
the chat and the panel suggests cards from them without taking the focus from the reply box; one
click puts the card's script into the reply. Screenshots go to ``$HOMESEAT_SCREENSHOT_DIR`` when
it is set (docs/screenshots/knowledge-chat-*.png).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from tests.chat_helpers import ScriptedCustomer
from tests.sessions import wait_for

from homeseat.config.model import ClientSettings, HubSettings
from homeseat.core.agent_state import EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.knowledge.importer import read_cards
from homeseat.paths import resources_dir
from homeseat.platform.local import open_client_store
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.chat_view import ChatView
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell

SAID = {
    "en": (
        "Mary Jones",
        "Refund",
        "Hi, I sent the headphones back last week. When do I get my money back?",
    ),
    "zh_CN": ("陈先生", "退款", "你好，我上周退的货，钱到现在还没到账，都一个礼拜了"),
}
EXPECTED = {"en": "en.refund.timeline", "zh_CN": "zh.refund.timeline"}


@pytest.fixture(autouse=True)
def _collect_garbage() -> Iterator[None]:
    """Collect object cycles while the test's loop still runs (see tests/ui/test_chat_ui.py)."""
    yield
    gc.collect()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
async def test_customer_lines_bring_cards_and_the_script_goes_into_the_reply(
    qtbot: Any,  # first: its teardown (which pumps Qt events) runs after the hub's
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    translations: Translations,
    icons: Icons,
    language: str,
) -> None:
    hub.knowledge.publish(read_cards(resources_dir() / "knowledge" / "cards.jsonl").cards)
    hub.knowledge.set_pin(
        "zh.delivery.delay" if language == "zh_CN" else "en.delivery.late", True, "ops"
    )
    settings = ClientSettings(
        hub=HubSettings(url=hub.url, ca_file=certs.ca_file, reconnect_max_seconds=0.5),
        language=language,
    )
    shell = ClientShell(
        settings,
        translations=translations,
        icons=icons,
        store=open_client_store(tmp_path / "agent.sqlite3"),
        secrets=MemorySecretStore(),
        client_version="ui-test",
        ui_state=None,
        use_tray=False,
    )
    name, topic, said = SAID[language]
    customer = ScriptedCustomer.for_hub(hub, certs, name=name, topic=topic)
    try:
        translations.set_language(language)
        await shell.sign_in("agent1", DEMO_PASSWORD, remember=False)
        window = await shell.open_window()
        window.resize(1280, 720)
        panel = shell.knowledge.panel
        assert panel is not None
        store = shell.knowledge.store
        await wait_for(lambda: store.version == 26 and not shell.knowledge.sync.syncing, 10, "sync")
        await wait_for(lambda: len(panel.shown_ids()) == 1, 5, "the hot topic")  # pinned, live
        area = window.chat_area
        assert area is not None
        assert window.request(StateEvent(EventKind.GO_READY))
        await customer.connect()
        await wait_for(lambda: customer.chat_id in area.offers, 10, "offer")
        qtbot.mouseClick(
            area.offers[str(customer.chat_id)].accept_button, Qt.MouseButton.LeftButton
        )
        await wait_for(lambda: customer.chat_id in area.views, 10, "chat tab")
        view = area.views[str(customer.chat_id)]
        assert isinstance(view, ChatView)
        window.activateWindow()
        view.reply.setFocus()

        await customer.say(said)
        await wait_for(lambda: EXPECTED[language] in panel.shown_ids(), 10, "suggestion")
        assert panel.shown_ids()[1] == EXPECTED[language]  # under the pinned hot topic
        assert panel.view.card is not None
        assert panel.view.card.id == EXPECTED[language]  # the suggestion is open
        assert view.reply.hasFocus()  # the agent keeps typing where they were

        qtbot.mouseClick(panel.view.insert_button, Qt.MouseButton.LeftButton)
        assert view.reply.text() == panel.view.card.script
        await wait_for(lambda: not store.pending_events(), 5, "'used' reaches the hub")
        usage = {u.card_id: u.used for u in hub.knowledge.store.usage()}
        assert usage[EXPECTED[language]] == 1

        folder = os.environ.get("HOMESEAT_SCREENSHOT_DIR")
        target = Path(folder) if folder else tmp_path
        target.mkdir(parents=True, exist_ok=True)
        qtbot.wait(50)
        assert window.grab().save(str(target / f"knowledge-chat-{language}.png"))
    finally:
        await customer.close()
        await shell.close()
        await wait_for(lambda: not hub.online_usernames(), 5, "the hub to see the agent leave")
        translations.set_language("en")
