"""The state menu: Ready, Not Ready with its reason codes, and (in the tray) Sign out / Quit.

Runs on the Qt main thread. The same menu class serves the big state control and the tray, so
both offer exactly the same choices, enabled by what the state machine accepts now.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from homeseat.core.agent_state import AgentState, AgentStatus, EventKind, StateEvent
from homeseat.core.codes import LabeledCode
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.theme import state_colors

__all__ = ["StateMenu"]

_IN_INTERACTION = (AgentState.OFFERED, AgentState.BUSY, AgentState.WRAP_UP)


class StateMenu(QMenu):
    """A menu that emits :attr:`requested` with the StateEvent the agent picked.

    Args:
        reason_codes: configured Not Ready reasons, in display order.
        translations: current language (reason labels are bilingual configuration data).
        icons: icon cache (state dots).
        session_actions: add "Sign out" and "Quit" (the tray menu).
        parent: Qt parent.
    """

    requested = Signal(object)  # StateEvent
    sign_out_requested = Signal()
    quit_requested = Signal()
    show_requested = Signal()

    def __init__(
        self,
        reason_codes: Sequence[LabeledCode],
        translations: Translations,
        icons: Icons,
        *,
        session_actions: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._codes = tuple(reason_codes)
        self._translations = translations
        self._status = AgentStatus()
        self._allowed: frozenset[EventKind] = frozenset()
        self._show: QAction | None = None
        if session_actions:
            self._show = self.addAction("")
            self._show.triggered.connect(self.show_requested.emit)
            self.addSeparator()
        self._ready = self.addAction(icons.dot(state_colors(AgentState.READY).fg), "")
        self._ready.setObjectName("ready")
        self._ready.triggered.connect(self._go_ready)
        self._section = self.addSection("")
        not_ready_dot = icons.dot(state_colors(AgentState.NOT_READY).fg)
        self._reasons: dict[str, QAction] = {}
        for code in self._codes:
            action = self.addAction(not_ready_dot, "")
            action.setObjectName(f"reason:{code.code}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, c=code.code: self._go_not_ready(c))
            self._reasons[code.code] = action
        self._sign_out: QAction | None = None
        self._quit: QAction | None = None
        if session_actions:
            self.addSeparator()
            self._sign_out = self.addAction("")
            self._sign_out.triggered.connect(self.sign_out_requested.emit)
            self._quit = self.addAction("")
            self._quit.triggered.connect(self.quit_requested.emit)
        self.retranslate()

    # ------------------------------------------------------------------ public

    def action_for_reason(self, code: str) -> QAction:
        """The action that asks for Not Ready with ``code`` (tests and keyboard shortcuts)."""
        return self._reasons[code]

    @property
    def ready_action(self) -> QAction:
        """The Ready action (or "stay Ready" while a Not Ready is pending)."""
        return self._ready

    def update_for(self, status: AgentStatus, allowed: frozenset[EventKind]) -> None:
        """Enable and check the choices for the current status."""
        self._status = status
        self._allowed = allowed
        busy = status.state in _IN_INTERACTION
        ready_ok = EventKind.GO_READY in allowed
        if status.state is AgentState.BUSY:
            ready_ok = ready_ok and status.pending_reason is not None  # only cancels pending
        self._ready.setEnabled(ready_ok)
        reason_ok = EventKind.GO_NOT_READY in allowed
        current = status.pending_reason if busy else status.reason
        for code, action in self._reasons.items():
            action.setEnabled(reason_ok)
            # Checks are set here only, so a click that is refused leaves no false tick behind.
            action.setChecked(code == current and (busy or status.state is AgentState.NOT_READY))
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every label in the current language."""
        busy = self._status.state in _IN_INTERACTION
        if self._status.state is AgentState.BUSY and self._status.pending_reason:
            self._ready.setText(self.tr("Stay Ready after this interaction"))
        else:
            self._ready.setText(self.tr("Ready"))
        self._section.setText(
            self.tr("Not Ready after this interaction") if busy else self.tr("Not Ready")
        )
        for code in self._codes:
            self._reasons[code.code].setText(code.label(self._translations.language))
        if self._show is not None:
            self._show.setText(self.tr("Show HomeSeat"))
        if self._sign_out is not None:
            self._sign_out.setText(self.tr("Sign out"))
        if self._quit is not None:
            self._quit.setText(self.tr("Quit"))

    # ------------------------------------------------------------------ Qt

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ internals

    def _go_ready(self) -> None:
        self.requested.emit(StateEvent(EventKind.GO_READY))

    def _go_not_ready(self, code: str) -> None:
        self.requested.emit(StateEvent(EventKind.GO_NOT_READY, reason=code))
