"""From a visit: the letter to the family's doctor and the superbill, chosen, previewed, printed, saved, kept."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, go, make_window, tick, type_into

from consultapp.domain.records import Baby, CareContact, Client, ContactRole, Insurance
from consultapp.store.facade import Store
from consultapp.ui.letters.letter_dialog import LetterDialog
from consultapp.ui.letters.superbill_dialog import SuperbillDialog
from consultapp.ui.shell.window import MainWindow


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def twins_visit(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs) -> MainWindow:
    """A window on a visit (typed, not yet saved) of a mother of twins with two clinicians on file."""
    born = dt.date.today() - dt.timedelta(days=6)
    client = gui_repo.save_client(Client(
        "Ana", "Silva", dt.date(1992, 5, 1), "555 0142", "4 Orchard Close",
        babies=[Baby("Lia", born, 3100), Baby("Rui", born, 2900)],
        insurance=Insurance("Acme Health", "AH-123", "G7")))
    client.contacts = [
        CareContact("Dr Ravi Patel", ContactRole.PHYSICIAN, "Town Surgery", fax="555 0300"),
        CareContact("Dr Maya Chen", ContactRole.PAEDIATRICIAN, "Hill St Paediatrics", fax="555 0101",
                    baby_ids=(client.babies[0].id,)),
    ]
    gui_repo.save_client(client)
    window = make_window(qtbot, gui_repo, dialogs)
    assert window.current_client is not None and window.current_client.full_name == "Ana Silva"
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Sore nipples, twins")
    go(qtbot, window, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "2950")
    type_into(qtbot, editor.weights.forms[1].weight.edit, "2800")
    go(qtbot, window, 7)
    return window


def test_letter_to_the_paediatrician_previewed_saved_printed_and_issued_once(
    qtbot: QtBot, twins_visit: MainWindow, gui_repo: Store, records: Store, dialogs: FakeDialogs,
    tmp_path: Path,
) -> None:
    window = twins_visit
    click(qtbot, window.visit_editor.plan.letter_button)  # saves the visit first
    dialog = window.document_window
    assert isinstance(dialog, LetterDialog)
    [visit] = gui_repo.all_visits()
    assert not window.visit_editor.is_dirty()
    assert dialog.recipient.currentText().startswith("Dr Maya Chen – Paediatrician of Lia")  # default_recipient
    first = dialog.shown.data
    assert "Maya Chen" in pdf_text(first)

    dialog.recipient.setFocus()
    qtbot.keyClick(dialog.recipient, Qt.Key.Key_Up)  # Dr Patel, the parent's physician
    assert dialog.chosen_recipient().name == "Dr Ravi Patel"
    type_into(qtbot, dialog.reason, "Painful latch; please review")
    tick(qtbot, dialog.fax_cover)
    assert "Changed" in dialog.message.text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts go to the active window
    ctrl(qtbot, dialog.reason, Qt.Key.Key_P, shift=True)  # preview
    previewed = dialog.shown.data
    assert previewed != first and len(dialog.preview.page_labels) == 2  # fax cover + letter
    text = pdf_text(previewed)
    assert "Ravi Patel" in text and "Painful latch; please review" in text and "555 0300" in text

    dialogs.save_to = tmp_path / "letter.pdf"
    click(qtbot, dialog.save_button)
    assert dialogs.save_to.read_bytes() == previewed  # exactly what was previewed
    click(qtbot, dialog.print_button)
    assert dialogs.printer_pdf.exists()
    [issued] = records.documents_for_client(window.current_client.id)  # once, though saved and printed
    assert issued.kind == "letter" and issued.visit_id == visit.id and "Ravi Patel" in issued.title
    assert records.document_content(issued.id) == previewed
    click(qtbot, dialog.close_button)


def test_superbill_codes_per_person_refuse_the_wrong_chapter_and_are_kept_on_the_visit(
    qtbot: QtBot, twins_visit: MainWindow, gui_repo: Store, records: Store, dialogs: FakeDialogs,
    tmp_path: Path,
) -> None:
    window = twins_visit
    click(qtbot, window.visit_editor.plan.superbill_button)
    dialog = window.document_window
    assert isinstance(dialog, SuperbillDialog)
    assert gui_repo.get_visit(gui_repo.all_visits()[0].id).billing is None  # looking is not choosing
    parent, lia, rui = dialog.people
    assert "O92.13" in parent.presets and "P92.5" not in parent.presets  # presets for that person
    assert "P92.5" in lia.presets and "O91.23" not in lia.presets
    assert parent.presets["Z39.1"].isChecked()  # suggested from the visit
    assert lia.presets["Z00.110"].isChecked()

    tick(qtbot, parent.presets["O92.13"])
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_into(qtbot, lia.other, "O91.23")  # a parent's code on a baby
    qtbot.keyClick(lia.other, Qt.Key.Key_Tab)  # checked as she leaves the field, before any Preview
    assert "chapter O" in lia.other_error.text() and lia.other_error.isVisible()
    click(qtbot, dialog.preview_button)
    assert "chapter O" in lia.other_error.text() and "not the baby's" in lia.other_error.text()
    assert "attention" in dialog.message.text()
    type_into(qtbot, parent.other, "P92.5")  # a baby's code on the parent
    click(qtbot, dialog.preview_button)
    assert "chapter P" in parent.other_error.text() and "not the parent's" in parent.other_error.text()
    parent.other.clear()
    lia.other.selectAll()
    type_into(qtbot, lia.other, "Q38.1")
    assert "attention" not in dialog.message.text()  # (the page's line goes with the fix)
    tick(qtbot, rui.presets["P92.5"])

    click(qtbot, parent.add_service_button)
    service = parent.services[-1]
    service.code.setFocus()
    service.code.setCurrentIndex(service.code.findData("99403"))
    service.units.setFocus()
    service.units.selectAll()
    qtbot.keyClicks(service.units, "2")
    type_into(qtbot, service.fee, "1e30")  # (once an uncaught decimal error: no message, the crash dialog)
    click(qtbot, dialog.preview_button)
    assert "more than 100,000" in service.error.text()
    service.fee.selectAll()
    type_into(qtbot, service.fee, "12.345")
    click(qtbot, dialog.preview_button)
    assert "two decimals" in service.error.text()
    service.fee.selectAll()
    type_into(qtbot, service.fee, "80.00")
    click(qtbot, dialog.preview_button)
    text = pdf_text(dialog.shown.data)
    assert "O92.13" in text and "Q38.1" in text and "P92.5" in text and "99403" in text
    assert "160.00" in text  # 2 units of 80.00
    assert "Acme Health" in text

    [summary] = gui_repo.all_visits()
    billing = gui_repo.get_visit(summary.id).billing
    assert billing is not None and billing.code_list_version == dialog.codes.version
    by_person = {line.baby_id: line for line in billing.lines}
    babies = window.current_client.babies
    assert by_person[None].diagnoses == ["Z39.1", "O92.13"]
    assert [(s.code, s.units, s.fee) for s in by_person[None].services][-1] == ("99403", 2, "80.00")
    assert "Q38.1" in by_person[babies[0].id].diagnoses and "P92.5" in by_person[babies[1].id].diagnoses
    assert not window.visit_editor.is_dirty()  # the editor knows the visit was saved with its codes

    dialogs.save_to = tmp_path / "superbill.pdf"
    previewed = dialog.shown.data
    click(qtbot, dialog.save_button)
    click(qtbot, dialog.print_button)
    assert dialogs.save_to.read_bytes() == previewed
    [issued] = records.documents_for_client(window.current_client.id)
    assert issued.kind == "superbill" and records.document_content(issued.id) == previewed
    click(qtbot, dialog.close_button)

    # Opened again, the codes chosen are offered back.
    click(qtbot, window.visit_editor.plan.superbill_button)
    again = window.document_window
    assert again is not dialog
    assert again.people[0].presets["O92.13"].isChecked()
    assert again.people[1].presets["Q38.1"].isChecked()  # typed, and one of the baby's presets
    assert [(s.code.currentData(), s.units.value(), s.fee.text()) for s in again.people[0].services][-1] == \
        ("99403", 2, "80.00")


def test_letter_needs_an_open_visit(qtbot: QtBot, twins_visit: MainWindow) -> None:
    window = twins_visit
    click(qtbot, window.visit_editor.back_button)
    window.action_letter.trigger()
    assert "Open a visit first" in window.statusBar().currentMessage()
