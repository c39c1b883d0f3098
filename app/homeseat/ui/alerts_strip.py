"""The alert strip above the team table: who needs a look now, and the lead's acknowledgement.

Qt main thread. The strip re-reads the model's loud alerts when they change, at most five times a
second (a burst of deltas must not rebuild it for every one), and shows the most urgent first.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.alerts import AlertKind
from homeseat.ui.alerts import alert_label
from homeseat.ui.icons import Icons
from homeseat.ui.team_model import TeamModel
from homeseat.ui.theme import styled

__all__ = ["AlertStrip", "MAX_LISTED"]

#: At most this many alerts are listed (the count says how many there are).
MAX_LISTED = 60
_UID = Qt.ItemDataRole.UserRole
_KIND = Qt.ItemDataRole.UserRole + 1
_STYLE = """
QFrame#AlertStrip { background: #fff4f2; border: 1px solid #f1c4bf; border-radius: 8px; }
QLabel#AlertTitle { color: #8c1d18; font-weight: 600; }
QListWidget#AlertList { background: transparent; border: none; }
QListWidget#AlertList::item {
    background: #fde2df; color: #8c1d18; border-radius: 10px; padding: 2px 8px; margin: 2px;
}
QListWidget#AlertList::item:selected { background: #f4b9b2; color: #5c120e; }
"""


class AlertStrip(QFrame):
    """Lists loud alerts; select one to find the agent, acknowledge one or all.

    Args:
        model: the team model (its alert book).
        icons: icon cache.
        parent: Qt parent.
    """

    #: The lead clicked an alert: select this agent (user id) in the table.
    agent_selected = Signal(int)

    def __init__(self, model: TeamModel, icons: Icons, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlertStrip")
        self.setStyleSheet(_STYLE)
        self._model = model
        self._icons = icons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.title = styled(QLabel(""), "AlertTitle")
        icon = QLabel()
        icon.setPixmap(icons.named("warning").pixmap(QSize(16, 16)))
        top.addWidget(icon)
        top.addWidget(self.title)
        top.addStretch(1)
        self.ack_button = QPushButton()
        self.ack_all_button = QPushButton()
        top.addWidget(self.ack_button)
        top.addWidget(self.ack_all_button)
        layout.addLayout(top)
        self.list = styled(QListWidget(), "AlertList")
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(64)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.ack_all_button.clicked.connect(self.acknowledge_all)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemSelectionChanged.connect(self._selection)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(200)
        self._pending.timeout.connect(self.refresh)
        model.alerts_changed.connect(self._schedule)
        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------------ actions

    def acknowledge_selected(self) -> None:
        """Acknowledge the selected alerts."""
        for item in self.list.selectedItems():
            self._model.acknowledge(int(item.data(_UID)), [AlertKind(str(item.data(_KIND)))])
        self.refresh()

    def acknowledge_all(self) -> None:
        """Acknowledge every alert (listed or not)."""
        for alert in self._model.book.loud_alerts():
            self._model.acknowledge(alert.user_id, [alert.kind])
        self.refresh()

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        """Re-read the loud alerts now."""
        self._pending.stop()
        alerts = self._model.book.loud_alerts()
        self.list.clear()
        for alert in alerts[:MAX_LISTED]:
            agent = self._model.agent_by_id(alert.user_id)
            if agent is None:
                continue
            when = alert.since.astimezone().strftime("%H:%M")
            text = f"{agent.display_name or agent.username} · {alert_label(alert.kind)} · {when}"
            item = QListWidgetItem(text)
            item.setData(_UID, alert.user_id)
            item.setData(_KIND, alert.kind.value)
            if alert.kind is AlertKind.HELP and agent.help_text:
                item.setToolTip(agent.help_text)
            self.list.addItem(item)
        count = len(alerts)
        self.title.setText(self.tr("%n alert(s) need a look", "", count))
        self.setVisible(count > 0)
        self._selection()

    def retranslate(self) -> None:
        """Re-read texts in the current language."""
        self.ack_button.setText(self.tr("Acknowledge"))
        self.ack_button.setToolTip(
            self.tr("Quiet the selected alerts until their condition clears and comes back")
        )
        self.ack_all_button.setText(self.tr("Acknowledge all"))
        self.refresh()

    def _schedule(self) -> None:
        if not self._pending.isActive():
            self._pending.start()

    def _clicked(self, item: QListWidgetItem) -> None:
        self.agent_selected.emit(int(item.data(_UID)))

    def _selection(self) -> None:
        self.ack_button.setEnabled(bool(self.list.selectedItems()))
