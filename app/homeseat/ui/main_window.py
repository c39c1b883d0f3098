"""The agent desktop: state bar on top, phone · chats · knowledge, the team pane for leads.

Runs on the Qt main thread. The window reads the session (state machine, pending reports) and
listens to it only through the :class:`SessionBridge`; every state change the agent asks for goes
through ``session.request`` so it is applied to the real state machine and reported exactly once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.config.model import ClientSettings
from homeseat.core.agent_state import (
    AgentState,
    AgentStateMachine,
    AgentStatus,
    InvalidTransition,
    StateEvent,
    Transition,
)
from homeseat.platform.session import Link, SessionInfo
from homeseat.protocol import AgentPresence
from homeseat.ui.alerts import rules_from
from homeseat.ui.bridge import SessionBridge
from homeseat.ui.chat_pane import attach_chat
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.panes import ChatsPane, KnowledgePane, PhonePane
from homeseat.ui.state_bar import StateBar
from homeseat.ui.team_pane import TeamPane
from homeseat.ui.texts import link_label, reason_label, state_label
from homeseat.ui.theme import styled
from homeseat.ui.update_notice import install_update_notice

__all__ = ["SessionPort", "MainWindow", "LEAD_ROLES"]

log = logging.getLogger(__name__)

#: Roles that see the team pane.
LEAD_ROLES = frozenset({"lead", "admin"})


def _splitter(orientation: Qt.Orientation) -> QSplitter:
    split = QSplitter(orientation)
    split.setChildrenCollapsible(False)
    split.setHandleWidth(12)
    return split


class SessionPort(Protocol):
    """What the window needs from the session (PlatformSession provides it)."""

    @property
    def machine(self) -> AgentStateMachine: ...
    @property
    def link(self) -> Link: ...
    @property
    def pending_reports(self) -> int: ...
    def request(self, event: StateEvent) -> Transition: ...


class MainWindow(QMainWindow):
    """The main window of one signed-in user.

    Args:
        settings: client settings (codes, wrap-up time, hub URL).
        session: the signed-in session.
        info: who is signed in (role decides the team pane).
        bridge: the session's signals.
        translations: current language.
        icons: icon cache.
        monotonic: the clock of the state machine (for time in state).
        parent: Qt parent.
    """

    sign_out_requested = Signal()
    #: The agent asked for the settings page (the shell opens it over the config service).
    settings_requested = Signal()
    quit_requested = Signal()
    close_requested = Signal()

    def __init__(
        self,
        settings: ClientSettings,
        session: SessionPort,
        info: SessionInfo,
        bridge: SessionBridge,
        translations: Translations,
        icons: Icons,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._session = session
        self._info = info
        self._translations = translations
        self._link = session.link
        self._link_detail = ""
        self.setWindowIcon(icons.app())
        self.setMinimumSize(QSize(900, 560))

        self.state_bar = StateBar(
            settings.reason_codes,
            settings.wrap_up_codes,
            settings.wrap_up_seconds,
            translations,
            icons,
            monotonic=monotonic,
        )
        self.state_bar.set_agent(info.display_name, info.team, info.role)
        self.state_bar.requested.connect(self.request)
        self._account_menu = QMenu(self)
        self.settings_action = self._account_menu.addAction("")
        self.settings_action.triggered.connect(self.settings_requested.emit)
        self._sign_out_action = self._account_menu.addAction("")
        self._sign_out_action.triggered.connect(self.sign_out_requested.emit)
        self._quit_action = self._account_menu.addAction("")
        self._quit_action.triggered.connect(self.quit_requested.emit)
        self.account_button = styled(QToolButton(), "AccountButton")
        self.account_button.setIcon(icons.named("more"))
        self.account_button.setIconSize(QSize(20, 20))
        self.account_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.account_button.setMenu(self._account_menu)
        self.state_bar.add_trailing(self.account_button)

        self.phone = PhonePane(icons)
        self.chats = ChatsPane(icons)
        # Customer chat (issue 6): tabs per conversation inside the chats card.
        self.chat_area = attach_chat(
            self.chats,
            self.chats.body,
            (self.chats.empty_title, self.chats.empty_hint),
            session,
            settings,
            lambda: translations.language,
            author=info.display_name,
        )
        self.knowledge = KnowledgePane(icons)
        self.team: TeamPane | None = None
        if info.role in LEAD_ROLES:
            self.team = TeamPane(
                settings.reason_codes, translations, icons, rules=rules_from(settings.alerts)
            )
            bridge.team_snapshot.connect(self._on_team_snapshot)
            bridge.team_delta.connect(self._on_team_delta)
        body = self._layout_panes()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.state_bar)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(12, 12, 12, 12)
        inner_layout.addWidget(body)
        layout.addWidget(inner, 1)
        self.setCentralWidget(central)

        self._lock = QLabel()
        self.connection_label = QLabel()
        self.insecure_label = styled(QLabel(""), "InsecureWarning")
        self.insecure_label.setVisible(info.insecure)
        self.state_label = QLabel()
        self.reports_label = QLabel()
        self._icons = icons
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self._lock)
        bar.addWidget(self.connection_label)
        bar.addWidget(self.insecure_label)
        bar.addPermanentWidget(self.state_label)
        bar.addPermanentWidget(self.reports_label)
        self.update_notice = install_update_notice(bar, info.recommended_client)

        bridge.status_changed.connect(self._on_status)
        bridge.link_changed.connect(self._on_link)
        bridge.error.connect(self._on_error)

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self.retranslate()
        self._on_status(session.machine.status)

    def _layout_panes(self) -> QWidget:
        """Agents: phone | chats | knowledge. Leads: phone | (team over chats | knowledge).

        The phone keeps its full height either way (the dial pad needs it); for a lead the team
        takes the larger, upper part of the rest, because watching it is the lead's main job.
        """
        work = _splitter(Qt.Orientation.Horizontal)
        work.addWidget(self.phone)
        if self.team is None:
            work.addWidget(self.chats)
            work.addWidget(self.knowledge)
            work.setStretchFactor(1, 1)
            work.setSizes([260, 520, 300])
            return work
        # Their own minimum heights would otherwise push the team into a strip of five rows.
        self.chats.setMinimumHeight(160)
        self.knowledge.setMinimumHeight(160)
        lower = _splitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.chats)
        lower.addWidget(self.knowledge)
        lower.setStretchFactor(0, 1)
        lower.setSizes([560, 380])
        right = _splitter(Qt.Orientation.Vertical)
        right.addWidget(self.team)
        right.addWidget(lower)
        right.setStretchFactor(0, 5)
        right.setStretchFactor(1, 2)
        right.setSizes([620, 220])
        work.addWidget(right)
        work.setStretchFactor(1, 1)
        work.setSizes([260, 1000])
        return work

    # ------------------------------------------------------------------ commands

    def request(self, event: StateEvent) -> bool:
        """Ask the session for a state change; False (and a message) if it is refused."""
        try:
            self._session.request(event)
        except InvalidTransition as exc:
            log.info("state change refused: %s", exc)
            self.statusBar().showMessage(
                self.tr("That change is not possible in your current state."), 6000
            )
            self._on_status(self._session.machine.status)
            return False
        return True

    def stop(self) -> None:
        """Stop timers (ordered shutdown; the window can still be shown afterwards)."""
        self._ticker.stop()
        if self.chat_area is not None:
            self.chat_area.stop()

    @property
    def ticking(self) -> bool:
        """True while the one-second timer runs."""
        return self._ticker.isActive()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        who = self._info.display_name or self._info.username
        self.setWindowTitle(self.tr("HomeSeat – %1").replace("%1", who))
        self.settings_action.setText(self.tr("Settings…"))
        self._sign_out_action.setText(self.tr("Sign out"))
        self._quit_action.setText(self.tr("Quit HomeSeat"))
        self.account_button.setToolTip(self.tr("Account"))
        self.insecure_label.setText(self.tr("Not encrypted"))
        self.insecure_label.setToolTip(
            self.tr(
                "The link to the platform is not encrypted (ws://). "
                "Use it only in a test lab; ask IT for a wss:// address."
            )
        )
        self._show_link()
        self._show_state(self._session.machine.status)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window asks the shell (which may keep running in the tray)."""
        self.close_requested.emit()
        super().closeEvent(event)

    # ------------------------------------------------------------------ session signals

    def _on_status(self, status: AgentStatus) -> None:
        self.state_bar.set_status(status, self._session.machine.allowed())
        self._show_state(status)

    def _on_link(self, link: Link, detail: str) -> None:
        self._link, self._link_detail = link, detail
        self._show_link()

    def _on_error(self, message: str) -> None:
        # Hub refusals come with a human message from the hub; show it for a while.
        self.statusBar().showMessage(message, 8000)

    def _on_team_snapshot(self, agents: list[AgentPresence]) -> None:
        if self.team is not None:
            self.team.apply_snapshot(agents)

    def _on_team_delta(self, agents: list[AgentPresence]) -> None:
        if self.team is not None:
            self.team.apply_delta(agents)

    def _tick(self) -> None:
        self.state_bar.tick()
        if self.team is not None:
            self.team.tick()

    # ------------------------------------------------------------------ status bar

    def _show_link(self) -> None:
        host = urlsplit(self._settings.hub.url).netloc
        text = link_label(self._link.value)
        self.connection_label.setText(f"{text} · {host}" if host else text)
        if self._link is Link.ONLINE:
            name = "warning" if self._info.insecure else "lock"
        elif self._link is Link.CONNECTING:
            name = "connecting"
        else:
            name = "offline"
        self._lock.setPixmap(self._icons.named(name).pixmap(QSize(16, 16)))
        if self._link is Link.ONLINE and not self._info.insecure:
            self._lock.setToolTip(self.tr("Encrypted connection (TLS)"))
        else:
            self._lock.setToolTip(self._link_detail)

    def _show_state(self, status: AgentStatus) -> None:
        text = state_label(status.state, status.channel)
        if status.state is AgentState.NOT_READY and status.reason:
            language = self._translations.language
            text += " · " + reason_label(status.reason, self._settings.reason_codes, language)
        self.state_label.setText(self.tr("State: %1").replace("%1", text))
        pending = self._session.pending_reports
        if pending:
            self.reports_label.setText(self.tr("%n report(s) waiting to be sent", "", pending))
        else:
            self.reports_label.setText(self.tr("All reports delivered"))
