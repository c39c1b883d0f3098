"""The update notice: one quiet line in the status bar when the hub recommends a newer client.

Runs on the Qt main thread. It never interrupts the agent (no dialog, no sound): agents update
between shifts, or IT pushes the new version. The hub's recommendation arrives in the sign-in
answer (``Welcome.recommended_client``, kept in ``SessionInfo``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from homeseat import __version__
from homeseat.core.version import update_recommended
from homeseat.ui.theme import styled

__all__ = ["UpdateNotice", "install_update_notice"]


class UpdateNotice(QLabel):
    """Shown only when ``recommended`` is newer than ``running``.

    Args:
        recommended: the version the hub recommends (None: no advice).
        running: this client's version.
        parent: Qt parent.
    """

    def __init__(
        self, recommended: str | None, running: str = __version__, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        styled(self, "UpdateNotice")
        self.setStyleSheet("QLabel#UpdateNotice { color: #35507a; padding: 0 6px; }")
        self.recommended = recommended
        self.running = running
        self.due = update_recommended(running, recommended)
        self.setVisible(self.due)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read the text in the current language."""
        if not self.due:
            self.setText("")
            return
        self.setText(
            self.tr("Update available: HomeSeat {0} (this is {1})").format(
                self.recommended, self.running
            )
        )
        self.setToolTip(
            self.tr(
                "Your IT department recommends HomeSeat {0}. Install it after your shift, or ask "
                "IT. This version keeps working."
            ).format(self.recommended)
        )

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def install_update_notice(
    bar: QStatusBar, recommended: str | None, running: str = __version__
) -> UpdateNotice:
    """Add the notice to ``bar`` (at the right, before the permanent widgets) and return it."""
    notice = UpdateNotice(recommended, running)
    bar.addPermanentWidget(notice)
    # addPermanentWidget shows the widget: keep it hidden unless an update is due.
    notice.setVisible(notice.due)
    return notice
