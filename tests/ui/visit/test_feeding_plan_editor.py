"""The feeding plan in the visit editor, as a consultant uses it: the suggestion follows the findings, she picks and
types her own plan, a wrong one is refused beside its field, and what she saved is what the care plan prints."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSpinBox
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, go, type_into

from consultapp.domain.records import ExpressMethod, Supplement, SupplementMethod
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.visit.feeding_plan import NO_SUGGESTION, FeedingPlanForm


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _retype(qtbot: QtBot, spin: QSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


@pytest.fixture
def plan_form(qtbot: QtBot, window: MainWindow) -> FeedingPlanForm:
    create_client(qtbot, window, "Linh", "Tran", "Bảo", born_days_ago=3, birth_weight="3400")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Weight loss")
    go(qtbot, window, 8)
    [form] = editor.feeding_plan.plan_forms()
    assert isinstance(form, FeedingPlanForm)
    return form


def test_the_suggestion_follows_the_findings_then_her_plan_is_saved_and_printed(
    qtbot: QtBot, window: MainWindow, plan_form: FeedingPlanForm, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    editor = window.visit_editor
    form = plan_form
    assert NO_SUGGESTION[:40] in form.suggested.text()  # nothing recorded yet: no plan
    assert form.supplement.currentData() == Supplement.NONE.value
    assert editor.reason_section.visit_time.text()  # a new visit is seen now
    go(qtbot, window, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "3000")  # 11.8 % down on day 4
    go(qtbot, window, 8)
    qtbot.waitUntil(lambda: form.suggestion is not None)
    # Born 3 days ago, time of birth not recorded: read at 72 h, 30-60 mL; pump from 72 h.
    assert form.supplement.currentText() == "Own expressed milk"
    assert (form.amount_from.value(), form.amount_to.value(), form.feeds.value()) == (30, 60, 8)
    assert form.expressing.currentText() == "Pump" and form.expressions.value() == 8
    assert "has lost 11.8%" not in form.suggested.text()  # clinician words on screen
    assert "weight loss 11.8%" in form.suggested.text() and "row 72-96 h" in form.suggested.text()
    assert "Following the suggestion" in form.state.text() and not form.use_button.isEnabled()
    area = editor.feeding_plan.tabs.currentWidget()
    assert isinstance(area, QScrollArea) and area.horizontalScrollBar().maximum() == 0  # 1366 x 768: no sideways

    # Her own plan: donor milk, 30-45 mL by cup, re-weigh in 36 h.
    qtbot.keyClicks(form.supplement, "P")  # Pasteurised donor milk
    _retype(qtbot, form.amount_to, "45")
    qtbot.keyClicks(form.method, "C")  # Cup
    _retype(qtbot, form.reweigh_hours, "36")
    type_into(qtbot, form.notes, "Skin to skin & <b>compressions</b>")
    assert "Your own plan" in form.state.text() and form.use_button.isEnabled()
    assert "spillage" in form.method_note.text()

    # The ends of the amount reversed: refused beside the field, nothing saved.
    _retype(qtbot, form.amount_from, "50")
    ctrl(qtbot, form.supplement, Qt.Key.Key_S)
    assert gui_repo.all_visits() == []
    assert "must not be larger" in form.amount_error.text() and form.amount_error.isVisible()
    _retype(qtbot, form.amount_from, "30")

    go(qtbot, window, 7)
    click(qtbot, editor.plan.save_pdf_button)  # saves the visit and the care plan PDF
    assert dialogs.errors == []
    [summary] = gui_repo.all_visits()
    saved = gui_repo.get_visit(summary.id).assessments[0].feeding_plan
    assert saved is not None
    assert (saved.supplement, saved.amount_min_ml, saved.amount_max_ml, saved.method) == (
        Supplement.DONOR_MILK,
        30,
        45,
        SupplementMethod.CUP,
    )
    assert (saved.expressing, saved.expressions_per_24h, saved.reweigh_within_hours) == (ExpressMethod.PUMP, 8, 36)
    assert saved.notes == "Skin to skin & <b>compressions</b>"
    assert gui_repo.get_visit(summary.id).visit_time is not None
    assert dialogs.save_to is not None
    text = pdf_text(dialogs.save_to.read_bytes())
    assert "Feeding plan for Bảo" in text
    assert text.index("Feeding plan for Bảo") < text.index("What we saw today")
    assert "give 30 to 45 mL of pasteurised donor milk from a small cup (Bảo upright, sipping" in text
    assert "about 72 hours old" in text and "We weigh Bảo again within 36 hours." in text
    assert "Skin to skin & <b>compressions</b>" in text

    # "Use suggestion" brings the engine's plan back.
    go(qtbot, window, 8)
    click(qtbot, form.use_button)
    assert form.supplement.currentText() == "Own expressed milk" and form.amount_to.value() == 60
    assert "Following the suggestion" in form.state.text()


def test_a_supplement_without_volume_or_expressing_is_refused(
    qtbot: QtBot, window: MainWindow, plan_form: FeedingPlanForm, gui_repo: Store
) -> None:
    form = plan_form
    qtbot.keyClicks(form.supplement, "F")  # Formula, nothing else
    ctrl(qtbot, form.supplement, Qt.Key.Key_S)
    assert gui_repo.all_visits() == []
    assert "amount per feed" in form.amount_error.text()
    assert "expression step" in form.express_error.text()
    _retype(qtbot, form.amount_from, "10")
    _retype(qtbot, form.feeds, "8")
    qtbot.keyClicks(form.expressing, "B")  # By hand
    _retype(qtbot, form.expressions, "8")
    type_into(qtbot, form.reweigh_on.edit, (dt.date.today() + dt.timedelta(days=2)).isoformat())
    ctrl(qtbot, form.supplement, Qt.Key.Key_S)
    [summary] = gui_repo.all_visits()
    saved = gui_repo.get_visit(summary.id).assessments[0].feeding_plan
    assert saved is not None and saved.supplement is Supplement.FORMULA and saved.amount_range == (10, 10)
    assert saved.expressing is ExpressMethod.HAND and saved.reweigh_on == dt.date.today() + dt.timedelta(days=2)


def test_time_of_birth_and_time_seen_make_the_hours_exact(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Born two days ago at 08:00, seen at 09:00: 49 hours, the 48-72 h row (15-30 mL), not the day's middle."""
    born = dt.date.today() - dt.timedelta(days=2)
    click(qtbot, window.home.new_client_button)
    client_editor = window.client_editor
    type_into(qtbot, client_editor.given_name.edit, "Mai")
    type_into(qtbot, client_editor.family_name.edit, "Ito")
    baby_form = client_editor.baby_forms[0]
    type_into(qtbot, baby_form.name.edit, "Kai")
    type_into(qtbot, baby_form.date_of_birth.edit, born.isoformat())
    type_into(qtbot, baby_form.birth_weight.edit, "3400")
    type_into(qtbot, baby_form.birth_time.edit, "8:00")
    click(qtbot, client_editor.save_button)
    [summary] = gui_repo.search_clients("Ito")
    assert gui_repo.get_client(summary.id).babies[0].birth_time == dt.time(8, 0)

    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    time_seen = editor.reason_section.visit_time
    time_seen.edit.selectAll()
    type_into(qtbot, time_seen.edit, "25:00")  # no such time: said beside the field, nothing saved
    ctrl(qtbot, time_seen.edit, Qt.Key.Key_S)
    assert gui_repo.all_visits() == [] and "24-hour clock" in time_seen.error.text()
    time_seen.edit.selectAll()
    type_into(qtbot, time_seen.edit, "09:00")
    go(qtbot, window, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "3050")  # 10.3 %
    go(qtbot, window, 8)
    [form] = editor.feeding_plan.plan_forms()
    qtbot.waitUntil(lambda: form.suggestion is not None)
    assert form.suggestion is not None and form.suggestion.hours == 49
    assert (form.amount_from.value(), form.amount_to.value()) == (15, 30)
    assert "49 h: row 48-72 h" in form.suggested.text()
    ctrl(qtbot, form.supplement, Qt.Key.Key_S)
    [visit] = gui_repo.all_visits()
    saved = gui_repo.get_visit(visit.id)
    assert saved.visit_time == dt.time(9, 0) and saved.assessments[0].feeding_plan is not None
    assert saved.assessments[0].feeding_plan.amount_range == (15, 30)
