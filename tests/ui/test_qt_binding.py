"""The Qt binding must not drop references to None/True (PySide6 6.12.0 did, killing Python 3.11).

The table model returns None for most roles and emits dataChanged many times a second; a binding
that decrements a reference it does not own makes the interpreter abort once the count runs out.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt


class _Model(QAbstractTableModel):
    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 4

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 3

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return "x" if role == Qt.ItemDataRole.DisplayRole else None


def test_returning_none_and_emitting_keep_reference_counts(qapp: Any) -> None:
    model = _Model()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        proxy.data(proxy.index(1, 1), Qt.ItemDataRole.ToolTipRole)  # C++ calls data() -> None
        model.dataChanged.emit(model.index(1, 0), model.index(1, 2))
    # Allow a little noise from unrelated objects; a binding bug loses ~200 of each.
    assert sys.getrefcount(None) > none_before - 50
    assert sys.getrefcount(True) > true_before - 50
