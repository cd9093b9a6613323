"""Table models for the lists of records: clients, visits, today's agenda, amendments, issued documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.ui.dates import format_date

if TYPE_CHECKING:  # named only; importing the records (or uuid) costs start-up time
    import uuid

    from consultapp.domain.records import Amendment, ClientSummary, IssuedDocument, VisitSummary

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
RowT = TypeVar("RowT")
# data() is called hundreds of times per repaint, for every role: the roles it answers, looked up once.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ID = int(ID_ROLE)


class RecordTableModel(QAbstractTableModel, Generic[RowT]):
    """A read-only list of rows; subclasses name the columns (``COL_*``, ``HEADERS``) and the cells.

    A row's cells are worked out once, the first time the view asks for one of them, and kept until
    the rows change: sizing the columns and painting ask for the same cells many times over.
    """

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._cells: list[tuple[str, ...] | None] = []
        self._plain = type(self).data is RecordTableModel.data  # (its cells are their texts alone)

    def set_rows(self, rows: Sequence[RowT]) -> bool:
        """Show ``rows`` (the model is reset); returns whether the rows shown changed (here always)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [None] * len(self._rows)
        self.endResetModel()
        return True

    def record(self, row: int) -> RowT:
        return self._rows[row]

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_id(self, row: int) -> uuid.UUID:
        record_id: uuid.UUID = getattr(self._rows[row], "id")  # noqa: B009 - rows are summaries with an id
        return record_id

    def row_of(self, record_id: uuid.UUID) -> int | None:
        return next((i for i, r in enumerate(self._rows) if getattr(r, "id", None) == record_id), None)

    def cell(self, row: RowT, column: int) -> str:
        """One cell's text. A subclass gives this or ``cells`` (each is worked out from the other)."""
        shown = self.cells(row)
        return shown[column] if 0 <= column < len(shown) else ""

    def cells(self, row: RowT) -> tuple[str, ...]:
        """Every cell of ``row``, in column order (a subclass may work them out together)."""
        if type(self).cell is RecordTableModel.cell:
            raise NotImplementedError(f"{type(self).__name__} gives neither cell nor cells")
        return tuple(self.cell(row, c) for c in range(len(self.HEADERS)))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != _DISPLAY and role != _TOOLTIP and role != _ID:  # (most calls: fonts, colours, icons...)
            return None
        r = index.row()
        if not 0 <= r < len(self._rows) or not index.isValid():
            return None
        if role == _ID:
            value = getattr(self._rows[r], "id", None)
            return None if value is None else str(value)
        cells = self._cells[r]
        if cells is None:
            cells = self._cells[r] = self.cells(self._rows[r])
        column = index.column()
        return cells[column] if 0 <= column < len(cells) else None

    def cell_text(self, r: int, column: int) -> str | None:
        """The text of a cell when it is all the cell shows (``data`` is this class's own), else None."""
        if not self._plain or not 0 <= r < len(self._rows):
            return None
        cells = self._cells[r]
        if cells is None:
            cells = self._cells[r] = self.cells(self._rows[r])
        return cells[column] if 0 <= column < len(cells) else None

    def row_texts(self, first: int, stop: int) -> list[tuple[str, ...]]:
        """The cell texts of rows ``first`` up to ``stop`` (what ``data`` shows), worked out for those rows only."""
        shown = []
        for r in range(max(0, first), min(stop, len(self._rows))):
            cells = self._cells[r]
            if cells is None:
                cells = self._cells[r] = self.cells(self._rows[r])
            shown.append(cells)
        return shown

    def texts(self) -> list[tuple[str, ...]] | None:
        """Every row's cell texts (what ``data`` shows), for a view that measures them itself; None when a
        subclass answers ``data`` in its own way (other roles, other texts)."""
        if type(self).data is not RecordTableModel.data:
            return None
        for r, cells in enumerate(self._cells):
            if cells is None:
                self._cells[r] = self.cells(self._rows[r])
        return self._cells  # type: ignore[return-value]  # (every row filled above)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        return None


NextPage = Callable[["ClientSummary"], "tuple[Sequence[ClientSummary], bool] | None"]
"""The rows after the given (last shown) one, and whether more follow them; None when they could not be read."""


class ClientTableModel(RecordTableModel["ClientSummary"]):
    """The clients found, a page at a time: the view asks for the next page when scrolled to the end."""

    COL_NAME, COL_BABIES, COL_PHONE, COL_LAST_VISIT = range(4)
    HEADERS = ("Parent", "Babies", "Phone", "Last visit")
    paging_changed = Signal()
    """Whether more rows can follow changed (the list's count line says so)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._more: NextPage | None = None
        self.page_failed = False

    def set_rows(self, rows: Sequence[ClientSummary], more: NextPage | None = None) -> bool:
        """``more(last)`` gives the rows after ``last`` and whether others follow them; None: ``rows`` are
        all there is. Returns whether the rows changed: the same rows as shown (she typed a letter more and
        the same clients are found) keep the model as it is, no reset, only the next page's reader changes."""
        self._more = more
        self.page_failed = False
        changed = rows != self._rows
        if changed:
            super().set_rows(rows)
        self.paging_changed.emit()
        return changed

    def has_more(self) -> bool:
        return self._more is not None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return self._more is not None and bool(self._rows) and not parent.isValid()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self._more is None or not self._rows or parent.isValid():
            return
        more, self._more = self._more, None  # (not asked again while this page loads)
        got = more(self._rows[-1])
        if got is None:
            self.page_failed = True
            self.paging_changed.emit()
            return
        page, others = got
        if others:
            self._more = more
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self._cells.extend([None] * len(page))
            self.endInsertRows()
        self.paging_changed.emit()

    def cells(self, row: ClientSummary) -> tuple[str, ...]:
        """(Once a row: each keystroke shows a new page of them.)"""
        return (row.full_name, ", ".join(row.baby_names), row.phone, format_date(row.last_visit))


class VisitTableModel(RecordTableModel["VisitSummary"]):
    COL_DATE, COL_PLACE, COL_REASON = range(3)
    HEADERS = ("Date", "Place", "Reason")

    def cells(self, row: VisitSummary) -> tuple[str, ...]:
        return format_date(row.visit_date), row.location.label, row.reason


class AgendaTableModel(RecordTableModel["VisitSummary"]):
    """Visits of several clients: today's, or those whose follow-up is overdue."""

    COL_CLIENT, COL_DATE, COL_PLACE, COL_REASON = range(4)
    HEADERS = ("Client", "Visit", "Place", "Reason")

    def cell(self, row: VisitSummary, column: int) -> str:
        return {
            self.COL_CLIENT: row.client_name,
            self.COL_DATE: format_date(row.visit_date),
            self.COL_PLACE: row.location.label,
            self.COL_REASON: row.reason,
        }.get(column, "")


class AmendmentTableModel(RecordTableModel["Amendment"]):
    COL_WHEN, COL_BY, COL_REASON, COL_FIELDS = range(4)
    HEADERS = ("When", "By", "Reason", "What changed")

    baby_names: Sequence[str] = ()
    weight_unit = WeightUnit.G
    temperature_unit = TemperatureUnit.C

    def set_context(self, baby_names: Sequence[str], weight_unit: WeightUnit,
                    temperature_unit: TemperatureUnit) -> None:
        """Name the visit's babies and show values in the practice's units (before ``set_rows``)."""
        self.baby_names, self.weight_unit, self.temperature_unit = tuple(baby_names), weight_unit, temperature_unit

    def cell(self, row: Amendment, column: int) -> str:
        # lazy: an amended visit's changes (and dataclasses) load with its first amendment shown, not at start-up
        from consultapp.domain.changes import shown_changes

        local = row.at.astimezone() if row.at.tzinfo else row.at
        shown = shown_changes(row.changes, self.baby_names, self.weight_unit, self.temperature_unit)
        fields = "\n".join(str(change) for change in shown)
        return {
            self.COL_WHEN: f"{format_date(local.date())} {local:%H:%M}",
            self.COL_BY: row.author,
            self.COL_REASON: row.reason,
            self.COL_FIELDS: fields,
        }.get(column, "")


class DocumentTableModel(RecordTableModel["IssuedDocument"]):
    COL_ISSUED, COL_TITLE, COL_BY, COL_SIZE = range(4)
    HEADERS = ("Issued", "Document", "By", "Size")

    def cell(self, row: IssuedDocument, column: int) -> str:
        local = row.issued_at.astimezone() if row.issued_at.tzinfo else row.issued_at
        return {
            self.COL_ISSUED: f"{format_date(local.date())} {local:%H:%M}",
            self.COL_TITLE: row.title,
            self.COL_BY: row.issued_by,
            self.COL_SIZE: f"{max(1, round(row.size / 1024))} KB",
        }.get(column, "")
