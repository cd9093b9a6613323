"""Section 1: when and where the visit took place, why, and the parent's lactation history."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.changes import assessment_names
from consultapp.domain.records import Amendment, Visit
from consultapp.domain.vocabulary import Location
from consultapp.ui.fields import DateField, FieldError, add_row, combo_enum, enum_combo, set_combo
from consultapp.ui.models import AmendmentTableModel
from consultapp.ui.time_field import TimeField
from consultapp.ui.visit.base import Mode, Section, VisitContext, read, watch


class ReasonSection(Section):
    title = "Reason and history"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visit_date = DateField("Visit date", required=True, warn_future=True)
        self.visit_time = TimeField("Time seen")
        self.visit_time.setToolTip("When the baby was seen: with the time of birth it gives the exact hours of life")
        self.location: QComboBox = enum_combo(Location, "Place", none=None)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.reason.setAccessibleName("Reason for visit")
        head = QGroupBox("Visit")
        form = QFormLayout(head)
        add_row(form, "&Date", self.visit_date)
        add_row(form, "Time see&n", self.visit_time)
        add_row(form, "&Place", self.location)
        add_row(form, "R&eason for visit", self.reason)

        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        history_box = QGroupBox("Lactation history (from the client's record)")
        QVBoxLayout(history_box).addWidget(self.history)

        self.amendments = AmendmentTableModel(self)
        self.amendment_view = QTableView()
        self.amendment_view.setModel(self.amendments)
        self.amendment_view.setAccessibleName("Amendments")
        self.amendment_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.amendment_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.amendment_view.verticalHeader().hide()
        self.amendment_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.amendment_view.horizontalHeader().setStretchLastSection(True)
        self.amendment_view.setMinimumHeight(110)
        self.amendment_box = QGroupBox("Amendments to this final visit")
        QVBoxLayout(self.amendment_box).addWidget(self.amendment_view)
        self.amendment_box.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(history_box)
        layout.addWidget(self.amendment_box)
        layout.addStretch(1)
        watch(self, self.changed.emit)

    def name_babies(self, ctx: VisitContext, visit: Visit) -> None:
        """Amendments name ``visit``'s babies (twins apart) and show values in the practice's units."""
        settings = ctx.practice.settings
        names = assessment_names(visit, {b.id: b.name for b in ctx.client.babies})
        self.amendments.set_context(names, settings.weight_unit, settings.temperature_unit)

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        self.name_babies(ctx, visit)
        self.set_amendments([])
        self.visit_date.set_value(visit.visit_date)
        time = visit.visit_time
        if time is None and visit.id is None and visit.visit_date == dt.date.today():
            time = dt.datetime.now().time().replace(second=0, microsecond=0)  # a new visit: seen now
        self.visit_time.set_value(time)
        set_combo(self.location, visit.location)
        self.reason.setPlainText(visit.reason)
        h = ctx.client.history
        items = [
            ("Breast surgery", h.breast_surgery),
            ("Mastitis before", "yes" if h.previous_mastitis else ""),
            ("Previous breastfeeding", h.previous_breastfeeding),
            ("Medications", h.medications),
            ("Notes", h.notes),
        ]
        lines = [f"<b>{name}:</b> {html.escape(value)}" for name, value in items if value]
        self.history.setText("<br>".join(lines) or "Nothing recorded. Edit the client to add it.")

    def set_amendments(self, amendments: Sequence[Amendment]) -> None:
        self.amendments.set_rows(amendments)
        self.amendment_box.setVisible(bool(amendments))

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        day = read(self.visit_date, mode, errors)
        if day is not None:
            visit.visit_date = day
        visit.visit_time = read(self.visit_time, mode, errors)
        visit.location = combo_enum(self.location, Location) or Location.HOME
        visit.reason = self.reason.toPlainText().strip()
        return errors

    def first_field(self) -> QWidget:
        return self.visit_date
