"""Acting as a consultant: a twin family's history and shared paediatrician typed and ticked in the client
editor; a nipple exam, jaundice onset and dark urine at the visit; then the DB, the plan and the letters' PDFs."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, go, tick, type_into

from consultapp.domain.vocabulary import MaternalCondition, NippleSign, Side
from consultapp.store.facade import Store
from consultapp.ui.letters.letter_dialog import LetterDialog
from consultapp.ui.shell.window import MainWindow


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def _type_twin_family(qtbot: QtBot, window: MainWindow) -> None:
    born = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    type_into(qtbot, editor.given_name.edit, "Thu")
    type_into(qtbot, editor.family_name.edit, "Nguyễn")
    for i, (name, weight) in enumerate((("Anh", "2900"), ("Bảo", "3000"))):
        if i:
            click(qtbot, editor.add_baby_button)
        form = editor.baby_forms[i]
        type_into(qtbot, form.name.edit, name)
        if not i:
            type_into(qtbot, form.date_of_birth.edit, born)
        type_into(qtbot, form.birth_weight.edit, weight)
    type_into(qtbot, editor.medications.edit, "levothyroxine")
    tick(qtbot, editor.conditions[MaternalCondition.THYROID])
    tick(qtbot, editor.conditions[MaternalCondition.DELAYED_LACTOGENESIS])
    click(qtbot, editor.contacts.add_button)
    anhs = editor.contacts.rows[0]
    type_into(qtbot, anhs.name, "Dr Lan Pham")
    tick(qtbot, anhs.baby_checks[next(k for k, b in anhs.baby_checks.items() if b.text() == "Anh")])
    click(qtbot, editor.contacts.add_button)
    both = editor.contacts.rows[1]
    type_into(qtbot, both.name, "Dr Omar Haddad")
    for box in both.baby_checks.values():
        tick(qtbot, box)
    click(qtbot, editor.save_button)
    assert window.pages.currentWidget() is window.home


def test_a_twin_visit_typed_and_ticked_reaches_the_db_the_plan_and_each_letter(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    _type_twin_family(qtbot, window)
    assert window.current_client is not None
    client = gui_repo.get_client(window.current_client.id)
    anh, bao = client.babies
    assert client.history.conditions == [MaternalCondition.THYROID, MaternalCondition.DELAYED_LACTOGENESIS]
    assert [(c.name, c.baby_ids) for c in client.contacts] == [
        ("Dr Lan Pham", (anh.id,)),
        ("Dr Omar Haddad", (anh.id, bao.id)),
    ]

    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Twins, sore nipple")
    go(qtbot, window, 2)
    first, second = editor.weights.forms
    type_into(qtbot, first.weight.edit, "2850")
    tick(qtbot, first.jaundice)
    type_into(qtbot, first.jaundice_onset.edit, "20")
    tick(qtbot, first.dark_urine)
    type_into(qtbot, second.weight.edit, "2688")
    go(qtbot, window, 5)
    left = editor.breasts.nipples.forms[Side.LEFT]
    type_into(qtbot, left.pain_at_latch.edit, "11")
    ctrl(qtbot, editor, Qt.Key.Key_S)
    assert "need attention" in editor.status.text()
    assert "between 0 and 10" in left.pain_at_latch.error.text()  # beside the field, nothing lost
    assert left.pain_at_latch.text() == "11"
    left.pain_at_latch.edit.selectAll()
    qtbot.keyClick(left.pain_at_latch.edit, Qt.Key.Key_Backspace)
    type_into(qtbot, left.pain_at_latch.edit, "6")
    tick(qtbot, left.signs[NippleSign.FISSURE])
    ctrl(qtbot, editor, Qt.Key.Key_S)

    [summary] = gui_repo.all_visits()
    visit = gui_repo.get_visit(summary.id)
    [nipple] = visit.nipples
    assert (nipple.side, nipple.pain_at_latch, nipple.signs) == (Side.LEFT, 6, [NippleSign.FISSURE])
    a = visit.assessment_for(anh.id)  # type: ignore[arg-type]
    assert a is not None and (a.jaundice, a.jaundice_onset_hours, a.dark_urine) == (True, 20, True)

    go(qtbot, window, 7)
    ctrl(qtbot, editor.plan.table, Qt.Key.Key_P, shift=True)  # preview the plan
    assert window.shown is not None
    plan_text = pdf_text(window.shown.data)
    assert "Bảo: Your baby has lost 10.4%" in plan_text
    assert "Anh: Your baby's skin or eyes turned yellow at 20 hours old" in plan_text
    assert "Anh: Your baby's urine is dark" in plan_text
    assert "Sore or damaged nipples" in plan_text and "Ask your doctor or pharmacist" in plan_text
    click(qtbot, window.preview_page.back_button)

    click(qtbot, editor.plan.letter_button)
    dialog = window.document_window
    assert isinstance(dialog, LetterDialog)
    assert dialog.recipient.currentText().startswith("Dr Lan Pham")
    anhs_letter = pdf_text(dialog.shown.data)
    assert "Bảo" not in anhs_letter and "excessive weight loss" not in anhs_letter
    assert "RED: Anh: jaundice from 20 h of life" in anhs_letter
    assert "levothyroxine. Please check compatibility with breastfeeding, e.g. LactMed." in anhs_letter
    assert "delayed lactogenesis II" in anhs_letter

    dialog.recipient.setFocus()
    qtbot.keyClick(dialog.recipient, Qt.Key.Key_Down)  # Dr Haddad, who sees both
    assert dialog.chosen_recipient().name == "Dr Omar Haddad"
    assert dialog.recipient.currentText().startswith("Dr Omar Haddad – Paediatrician of Anh and Bảo")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    ctrl(qtbot, dialog.reason, Qt.Key.Key_P, shift=True)
    both_letter = pdf_text(dialog.shown.data)
    assert "RED: Bảo: excessive weight loss from birth weight (10.4%" in both_letter
    assert "RED: Anh: jaundice from 20 h of life" in both_letter
