"""The handout library window: the list (a checked model), preview, several printed or saved at once, editing."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, tick, type_into

from consultapp.services.handouts import shipped_handouts
from consultapp.store.facade import Store
from consultapp.ui.handouts.library import HandoutLibraryDialog
from consultapp.ui.handouts.model import HandoutTableModel
from consultapp.ui.shell.window import MainWindow


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _open_library(qtbot: QtBot, window: MainWindow) -> HandoutLibraryDialog:
    ctrl(qtbot, window.home.search, Qt.Key.Key_H, shift=True)
    dialog = window.document_window
    assert isinstance(dialog, HandoutLibraryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def type_lines(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type text of several lines, pressing Return between them."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            type_into(qtbot, widget, line)


def _click_row(qtbot: QtBot, dialog: HandoutLibraryDialog, title: str, *, add: bool = False) -> None:
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.handout(r).title == title)
    rect = dialog.table.visualRect(dialog.model.index(row, HandoutTableModel.COL_TITLE))
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_the_library_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = HandoutTableModel()
    qtmodeltester.check(model, force_py=True)
    model.set_handouts(sorted(shipped_handouts().values(), key=lambda h: h.title))
    qtmodeltester.check(model, force_py=True)
    assert model.headerData(HandoutTableModel.COL_REVIEWED, Qt.Orientation.Horizontal) == "Reviewed"
    assert model.data(model.index(0, HandoutTableModel.COL_ORIGIN)) == "Shipped"


def test_several_handouts_saved_with_her_name_are_issued_once_and_blank_ones_not(
    qtbot: QtBot, window: MainWindow, records: Store, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    create_client(qtbot, window, "Ana", "Silva", "Lia")
    dialog = _open_library(qtbot, window)
    assert dialog.model.rowCount() == len(shipped_handouts())
    mastitis = shipped_handouts()["mastitis"].title
    latch = shipped_handouts()["latch-and-positions"].title
    _click_row(qtbot, dialog, mastitis)
    _click_row(qtbot, dialog, latch, add=True)
    assert [h.slug for h in dialog.selected()] == sorted(["mastitis", "latch-and-positions"],
                                                        key=[h.slug for h in dialog.library.all()].index)
    assert dialog.with_name.isChecked() and "2 handouts selected" in dialog.selection_label.text()
    assert len(dialog.preview.page_labels) >= 2
    previewed = dialog.shown.data

    dialogs.save_to = tmp_path / "handouts.pdf"
    click(qtbot, dialog.save_button)
    saved = dialogs.save_to.read_bytes()
    assert saved == previewed
    text = pdf_text(saved)
    assert "Ana Silva" in text and "Mastitis" in text and "latch" in text.lower()
    [issued] = records.documents_for_client(window.current_client.id)
    assert issued.kind == "handout" and records.document_content(issued.id) == saved
    click(qtbot, dialog.print_button)  # the same document again: not issued twice
    assert dialogs.printer_pdf.exists()
    assert len(records.documents_for_client(window.current_client.id)) == 1

    tick(qtbot, dialog.with_name)
    assert not dialog.with_name.isChecked()
    dialogs.save_to = tmp_path / "blank.pdf"
    click(qtbot, dialog.save_button)
    assert "Ana Silva" not in pdf_text(dialogs.save_to.read_bytes())
    assert len(records.documents_for_client(window.current_client.id)) == 1  # blank: handed over, not kept
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


def test_editing_a_shipped_handout_keeps_a_practice_copy_and_a_new_one_can_be_written(
    qtbot: QtBot, window: MainWindow, records: Store
) -> None:
    dialog = _open_library(qtbot, window)
    assert not dialog.with_name.isEnabled()  # no client chosen: blank only
    original = shipped_handouts()["mastitis"]
    _click_row(qtbot, dialog, original.title)
    click(qtbot, dialog.edit_button)
    editor = dialog.editor
    qtbot.waitExposed(editor)
    assert editor.windowTitle() == "Edit handout" and editor.title_field.text() == original.title
    editor.title_field.edit.selectAll()
    type_into(qtbot, editor.title_field.edit, "Mastitis: our practice's advice")
    editor.sections.moveCursor(editor.sections.textCursor().MoveOperation.End)
    type_lines(qtbot, editor.sections, "\n- Call us on 555 0100 any day.")
    click(qtbot, editor.save_button)
    assert not editor.isVisible()

    [copy] = records.practice_handouts().values()
    assert copy.based_on == "mastitis" and copy.title == "Mastitis: our practice's advice"
    assert "Call us on 555 0100 any day." in copy.sections[-1].bullets
    assert shipped_handouts()["mastitis"].title == original.title  # the shipped file is untouched
    titles = [dialog.model.handout(r).title for r in range(dialog.model.rowCount())]
    assert original.title not in titles and copy.title in titles  # the copy is printed in its place
    row = dialog.model.row_of(copy.slug)
    assert dialog.model.data(dialog.model.index(row, HandoutTableModel.COL_ORIGIN)) == "Practice (edited)"
    assert "Call us on 555 0100" in pdf_text(dialog.shown.data)

    click(qtbot, dialog.new_button)
    editor = dialog.editor
    type_into(qtbot, editor.title_field.edit, "Pumping at work")
    type_into(qtbot, editor.sections, "Pump every 3 hours.")
    click(qtbot, editor.save_button)
    assert "start with a heading" in editor.sections_error.text() and editor.isVisible()
    editor.sections.clear()
    type_lines(qtbot, editor.sections, "# At work\n- Pump every 3 hours.\n- Keep milk cold.")
    type_into(qtbot, editor.sources, "Practice leaflet 2026")
    click(qtbot, editor.save_button)
    new = next(h for h in records.practice_handouts().values() if h.title == "Pumping at work")
    assert new.based_on is None and new.sections[0].bullets == ("Pump every 3 hours.", "Keep milk cold.")
    assert new.sources == ("Practice leaflet 2026",)
    assert [h.title for h in dialog.selected()] == ["Pumping at work"]


def shown_text(label: str) -> str:
    """A button's or check box's text as a person reads it: "&x" marks a shortcut, "&&" is an "&"."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_a_name_with_an_ampersand_is_shown_whole_on_the_name_check_box_and_the_baby_tabs(
    qtbot: QtBot, window: MainWindow
) -> None:
    create_client(qtbot, window, "Amira", "Al-Hashimi & <b>Sons</b>", "Noor & Zain")
    dialog = _open_library(qtbot, window)
    assert shown_text(dialog.with_name.text()) == "With the name of Amira Al-Hashimi & <b>Sons</b>"
    dialog.close()
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)  # a new visit: a tab per baby
    tabs = window.visit_editor.weights.tabs
    assert shown_text(tabs.tabText(0)) == "Noor & Zain"


def test_printed_for_a_family_each_handout_follows_the_practice_wording(
    qtbot: QtBot, window: MainWindow, records: Store, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    """One voice per family (issue 18 point 3): the library marks each handout's wording, and a handout that
    says otherwise is swapped for one of its topic that follows the practice's, said before it is printed."""
    import dataclasses

    from consultapp.domain.vocabulary import PlanVariant

    practice = records.get_practice()
    records.save_practice(dataclasses.replace(practice, settings=practice.settings.with_wording(PlanVariant.ABM36)))
    create_client(qtbot, window, "Ana", "Silva", "Lia")
    dialog = _open_library(qtbot, window)
    shipped = shipped_handouts()
    wording = {
        dialog.model.handout(r).slug: dialog.model.data(dialog.model.index(r, HandoutTableModel.COL_VARIANT))
        for r in range(dialog.model.rowCount())
    }
    assert wording["mastitis"] == "✗ Source document"
    assert wording["mastitis-abm36"] == "✓ ABM #36 (2022)"
    assert wording["latch-and-positions"] == "✓ Either wording"
    assert "ABM #36 (2022)" in dialog.wording_legend.text()

    _click_row(qtbot, dialog, shipped["mastitis"].title)
    _click_row(qtbot, dialog, shipped["latch-and-positions"].title, add=True)
    assert dialog.voice_note.isVisible()
    assert (
        f"“{shipped['mastitis-abm36'].title}” is printed in place of “{shipped['mastitis'].title}”, which says "
        "otherwise (warm packs and cold packs" in dialog.voice_note.text()
    )
    dialogs.save_to = tmp_path / "family.pdf"
    click(qtbot, dialog.save_button)
    text = " ".join(pdf_text(dialogs.save_to.read_bytes()).split())
    assert shipped["mastitis-abm36"].title in text and shipped["latch-and-positions"].title in text
    assert shipped["mastitis"].title not in text
    [issued] = records.documents_for_client(window.current_client.id)
    assert shipped["mastitis-abm36"].title in issued.title and shipped["mastitis"].title not in issued.title

    # Blank (no name), she gets what she chose, told first that it says otherwise.
    tick(qtbot, dialog.with_name)
    assert "says otherwise than the practice's wording" in dialog.voice_note.text()
    dialogs.save_to = tmp_path / "blank.pdf"
    click(qtbot, dialog.save_button)
    assert shipped["mastitis"].title in " ".join(pdf_text(dialogs.save_to.read_bytes()).split())
