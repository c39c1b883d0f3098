"""The knowledge panel on a real SQLite store (and, at the end, fed by a real hub)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from tests.sessions import make_session, wait_for
from tests.ui.helpers import WindowFactory

from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.knowledge.importer import read_cards
from homeseat.knowledge.store import KnowledgeStore
from homeseat.knowledge.sync import KnowledgeSync
from homeseat.paths import resources_dir
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.knowledge_panel import KnowledgePanel
from homeseat.ui.panes import KnowledgePane

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KnowledgeStore]:
    kb = KnowledgeStore(tmp_path / "kb.sqlite3")
    kb.upsert(read_cards(resources_dir() / "knowledge" / "cards.jsonl").cards)
    yield kb
    kb.close()


class Feedback:
    def __init__(self) -> None:
        self.events: list[tuple[str, str, str]] = []

    def __call__(self, card_id: str, kind: str, context: str) -> None:
        self.events.append((card_id, kind, context))


def type_text(qtbot: Any, widget: QLineEdit, text: str) -> None:
    """Type like an agent: ASCII as key presses, Chinese as input-method commits (one per
    character; QTest can only press keys that exist on a keyboard)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            widget.insert(ch)


@pytest.fixture
def feedback() -> Feedback:
    return Feedback()


@pytest.fixture
def desk(
    qtbot: Any, store: KnowledgeStore, feedback: Feedback, icons: Icons, translations: Translations
) -> tuple[QWidget, QLineEdit, KnowledgePanel]:
    """A chat input next to the knowledge pane holding the real panel."""
    window = QWidget()
    layout = QVBoxLayout(window)
    chat_input = QLineEdit()
    pane = KnowledgePane(icons)
    panel = KnowledgePanel(store, team="alpha", feedback=feedback, wall=lambda: NOW)
    pane.set_panel(panel)
    layout.addWidget(chat_input)
    layout.addWidget(pane, 1)
    qtbot.addWidget(window)
    window.resize(420, 720)
    window.show()
    qtbot.waitExposed(window)
    return window, chat_input, panel


def test_search_as_you_type_debounces_and_ranks(
    qtbot: Any, desk: tuple[QWidget, QLineEdit, KnowledgePanel]
) -> None:
    _, _, panel = desk
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "refund")
    qtbot.waitUntil(lambda: panel.searches >= 1, timeout=3000)
    qtbot.wait(150)
    assert panel.searches == 1  # six keystrokes, one query
    assert panel.shown_ids()[0].startswith("en.refund.")
    assert panel.last_search_ms is not None
    assert panel.view.card is not None
    assert panel.view.card.id == panel.shown_ids()[0]

    panel.search.clear()
    type_text(qtbot, panel.search, "发票")
    qtbot.waitUntil(lambda: panel.shown_ids()[0].startswith("zh.invoice."), timeout=3000)
    assert "发票" in panel.view.title.text() or "开票" in panel.view.body.toPlainText()

    panel.search.setText("zzzz qqqq")
    panel.run_search()
    assert panel.shown_ids() == []
    assert panel.status.text() == "No card matches"


def test_suggestions_update_without_stealing_focus(
    qtbot: Any, desk: tuple[QWidget, QLineEdit, KnowledgePanel], feedback: Feedback
) -> None:
    window, chat_input, panel = desk
    window.activateWindow()
    chat_input.setFocus()
    type_text(qtbot, chat_input, "您好")
    qtbot.waitUntil(chat_input.hasFocus, timeout=2000)

    suggested = panel.suggest("我上周退的货，钱到现在还没到账")
    assert suggested[0].card_id == "zh.refund.timeline"
    assert panel.shown_ids()[0] == "zh.refund.timeline"
    assert panel.view.card is not None
    assert panel.view.card.id == "zh.refund.timeline"
    assert chat_input.hasFocus()
    type_text(qtbot, chat_input, "，请稍等")
    assert chat_input.text() == "您好，请稍等"

    # The script goes to the chat on one click; that counts as the card being used.
    inserted: list[str] = []
    panel.insert_requested.connect(inserted.append)
    qtbot.mouseClick(panel.view.insert_button, Qt.MouseButton.LeftButton)
    assert inserted == [panel.view.card.script]
    assert chat_input.hasFocus()
    qtbot.mouseClick(panel.view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == panel.view.card.script
    qtbot.mouseClick(panel.view.helpful_button, Qt.MouseButton.LeftButton)
    assert feedback.events == [
        ("zh.refund.timeline", "used", "suggestion"),
        ("zh.refund.timeline", "used", "suggestion"),
        ("zh.refund.timeline", "helpful", "suggestion"),
    ]

    # The agent opens this card; a new customer line does not yank it away.
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualItemRect(panel.list.item(1)).center(),
    )
    reading = panel.view.card.id
    assert panel.list.item(1).data(Qt.ItemDataRole.UserRole) == reading
    panel.suggest("还有，发票怎么开？")
    assert panel.view.card.id == reading
    assert panel.shown_ids()[0] == "zh.invoice.issue"
    assert reading not in panel.shown_ids()


def test_pins_on_top_and_surge_switches_scripts(
    desk: tuple[QWidget, QLineEdit, KnowledgePanel], store: KnowledgeStore
) -> None:
    _, _, panel = desk
    store.set_pins(["zh.delivery.delay", "zh.vip.hotline"])  # the VIP card is for team beta only
    panel.on_pins_changed(store.pins())
    assert panel.shown_ids() == ["zh.delivery.delay"]
    assert panel.list.item(0).text() == "HOT TOPICS"
    panel.suggest("发票怎么开")
    assert panel.shown_ids()[:2] == ["zh.delivery.delay", "zh.invoice.issue"]
    assert panel.view.card is not None
    assert panel.view.card.id == "zh.invoice.issue"  # the suggestion opens, the pin stays on top

    panel.select("zh.invoice.issue")
    card = panel.view.card
    assert card is not None
    assert panel.view.script.text() == card.script
    panel.set_surge_level(2)
    assert panel.view.script.text() == card.short_script
    assert panel.view.script_caption.text() == "Short script (surge)"
    assert "Surge level 2" in panel.status.text()
    assert panel.view.toggle_full.isVisible()
    panel.view.toggle_full.click()
    assert panel.view.script.text() == card.script
    panel.set_surge_level(0)
    assert panel.view.script.text() == card.script
    assert not panel.view.toggle_full.isVisible()


async def test_pins_from_a_lead_reach_the_panel_live(
    qtbot: Any,  # first: its teardown (which pumps Qt events) runs after the hub's
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    translations: Translations,
) -> None:
    hub.knowledge.publish(read_cards(resources_dir() / "knowledge" / "cards.jsonl").cards)
    session, _ = make_session(hub.url, certs.ca_file)
    store = KnowledgeStore(tmp_path / "agent-kb.sqlite3")
    sync = KnowledgeSync(store, session)
    panel = KnowledgePanel(store, team="alpha", feedback=sync.feedback)
    sync.add_listener(panel)
    qtbot.addWidget(panel)
    panel.show()
    try:
        await session.sign_in("agent1", DEMO_PASSWORD)
        await wait_for(lambda: store.version == 26 and not sync.syncing, what="sync")
        assert store.count() == 25  # the VIP card is for team beta: never on alpha's disk
        assert store.card("zh.vip.hotline") is None
        panel.suggest("my parcel is late")
        assert panel.shown_ids()[0] == "en.delivery.late"

        hub.knowledge.set_pin("zh.epidemic.delivery", True, "lead1")  # out of its validity window
        hub.knowledge.set_pin("zh.surge.holdmsg", True, "lead1")
        await wait_for(lambda: panel.shown_ids()[:1] == ["zh.surge.holdmsg"], what="live pin")
        assert "zh.epidemic.delivery" not in panel.shown_ids()

        qtbot.mouseClick(panel.view.helpful_button, Qt.MouseButton.LeftButton)
        await wait_for(lambda: not store.pending_events(), what="feedback at the hub")
        assert any(u.card_id == "en.delivery.late" for u in hub.knowledge.store.usage())
    finally:
        await session.close()
        # Let the hub see the disconnect while this loop still runs (see test_hub_ui.py).
        await wait_for(lambda: not hub.online_usernames(), 5, "the hub to see the agent leave")
        store.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_screenshot_of_the_panel_in_a_surge(
    qtbot: Any,
    make_window: WindowFactory,
    store: KnowledgeStore,
    translations: Translations,
    tmp_path: Path,
    language: str,
) -> None:
    window, _ = make_window()
    translations.set_language(language)
    panel = KnowledgePanel(store, team="alpha", wall=lambda: NOW)
    window.knowledge.set_panel(panel)
    store.set_pins(["en.delivery.late" if language == "en" else "zh.delivery.delay"])
    panel.on_pins_changed(store.pins())
    if language == "en":
        panel.suggest("Hi, I returned my headphones last week and still have no money back")
    else:
        panel.suggest("你好，我上周退的货，钱到现在还没到账，都一个礼拜了")
    panel.set_surge_level(2)
    qtbot.wait(50)
    assert panel.view.card is not None
    target = Path(os.environ.get("HOMESEAT_SCREENSHOT_DIR", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    assert window.grab().size().width() > 0
    assert panel.grab().save(str(target / f"knowledge-panel-surge-{language}.png"))
