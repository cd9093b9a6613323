"""The client's history: visits as a timeline, each baby's weight chart and score trends, issued documents."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import IssuedDocument
from consultapp.domain.units import WeightUnit
from consultapp.ui.charts import ScoreTrendView, WeightChartView
from consultapp.ui.client_list import columns_resized_now
from consultapp.ui.fields import format_date
from consultapp.ui.history_data import ClientHistory, TimelineRow
from consultapp.ui.models import DocumentTableModel, RecordTableModel
from consultapp.ui.painted_text import HEADING_SCALE, PaintedLine
from consultapp.ui.tables import RecordTable, record_table


class TimelineTableModel(RecordTableModel[TimelineRow]):
    COL_DATE, COL_PLACE, COL_REASON, COL_WEIGHT, COL_LATCH, COL_BTAT, COL_SUPPLEMENT, COL_STATUS = range(8)
    HEADERS = ("Date", "Place", "Reason", "Weight", "LATCH", "BTAT", "Supplement", "Status")

    def cells(self, row: TimelineRow) -> tuple[str, ...]:
        status = "Final" if row.final else "Open"
        if row.follow_up:
            status += f", follow-up {format_date(row.follow_up)}"
        return (format_date(row.visit_date), row.location.label, row.reason, row.weights, row.latch, row.btat,
                row.supplement, status)


def _view(model: RecordTableModel, name: str, wrap: bool = False) -> RecordTable:  # type: ignore[type-arg]
    view = record_table(model, name, wrap=wrap)
    view.measured = True  # sized from the cells' texts (ui/tables.py): each client opened sizes every row
    return view


def _heading() -> PaintedLine:
    """Her name as a heading, drawn (ui/painted_text.py): a rich-text label laid its text out as a document,
    and the page out again, for each client opened (about 0.3 ms of it, alternated runs)."""
    title = PaintedLine()
    heading = title.font()
    heading.setPointSizeF(heading.pointSizeF() * HEADING_SCALE)
    heading.setBold(True)
    title.setFont(heading)
    return title


def _baby_list() -> QComboBox:
    """The babies' list: as wide as the babies of the client shown (by default it keeps the width of the first
    client's: "Sami" was cut to "Sam", an Arabic name's first letter lost)."""
    babies = QComboBox()
    babies.setAccessibleName("Baby")
    babies.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return babies


class HistoryPage(QWidget):
    """Emits ``open_visit_requested(id)``, ``open_document_requested(IssuedDocument)``, ``export_requested``."""

    back_requested = Signal()
    open_visit_requested = Signal(object)
    open_document_requested = Signal(object)
    export_requested = Signal()
    photos_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: ClientHistory | None = None
        self.unit = WeightUnit.G
        self.title = _heading()
        self.baby = _baby_list()
        baby_label = QLabel("Bab&y:")
        baby_label.setBuddy(self.baby)
        self.back_button = QPushButton("← &Back")
        self.export_button = QPushButton("Save all &care plans…")
        self.photos_button = QPushButton("Photos…")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(baby_label)
        head.addWidget(self.baby)

        self.timeline = TimelineTableModel(self)
        self.timeline_view = _view(self.timeline, "Visits", wrap=True)  # reasons, twins' weights: whole
        self.open_visit_button = QPushButton("&Open visit")
        visits_box = QGroupBox("Visits (newest first)")
        vl = QVBoxLayout(visits_box)
        vl.addWidget(self.timeline_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_visit_button)
        vl.addLayout(row)

        self.documents = DocumentTableModel(self)
        self.document_view = _view(self.documents, "Documents issued")
        self.open_document_button = QPushButton("Open &document")
        docs_box = QGroupBox("Documents issued (reopened exactly as handed over)")
        dl = QVBoxLayout(docs_box)
        dl.addWidget(self.document_view, 1)
        drow = QHBoxLayout()
        drow.addStretch(1)
        drow.addWidget(self.open_document_button)
        dl.addLayout(drow)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(visits_box)
        left.addWidget(docs_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)

        self.weight_chart = WeightChartView()
        self.score_chart = ScoreTrendView()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.weight_chart)
        right.addWidget(self.score_chart)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        body = QSplitter()
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.photos_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(self.back_requested.emit)
        self.export_button.clicked.connect(self.export_requested.emit)
        self.photos_button.clicked.connect(self.photos_requested.emit)
        self.open_visit_button.clicked.connect(self.on_open_visit_clicked)
        self.timeline_view.activated.connect(lambda index: self.open_visit_requested.emit(
            self.timeline.row_id(index.row())))
        self.open_document_button.clicked.connect(self.on_open_document_clicked)
        self.document_view.activated.connect(lambda index: self.open_document_requested.emit(
            self.documents.record(index.row())))
        self.baby.currentIndexChanged.connect(self._show_baby)
        self.setFocusProxy(self.timeline_view)

    def set_photo_count(self, count: int) -> None:
        self.photos_button.setText(f"Photos ({count})…")
        self.photos_button.setToolTip("Every photo of the family, by visit: open one, or compare two side by side")
        self.photos_button.setEnabled(count > 0)

    def show_history(self, history: ClientHistory, unit: WeightUnit) -> None:
        self.history, self.unit = history, unit
        self.title.setText(f"History: {history.client.full_name}")
        self.title.setToolTip(history.client.full_name)  # (her whole name, where a long one is cut)
        self.timeline.set_rows(history.timeline)
        with columns_resized_now(self.timeline_view):  # (laid out and painted in this frame, not on the reset's timer)
            self.timeline_view.resizeColumnsToContents()  # (then fitted to the width: ui/tables.py)
        if history.timeline:
            self.timeline_view.selectRow(0)
        self.documents.set_rows(history.documents)
        with columns_resized_now(self.document_view):
            self.document_view.resizeColumnsToContents()
        if history.documents:
            self.document_view.selectRow(0)
        self.open_visit_button.setEnabled(bool(history.timeline))
        self.open_document_button.setEnabled(bool(history.documents))
        self.export_button.setEnabled(bool(history.timeline))
        self.baby.blockSignals(True)
        self.baby.clear()
        for baby in history.babies:
            self.baby.addItem(baby.name, str(baby.baby_id))
        self.baby.blockSignals(False)
        self.baby.setEnabled(len(history.babies) > 1)
        self._show_baby()

    def _show_baby(self) -> None:
        if self.history is None or not self.history.babies:
            self.weight_chart.set_chart(None, self.unit)
            self.score_chart.set_points(())
            return
        baby = self.history.babies[max(0, self.baby.currentIndex())]
        self.weight_chart.set_chart(baby.chart, self.unit)
        self.score_chart.set_points(baby.scores)

    def on_open_visit_clicked(self) -> None:
        row = self.timeline_view.currentIndex().row()
        if row >= 0:
            self.open_visit_requested.emit(self.timeline.row_id(row))

    def on_open_document_clicked(self) -> None:
        row = self.document_view.currentIndex().row()
        if row >= 0:
            self.open_document_requested.emit(self.documents.record(row))

    def selected_visit(self) -> uuid.UUID | None:
        row = self.timeline_view.currentIndex().row()
        return self.timeline.row_id(row) if row >= 0 else None

    def document(self, row: int) -> IssuedDocument:
        return self.documents.record(row)
