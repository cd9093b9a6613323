"""The findings placed on the breast map, as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from consultapp.domain.records import BreastMapFinding
from consultapp.domain.vocabulary import Side, SpectrumCondition

Index = QModelIndex | QPersistentModelIndex


class MapFindingModel(QAbstractTableModel):
    COL_SIDE, COL_CLOCK, COL_DISTANCE, COL_KIND, COL_SIZE, COL_CONDITION = range(6)
    HEADERS = ("Breast", "Clock", "From nipple", "Finding", "Size", "Condition")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BreastMapFinding] = []
        self._named: dict[Side, SpectrumCondition] = {}
        self._derived: dict[Side, SpectrumCondition] = {}

    def set_conditions(self, named: dict[Side, SpectrumCondition], derived: dict[Side, SpectrumCondition]) -> None:
        """Each breast's condition: named by the consultant, else what its signs point to."""
        self._named, self._derived = dict(named), dict(derived)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_CONDITION), self.index(len(self._rows) - 1,
                                                                                 self.COL_CONDITION))

    def condition_text(self, side: Side) -> str:
        if side in self._named:
            return self._named[side].label
        if side in self._derived:
            return f"{self._derived[side].label} (from the signs)"
        return ""

    def findings(self) -> list[BreastMapFinding]:
        return list(self._rows)

    def set_findings(self, findings: list[BreastMapFinding]) -> None:
        self.beginResetModel()
        self._rows = list(findings)
        self.endResetModel()

    def append(self, finding: BreastMapFinding) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(finding)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        f = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            condition = self.condition_text(f.side)
            return f"{f.kind.label} {f.where}" + (f". Condition: {condition}" if condition else "")
        column = index.column()
        if column == self.COL_SIDE:
            return f.side.label.split()[0]
        if column == self.COL_CLOCK:
            return f"{f.clock} o'clock"
        if column == self.COL_DISTANCE:
            return "" if f.distance_cm is None else f"{f.distance_cm:g} cm"
        if column == self.COL_KIND:
            return f.kind.label + (f" ({f.nipple_damage.label.lower()})" if f.nipple_damage else "")
        if column == self.COL_SIZE:
            return "" if f.size_cm is None else f"{f.size_cm:g} cm"
        if column == self.COL_CONDITION:
            return self.condition_text(f.side)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return str(section + 1) if 0 <= section < len(self._rows) else None  # the number beside its symbol
