"""Breast findings entered once: on the map (kind, place, size, the breast's ABM #36 condition), read by the plan."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, choose, click, create_client, ctrl, go, place_on_map, tick, type_into

from consultapp.domain.careplan import SECTION_CLOGGED, SECTION_MASTITIS, build_care_plan
from consultapp.domain.records import BreastFinding, BreastMapFinding, BreastSideExam, ParentState, Visit
from consultapp.domain.source_steps import MASTITIS_TREATMENT_STEPS
from consultapp.domain.vocabulary import BreastConcern, FindingKind, Side, Sign, SpectrumCondition
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _condition_column(window: MainWindow) -> list[str]:
    model = window.visit_editor.breasts.findings
    return [model.data(model.index(row, model.COL_CONDITION)) for row in range(model.rowCount())]


def test_inflammatory_mastitis_named_on_a_map_finding_prints_the_mastitis_steps(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs, tmp_path: object
) -> None:
    create_client(qtbot, window, "Ngozi", "Adeyemi", "Tobi")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Sore left breast")
    go(qtbot, window, 5)
    breasts = editor.breasts
    assert not breasts.condition.isEnabled()  # nothing placed: no breast to name a condition for
    place_on_map(qtbot, window, Side.LEFT, 2, 3.0, FindingKind.REDNESS, SpectrumCondition.INFLAMMATORY_MASTITIS)
    type_into(qtbot, breasts.exams[Side.LEFT].pain.edit, "6")
    assert _condition_column(window) == ["Inflammatory mastitis"]
    assert breasts.exams[Side.LEFT].condition_label.text() == "Condition: Inflammatory mastitis"
    assert not breasts.exams[Side.RIGHT].condition_label.isVisible()

    go(qtbot, window, 7)
    qtbot.waitUntil(lambda: SECTION_MASTITIS in editor.plan.steps.sections())
    click(qtbot, editor.plan.save_pdf_button)
    assert dialogs.errors == []
    [summary] = gui_repo.all_visits()
    visit = gui_repo.get_visit(summary.id)
    assert visit.breast_finding is None
    assert visit.map_findings == [BreastMapFinding(Side.LEFT, FindingKind.REDNESS, 2, 3.0)]
    assert visit.breast_sides == [BreastSideExam(Side.LEFT, 6, False, SpectrumCondition.INFLAMMATORY_MASTITIS)]
    assert dialogs.save_to is not None
    text = pdf_text(dialogs.save_to.read_bytes())
    for step in MASTITIS_TREATMENT_STEPS[:2]:
        assert " ".join(step.text.split()) in text, step.key
    assert "mastitis" in text.lower()


def test_the_breast_section_asks_nothing_twice_and_derives_the_condition_from_the_signs(
    qtbot: QtBot, window: MainWindow
) -> None:
    create_client(qtbot, window, "Lena", "Kowalska", "Ida")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    go(qtbot, window, 5)
    breasts = editor.breasts
    boxes = [b.text() for b in breasts.findChildren(QCheckBox) if b.isVisible() and not breasts.nipples.isAncestorOf(b)]
    assert boxes == ["Engorged", "Engorged"]  # chills, fever and the rest are asked in the parent's section
    nipple_boxes = {b.text() for b in breasts.nipples.findChildren(QCheckBox)}
    assert not any(word in " ".join(nipple_boxes).lower() for word in ("chills", "fever", "flu"))
    offered = {
        breasts_combo.itemText(i)
        for breasts_combo in breasts.findChildren(QComboBox)
        for i in range(breasts_combo.count())
    }
    assert not any("Clogged duct signs" in o or "Mastitis signs" in o for o in offered)
    assert sum(1 for c in breasts.findChildren(QComboBox) if c.findText("Inflammatory mastitis") >= 0) == 1

    place_on_map(qtbot, window, Side.RIGHT, 10, 4.0)  # a lump, no fever: a narrowed duct
    qtbot.waitUntil(lambda: _condition_column(window) == ["Ductal narrowing (formerly plugged duct) (from the signs)"])
    go(qtbot, window, 6)
    type_into(qtbot, editor.parent_section.temperature.edit, "38.9")
    tick(qtbot, editor.parent_section.checks["chills"])
    qtbot.waitUntil(lambda: _condition_column(window) == ["Inflammatory mastitis (from the signs)"])
    assert SECTION_MASTITIS in editor.plan.steps.sections()  # the plan reads the same signs
    go(qtbot, window, 5)
    breasts.table.selectRow(0)
    choose(qtbot, breasts.condition, SpectrumCondition.BACTERIAL_MASTITIS.label)  # her own call wins
    assert _condition_column(window) == ["Bacterial mastitis"]
    breasts.table.setFocus()
    qtbot.keyClick(breasts.table, Qt.Key.Key_Delete)  # the finding goes, and the condition named on it
    assert breasts.named == {} and _condition_column(window) == []


def test_an_old_visit_with_the_separate_finding_loads_prints_the_same_plan_and_keeps_it(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    create_client(qtbot, window, "Hana", "Sato", "Ren")
    [summary] = gui_repo.search_clients("hana")
    client = gui_repo.get_client(summary.id)
    assert client.id is not None
    old = gui_repo.save_visit(
        Visit(
            client.id,
            dt.date.today() - dt.timedelta(days=30),
            reason="Lump",
            breast_finding=BreastFinding(BreastConcern.MASTITIS, Side.RIGHT, [Sign.LUMP, Sign.FEVER, Sign.CHILLS]),
            parent=ParentState(temperature_c=38.6),
        )
    )
    assert old.id is not None
    practice = gui_repo.get_practice()
    before = build_care_plan(practice, client, gui_repo.get_visit(old.id))
    assert SECTION_MASTITIS in {s.title for s in before.sections}

    window.on_home_client_selected(client.id)
    window.home.visit_view.selectRow(0)
    click(qtbot, window.home.open_visit_button)
    editor = window.visit_editor
    go(qtbot, window, 5)
    earlier = editor.breasts.earlier
    assert earlier.isVisible()
    assert earlier.text.text() == "Mastitis signs, right breast: tender localized lump, fever, chills."
    type_into(qtbot, editor.reason_section.reason, " (seen again)")
    ctrl(qtbot, editor.breasts.table, Qt.Key.Key_S)
    kept = gui_repo.get_visit(old.id)
    assert kept.breast_finding == BreastFinding(
        BreastConcern.MASTITIS, Side.RIGHT, [Sign.LUMP, Sign.FEVER, Sign.CHILLS]
    )
    after = build_care_plan(practice, client, kept)
    assert [s.text for s in after.steps] == [s.text for s in before.steps]
    assert after.breast_lines == before.breast_lines

    click(qtbot, earlier.remove_button)  # she drops it: the plan then reads only the map and the parent
    assert not earlier.isVisible()
    ctrl(qtbot, editor.breasts.table, Qt.Key.Key_S)
    gone = gui_repo.get_visit(old.id)
    assert gone.breast_finding is None
    assert SECTION_CLOGGED not in {s.title for s in build_care_plan(practice, client, gone).sections}
