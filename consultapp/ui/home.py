"""The home page: find a client as you type, see her details and her visits, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.units import WeightUnit, format_weight
from consultapp.ui.dates import format_date
from consultapp.ui.painted_text import HeldRecord, PaintedLine, laid_out_now

if TYPE_CHECKING:  # records and ids are only named here; importing them costs start-up time
    import uuid

    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QKeyEvent

    from consultapp.domain.records import Client, ClientSummary, VisitSummary

from consultapp.ui.client_list import columns_resized_now, size_to_rows_on_screen
from consultapp.ui.models import AgendaTableModel, ClientTableModel, NextPage, RecordTableModel, VisitTableModel
from consultapp.ui.tables import RecordTable, record_table


def _table(model: RecordTableModel, name: str) -> RecordTable:  # type: ignore[type-arg]
    view = record_table(model, name)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Size columns to the rows on screen, not every row: on a full page that costs a frame per keystroke.
    view.horizontalHeader().setResizeContentsPrecision(0)
    return view


NO_VISITS = "No visits yet."
QWIDGETSIZE_MAX = 16777215  # (Qt's largest widget size: no maximum)


def _summary_lines(row: ClientSummary) -> tuple[str, str]:
    """What her row in the list says of her, as the record's panel shows it while her record is read: her name,
    and a line with her birth date, phone and babies."""
    details = [f"Born {format_date(row.date_of_birth)}"] if row.date_of_birth else []
    if row.phone:
        details.append(f"Phone {row.phone}")
    if row.baby_names:
        details.append(("Baby " if len(row.baby_names) == 1 else "Babies ") + ", ".join(row.baby_names))
    return row.full_name, " · ".join(details)


def _cap_columns(view: QTableView, most: int = 260) -> None:
    """Keep one very long value from pushing the other columns out of sight. A last column the header stretches
    keeps the width it is given (capping it would only have the header stretch it again, on a timer)."""
    columns = view.model().columnCount()
    stretched = columns - 1 if view.horizontalHeader().stretchLastSection() else -1
    for column in range(columns):
        if column != stretched and view.columnWidth(column) > most:
            view.setColumnWidth(column, most)


class _SearchBox(QLineEdit):
    """The search box: Down goes on to the clients found (``down``), as in a list of results."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.down.emit()
            return
        super().keyPressEvent(event)


class HomePage(QWidget):
    """Search on the left; the selected client's record and visit history on the right."""

    search_changed = Signal(str)
    client_selected = Signal(object)  # uuid.UUID | None
    new_client_requested = Signal()
    edit_client_requested = Signal()
    new_visit_requested = Signal()
    history_requested = Signal()
    open_visit_requested = Signal(object)  # uuid.UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._client_announced = 0  # times the current client was announced (client_selected)
        self._unhighlighting = False  # (a list's highlight being cleared: no client announced for it)
        self.weight_unit = WeightUnit.G  # the practice's, for the client summary (set with the settings)
        left = self._build_search_side()
        right = self._build_client_side()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._connect()
        self.setFocusProxy(self.search)
        self.show_client(None, [])

    def _build_search_side(self) -> QWidget:
        """The search box, the clients found, and today's agenda under them."""
        self.search = _SearchBox()
        self.search.setPlaceholderText("Search parent or baby name, or phone…")
        self.search.setAccessibleName("Search clients")
        self.search.setClearButtonEnabled(True)
        self.clients = ClientTableModel(self)
        self.client_view = _table(self.clients, "Clients")
        self.new_client_button = QPushButton("&New client")
        self.result_count = PaintedLine()  # (new text at each keystroke: no layout, one repaint)

        left = QWidget()
        left.setMinimumWidth(420)
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_client_button)
        lay.addLayout(top)
        lay.addWidget(self.client_view, 3)
        lay.addWidget(self.result_count)

        self.today = AgendaTableModel(self)
        self.today_view = _table(self.today, "Visits today")
        self.overdue = AgendaTableModel(self)
        self.overdue_view = _table(self.overdue, "Overdue follow-ups")
        self.today_box = QGroupBox("Visits today")
        self.today_empty = QLabel("No visits today.")
        self.overdue_box = QGroupBox("Overdue follow-ups")
        self.overdue_empty = QLabel("No follow-ups overdue.")
        for box, view, empty in ((self.today_box, self.today_view, self.today_empty),
                                 (self.overdue_box, self.overdue_view, self.overdue_empty)):
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(view)
            box_layout.addWidget(empty)
            view.setMaximumHeight(150)
        agenda = QHBoxLayout()
        agenda.addWidget(self.today_box, 1)
        agenda.addWidget(self.overdue_box, 1)
        lay.addLayout(agenda)
        return left

    def _build_client_side(self) -> QWidget:
        """The chosen client's record and her visits."""
        self.client_info = QLabel("Choose a client on the left, or create a new one.")
        self.client_info.setWordWrap(True)
        self.client_info.setTextFormat(Qt.TextFormat.RichText)
        self.client_info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Long unbroken names must wrap or clip inside the panel, never squeeze the client list.
        self.client_info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.edit_client_button = QPushButton("&Edit client")
        self.new_visit_button = QPushButton("New vi&sit")
        self.new_visit_button.setToolTip("Ctrl+N")
        self.history_button = QPushButton("Histor&y and charts")
        self.history_button.setToolTip("Ctrl+H")
        self.open_visit_button = QPushButton("&Open visit")
        self.visits = VisitTableModel(self)
        self.visit_view = _table(self.visits, "Visit history")
        self.visit_view.empty_hint = NO_VISITS  # (a RecordTable: ui/tables.py)

        info_box = QGroupBox("Client")
        ib = QVBoxLayout(info_box)
        ib.addWidget(self._build_record_panel())
        row = QHBoxLayout()
        row.addWidget(self.edit_client_button)
        row.addWidget(self.new_visit_button)
        row.addWidget(self.history_button)
        row.addStretch(1)
        ib.addLayout(row)
        history_box = QGroupBox("Visit history (newest first)")
        hb = QVBoxLayout(history_box)
        hb.addWidget(self.visit_view, 1)
        hrow = QHBoxLayout()
        hrow.addStretch(1)
        hrow.addWidget(self.open_visit_button)
        hb.addLayout(hrow)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(info_box)
        rl.addWidget(history_box, 1)
        return right

    def _build_record_panel(self) -> QStackedWidget:
        """Her record (``client_info``) or, while it is read, what her row in the list says of her
        (ui/painted_text.py: a repaint at each keystroke, no layout)."""
        self.held = HeldRecord()
        self.held.setEnabled(False)  # (greyed: her record is on its way)
        self.record_panel = QStackedWidget()
        self.record_panel.addWidget(self.client_info)
        self.record_panel.addWidget(self.held)
        return self.record_panel

    def _connect(self) -> None:
        self.search.textChanged.connect(self.search_changed.emit)
        self.search.returnPressed.connect(self.client_view.setFocus)
        self.search.down.connect(self._to_results)
        self.new_client_button.clicked.connect(self.new_client_requested.emit)
        self.edit_client_button.clicked.connect(self.edit_client_requested.emit)
        self.new_visit_button.clicked.connect(self.new_visit_requested.emit)
        self.history_button.clicked.connect(self.history_requested.emit)
        for model, view in ((self.today, self.today_view), (self.overdue, self.overdue_view)):
            view.activated.connect(lambda index, m=model: self.open_visit_requested.emit(m.row_id(index.row())))
            # A row chosen is a row selected (a click, the arrow keys, Enter on it): the row Qt makes current as the
            # list takes the focus back, unselected, is not her choice (back from the second row's visit, the first
            # row's client was shown and acted on: found by a new user).
            view.selectionModel().selectionChanged.connect(
                lambda selected, _deselected, m=model, v=view: self._on_agenda_chosen(m, v, selected.indexes()))
        self.open_visit_button.clicked.connect(self.on_open_visit_clicked)
        self.visit_view.doubleClicked.connect(lambda index: self.open_visit_requested.emit(
            self.visits.row_id(index.row())))
        self.visit_view.activated.connect(lambda index: self.open_visit_requested.emit(
            self.visits.row_id(index.row())))
        self.client_view.selectionModel().currentRowChanged.connect(self._on_current_client)
        self.clients.paging_changed.connect(self._count_clients)  # (a page more, as she scrolls)

    def _to_results(self) -> None:
        """Down in the search box: into the list, on the client after the one highlighted (the first is shown
        already), as Down goes on in the list itself."""
        rows = self.clients.rowCount()
        if not rows:
            return
        row = self.client_view.currentIndex().row()
        self.client_view.setFocus()
        self.client_view.selectRow(min(row + 1, rows - 1) if row >= 0 else 0)

    def _count_clients(self) -> None:
        shown = self.clients.rowCount()
        if self.clients.page_failed:
            self.result_count.setText(f"First {shown} clients: the rest could not be read; type to narrow the list")
        elif self.clients.has_more():
            self.result_count.setText(f"First {shown} clients: scroll down for more, or type to narrow the list")
        else:
            self.result_count.setText(f"{shown} client{'s' if shown != 1 else ''}")

    def _on_current_client(self, current: object, _previous: object) -> None:
        self._client_announced += 1
        if self._unhighlighting:
            return
        self._unhighlight(self.today_view, self.overdue_view)  # (one row highlighted: the client shown)
        row = self.client_view.currentIndex().row()
        self.client_selected.emit(self.clients.row_id(row) if row >= 0 else None)

    def _on_agenda_chosen(self, model: AgendaTableModel, view: QTableView, selected: list[QModelIndex]) -> None:
        if selected:  # (a row selected; none: the highlight cleared)
            self._on_agenda_row(model, view, selected[0])

    def _on_agenda_row(self, model: AgendaTableModel, view: QTableView, index: QModelIndex) -> None:
        """A visit chosen in today's list or the overdue follow-ups: her client is the one shown (and acted on:
        New visit, History), the only row highlighted, not the client chosen in the search list before."""
        if not index.isValid() or not 0 <= index.row() < model.rowCount():
            return
        others = [v for v in (self.today_view, self.overdue_view) if v is not view]
        self._unhighlight(self.client_view, *others)
        self.client_selected.emit(model.record(index.row()).client_id)

    def _unhighlight(self, *views: QTableView) -> None:
        """No row of ``views`` highlighted (nor current), and no client announced for it."""
        self._unhighlighting = True
        try:
            for view in views:
                if view.selectionModel().hasSelection() or view.currentIndex().isValid():
                    view.selectionModel().clear()
        finally:
            self._unhighlighting = False

    def set_clients(self, rows: list[ClientSummary], select: uuid.UUID | None = None,
                    more: NextPage | None = None) -> None:
        """Show ``rows``; ``more`` gives the next page when she scrolls to the end of the list."""
        changed = self.clients.set_rows(rows, more)
        if changed:  # (the same rows: the list stays as it is, columns, scroll position and all)
            with columns_resized_now(self.client_view):
                size_to_rows_on_screen(self.client_view, self.clients)
                _cap_columns(self.client_view)
        target = self.clients.row_of(select) if select else (0 if rows else None)
        if target is None and select is not None:
            # She is not among the clients found (back from a visit opened from today's list, say): her record
            # is shown all the same, and no row is highlighted (the highlight names the client shown).
            self._unhighlight(self.client_view)
            self.client_selected.emit(select)
        elif target is not None:
            announced = self._client_announced
            index = self.clients.index(target, 0)
            self.client_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            if self._client_announced == announced:  # the same row stayed current (no signal): her record and
                self.client_view.scrollTo(index)  # visits are read again all the same, never left stale
                self._on_current_client(None, None)
        else:
            self.client_selected.emit(None)

    def hold_client(self, client_id: uuid.UUID) -> None:
        """The highlighted client's record is on its way (she is typing): until ``show_client`` shows it, the
        panel names her from her row in the list (greyed: her name, birth date, phone and babies), her visits
        are not listed yet and the buttons are off. It never shows another client's record meanwhile."""
        for button in (self.edit_client_button, self.new_visit_button, self.history_button, self.open_visit_button):
            button.setEnabled(False)
        row = self.clients.row_of(client_id)
        name, details = _summary_lines(self.clients.record(row)) if row is not None else ("", "")
        self.held.show_row(name, details)
        if self.record_panel.currentWidget() is not self.held:  # (the panel keeps its height: nothing moves)
            self.record_panel.setFixedHeight(self.record_panel.height())
            self.record_panel.setCurrentWidget(self.held)
        self.client_info.setEnabled(False)
        self.visit_view.empty_hint = ""  # (not "No visits yet": they are being read)
        if self.visits.rowCount():
            self.visits.set_rows([])
        self.visit_view.setEnabled(False)

    def show_client(self, client: Client | None, visits: list[VisitSummary]) -> None:
        enabled = client is not None
        self.client_info.setEnabled(True)
        if self.record_panel.currentWidget() is not self.client_info:
            self.record_panel.setCurrentWidget(self.client_info)
            self.record_panel.setMinimumHeight(0)
            self.record_panel.setMaximumHeight(QWIDGETSIZE_MAX)
        self.visit_view.setEnabled(True)
        self.visit_view.empty_hint = NO_VISITS
        self.edit_client_button.setEnabled(enabled)
        self.new_visit_button.setEnabled(enabled)
        self.history_button.setEnabled(enabled)
        self.open_visit_button.setEnabled(bool(visits))
        self.visits.set_rows(visits)
        if visits:
            self.visit_view.selectRow(0)
        with columns_resized_now(self.visit_view):
            size_to_rows_on_screen(self.visit_view, self.visits)  # (Qt's sizing: 0.4 ms of the 3.5 ms a client shows)
            _cap_columns(self.visit_view)
        if client is None:
            self.client_info.setText("Choose a client on the left, or create a new one.")
            laid_out_now(self.client_info)
            return
        from html import escape as e  # lazy: the client details are not needed to start

        lines = [f"<h2>{e(client.full_name)}</h2>"]
        details = []
        if client.date_of_birth:
            details.append(f"Born {format_date(client.date_of_birth)}")
        if client.phone:
            details.append(f"Phone {e(client.phone)}")
        if details:
            lines.append(" · ".join(details))
        if client.address:
            lines.append(e(client.address).replace("\n", "<br>"))
        for baby in client.babies:
            bits = [f"<b>{e(baby.name or 'Baby')}</b>"]
            if baby.date_of_birth:
                bits.append(f"born {format_date(baby.date_of_birth)}")
            if baby.birth_weight_g:
                bits.append(f"birth weight {format_weight(baby.birth_weight_g, self.weight_unit)}")
            lines.append("Baby: " + ", ".join(bits))
        self.client_info.setText("<br>".join(lines))
        laid_out_now(self.client_info)  # (her record's height, and the visits below it, in this frame)

    def set_agenda(self, today: list[VisitSummary], overdue: list[VisitSummary]) -> None:
        """Today's visits and the follow-ups that are overdue, across all clients."""
        self.today.set_rows(today)
        self.overdue.set_rows(overdue)
        self.today_box.setTitle(f"Visits today ({len(today)})")
        self.overdue_box.setTitle(f"Overdue follow-ups ({len(overdue)})")
        for model, view, empty, rows in ((self.today, self.today_view, self.today_empty, today),
                                         (self.overdue, self.overdue_view, self.overdue_empty, overdue)):
            view.setVisible(bool(rows))
            empty.setVisible(not rows)
            size_to_rows_on_screen(view, model)
            _cap_columns(view, 160)

    def on_open_visit_clicked(self) -> None:
        row = self.visit_view.currentIndex().row()
        if row >= 0:
            self.open_visit_requested.emit(self.visits.row_id(row))
