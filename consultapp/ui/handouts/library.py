"""The handout library window: the list, a preview of the selected, print or save several at once, edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.handouts import Handout, HandoutLibrary
from consultapp.domain.records import Client, Practice
from consultapp.services.documents import document_file_name, page_size
from consultapp.services.handouts import family_handouts, handout_library, render_handouts, wording_followed
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.fields import as_shown, html_escape
from consultapp.ui.handouts.editor import HandoutEditor
from consultapp.ui.handouts.model import VARIANT_LABELS, HandoutTableModel
from consultapp.ui.letters.issuing import IssuableShown, IssuingActions
from consultapp.ui.pdf_preview import PdfView
from consultapp.ui.tasks import LabelProgress

if TYPE_CHECKING:
    from consultapp.store.facade import Store
    from consultapp.ui.report import Reporter


class HandoutLibraryDialog(QDialog):
    """Browse the library; print or save the selected handouts, blank or with the current client's name."""

    def __init__(self, store: Store, dialogs: Dialogs, *, client: Client | None, author: Callable[[], str],
                 report: Reporter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.dialogs = store, dialogs
        self.client = client
        self.author, self.report = author, report
        self.issuing = IssuingActions(store, dialogs)
        self.library = HandoutLibrary()
        self.practice = Practice()
        self.shown: IssuableShown | None = None
        self._shown_key: tuple[object, ...] | None = None
        self._displayed: IssuableShown | None = None
        self.setWindowTitle("Handout library")

        self._build_table()

        name = client.full_name if client is not None else ""
        self.with_name = QCheckBox(f"Wit&h the name of {as_shown(name)}" if name else "Wit&h the client's name")
        self.with_name.setEnabled(bool(name))
        self.with_name.setChecked(bool(name))
        self.with_name.setToolTip("A handout printed with her name is kept among her issued documents.")
        self.selection_label = QLabel()
        self.new_button = QPushButton("&New handout…")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setToolTip("A shipped handout is copied: the practice's copy is printed in its place.")
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("Save P&DF…")
        self.close_button = QPushButton("Close")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.wording_legend = QLabel()
        self.wording_legend.setWordWrap(True)
        self.voice_note = QLabel()  # what is swapped or left out for the family, said before it is printed
        self.voice_note.setObjectName("voiceNote")
        self.voice_note.setWordWrap(True)
        self.voice_note.setStyleSheet("color: #8a4b00;")
        self.voice_note.hide()
        self.preview = PdfView()
        for button in (self.new_button, self.edit_button, self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the list must not open or print anything

        self._lay_out()

        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.on_selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.on_edit_button_clicked())
        self.with_name.toggled.connect(lambda _on: self.on_selection_changed())
        self.new_button.clicked.connect(self.on_new_button_clicked)
        self.edit_button.clicked.connect(self.on_edit_button_clicked)
        self.print_button.clicked.connect(self.on_print_button_clicked)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.resize(1280, 720)
        self.reload()
        self.setFocusProxy(self.table)

    def _build_table(self) -> None:
        self.model = HandoutTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Handouts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HandoutTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (HandoutTableModel.COL_TOPIC, HandoutTableModel.COL_VARIANT, HandoutTableModel.COL_REVIEWED,
                       HandoutTableModel.COL_ORIGIN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HandoutTableModel.COL_SOURCE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(HandoutTableModel.COL_SOURCE, 110)

    def _lay_out(self) -> None:
        """The list and its buttons on the left, the preview on the right, Close below."""
        list_side = QWidget()
        left = QVBoxLayout(list_side)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.table, 1)
        left.addWidget(self.wording_legend)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.new_button)
        edit_row.addWidget(self.edit_button)
        edit_row.addStretch(1)
        left.addLayout(edit_row)
        left.addWidget(self.with_name)
        left.addWidget(self.selection_label)
        left.addWidget(self.voice_note)
        out_row = QHBoxLayout()
        out_row.addWidget(self.print_button)
        out_row.addWidget(self.save_button)
        out_row.addStretch(1)
        left.addLayout(out_row)
        left.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(list_side)
        splitter.addWidget(self.preview)
        splitter.setSizes([820, 520])
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- data ---------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.practice = self.store.get_practice()
        self.library = handout_library(self.store)
        wording = self.practice.settings.wording
        self.model.set_handouts(self.library.all(), wording)
        self.wording_legend.setText(
            f"Wording: ✓ follows the practice's ({VARIANT_LABELS[wording.value]}), ✗ says otherwise. Printed "
            "for a family, a ✗ handout is swapped for one on its topic that follows it (Settings, Clinical)."
        )
        row = self.model.row_of(select) if select else (0 if self.model.rowCount() else None)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.on_selection_changed()

    def selected(self) -> list[Handout]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.handout(row) for row in rows]

    def _named(self) -> bool:
        return self.with_name.isChecked() and self.client is not None

    def to_print(self) -> tuple[list[Handout], list[str]]:
        """The handouts to print, and what to say first: for a family, each in the practice's wording (swapped,
        or left out with the reason: one voice per family); blank, as selected, with a word on any that differ."""
        handouts = self.selected()
        if self._named():
            chosen = family_handouts(self.library, [h.slug for h in handouts], self.practice)
            return [self.library.get(slug) for slug in chosen.slugs], list(chosen.notes)
        wording = self.practice.settings.wording
        differ = [h.title for h in handouts if wording not in wording_followed(h)]
        notes = [f"“{t}” says otherwise than the practice's wording; with a family's name it is swapped."
                 for t in differ]
        return handouts, notes

    def render_selected(self) -> IssuableShown | None:
        """The handouts to print as one PDF: the one on preview when nothing changed since."""
        handouts, _notes = self.to_print()
        if not handouts:
            return None
        key = (tuple(h.slug for h in handouts), self._named(), self.model.rowCount(), id(self.library))
        if self.shown is not None and key == self._shown_key:
            return self.shown
        today = dt.date.today()
        named = self._named()
        assert not named or self.client is not None
        data = render_handouts(
            self.library, [h.slug for h in handouts], self.practice,
            client_name=self.client.full_name if named and self.client else None, given_on=today,
            pagesize=page_size(self.practice.settings.paper), logo=self.practice.logo)
        client_id = self.client.id if named and self.client else None
        self.shown = IssuableShown(
            title="Handout: " + ", ".join(h.title for h in handouts), data=data,
            filename=document_file_name("handout", today, client_id), kind="handout",
            client_id=client_id, issue=named)
        self._shown_key = key
        return self.shown

    # -- slots --------------------------------------------------------------------------------------
    def on_selection_changed(self) -> None:
        handouts = self.selected()
        printed, notes = self.to_print()
        self.edit_button.setEnabled(len(handouts) == 1)
        self.print_button.setEnabled(bool(printed))
        self.save_button.setEnabled(bool(printed))
        count = len(handouts)
        self.selection_label.setText(
            f"{count} handout{'s' if count != 1 else ''} selected (Ctrl+click or Shift+click to choose several)."
            if count else "Select one or more handouts.")
        self.voice_note.setText(" ".join(notes))
        self.voice_note.setVisible(bool(notes))
        if not printed:
            return
        shown: IssuableShown | None = None
        with self.report.problems():
            shown = self.render_selected()
        if shown is not None and shown is not self._displayed:
            self.preview.set_pdf(shown.data)
            self._displayed = shown

    def _hand_over(self, how: str) -> None:
        shown: IssuableShown | None = None
        done: str | None = None
        with self.report.problems():
            shown = self.render_selected()
            if shown is None:
                return
            if how == "print":
                kept = " Kept among her issued documents." if shown.issue else ""
                self.issuing.print(self, shown, self.author(), self.report, progress=LabelProgress(self.message),
                                   done=lambda said: self.message.setText(said + kept))
                return
            target = self.issuing.save(self, shown, self.author())
            done = None if target is None else f"Saved {target.name}."
        if shown is not None and done is not None:
            kept = " Kept among her issued documents." if shown.issued is not None else ""
            self.message.setText(done + kept)

    def on_print_button_clicked(self) -> None:
        self._hand_over("print")

    def on_save_button_clicked(self) -> None:
        self._hand_over("save")

    def _edit(self, original: Handout | None) -> None:
        taken = {h.slug for h in self.library.all()} | set(self.library.shipped) | set(self.library.practice)
        editor = HandoutEditor(original, taken, self)
        editor.accepted.connect(lambda: self.on_editor_accepted(editor))
        self.editor = editor
        editor.open()

    def on_editor_accepted(self, editor: HandoutEditor) -> None:
        handout = editor.result_handout
        if handout is None:
            return
        with self.report.problems():
            self.store.save_practice_handout(handout)
        if self.report.failed:
            return
        self.shown, self._shown_key = None, None
        self.message.setText(f"Saved the practice's handout “{html_escape(handout.title)}”.")
        self.reload(select=handout.slug)

    def on_new_button_clicked(self) -> None:
        self._edit(None)

    def on_edit_button_clicked(self) -> None:
        handouts = self.selected()
        if len(handouts) == 1:
            self._edit(handouts[0])
