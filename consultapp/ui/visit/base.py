"""What every visit section shares: how fields are read, the context of the visit, change tracking."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import Baby, BabyAssessment, Client, Practice, PracticeSettings, Visit
from consultapp.ui.fields import CheckedField, FieldError, as_shown

T = TypeVar("T")


class Mode(Enum):
    """How a section reads its fields."""

    STRICT = "strict"
    """Show each problem beside its field; the visit is not saved."""
    QUIET = "quiet"
    """Collect problems without showing them (is the form dirty?)."""
    LENIENT = "lenient"
    """Text that does not parse counts as empty (live flags, drafts)."""


def read(field: CheckedField[T], mode: Mode, errors: list[FieldError]) -> T | None:
    """Read ``field`` in ``mode``; a problem is added to ``errors`` and None returned."""
    try:
        if mode is Mode.STRICT:
            return field.value()
        if mode is Mode.QUIET:
            return field.peek()
        return field.lenient()
    except FieldError as exc:
        errors.append(exc)
        return None


@dataclass(frozen=True)
class VisitContext:
    """What the sections need besides the visit: the dyad, the practice, earlier weighings."""

    client: Client
    practice: Practice = field(default_factory=Practice)
    earlier: Mapping[uuid.UUID, Sequence[tuple[dt.date, int]]] = field(default_factory=dict)
    visit_date: dt.date = field(default_factory=dt.date.today)

    @property
    def settings(self) -> PracticeSettings:
        return self.practice.settings

    @property
    def babies(self) -> list[Baby]:
        return [b for b in self.client.babies if b.id is not None]


def watch(widget: QWidget, emit: Callable[[], Any]) -> None:
    """Call ``emit`` whenever any editor inside ``widget`` changes."""
    for edit in widget.findChildren(QLineEdit):
        edit.textChanged.connect(lambda _t: emit())
    for text in widget.findChildren(QPlainTextEdit):
        text.textChanged.connect(emit)
    for button in widget.findChildren(QAbstractButton):
        if button.isCheckable():
            button.toggled.connect(lambda _on: emit())
    for combo in widget.findChildren(QComboBox):
        combo.currentIndexChanged.connect(lambda _i: emit())


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class Section(QWidget):
    """One page of the visit editor. Subclasses fill ``load`` and ``write``."""

    changed = Signal()
    title: ClassVar[str] = ""

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        raise NotImplementedError

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        """Put what is on screen into ``visit``; return the problems found."""
        raise NotImplementedError

    def first_field(self) -> QWidget:
        return self


class BabyForm(QWidget):
    """One baby's part of a per-baby section."""

    def __init__(self, baby: Baby, ctx: VisitContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert baby.id is not None
        self.baby = baby
        self.baby_id: uuid.UUID = baby.id
        self.ctx = ctx

    def load(self, assessment: BabyAssessment) -> None:
        raise NotImplementedError

    def write(self, assessment: BabyAssessment, mode: Mode) -> list[FieldError]:
        raise NotImplementedError

    def first_field(self) -> QWidget:
        return self


class PerBabySection(Section):
    """A section with one form per baby, in tabs when there are twins."""

    form_class: ClassVar[type[BabyForm]] = BabyForm

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setTabBarAutoHide(True)
        self.tabs.setDocumentMode(True)
        self.forms: list[BabyForm] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        self.tabs.clear()
        for form in self.forms:
            form.deleteLater()
        self.forms = []
        for baby in ctx.babies:
            form = self.form_class(baby, ctx)
            assessment = visit.assessment_for(form.baby_id) or BabyAssessment(form.baby_id)
            form.load(assessment)
            watch(form, self.changed.emit)
            self.forms.append(form)
            self.tabs.addTab(scrolled(form), as_shown(baby.name) or "Baby")

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        for index, form in enumerate(self.forms):
            assessment = visit.assessment_for(form.baby_id)
            assert assessment is not None, "the editor gives every baby an assessment before writing"
            found = form.write(assessment, mode)
            if found and mode is Mode.STRICT and not errors:
                self.tabs.setCurrentIndex(index)
            errors += found
        return errors

    def first_field(self) -> QWidget:
        return self.forms[self.tabs.currentIndex()].first_field() if self.forms else self
