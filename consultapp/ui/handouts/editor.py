"""Edit a handout, or write a new one: the practice's copy is kept; shipped wording is never overwritten."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.handouts import Handout, HandoutSection
from consultapp.domain.vocabulary import PlanVariant
from consultapp.ui.fields import CheckedField, DateField, ErrorLabel, FieldError, add_row
from consultapp.ui.handouts.model import TOPIC_LABELS, VARIANT_LABELS

SECTIONS_HELP = ("One section per heading line starting with '#'. Lines starting with '- ' are bullets; "
                 "other lines are paragraphs.")


def sections_to_text(sections: tuple[HandoutSection, ...]) -> str:
    blocks = []
    for section in sections:
        lines = [f"# {section.heading}", *section.paragraphs, *(f"- {b}" for b in section.bullets)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def text_to_sections(text: str) -> tuple[HandoutSection, ...]:
    """Sections from the editor's text; FieldError when text comes before the first heading."""
    sections: list[HandoutSection] = []
    heading: str | None = None
    bullets: list[str] = []
    paragraphs: list[str] = []

    def close() -> None:
        if heading is not None:
            sections.append(HandoutSection(heading, tuple(bullets), tuple(paragraphs)))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            close()
            heading, bullets, paragraphs = line.lstrip("#").strip(), [], []
            if not heading:
                raise FieldError(f"Sections, line {number}: the heading after '#' is empty.")
        elif heading is None:
            raise FieldError(f"Sections, line {number}: start with a heading line, e.g. '# What to do'.")
        elif line.startswith(("- ", "* ", "• ")):
            bullets.append(line[2:].strip())
        else:
            paragraphs.append(line)
    close()
    if not sections:
        raise FieldError("Write at least one section: a heading line starting with '#', then its text.")
    return tuple(sections)


def new_slug(title: str, taken: Collection[str]) -> str:
    """A slug for a practice handout, unique in the library."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "handout"
    slug, n = f"practice-{base}", 2
    while slug in taken:
        slug, n = f"practice-{base}-{n}", n + 1
    return slug


class HandoutEditor(QDialog):
    """Title, topic, wording, review date, summary, sections as text, sources; ``handout()`` when accepted."""

    def __init__(self, original: Handout | None, taken: Collection[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = original
        self.taken = set(taken)
        self.result_handout: Handout | None = None
        self.setWindowTitle("Edit handout" if original else "New handout")
        self.title_field: CheckedField[str] = CheckedField("Title")
        self.topic = QComboBox()
        self.topic.setEditable(True)
        for key, label in TOPIC_LABELS.items():
            self.topic.addItem(label, key)
        self.variant = QComboBox()
        for variant in PlanVariant:
            self.variant.addItem(VARIANT_LABELS.get(variant.value, variant.value), variant.value)
        self.review_date = DateField("Review date", required=True)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(48)
        self.sections = QPlainTextEdit()
        self.sections.setTabChangesFocus(True)
        self.sections.setMinimumHeight(220)
        self.sections_error = ErrorLabel()
        self.sources = QPlainTextEdit()
        self.sources.setTabChangesFocus(True)
        self.sources.setFixedHeight(60)
        self.sources.setPlaceholderText("One source per line")
        note = QLabel("Shipped handouts are never changed: saving keeps the practice's own copy, which is printed "
                      "in their place." if original is not None and original.shipped else "")
        note.setWordWrap(True)
        note.setVisible(bool(note.text()))
        form = QFormLayout()
        add_row(form, "&Title", self.title_field)
        add_row(form, "T&opic", self.topic)
        add_row(form, "&Wording", self.variant)
        add_row(form, "&Review date", self.review_date)
        add_row(form, "Su&mmary", self.summary)
        add_row(form, "&Sections", self.sections)
        help_label = QLabel(SECTIONS_HELP)
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #555555;")
        form.addRow("", help_label)
        form.addRow("", self.sections_error)
        add_row(form, "So&urces", self.sources)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 640)
        if original is not None:
            self.title_field.setText(original.title)
            index = self.topic.findData(original.topic)
            if index < 0:
                self.topic.addItem(original.topic, original.topic)
                index = self.topic.count() - 1
            self.topic.setCurrentIndex(index)
            self.variant.setCurrentIndex(max(0, self.variant.findData(original.variant.value)))
            self.review_date.set_value(dt.date.today() if original.shipped else original.review_date)
            self.summary.setPlainText(original.summary)
            self.sections.setPlainText(sections_to_text(original.sections))
            self.sources.setPlainText("\n".join(original.sources))
        else:
            self.review_date.set_value(dt.date.today())
        self.setFocusProxy(self.title_field)

    def _topic(self) -> str:
        text = self.topic.currentText().strip()
        index = self.topic.findText(text)
        data = self.topic.itemData(index) if index >= 0 else None
        return str(data) if data else re.sub(r"\W+", "_", text.lower()).strip("_")

    def read(self) -> Handout:
        errors: list[FieldError] = []
        title = self.title_field.text().strip()
        if not title:
            self.title_field.show_problem("Give the handout a title.")
            errors.append(FieldError("title"))
        review = None
        try:
            review = self.review_date.value()
        except FieldError as exc:
            errors.append(exc)
        sections: tuple[HandoutSection, ...] = ()
        try:
            sections = text_to_sections(self.sections.toPlainText())
            self.sections_error.show_error("")
        except FieldError as exc:
            self.sections_error.show_error(str(exc))
            errors.append(exc)
        if errors or review is None:
            raise FieldError("Some fields need attention.")
        original = self.original
        if original is None:
            slug, based_on = new_slug(title, self.taken), None
        elif original.shipped:
            slug, based_on = new_slug(original.slug, self.taken), original.slug
        else:
            slug, based_on = original.slug, original.based_on
        return Handout(
            slug=slug, title=title, topic=self._topic() or "other",
            variant=PlanVariant(str(self.variant.currentData())), review_date=review,
            summary=" ".join(self.summary.toPlainText().split()), sections=sections,
            sources=tuple(line.strip() for line in self.sources.toPlainText().splitlines() if line.strip()),
            shipped=False, based_on=based_on,
        )

    def on_save_clicked(self) -> None:
        try:
            self.result_handout = self.read()
        except FieldError:
            return
        self.accept()
