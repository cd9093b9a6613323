"""A consultant's home visit through the real widgets: client, baby, visit, care plan, history, search."""

from __future__ import annotations

import datetime as dt
import html
import io
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, ctrl, go, make_window, place_on_map, tick, type_into

from consultapp.domain.source_steps import CLOGGED_DUCT_TREATMENT_STEPS, PREVENTION_STEPS
from consultapp.domain.vocabulary import FindingKind, Position, Side
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.parametrize(
    ("given", "family"),
    [("Nguyễn Thị", "Ánh"), ("Zoë", "O'Brien-Šimić"), ("<b>Ana", "& Co</b>")],
)
def test_home_visit_end_to_end(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: Any, given: str, family: str
) -> None:
    full_name = f"{given} {family}"
    # Step 2: a client and her baby.
    create_client(qtbot, window, given, family, "Bé Minh")
    assert window.pages.currentWidget() is window.home
    [summary] = gui_repo.search_clients("")
    client = gui_repo.get_client(summary.id)
    assert (client.given_name, client.family_name) == (given, family)
    assert client.date_of_birth == dt.date(1994, 7, 30)
    assert client.phone == "555 0142 777"
    assert [(b.name, b.birth_weight_g) for b in client.babies] == [("Bé Minh", 3400)]
    assert f"<h2>{html.escape(full_name)}</h2>" in window.home.client_info.text()  # shown, not interpreted

    # Step 3: a visit with positions, LATCH, BTAT, weight and a clogged duct on the left.
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)  # Ctrl+N: new visit for the selected client
    editor = window.visit_editor
    assert window.pages.currentWidget() is editor
    reason = editor.reason_section
    type_into(qtbot, reason.reason, "Painful lump, left breast")
    qtbot.keyClicks(reason.location, "O")  # keyboard choice: "Office"
    go(qtbot, window, 2)
    weights = editor.weights.forms[0]
    type_into(qtbot, weights.weight.edit, "3100")
    assert "8.8% below birth weight" in weights.weight_info.text()
    qtbot.waitUntil(lambda: "8.8%" in editor.banner.text())  # the amber flag, with its reason, as typed
    assert "AMBER" in editor.banner.text()
    go(qtbot, window, 3)
    left = editor.feeding.forms[0].panel(Side.LEFT)
    tick(qtbot, left.tried[Position.CROSS_CRADLE])
    qtbot.keyClick(left.worked[Position.FOOTBALL], Qt.Key.Key_Space)  # by keyboard: worked implies tried
    for key, score in zip(("latch", "audible", "nipple_type", "comfort", "hold"), "12121", strict=True):
        qtbot.keyClicks(left.latch.pickers[key], score)
    assert "Total: 7 / 10" in left.latch.total_label.text()
    go(qtbot, window, 4)
    tongue = editor.tongue.forms[0]
    qtbot.keyClicks(tongue.btat.pickers["tip"], "1")
    assert "Total so far: 1 / 8" in tongue.btat.total_label.text()
    for key, score in zip(("frenulum", "lift", "protrusion"), "121", strict=True):
        qtbot.keyClicks(tongue.btat.pickers[key], score)
    assert "Total: 5 / 8" in tongue.btat.total_label.text()
    assert "impaired tongue function" in tongue.btat.total_label.text()
    go(qtbot, window, 5)
    place_on_map(qtbot, window, Side.LEFT, 2, 3.0)  # the lump, where she feels it
    place_on_map(qtbot, window, Side.LEFT, 2, 4.0, FindingKind.REDNESS)
    type_into(qtbot, editor.breasts.exams[Side.LEFT].pain.edit, "5")

    # Step 4: one button saves the visit and produces the care plan PDF.
    go(qtbot, window, 7)
    click(qtbot, editor.plan.save_pdf_button)
    assert dialogs.errors == []
    assert dialogs.save_to is not None and dialogs.save_to.exists()
    [visit_summary] = gui_repo.visits_for_client(client.id)  # type: ignore[arg-type]
    visit = gui_repo.get_visit(visit_summary.id)
    assert visit.reason == "Painful lump, left breast"
    assert visit.location.value == "office"
    assessment = visit.assessments[0]
    assert assessment.weight_g == 3100
    assert assessment.positions == [Position.CROSS_CRADLE, Position.FOOTBALL]
    assert assessment.feeds[0].side is Side.LEFT
    assert assessment.feeds[0].positions_worked == [Position.FOOTBALL]
    assert assessment.latch.item_scores() == [1, 2, 1, 2, 1]
    assert assessment.latch.total == 7
    assert assessment.btat.total == 5
    assert visit.breast_finding is None  # entered once: on the map
    assert [(m.side, m.kind, m.clock) for m in visit.map_findings] == [
        (Side.LEFT, FindingKind.LUMP, 2), (Side.LEFT, FindingKind.REDNESS, 2)]
    assert [(e.side, e.pain, e.condition) for e in visit.breast_sides] == [(Side.LEFT, 5, None)]

    text = pdf_text(dialogs.save_to.read_bytes())
    assert " ".join(full_name.split()) in text
    assert "Latch score (LATCH): 7 out of 10" in text
    assert "Tongue check (BTAT): 5 out of 8" in text
    for step in (*PREVENTION_STEPS, *CLOGGED_DUCT_TREATMENT_STEPS):
        assert " ".join(step.text.split()) in text, step.key
    assert "Betts et al., 2022" in text and "Giugliani, 2004" in text

    # Step 5: history, newest first, each visit opening again in the editor.
    click(qtbot, editor.back_button)
    assert dialogs.discard_questions == []  # it was saved: nothing to discard
    click(qtbot, window.home.new_visit_button)
    reason.visit_date.edit.clear()
    type_into(qtbot, reason.visit_date.edit, (dt.date.today() - dt.timedelta(days=3)).isoformat())
    type_into(qtbot, reason.reason, "Earlier phone call")
    click(qtbot, editor.save_button)
    click(qtbot, editor.back_button)
    reasons = [window.home.visits.data(window.home.visits.index(r, 2)) for r in range(window.home.visits.rowCount())]
    assert reasons == ["Painful lump, left breast", "Earlier phone call"]
    window.home.visit_view.setFocus()
    window.home.visit_view.selectRow(0)
    click(qtbot, window.home.open_visit_button)
    assert window.pages.currentWidget() is editor
    assert reason.reason.toPlainText() == "Painful lump, left breast"
    assert editor.feeding.forms[0].panel(Side.LEFT).latch.scores() == {
        "latch": 1, "audible": 2, "nipple_type": 1, "comfort": 2, "hold": 1,
    }
    assert editor.breasts.findings.rowCount() == 2
    click(qtbot, editor.back_button)
    assert dialogs.discard_questions == []  # opening and leaving changes nothing

    # Step 6: find her again by part of her name, or her baby's.
    create_client(qtbot, window, "Olivia", "Smith", "Leo")
    search = window.home.search
    for query in ("minh", given.split()[0][-3:].lower() if "<" not in given else "ana"):
        search.clear()
        type_into(qtbot, search, query)
        names = [window.home.clients.data(window.home.clients.index(r, 0))
                 for r in range(window.home.clients.rowCount())]
        assert names == [full_name], query
    search.clear()
    type_into(qtbot, search, "leo")
    assert window.home.clients.rowCount() == 1
    assert window.home.clients.data(window.home.clients.index(0, 0)) == "Olivia Smith"


def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    qtbot.mouseClick(window.home.new_client_button, Qt.MouseButton.LeftButton)
    editor = window.client_editor
    type_into(qtbot, editor.date_of_birth.edit, "30/07/1994")
    baby = editor.baby_forms[0]
    type_into(qtbot, baby.name.edit, "Noah")
    type_into(qtbot, baby.birth_weight.edit, "99999")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is editor
    assert editor.given_name.error.text() == "Enter the parent's first name."
    assert "year-month-day" in editor.date_of_birth.error.text()
    assert "between 300 g and 25000 g" in baby.birth_weight.error.text()
    assert gui_repo.search_clients("") == []
    # Fixing the fields keeps everything else that was typed, and saves.
    type_into(qtbot, editor.given_name.edit, "Aisha")
    editor.date_of_birth.edit.clear()
    type_into(qtbot, editor.date_of_birth.edit, "1994-07-30")
    baby.birth_weight.edit.clear()
    type_into(qtbot, baby.birth_weight.edit, "3050")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [saved] = gui_repo.search_clients("aisha")
    assert saved.baby_names == ("Noah",)


def test_unsaved_visit_asks_before_it_is_left(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: Any
) -> None:
    create_client(qtbot, window, "Mei", "Chen", "Ava")
    qtbot.mouseClick(window.home.new_visit_button, Qt.MouseButton.LeftButton)
    reason = window.visit_editor.reason_section.reason
    type_into(qtbot, reason, "Typed but not saved")
    dialogs.discard = False
    qtbot.mouseClick(window.visit_editor.back_button, Qt.MouseButton.LeftButton)
    assert dialogs.discard_questions == ["This visit"]
    assert window.pages.currentWidget() is window.visit_editor
    assert reason.toPlainText() == "Typed but not saved"
    ctrl(qtbot, reason, Qt.Key.Key_F)  # Ctrl+F (search) also asks first
    assert dialogs.discard_questions == ["This visit", "This visit"]
    assert window.pages.currentWidget() is window.visit_editor
    qtbot.keyClick(reason, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [visit] = gui_repo.all_visits()
    assert visit.reason == "Typed but not saved"


def test_richer_fields_are_saved_and_parts_the_page_does_not_show_are_kept(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    """The skeleton's page edits the richer record without dropping what it does not show."""
    from consultapp.domain.records import BreastMapFinding, ChosenStep, PlanEdits, TestWeight
    from consultapp.domain.vocabulary import FindingKind

    create_client(qtbot, window, "Aisha", "Haddad", "Omar")
    [summary] = gui_repo.search_clients("aisha")
    client = gui_repo.get_client(summary.id)
    assert client.id is not None and client.babies[0].id is not None
    # A visit that already holds a breast map, a test weight and plan edits (e.g. from another screen).
    from consultapp.domain.records import BabyAssessment, Visit

    visit = gui_repo.save_visit(
        Visit(
            client.id,
            dt.date.today(),
            assessments=[BabyAssessment(client.babies[0].id, weight_g=3300, test_weight=TestWeight(3300, 3350))],
            map_findings=[BreastMapFinding(Side.LEFT, FindingKind.LUMP, clock=2, distance_cm=3)],
            plan=PlanEdits(steps=[ChosenStep("own", "Call me on Friday", custom=True)], feeding_plan="8-12 feeds"),
        )
    )
    window.on_home_client_selected(client.id)
    window.home.visit_view.selectRow(0)
    qtbot.mouseClick(window.home.open_visit_button, Qt.MouseButton.LeftButton)
    editor = window.visit_editor
    go(qtbot, window, 2)
    form = editor.weights.forms[0]
    assert (form.pre.text(), form.post.text()) == ("3300", "3350")
    assert "Intake about 50 mL" in form.intake_info.text()
    type_into(qtbot, form.feeds_per_24h.edit, "6")
    type_into(qtbot, form.wet_diapers.edit, "5")
    tick(qtbot, form.weak_suckle)
    go(qtbot, window, 6)
    parent = editor.parent_section
    type_into(qtbot, parent.temperature.edit, "101.3 F")
    tick(qtbot, parent.checks["chills"])
    tick(qtbot, parent.checks["unrested"])
    qtbot.waitUntil(lambda: "RED" in editor.banner.text())  # fever with chills
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert visit.id is not None
    saved = gui_repo.get_visit(visit.id)
    a = saved.assessments[0]
    assert (a.feeds_per_24h, a.wet_diapers, a.weak_suckle) == (6, 5, True)
    assert saved.parent.temperature_c == 38.5 and saved.parent.chills and saved.parent.unrested
    assert a.test_weight == TestWeight(3300, 3350)
    assert saved.map_findings == [BreastMapFinding(Side.LEFT, FindingKind.LUMP, clock=2, distance_cm=3)]
    assert saved.plan.steps[0].text == "Call me on Friday" and saved.plan.feeding_plan == "8-12 feeds"


def test_impossible_temperature_is_refused_beside_the_field(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    create_client(qtbot, window, "Mei", "Chen", "Ava")
    qtbot.mouseClick(window.home.new_visit_button, Qt.MouseButton.LeftButton)
    editor = window.visit_editor
    go(qtbot, window, 6)
    type_into(qtbot, editor.parent_section.temperature.edit, "398")
    go(qtbot, window, 1)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.stack.currentIndex() == 5  # the editor goes to the field with the problem
    assert editor.parent_section.temperature.error.text().startswith("Temperature:")
    assert gui_repo.all_visits() == []


def test_weights_and_temperature_in_the_practice_units(qtbot: QtBot, gui_repo: Store, dialogs: Any) -> None:
    from consultapp.domain.records import Practice, PracticeSettings
    from consultapp.domain.units import TemperatureUnit, WeightUnit

    gui_repo.save_practice(
        Practice(name="Pounds Practice", settings=PracticeSettings(weight_unit=WeightUnit.LB_OZ,
                                                                   temperature_unit=TemperatureUnit.F))
    )
    window = make_window(qtbot, gui_repo, dialogs)
    qtbot.mouseClick(window.home.new_client_button, Qt.MouseButton.LeftButton)
    editor = window.client_editor
    type_into(qtbot, editor.given_name.edit, "Grace")
    type_into(qtbot, editor.baby_forms[0].name.edit, "Ella")
    type_into(qtbot, editor.baby_forms[0].birth_weight.edit, "7 8")  # 7 lb 8 oz
    assert editor.baby_forms[0].birth_weight.hint.text() == "= 7 lb 8.0 oz"  # (kept as 3402 g)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [summary] = gui_repo.search_clients("grace")
    assert gui_repo.get_client(summary.id).babies[0].birth_weight_g == 3402
    qtbot.mouseClick(window.home.new_visit_button, Qt.MouseButton.LeftButton)
    visit_editor = window.visit_editor
    go(qtbot, window, 2)
    form = visit_editor.weights.forms[0]
    type_into(qtbot, form.weight.edit, "3.1 kg")  # another unit, typed with it
    assert "8.9% below birth weight (7 lb 8.0 oz)" in form.weight_info.text()
    go(qtbot, window, 6)
    assert visit_editor.parent_section.temperature_label.text() == "&Temperature (°F)"
    type_into(qtbot, visit_editor.parent_section.temperature.edit, "101.3")
    qtbot.mouseClick(visit_editor.save_button, Qt.MouseButton.LeftButton)
    [visit] = gui_repo.all_visits()
    saved = gui_repo.get_visit(visit.id)
    assert saved.assessments[0].weight_g == 3100
    assert saved.parent.temperature_c == 38.5


def test_practice_page_saves_letterhead_units_and_wording(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    from consultapp.domain.units import WeightUnit
    from consultapp.domain.vocabulary import PlanVariant
    from consultapp.ui.settings.clinical import ClinicalTab
    from consultapp.ui.settings.practice import PracticeTab

    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)  # Ctrl+, opens the settings
    page = window.settings_page
    details, clinical = page.tab(PracticeTab), page.tab(ClinicalTab)
    assert window.pages.currentWidget() is page
    type_into(qtbot, details.fields["name"].edit, "Riverside & Co <Lactation>")
    type_into(qtbot, details.fields["credentials"].edit, "IBCLC")
    qtbot.keyClicks(clinical.weight_unit, "p")  # "pounds and ounces"
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # Clinical
    click(qtbot, clinical.wording.buttons[PlanVariant.ABM36])  # one wording for both topics
    qtbot.keyClick(details.fields["name"].edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    practice = gui_repo.get_practice()
    assert practice.name == "Riverside & Co <Lactation>" and practice.credentials == "IBCLC"
    assert practice.settings.weight_unit is WeightUnit.LB_OZ
    assert practice.settings.clogged_duct_variant is PlanVariant.ABM36
    assert practice.settings.mastitis_variant is PlanVariant.ABM36
    assert window.client_editor.weight_unit is WeightUnit.LB_OZ


def test_dyad_details_and_lactation_history(qtbot: QtBot, window: MainWindow, gui_repo: Store) -> None:
    from consultapp.domain.vocabulary import DeliveryMode, Sex

    qtbot.mouseClick(window.home.new_client_button, Qt.MouseButton.LeftButton)
    editor = window.client_editor
    type_into(qtbot, editor.given_name.edit, "Hana")
    type_into(qtbot, editor.breast_surgery.edit, "Reduction 2015")
    tick(qtbot, editor.previous_mastitis)
    type_into(qtbot, editor.medications.edit, "Levothyroxine")
    for number, (name, sex_key, ga) in enumerate((("Kai", "M", "36+2"), ("Isla", "F", "36+2")), start=1):
        if number == 2:
            qtbot.mouseClick(editor.add_baby_button, Qt.MouseButton.LeftButton)
        form = editor.baby_forms[number - 1]
        type_into(qtbot, form.name.edit, name)
        qtbot.keyClicks(form.sex, sex_key)
        if number == 2:  # a twin: gestational age and delivery come from the first baby
            assert form.gestational_age.text() == ga
            assert form.delivery_mode.currentData() == DeliveryMode.CAESAREAN_PLANNED.value
            continue
        type_into(qtbot, form.gestational_age.edit, ga)
        qtbot.keyClicks(form.delivery_mode, "C")  # Caesarean, planned
    type_into(qtbot, editor.baby_forms[1].gestational_age.edit, "9")  # now "36+29": refused
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "weeks+days" in editor.baby_forms[1].gestational_age.error.text() or "days 0-6" in (
        editor.baby_forms[1].gestational_age.error.text()
    )
    assert gui_repo.search_clients("hana") == []
    editor.baby_forms[1].gestational_age.edit.clear()
    type_into(qtbot, editor.baby_forms[1].gestational_age.edit, "36+2")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [summary] = gui_repo.search_clients("hana")
    client = gui_repo.get_client(summary.id)
    assert [(b.name, b.sex, b.gestational_age_days, b.delivery_mode) for b in client.babies] == [
        ("Kai", Sex.MALE, 254, DeliveryMode.CAESAREAN_PLANNED),
        ("Isla", Sex.FEMALE, 254, DeliveryMode.CAESAREAN_PLANNED),
    ]
    assert client.history.breast_surgery == "Reduction 2015"
    assert client.history.previous_mastitis and client.history.medications == "Levothyroxine"
