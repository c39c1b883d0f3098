"""The settings window: the policy page over the running configuration service (Qt thread).

Shows every setting's effective value and where it comes from; IT's locked settings are read
only with their reason; a change applies at once where it can and says so where it cannot.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from homeseat.config.service import ConfigService
from homeseat.ui.policy_page import PolicyPage

__all__ = ["SettingsDialog"]


class SettingsDialog(QDialog):
    """A non-modal window around :class:`PolicyPage`."""

    def __init__(self, service: ConfigService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.page = PolicyPage(service, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(900, 640)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read texts in the current language."""
        self.setWindowTitle(self.tr("Settings"))
