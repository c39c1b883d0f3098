"""The policy page: every setting, its effective value, where it came from, and who may change it.

Runs on the Qt main thread (the configuration service lives on the same thread under qasync, so
its change callbacks arrive here directly). Settings locked by IT are read-only and show the
reason; the user's own values are edited in place, saved at once, and apply live or say "applies
after restart". Lists (codes, SIP accounts, codecs) are shown but edited only through policy files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.config.keys import KeySpec, settings_keys
from homeseat.config.layers import Layer, Source
from homeseat.config.service import PUSH_ORIGIN, ConfigChange, ConfigService, SettingRefused
from homeseat.config.status import DocState, PolicyStatus

__all__ = ["PolicyPage", "Column"]

_LOCKED_TINT = QColor("#fff4e0")


class Column:
    """Table columns."""

    KEY = 0
    VALUE = 1
    SOURCE = 2
    LOCK = 3
    APPLIES = 4
    RESET = 5
    COUNT = 6


def _tr(context: str, text: str) -> str:
    # The (context, literal) pair is written at each call so pyside6-lupdate can extract it.
    return QCoreApplication.translate(context, text)


def _schema(spec: KeySpec) -> dict[str, Any]:
    schema = spec.adapter.json_schema()
    # Optional values (devices, CA files) are anyOf [X, null]: edit X, empty means null.
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return {**option, "nullable": True}
    return schema


def _display(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class PolicyPage(QWidget):
    """A table over a :class:`ConfigService`.

    Args:
        service: the configuration service (loaded).
        parent: Qt parent.
    """

    def __init__(self, service: ConfigService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PolicyPage")
        self._service = service
        self._keys = settings_keys()
        self._rows = {pointer: row for row, pointer in enumerate(self._keys)}
        self._editors: dict[str, QWidget] = {}
        self._resets: dict[str, QToolButton] = {}
        self._items: dict[tuple[str, int], QTableWidgetItem] = {}
        self._refreshing = False
        self._pending_restart: set[str] = set()

        self.title = QLabel()
        self.title.setObjectName("CardTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("PolicyMessage")
        self.restart_notice = QLabel()
        self.restart_notice.setWordWrap(True)
        self.restart_notice.setVisible(False)

        self.table = QTableWidget(len(self._keys), Column.COUNT)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.VALUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.LOCK, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.APPLIES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.RESET, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(Column.VALUE, 300)
        self.table.setColumnWidth(Column.SOURCE, 230)

        for pointer, row in self._rows.items():
            spec = self._keys[pointer]
            for column in (Column.KEY, Column.SOURCE, Column.LOCK, Column.APPLIES):
                self._items[pointer, column] = QTableWidgetItem()
                self.table.setItem(row, column, self._items[pointer, column])
            self._items[pointer, Column.KEY].setText(pointer)
            self._items[pointer, Column.KEY].setToolTip(spec.description)
            editor = self._make_editor(spec)
            self._editors[pointer] = editor
            self.table.setCellWidget(row, Column.VALUE, editor)
            # The view shows cell widgets itself, so the button sits in a holder and is the one
            # hidden when there is no user value to reset.
            holder = QWidget()
            holder_layout = QHBoxLayout(holder)
            holder_layout.setContentsMargins(2, 0, 2, 0)
            reset = QToolButton(holder)
            reset.clicked.connect(lambda _=False, p=pointer: self._reset(p))
            holder_layout.addWidget(reset)
            self._resets[pointer] = reset
            self.table.setCellWidget(row, Column.RESET, holder)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.filter_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.restart_notice)
        layout.addWidget(self.message)

        self._unsubscribe = [
            service.subscribe(self._on_change),
            service.subscribe_status(self._on_status),
        ]
        self.destroyed.connect(lambda *_: self._detach())
        self.retranslate()

    # ------------------------------------------------------------------ public helpers

    def row_of(self, pointer: str) -> int:
        """The table row of a key."""
        return self._rows[pointer]

    def editor(self, pointer: str) -> QWidget:
        """The value editor of a key (read-only when locked or a list)."""
        return self._editors[pointer]

    def cell_text(self, pointer: str, column: int) -> str:
        """The text shown in ``column`` for a key."""
        item = self.table.item(self._rows[pointer], column)
        return item.text() if item is not None else ""

    def cell_text_at(self, row: int, column: int) -> str:
        """The text shown at ``row``, ``column``."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def detach(self) -> None:
        """Stop following the service (called automatically when the page is destroyed)."""
        self._detach()

    # ------------------------------------------------------------------ editors

    def _make_editor(self, spec: KeySpec) -> QWidget:
        schema = _schema(spec)
        pointer = spec.pointer
        commit: Callable[..., None] = lambda *_: self._commit(pointer)  # noqa: E731
        kind = schema.get("type")
        if "enum" in schema:
            combo = QComboBox()
            for value in schema["enum"]:
                combo.addItem(str(value), value)
            combo.activated.connect(commit)
            return combo
        if kind == "boolean":
            box = QCheckBox()
            box.clicked.connect(commit)
            return box
        if kind == "integer":
            spin = QSpinBox()
            spin.setRange(
                int(schema.get("minimum", -(2**31))), int(schema.get("maximum", 2**31 - 1))
            )
            spin.setKeyboardTracking(False)
            spin.editingFinished.connect(commit)
            return spin
        if kind == "number":
            dspin = QDoubleSpinBox()
            lo = schema.get("minimum", schema.get("exclusiveMinimum", 0.0))
            dspin.setRange(float(lo), float(schema.get("maximum", 1e9)))
            dspin.setDecimals(2)
            dspin.setSingleStep(0.1 if float(schema.get("maximum", 10)) <= 5 else 1.0)
            dspin.setKeyboardTracking(False)
            dspin.editingFinished.connect(commit)
            return dspin
        if kind == "string":
            line = QLineEdit()
            line.editingFinished.connect(commit)
            return line
        label = QLabel()  # lists: shown, edited through policy files only
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _editor_value(self, pointer: str) -> Any:
        editor = self._editors[pointer]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QDoubleSpinBox):
            return round(editor.value(), editor.decimals())
        if isinstance(editor, QLineEdit):
            text = editor.text().strip()
            return None if not text and _schema(self._keys[pointer]).get("nullable") else text
        raise TypeError("not editable")

    def _show_value(self, pointer: str, value: Any) -> None:
        editor = self._editors[pointer]
        editor.blockSignals(True)
        try:
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                editor.setValue(value)
            elif isinstance(editor, QLineEdit):
                editor.setText("" if value is None else str(value))
            elif isinstance(editor, QLabel):
                text = _display(value)
                editor.setText(text if len(text) <= 80 else text[:79] + "…")
                editor.setToolTip(json.dumps(value, ensure_ascii=False, indent=1))
        finally:
            editor.blockSignals(False)

    # ------------------------------------------------------------------ changes

    def _commit(self, pointer: str) -> None:
        if self._refreshing or pointer in self._service.effective.locked:
            return
        value = self._editor_value(pointer)
        if value == self._service.effective.values.get(pointer):
            return
        try:
            self._service.set_user_value(pointer, value)
        except SettingRefused as refused:
            self._say(
                _tr("PolicyPage", "Not changed: {key}: {why}").format(
                    key=pointer, why=refused.message
                ),
                error=True,
            )
            self._refresh()
            return
        self._after_user_change(pointer)

    def _reset(self, pointer: str) -> None:
        try:
            self._service.reset_user_value(pointer)
        except SettingRefused as refused:
            self._say(
                _tr("PolicyPage", "Not changed: {key}: {why}").format(
                    key=pointer, why=refused.message
                ),
                error=True,
            )
            return
        self._after_user_change(pointer)

    def _after_user_change(self, pointer: str) -> None:
        if self._keys[pointer].live:
            self._say(_tr("PolicyPage", "Saved: {key} applies now.").format(key=pointer))
        else:
            self._pending_restart.add(pointer)
            self._say(_tr("PolicyPage", "Saved: {key} applies after restart.").format(key=pointer))
        self._refresh()

    def _on_change(self, change: ConfigChange) -> None:
        self._pending_restart.update(change.restart_needed)
        self._refresh()

    def _on_status(self, _status: PolicyStatus) -> None:
        self._refresh_summary()

    def _detach(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #1b5e20;")

    # ------------------------------------------------------------------ presentation

    def _source_text(self, source: Source) -> str:
        where = (
            _tr("PolicyPage", "hub push")
            if source.origin == PUSH_ORIGIN
            else PurePath(source.origin).name
        )
        serial = (
            _tr("PolicyPage", ", serial {n}").format(n=source.serial)
            if source.serial is not None
            else ""
        )
        if source.layer is Layer.BUILTIN:
            return _tr("PolicyPage", "Built-in default")
        if source.layer is Layer.USER:
            return _tr("PolicyPage", "Your setting")
        if source.layer is Layer.MANAGED:
            return _tr("PolicyPage", "IT default ({where}{serial})").format(
                where=where, serial=serial
            )
        return _tr("PolicyPage", "IT, locked ({where}{serial})").format(where=where, serial=serial)

    def _refresh(self) -> None:
        effective = self._service.effective
        self._refreshing = True
        try:
            for pointer in self._rows:
                spec = self._keys[pointer]
                self._show_value(pointer, effective.values[pointer])
                source_item = self._items[pointer, Column.SOURCE]
                source_item.setText(self._source_text(effective.sources[pointer]))
                source_item.setToolTip(effective.sources[pointer].origin)
                reason = effective.locked.get(pointer)
                lock_item = self._items[pointer, Column.LOCK]
                lock_item.setText(reason or "")
                lock_item.setToolTip(reason or "")
                # Locked rows are tinted so IT's choices stand out at a glance.
                tint = QBrush(_LOCKED_TINT) if reason is not None else QBrush()
                for column in (Column.KEY, Column.SOURCE, Column.LOCK, Column.APPLIES):
                    self._items[pointer, column].setBackground(tint)
                editable = not isinstance(self._editors[pointer], QLabel)
                self._editors[pointer].setEnabled(reason is None or not editable)
                if reason is not None and editable:
                    self._editors[pointer].setToolTip(
                        _tr("PolicyPage", "Locked by IT: {reason}").format(reason=reason)
                    )
                elif not editable:
                    self._editors[pointer].setToolTip(_tr("PolicyPage", "Set through policy files"))
                else:
                    self._editors[pointer].setToolTip(spec.description)
                applies = self._items[pointer, Column.APPLIES]
                applies.setText(
                    _tr("PolicyPage", "live") if spec.live else _tr("PolicyPage", "after restart")
                )
                has_user, _value = self._service.user_value(pointer)
                # Only a value the user set can be reset; otherwise the button is not shown.
                self._resets[pointer].setEnabled(has_user and reason is None)
                self._resets[pointer].setVisible(has_user and reason is None)
        finally:
            self._refreshing = False
        restart = sorted(self._pending_restart)
        self.restart_notice.setVisible(bool(restart))
        self.restart_notice.setText(
            _tr("PolicyPage", "Applies after restart: {keys}").format(keys=", ".join(restart))
        )
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        status = self._service.status()
        parts: list[str] = []
        names = {
            "managed": _tr("PolicyPage", "Managed file"),
            "push": _tr("PolicyPage", "Hub push"),
            "user": _tr("PolicyPage", "Your file"),
        }
        states = {
            DocState.OK: _tr("PolicyPage", "in force"),
            DocState.PARTIAL: _tr("PolicyPage", "in force, {n} key(s) refused"),
            DocState.REFUSED: _tr(
                "PolicyPage", "refused, the last good version stays ({n} problem(s))"
            ),
            DocState.MISSING: _tr("PolicyPage", "none"),
            DocState.EXPIRED: _tr("PolicyPage", "expired"),
        }
        for doc in status.documents:
            text = states[doc.state].format(n=len(doc.problems))
            serial = (
                _tr("PolicyPage", " (serial {n})").format(n=doc.in_force_serial)
                if doc.in_force_serial is not None
                else ""
            )
            parts.append(f"{names[doc.kind]}: {text}{serial}")
        parts.append(_tr("PolicyPage", "{n} locked").format(n=status.locked_keys))
        self.summary.setText(" · ".join(parts))
        self.summary.setToolTip(
            "\n".join(f"{d.origin}: {p.format()}" for d in status.documents for p in d.problems)
        )

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for pointer, row in self._rows.items():
            hay = f"{pointer} {self._keys[pointer].description}".lower()
            self.table.setRowHidden(row, bool(needle) and needle not in hay)

    def retranslate(self) -> None:
        """Re-read every text (after a language switch)."""
        self.title.setText(_tr("PolicyPage", "Settings and policy"))
        self.filter_edit.setPlaceholderText(_tr("PolicyPage", "Filter settings"))
        self.table.setHorizontalHeaderLabels(
            [
                _tr("PolicyPage", "Setting"),
                _tr("PolicyPage", "Value"),
                _tr("PolicyPage", "Source"),
                _tr("PolicyPage", "Locked by IT because"),
                _tr("PolicyPage", "Applies"),
                "",
            ]
        )
        for reset in self._resets.values():
            reset.setText(_tr("PolicyPage", "Reset"))
            reset.setToolTip(_tr("PolicyPage", "Forget your value; use the IT or built-in default"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
