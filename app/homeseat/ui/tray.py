"""The tray icon: state at a glance (coloured badge) and the state menu, Sign out, Quit.

Runs on the Qt main thread. Where the desktop has no tray (offscreen, some Linux desktops) the
icon is simply not shown; every action stays reachable from the main window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon

from homeseat.core.agent_state import AgentState, AgentStatus, EventKind
from homeseat.core.codes import LabeledCode
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.state_menu import StateMenu
from homeseat.ui.texts import reason_label, state_label
from homeseat.ui.theme import state_colors

__all__ = ["Tray"]


class Tray(QObject):
    """Owns the QSystemTrayIcon and its :class:`StateMenu` (with Sign out and Quit).

    Call :meth:`close` before dropping it: the menu is a top-level widget, and the platform's
    tray keeps a pointer to it that must be cleared before the menu goes (else a later event
    such as a language switch reaches freed memory).

    Args:
        reason_codes: configured reasons.
        translations: current language.
        icons: icon cache.
        parent: Qt parent.
    """

    def __init__(
        self,
        reason_codes: Sequence[LabeledCode],
        translations: Translations,
        icons: Icons,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._codes = tuple(reason_codes)
        self._translations = translations
        self._icons = icons
        self.menu = StateMenu(reason_codes, translations, icons, session_actions=True)
        self.icon = QSystemTrayIcon(icons.app(), self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self._status = AgentStatus()

    @property
    def available(self) -> bool:
        """True when the desktop shows tray icons."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        """Show the icon if the desktop has a tray."""
        if self.available:
            self.icon.show()

    def hide(self) -> None:
        """Remove the icon (on shutdown, so no stale icon remains)."""
        self.icon.hide()

    def close(self) -> None:
        """Remove the icon and delete the menu (a top-level widget that no parent deletes)."""
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]  # Qt accepts nullptr
        self.menu.deleteLater()

    def set_status(self, status: AgentStatus, allowed: frozenset[EventKind]) -> None:
        """Badge colour, tooltip and menu follow the agent's state."""
        self._status = status
        self.menu.update_for(status, allowed)
        self.icon.setIcon(self._icons.tray(state_colors(status.state).fg))
        self.retranslate()

    def retranslate(self) -> None:
        """Tooltip in the current language."""
        status = self._status
        text = state_label(status.state, status.channel)
        if status.state is AgentState.NOT_READY and status.reason:
            text += " · " + reason_label(status.reason, self._codes, self._translations.language)
        self.icon.setToolTip(f"HomeSeat – {text}")
        self.menu.retranslate()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.menu.show_requested.emit()
