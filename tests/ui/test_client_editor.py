"""The client record as a consultant fills it in: contacts, consents, preferred name, language, insurance, status."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, tick, type_into

from consultapp.domain.records import ClientStatus, ContactRole
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


def _edit_first_client(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Ana", "Silva", "Lia")
    assert window.current_client is not None
    window.home.edit_client_requested.emit()
    assert window.pages.currentWidget() is window.client_editor


def test_contacts_consents_and_details_are_saved(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                 dialogs: FakeDialogs) -> None:
    _edit_first_client(qtbot, window)
    editor = window.client_editor
    type_into(qtbot, editor.preferred_name.edit, "Annie")
    type_into(qtbot, editor.language.edit, "Portuguese")
    type_into(qtbot, editor.access_notes, "Gate code 4711; dog in the garden")
    type_into(qtbot, editor.insurer.edit, "Acme Health")
    type_into(qtbot, editor.member_id.edit, "AH-123")
    type_into(qtbot, editor.group_number.edit, "G7")
    editor.status.setFocus()
    qtbot.keyClick(editor.status, Qt.Key.Key_Down)
    assert editor.status.currentData() == "discharged"

    click(qtbot, editor.contacts.add_button)
    paed = editor.contacts.rows[0]
    assert paed.for_parent.text() == "none ticked: the parent's clinician"
    [lia_box] = paed.baby_checks.values()
    assert lia_box.text() == "Lia"
    tick(qtbot, lia_box)  # the baby
    assert paed.for_parent.text() == ""
    type_into(qtbot, paed.name, "Dr Maya Chen")
    type_into(qtbot, paed.practice, "Hill St Paediatrics")
    type_into(qtbot, paed.phone, "555 0100")
    type_into(qtbot, paed.fax, "555 0101")
    type_into(qtbot, paed.address, "1 Hill St")
    click(qtbot, editor.contacts.add_button)
    gp = editor.contacts.rows[1]
    gp.role.setFocus()
    qtbot.keyClicks(gp.role, "Ph")  # type to choose: Physician
    assert gp.role.currentData() == "physician"
    type_into(qtbot, gp.name, "Dr Ravi Patel")
    click(qtbot, editor.contacts.add_button)
    assert len(editor.contacts.rows) == 3
    click(qtbot, editor.contacts.rows[2].remove_button)
    assert len(editor.contacts.rows) == 2

    type_into(qtbot, editor.contacts.care_consent.edit, "2026-13-01")
    click(qtbot, editor.save_button)
    assert window.pages.currentWidget() is editor  # refused, message beside the field
    assert "year-month-day" in editor.contacts.care_consent.error.text()
    editor.contacts.care_consent.edit.clear()
    type_into(qtbot, editor.contacts.care_consent.edit, "2026-01-05")
    assert editor.contacts.care_consent.hint.text() == "5 Jan 2026"
    type_into(qtbot, editor.contacts.photo_consent.edit, "2026-01-06")
    ctrl(qtbot, editor.contacts.photo_consent.edit, Qt.Key.Key_S)
    assert window.pages.currentWidget() is window.home

    client = gui_repo.get_client(window.current_client.id)
    assert (client.preferred_name, client.language) == ("Annie", "Portuguese")
    assert client.access_notes == "Gate code 4711; dog in the garden"
    assert (client.insurance.insurer, client.insurance.member_id, client.insurance.group) == \
        ("Acme Health", "AH-123", "G7")
    assert client.status is ClientStatus.DISCHARGED
    assert client.consents.care == dt.date(2026, 1, 5) and client.consents.photos == dt.date(2026, 1, 6)
    assert [(c.name, c.role) for c in client.contacts] == [
        ("Dr Maya Chen", ContactRole.PAEDIATRICIAN), ("Dr Ravi Patel", ContactRole.PHYSICIAN)]
    chen = client.contacts[0]
    assert chen.baby_ids == (client.babies[0].id,)
    assert (chen.practice, chen.phone, chen.fax, chen.address) == ("Hill St Paediatrics", "555 0100", "555 0101",
                                                                   "1 Hill St")
    assert client.contacts[1].baby_ids == ()

    # Reopened, the form shows it all again, and is not dirty.
    window.home.edit_client_requested.emit()
    assert [b.text() for b in editor.contacts.rows[0].baby_checks.values() if b.isChecked()] == ["Lia"]
    assert editor.contacts.rows[0].name.text() == "Dr Maya Chen"
    assert editor.preferred_name.text() == "Annie"
    assert not editor.is_dirty()


def test_contact_for_a_new_baby_and_a_contact_without_name(qtbot: QtBot, window: MainWindow,
                                                           gui_repo: Store) -> None:
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    type_into(qtbot, editor.given_name.edit, "Bea")
    type_into(qtbot, editor.baby_forms[0].name.edit, "Tom")
    click(qtbot, editor.contacts.add_button)
    row = editor.contacts.rows[0]
    type_into(qtbot, row.practice, "Clinic only")
    click(qtbot, editor.save_button)
    assert "clinician's name" in row.error.text()
    type_into(qtbot, row.name, "Dr Who")
    tick(qtbot, next(b for b in row.baby_checks.values() if b.text() == "Tom"))
    click(qtbot, editor.save_button)
    assert window.pages.currentWidget() is window.home
    client = gui_repo.get_client(window.current_client.id)
    assert client.contacts[0].baby_ids == (client.babies[0].id,)


def test_a_hint_appears_beside_its_field_and_nothing_below_it_moves(qtbot: QtBot, window: MainWindow) -> None:
    """A date in words and a weight in the practice's unit show beside the box as she types them: the fields
    below stay where they were (a click aimed at Phone, or at the next row, lands on it)."""
    ctrl(qtbot, window.home.search, Qt.Key.Key_N, shift=True)
    editor = window.client_editor
    phone, baby = editor.phone, editor.baby_forms[0]
    phone_at = phone.mapTo(editor, phone.rect().topLeft())
    type_into(qtbot, editor.date_of_birth.edit, "1990-04-12")
    assert editor.date_of_birth.hint.isVisible() and editor.date_of_birth.hint.text() == "12 Apr 1990"
    hint, box = editor.date_of_birth.hint.geometry(), editor.date_of_birth.edit.geometry()
    assert hint.left() >= box.right() and abs(hint.center().y() - box.center().y()) <= 2  # beside it
    assert phone.mapTo(editor, phone.rect().topLeft()) == phone_at
    below = baby.sex.mapTo(editor, baby.sex.rect().topLeft())  # (the row under the birth weight)
    type_into(qtbot, baby.birth_weight.edit, "3.4 kg")
    assert baby.birth_weight.hint.isVisible() and baby.birth_weight.hint.text() == "= 3400 g"
    assert baby.sex.mapTo(editor, baby.sex.rect().topLeft()) == below
