"""The question asked when a visit was saved by someone else meanwhile: what each changed, and what to do."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.changes import shown_changes
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.ui.practice.merge import show_value

ConflictAnswer = Literal["mine", "theirs", "edit"]
APPLY_MINE = "&Apply my changes on top of theirs"
TAKE_THEIRS = "&Take theirs"
KEEP_EDITING = "&Keep editing"


@dataclass(frozen=True)
class Conflict:
    """What the dialog shows: who saved, when, and both lists of changes (FieldChange)."""

    changed_by: str
    changed_at: str
    theirs: Sequence[Any]
    mine: Sequence[Any]
    baby_names: Sequence[str] = ()
    weight_unit: WeightUnit = WeightUnit.G  # the practice's units, for the values shown
    temperature_unit: TemperatureUnit = TemperatureUnit.C


def _table(changes: Sequence[Any], conflict: Conflict, name: str) -> QTableWidget:
    table = QTableWidget(len(changes), 3)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(["Field", "Was", "Now"])
    for row, change in enumerate(changes):
        shown = shown_changes([change], conflict.baby_names, conflict.weight_unit, conflict.temperature_unit)[0]
        for col, text in enumerate((shown.label, shown.before, shown.after)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, col, item)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


class ConflictDialog(QDialog):
    """Their changes beside hers, and three buttons; ``answer`` holds the choice."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Someone else saved this visit")
        self.answer: ConflictAnswer = "edit"
        who = conflict.changed_by or "Another consultant"
        when = f" at {conflict.changed_at}" if conflict.changed_at else ""
        intro = QLabel(f"<b>{html.escape(who)}</b> saved this visit{html.escape(when)} while you were editing it. "
                       "Nothing of yours is lost. Choose what to do.")
        intro.setWordWrap(True)
        sides = QHBoxLayout()
        for title, changes, name in ((f"What {who} changed", conflict.theirs, "Their changes"),
                                     ("What you changed", conflict.mine, "Your changes")):
            column = QVBoxLayout()
            label = QLabel(f"<b>{html.escape(title)}</b>")
            label.setWordWrap(True)
            column.addWidget(label)
            column.addWidget(_table(changes, conflict, name))
            sides.addLayout(column)
        buttons = QDialogButtonBox()
        self.mine_button = QPushButton(APPLY_MINE)
        self.theirs_button = QPushButton(TAKE_THEIRS)
        self.edit_button = QPushButton(KEEP_EDITING)
        for button, role, answer in ((self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole, "mine"),
                                     (self.theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole, "theirs"),
                                     (self.edit_button, QDialogButtonBox.ButtonRole.RejectRole, "edit")):
            buttons.addButton(button, role)
            button.clicked.connect(lambda _checked=False, a=answer: self._choose(a))
        self.mine_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(sides, 1)
        note = QLabel("“Take theirs” shows their version; your typing is kept as an unsaved draft.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(860, 420)

    def _choose(self, answer: ConflictAnswer) -> None:
        self.answer = answer
        self.accept() if answer != "edit" else self.reject()


class ConflictQuestions:
    """The modal questions of a conflicting save; tests pass their own."""

    def resolve(self, parent: QWidget, conflict: Conflict) -> ConflictAnswer:
        dialog = ConflictDialog(conflict, parent)
        dialog.exec()
        return dialog.answer

    def keep_which(self, parent: QWidget, field: str, theirs: Any, mine: Any) -> Literal["mine", "theirs"] | None:
        """Both changed ``field``: keep whose value? None: keep editing instead."""
        box = QMessageBox(QMessageBox.Icon.Question, "Both of you changed this",
                          f"{field}\n\nTheirs: {show_value(theirs)}\nYours: {show_value(mine)}\n\nKeep which value?",
                          parent=parent)
        keep_mine = box.addButton("Keep &mine", QMessageBox.ButtonRole.AcceptRole)
        keep_theirs = box.addButton("Keep &theirs", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep_mine)
        box.exec()
        if box.clickedButton() is keep_mine:
            return "mine"
        return "theirs" if box.clickedButton() is keep_theirs else None


def side_by_side(rows: Sequence[tuple[str, Any, Any]], left: str, right: str, name: str) -> QTableWidget:
    """The merge view of single fields: one line each, ``left``'s value beside ``right``'s."""
    table = QTableWidget(len(rows), 3)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(["Field", left, right])
    for row, (label, a, b) in enumerate(rows):
        for col, text in enumerate((label, show_value(a), show_value(b))):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, col, item)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table
