"""Every clinical threshold the settings file checks has a field on Settings > Clinical (issue 18)."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from consultapp.domain.records import Practice
from consultapp.domain.settings import ClinicalThresholds, HazelbakerRule
from consultapp.domain.settings_transfer import THRESHOLD_LIMITS
from consultapp.ui.settings.clinical import THRESHOLD_FIELDS, ClinicalTab


def test_every_threshold_limit_has_a_field_and_every_number_a_limit() -> None:
    fields = {name for name, *_ in THRESHOLD_FIELDS}
    assert set(THRESHOLD_LIMITS) == fields
    numbers = {
        f.name
        for f in dataclasses.fields(ClinicalThresholds)
        if isinstance(getattr(ClinicalThresholds(), f.name), int | float)
        and not isinstance(getattr(ClinicalThresholds(), f.name), HazelbakerRule)
    }
    assert numbers == set(THRESHOLD_LIMITS)


def test_the_new_thresholds_are_shown_and_saved(qtbot: QtBot) -> None:
    tab = ClinicalTab()
    qtbot.addWidget(tab)
    practice = Practice()
    tab.load(practice)
    for name in (
        "min_feeds_applies_until_day",
        "late_preterm_below_days",
        "late_preterm_loss_pct_per_day",
        "late_preterm_loss_pct_by_day_3",
    ):
        spin = tab.threshold_spins[name]
        assert spin.value() == getattr(practice.settings.thresholds, name)
    spin = tab.threshold_spins["late_preterm_below_days"]
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "252")
    spin.editingFinished.emit()
    tab.save(practice)
    assert practice.settings.thresholds.late_preterm_below_days == 252
