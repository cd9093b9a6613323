"""A lb-oz / °F practice on screen: every weight, daily gain, temperature, axis, message and threshold in its
units - none in grams or °C - and thresholds typed in oz/day kept exactly in grams."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, go, make_window, type_into

from consultapp.domain.records import Baby, BabyAssessment, Client, Practice, PracticeSettings, Visit
from consultapp.domain.units import GRAMS_PER_OUNCE, GRAMS_PER_POUND, TemperatureUnit, WeightUnit
from consultapp.store.facade import Store
from consultapp.ui.settings.clinical import ClinicalTab
from consultapp.ui.shell.window import MainWindow

GRAM_FIGURE = re.compile(r"\d\s*(?:g|grams?|g/day|kg)\b")


def _no_grams_or_celsius(text: str) -> None:
    assert GRAM_FIGURE.findall(text) == [], text
    assert "°C" not in text, text


@pytest.fixture
def pounds(gui_repo: Store) -> Store:
    gui_repo.save_practice(Practice(name="Pounds Practice", settings=PracticeSettings(
        weight_unit=WeightUnit.LB_OZ, temperature_unit=TemperatureUnit.F)))
    born = dt.date.today() - dt.timedelta(days=20)
    client = gui_repo.save_client(Client("Leilani", "Kahale", babies=[Baby("Koa", born, 3232)]))
    assert client.id is not None and client.babies[0].id is not None
    for days, grams in ((3, 3000), (8, 3150), (15, 3400)):
        gui_repo.save_visit(Visit(client.id, born + dt.timedelta(days=days), reason=f"Check day {days}",
                                  assessments=[BabyAssessment(client.babies[0].id, weight_g=grams)]))
    return gui_repo


def test_the_home_summary_history_and_chart_speak_pounds_and_ounces(
    qtbot: QtBot, pounds: Store, dialogs: FakeDialogs
) -> None:
    window = make_window(qtbot, pounds, dialogs)
    summary = window.home.client_info.text()
    assert "birth weight 7 lb 2.0 oz" in summary  # 3232 g
    _no_grams_or_celsius(summary)

    ctrl(qtbot, window.home.search, Qt.Key.Key_H)
    page = window.history_page
    assert window.pages.currentWidget() is page
    timeline = page.timeline
    weights = [timeline.data(timeline.index(r, timeline.COL_WEIGHT)) for r in range(timeline.rowCount())]
    assert weights == ["7 lb 7.9 oz", "6 lb 15.1 oz", "6 lb 9.8 oz"]
    chart = page.weight_chart
    assert chart.plot.isVisible()
    assert chart.plot.scene_.left_label == "Weight (lb and oz)"
    ticks = chart.plot.ticks("left")  # at whole ounces, in lb-oz
    assert [text for _, text in ticks] == ["6 lb 4 oz", "6 lb 8 oz", "6 lb 12 oz", "7 lb", "7 lb 4 oz", "7 lb 8 oz"]
    assert [value for value, _ in ticks] == pytest.approx([6.25, 6.5, 6.75, 7, 7.25, 7.5])
    assert not any("." in text for _, text in ticks)
    ys = list(chart.plot.scene_.series[chart.WEIGHINGS].ys)
    assert ys == pytest.approx([3000 / GRAMS_PER_POUND, 3150 / GRAMS_PER_POUND, 3400 / GRAMS_PER_POUND])
    tips = [chart.point_text(i) for i in range(3)]
    assert "6 lb 9.8 oz" in tips[0]
    for text in [*tips, chart.caption.text()]:
        _no_grams_or_celsius(text)


def test_a_weight_out_of_range_is_refused_in_pounds_and_ounces(qtbot: QtBot, pounds: Store,
                                                               dialogs: FakeDialogs) -> None:
    window = make_window(qtbot, pounds, dialogs)
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    type_into(qtbot, editor.given_name.edit, "Aisha")
    baby = editor.baby_forms[0]
    type_into(qtbot, baby.name.edit, "Noah")
    type_into(qtbot, baby.birth_weight.edit, "0 4")
    click(qtbot, editor.save_button)
    message = baby.birth_weight.error.text()
    assert "between 11 oz and 55 lb" in message  # 300 g and 25000 g, in round practice units
    _no_grams_or_celsius(message)
    baby.birth_weight.edit.selectAll()
    type_into(qtbot, baby.birth_weight.edit, "3400 g")  # typed in grams: read, and shown back in lb-oz
    assert baby.birth_weight.hint.text() == "= 7 lb 7.9 oz"


def test_the_gain_and_resolution_thresholds_are_typed_in_ounces_and_kept_in_grams(
    qtbot: QtBot, pounds: Store, dialogs: FakeDialogs
) -> None:
    window: MainWindow = make_window(qtbot, pounds, dialogs)
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    page = window.settings_page
    clinical = page.tab(ClinicalTab)
    gain = clinical.threshold_spins["min_gain_g_per_day"]
    scale = clinical.threshold_spins["test_weight_max_resolution_g"]
    assert (gain.value(), gain.suffix()) == (0.71, " oz/day")  # 20 g/day
    assert (scale.value(), scale.suffix()) == (0.07, " oz")  # 2 g
    _no_grams_or_celsius(gain.text() + " " + scale.text())
    sources = [label.text() for label in clinical.findChildren(QLabel) if label.objectName().startswith("source:")]
    assert any("At least 0.71 oz/day" in text for text in sources)
    assert any("101.3 °F or more" in text for text in sources)
    for text in sources:
        _no_grams_or_celsius(text.replace(" C or more", " °C or more"))
    ctrl(qtbot, gain, Qt.Key.Key_S)  # saved untouched: the grams stay exactly as they were
    kept = pounds.get_practice().settings.thresholds
    assert (kept.min_gain_g_per_day, kept.test_weight_max_resolution_g) == (20.0, 2.0)

    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    gain.setFocus()
    gain.selectAll()
    qtbot.keyClicks(gain, "0.9")
    ctrl(qtbot, gain, Qt.Key.Key_S)
    stored = pounds.get_practice().settings.thresholds.min_gain_g_per_day
    assert stored == round(0.9 * GRAMS_PER_OUNCE, 2) == 25.51
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    assert (gain.value(), gain.suffix()) == (0.9, " oz/day") and not page.is_dirty()  # shown back the same
    # Back to grams: the same threshold, in grams.
    clinical.weight_unit.setCurrentIndex(clinical.weight_unit.findData("g"))
    assert (gain.value(), gain.suffix()) == (25.51, " g/day")


def test_the_flag_banner_and_the_weights_section_speak_the_practices_units(
    qtbot: QtBot, pounds: Store, dialogs: FakeDialogs
) -> None:
    window = make_window(qtbot, pounds, dialogs)
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    go(qtbot, window, 2)
    form = editor.weights.forms[0]
    type_into(qtbot, form.weight.edit, "6 8")  # 2948 g, down from 3400 g five days before
    velocity = form.velocity_info.text()
    assert "oz/day" in velocity
    _no_grams_or_celsius(velocity + form.weight_info.text() + form.resolution.edit.placeholderText())
    go(qtbot, window, 6)
    type_into(qtbot, editor.parent_section.temperature.edit, "102.2")
    editor.parent_section.checks["chills"].setChecked(True)
    qtbot.waitUntil(lambda: "102.2 °F" in editor.banner.text())
    _no_grams_or_celsius(editor.banner.text() + editor.banner.label.text() + editor.banner.label.toolTip())


def test_temperature_and_scale_fields_say_their_ranges_in_the_practices_units(qtbot: QtBot) -> None:
    from consultapp.ui.fields import FieldError, FineWeightField, TemperatureField

    temperature = TemperatureField("Temperature", TemperatureUnit.F)
    qtbot.addWidget(temperature)
    type_into(qtbot, temperature.edit, "120")
    with pytest.raises(FieldError):
        temperature.value()
    assert "between 86.0 °F and 113.0 °F" in temperature.error.text()
    _no_grams_or_celsius(temperature.error.text())

    scale = FineWeightField("Scale resolution", 0.1, 100, WeightUnit.LB_OZ)
    qtbot.addWidget(scale)
    scale.set_value(5.0)
    assert scale.text() == "0.18" and scale.value() == 5.0  # shown in oz, kept exactly as stored
    scale.edit.selectAll()
    type_into(qtbot, scale.edit, "0.5")
    assert scale.value() == round(0.5 * GRAMS_PER_OUNCE, 2)
    scale.edit.selectAll()
    type_into(qtbot, scale.edit, "9")
    with pytest.raises(FieldError):
        scale.value()
    assert "more than 0 and at most 3.53 oz" in scale.error.text()
    _no_grams_or_celsius(scale.error.text())


def test_a_celsius_reading_typed_in_a_fahrenheit_practice_is_refused_with_the_reason(
    qtbot: QtBot, pounds: Store, dialogs: FakeDialogs
) -> None:
    window = make_window(qtbot, pounds, dialogs)
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    go(qtbot, window, 6)
    field = editor.parent_section.temperature
    type_into(qtbot, field.edit, "38.9")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: field.error.text() != "")
    assert field.error.text() == ("Temperature: 38.9 °F is not a body temperature; this practice uses °F "
                                  "(38.9 °C is 102.0 °F)")
    ctrl(qtbot, field.edit, Qt.Key.Key_S)  # still refused: nothing saved with a guessed unit
    assert all(pounds.get_visit(v.id).parent.temperature_c is None for v in pounds.all_visits())
    field.edit.selectAll()
    type_into(qtbot, field.edit, "102")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: field.error.text() == "")
