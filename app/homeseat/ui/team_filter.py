"""The team table's sorting and filtering proxy: by counter category, by team, by name.

Qt main thread. The filter reads the source model's presence objects directly (not cell texts),
so checking a row costs a few attribute reads even with thousands of rows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from homeseat.ui.team_model import SORT_ROLE, Category, TeamModel, category_of

__all__ = ["TeamFilter"]


class TeamFilter(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE`; keeps rows matching category, team and name text.

    Args:
        model: the team model.
        parent: Qt parent.
    """

    def __init__(self, model: TeamModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._category: Category | None = None
        self._team: str | None = None
        self._needle = ""
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_category(self, category: Category | None) -> None:
        """Only agents in ``category`` (None: all)."""
        if category != self._category:
            self.beginFilterChange()
            self._category = category
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_team(self, team: str | None) -> None:
        """Only agents of ``team`` (None: all)."""
        if team != self._team:
            self.beginFilterChange()
            self._team = team
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        """Only agents whose name or user name contains ``text`` (any case)."""
        needle = text.strip().casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Category, team and name checks on the row's presence."""
        agent = self._model.agent_at(source_row)
        if self._category is not None and category_of(agent) is not self._category:
            return False
        if self._team is not None and agent.team != self._team:
            return False
        if self._needle:
            name = agent.display_name.casefold()
            return self._needle in name or self._needle in agent.username.casefold()
        return True
