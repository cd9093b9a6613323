"""The care-plan steps as the consultant edits them: the engine's suggestions, ticked, ordered, and her own."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from consultapp.domain.careplan import SECTION_CUSTOM, PlanStep
from consultapp.domain.records import ChosenStep

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class StepRow:
    key: str
    text: str
    reason: str
    source: str
    section: str
    included: bool = True
    custom: bool = False

    @classmethod
    def suggested(cls, step: PlanStep) -> StepRow:
        return cls(step.key, step.text, step.reason, step.source, step.section)

    def chosen(self) -> ChosenStep:
        return ChosenStep(self.key, self.text, self.reason, self.source, self.included, self.custom)


class PlanStepModel(QAbstractTableModel):
    """Rows in plan order. Until the consultant changes something, the plan is "as suggested"
    (``edits()`` is empty) so later findings still flow into it."""

    COL_INCLUDED, COL_STEP, COL_REASON, COL_SECTION = range(4)
    HEADERS = ("Give", "Step", "Why", "Section")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StepRow] = []
        self._suggested: list[PlanStep] = []
        self.edited = False

    # -- reading and loading ------------------------------------------------------------------------
    def rows(self) -> list[StepRow]:
        return list(self._rows)

    def edits(self) -> list[ChosenStep]:
        return [r.chosen() for r in self._rows] if self.edited else []

    def load(self, edits: Sequence[ChosenStep], suggested: Sequence[PlanStep]) -> None:
        self.edited = bool(edits)
        self._suggested = list(suggested)
        by_key = {s.key: s for s in suggested}
        rows: list[StepRow] = []
        seen: set[str] = set()
        for c in edits:
            if c.key in seen:
                continue
            seen.add(c.key)
            if c.custom:
                rows.append(StepRow(c.key, c.text, c.reason, c.source, SECTION_CUSTOM, c.included, True))
            elif c.key in by_key:
                rows.append(replace(StepRow.suggested(by_key[c.key]), included=c.included))
            else:  # the engine no longer suggests it: keep it as written, unticked rows stay visible
                rows.append(StepRow(c.key, c.text, c.reason, c.source, "", c.included))
        self._reset(self._merge_new(_filed(rows), suggested, seen))

    def set_suggested(self, suggested: Sequence[PlanStep]) -> None:
        """New suggestions from the live findings; the consultant's choices are kept."""
        if [s.key for s in suggested] == [s.key for s in self._suggested] and list(suggested) == self._suggested:
            return
        if not self.edited:
            self._suggested = list(suggested)
            self._reset([StepRow.suggested(s) for s in suggested])
            return
        self.load(self.edits(), suggested)

    @staticmethod
    def _merge_new(rows: list[StepRow], suggested: Sequence[PlanStep], seen: set[str]) -> list[StepRow]:
        for step in suggested:
            if step.key in seen:
                continue
            last = max((i for i, r in enumerate(rows) if r.section == step.section), default=None)
            new = StepRow.suggested(step)
            if last is None:
                rows.append(new)
            else:
                rows.insert(last + 1, new)
        return rows

    def _reset(self, rows: list[StepRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    # -- editing ------------------------------------------------------------------------------------
    def set_included(self, row: int, included: bool) -> None:
        if 0 <= row < len(self._rows) and self._rows[row].included != included:
            self._rows[row] = replace(self._rows[row], included=included)
            self.edited = True
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def move(self, row: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); returns its new row."""
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)) or delta == 0:
            return row
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        self.edited = True
        return target

    def sections(self) -> list[str]:
        """The plan's sections in the order they appear (where her own step can go)."""
        return list(dict.fromkeys(r.section for r in self._rows if r.section))

    def add_custom(self, text: str, after: int | None = None, section: str | None = None) -> int:
        """Her own step: at the end of ``section`` (the care plan files a step with the one before it), else
        after row ``after``, else at the end."""
        last = max((i for i, r in enumerate(self._rows) if r.section == section), default=None)
        if section is not None and last is not None:
            after = last
        at = len(self._rows) if after is None else min(after + 1, len(self._rows))
        section = self._rows[at - 1].section if at > 0 else SECTION_CUSTOM
        self.beginInsertRows(QModelIndex(), at, at)
        key = f"custom-{uuid.uuid4().hex[:12]}"
        self._rows.insert(at, StepRow(key, text.strip(), "", "", section or SECTION_CUSTOM, True, True))
        self.endInsertRows()
        self.edited = True
        return at

    def remove(self, row: int) -> bool:
        """Remove one of the consultant's own steps (the engine's are unticked, not removed)."""
        if not (0 <= row < len(self._rows)) or not self._rows[row].custom:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited = True
        return True

    # -- Qt model -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_INCLUDED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.COL_STEP and self._rows[index.row()].custom:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_INCLUDED:
            return Qt.CheckState.Checked if r.included else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.COL_INCLUDED:
                return ""  # the check box says it (and screen readers read its state)
            if column == self.COL_STEP:
                return r.text
            if column == self.COL_REASON:
                return ("Your own step" if r.custom else r.reason) or ""
            if column == self.COL_SECTION:
                return r.section
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.text}\n\nWhy: {r.reason or '-'}\nSource: {r.source or '-'}"
        if role == Qt.ItemDataRole.ForegroundRole and not r.included:
            return QColor("#757575")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = index.row()
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.COL_INCLUDED:
            state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
            self.set_included(row, state == Qt.CheckState.Checked)
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() == self.COL_STEP and self._rows[row].custom:
            text = str(value).strip()
            if not text:
                return False
            self._rows[row] = replace(self._rows[row], text=text)
            self.edited = True
            self.dataChanged.emit(index, index)
            return True
        return False

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        return None


def _filed(rows: list[StepRow]) -> list[StepRow]:
    """Her own steps in the section the care plan prints them in: the step's before them, else after them
    (``domain.careplan.edits.apply_edits``), so the screen and the paper agree when a visit is opened again."""
    engine = [None if r.custom or not r.section else r.section for r in rows]
    filed = []
    for i, r in enumerate(rows):
        if r.custom:
            before = next((s for s in reversed(engine[:i]) if s), None)
            after = next((s for s in engine[i + 1:] if s), None)
            r = replace(r, section=before or after or SECTION_CUSTOM)
        filed.append(r)
    return filed
