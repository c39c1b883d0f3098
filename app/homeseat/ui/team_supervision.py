"""Supervision in the windows: the lead's actions and surge control, the agent's notices,
raise-hand button and surge banner, wired to a :class:`SupervisionClient`.

Qt main thread, on the qasync loop. The shell owns one :class:`SupervisionBridge` for the whole
session (the client keeps its listeners for its lifetime); each window connects its widgets to
the bridge's signals, which Qt disconnects when the window goes away.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget

from homeseat.config.model import ClientSettings
from homeseat.platform.session import SessionInfo
from homeseat.platform.supervision import SupervisionClient
from homeseat.protocol.supervision import LeadNotice, SurgeLevel
from homeseat.ui.agent_detail import AgentDetailDialog
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.main_window import LEAD_ROLES, MainWindow
from homeseat.ui.notices import NoticeBanner
from homeseat.ui.raise_hand import RaiseHandButton
from homeseat.ui.surge import SurgeBanner, SurgeControl
from homeseat.ui.team_dialogs import ActionDialog
from homeseat.ui.team_pane import TeamPane

__all__ = [
    "SupervisionBridge",
    "SupervisionUi",
    "TeamActions",
    "attach_supervision",
    "SURGE_PERMISSION",
]

#: The permission that lets a lead set their team's surge level (hub: ``Storage.grant``).
SURGE_PERMISSION = "surge"


class SupervisionBridge(QObject):
    """Implements ``SupervisionListener``; each callback becomes a signal."""

    notice = Signal(object)  # LeadNotice
    surge = Signal(object)  # SurgeLevel

    def on_notice(self, notice: LeadNotice) -> None:
        """A lead's notice for this agent."""
        self.notice.emit(notice)

    def on_surge(self, level: SurgeLevel) -> None:
        """A team's surge level (changed, or re-sent after sign-in)."""
        self.surge.emit(level)


class TeamActions(QObject):
    """Carries out the team pane's actions through the supervision client (dialogs first).

    Args:
        pane: the lead's team pane.
        client: the supervision client.
        settings: reason codes for a forced Not Ready.
        translations: current language.
        icons: icon cache.
        done: shows a confirmation (the window's status bar).
    """

    def __init__(
        self,
        pane: TeamPane,
        client: SupervisionClient,
        settings: ClientSettings,
        translations: Translations,
        icons: Icons,
        done: Callable[[str], None],
    ) -> None:
        super().__init__(pane)
        self._pane = pane
        self._client = client
        self._settings = settings
        self._translations = translations
        self._icons = icons
        self._done = done
        #: The dialog opened last (tests drive it).
        self.dialog: ActionDialog | AgentDetailDialog | None = None
        pane.action_requested.connect(self.run)
        pane.set_actions_enabled(True)

    def run(self, kind: str, user_id: int) -> None:
        """Open the dialog for ``kind`` on the agent (the dialog sends when confirmed)."""
        agent = self._pane.model.agent_by_id(user_id)
        if agent is None:
            return
        name, user = agent.display_name or agent.username, agent.username
        client = self._client
        if kind == "detail":
            self.dialog = AgentDetailDialog(
                name, user, client.timeline, self._icons, parent=self._pane
            )
            self.dialog.open()
            return
        if kind == "message":
            title = self.tr("Message to %1").replace("%1", name)
            prompt = self.tr("%1 sees this at once in their window.").replace("%1", name)
            sent = self.tr("Message sent to %1.").replace("%1", name)

            async def message(text: str, _: str | None) -> None:
                await client.act("message", user, text=text)

            self._open(title, prompt, message, sent, with_text=True)
        elif kind == "answer_help":
            title = self.tr("Answer %1").replace("%1", name)
            asks = agent.help_text or self.tr("(no text)")
            prompt = self.tr("%1 asks for help: %2").replace("%1", name).replace("%2", asks)
            sent = self.tr("Answer sent to %1; the raised hand is lowered.").replace("%1", name)

            async def answer(text: str, _: str | None) -> None:
                await client.act("answer_help", user, text=text)

            self._open(title, prompt, answer, sent, with_text=True)
        elif kind == "force_not_ready":
            title = self.tr("Force %1 Not Ready").replace("%1", name)
            prompt = self.tr(
                "%1 is set to Not Ready with this reason (after the current contact, if any)."
            ).replace("%1", name)
            sent = self.tr("%1 is set to Not Ready.").replace("%1", name)

            async def force(_: str, reason: str | None) -> None:
                await client.act("force_not_ready", user, reason=reason)

            self._open(title, prompt, force, sent, reasons=True)
        elif kind == "sign_out":
            title = self.tr("Sign out %1").replace("%1", name)
            prompt = self.tr(
                "Sign %1 out? Their session ends now and they must sign in again."
            ).replace("%1", name)
            sent = self.tr("%1 was signed out.").replace("%1", name)

            async def sign_out(_: str, __: str | None) -> None:
                await client.act("sign_out", user)

            self._open(title, prompt, sign_out, sent, ok_text=self.tr("Sign out"))

    def _open(
        self,
        title: str,
        prompt: str,
        run: Callable[[str, str | None], Awaitable[None]],
        done_text: str,
        *,
        with_text: bool = False,
        reasons: bool = False,
        ok_text: str = "",
    ) -> None:
        dialog = ActionDialog(
            title,
            prompt,
            run,
            with_text=with_text,
            reasons=self._settings.reason_codes if reasons else (),
            language=self._translations.language,
            ok_text=ok_text,
            parent=self._pane,
        )
        dialog.accepted.connect(lambda: self._done(done_text))
        self.dialog = dialog
        dialog.open()


@dataclass
class SupervisionUi:
    """What :func:`attach_supervision` added to a window."""

    notices: NoticeBanner
    surge: SurgeBanner
    hand: RaiseHandButton | None
    actions: TeamActions | None
    surge_control: SurgeControl | None


def _insert_before(anchor: QWidget, widget: QWidget) -> None:
    """Put ``widget`` just before ``anchor`` in whichever layout holds it."""

    def find(layout: QLayout | None) -> bool:
        if layout is None:
            return False
        index = layout.indexOf(anchor)
        if index >= 0 and isinstance(layout, QBoxLayout):
            layout.insertWidget(index, widget)
            return True
        for i in range(layout.count()):
            item = layout.itemAt(i)
            child = item.layout() if item is not None else None
            if child is not None and find(child):
                return True
        return False

    parent = anchor.parentWidget()
    if parent is None or not find(parent.layout()):
        raise RuntimeError("anchor widget is not in a box layout")


class _WindowLink(QObject):
    """Routes the bridge's signals to one window's widgets (dies with the window)."""

    def __init__(
        self,
        window: QWidget,
        team: str,
        surge: SurgeBanner,
        notices: NoticeBanner,
        hand: RaiseHandButton | None,
        control: SurgeControl | None,
    ) -> None:
        super().__init__(window)
        self._team = team
        self._surge = surge
        self._notices = notices
        self._hand = hand
        self._control = control

    def on_surge(self, level: SurgeLevel) -> None:
        """Show the level of this user's team."""
        if level.team == self._team:
            self._surge.set_level(level)
            if self._control is not None:
                self._control.refresh()

    def on_notice(self, notice: LeadNotice) -> None:
        """Show the notice; an answer lowers the hand."""
        self._notices.add(notice)
        if notice.kind == "answer_help" and self._hand is not None:
            self._hand.answered()


def attach_supervision(
    window: MainWindow,
    client: SupervisionClient,
    bridge: SupervisionBridge,
    settings: ClientSettings,
    translations: Translations,
    icons: Icons,
    info: SessionInfo,
) -> SupervisionUi:
    """Add the surge banner, notices and raise-hand button (agents), actions and surge control
    (leads) to ``window``."""
    surge = SurgeBanner()
    notices = NoticeBanner(settings.reason_codes, translations, icons)
    body = window.centralWidget()
    central = body.layout() if body is not None else None
    if not isinstance(central, QBoxLayout):
        raise RuntimeError("the main window has no box layout")
    central.insertWidget(1, surge)  # right under the state bar
    central.insertWidget(2, notices)
    status = window.statusBar()

    hand: RaiseHandButton | None = None
    if info.role not in LEAD_ROLES:
        hand = RaiseHandButton(client.raise_hand, client.lower_hand, icons)
        hand.failed.connect(lambda text: status.showMessage(text, 8000))
        _insert_before(window.account_button, hand)
        hand.show()  # the window may be on screen already

    actions: TeamActions | None = None
    control: SurgeControl | None = None
    if window.team is not None:
        actions = TeamActions(
            window.team,
            client,
            settings,
            translations,
            icons,
            lambda text: status.showMessage(text, 6000),
        )
        team = info.team

        async def set_surge(level: int, message: str) -> None:
            await client.set_surge(team, level, message)

        # Only for those the hub lets set the level (it checks again; a refusal is shown).
        if info.role == "admin" or SURGE_PERMISSION in info.permissions:
            control = SurgeControl(team, lambda: client.surge_level(team), set_surge)
            window.team.surge_slot.addWidget(control)
            control.show()

    link = _WindowLink(window, info.team, surge, notices, hand, control)
    # The level may have arrived with the sign-in, before this window existed.
    current = client.surge.get(info.team)
    if current is not None:
        link.on_surge(current)
    if hand is not None and client.hand_raised:
        hand.setChecked(True)
        hand.retranslate()
    # Bound methods of a QObject child of the window: Qt disconnects them with the window.
    bridge.surge.connect(link.on_surge)
    bridge.notice.connect(link.on_notice)
    return SupervisionUi(notices, surge, hand, actions, control)
