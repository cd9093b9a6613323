"""What the consultant's own screens say: flags worded for her (not "you"), sources as published papers."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, go, type_into

from consultapp.domain.flags import FlagCode, FlagInputs, red_flags
from consultapp.domain.output import OutputProblem, OutputProblemCode
from consultapp.domain.records import NippleExam
from consultapp.domain.vocabulary import Side
from consultapp.ui.flag_banner import FlagBanner
from consultapp.ui.settings.clinical import ClinicalTab
from consultapp.ui.shell.window import MainWindow

_YOU = re.compile(r"\b(you|your|yours|we)\b", re.IGNORECASE)


def test_every_flag_on_the_banner_speaks_to_the_consultant(qtbot: QtBot) -> None:
    everything = FlagInputs(
        birth_weight_g=3400, current_weight_g=3000, days_since_birth=15, maternal_temperature_c=39.0, chills=True,
        flu_like=True, spreading_redness=True, confusion=True, fast_heart_rate=True,
        fluctuant_or_persisting_lump=True, lump_persists_after_episode=True, worse_after_antibiotics=True,
        output_problems=tuple(OutputProblem(code, "Only 2 wet diapers on day 6; expected at least 6.", "WIC")
                              for code in OutputProblemCode),
        jaundice=True, lethargy=True, poor_feeding=True, pale_stools=True, dark_urine=True,
        nipple_exams=(NippleExam(Side.LEFT, pain_days=20, pus=True), NippleExam(Side.RIGHT, not_healing=True)))
    early = FlagInputs(jaundice=True, jaundice_onset_hours=20)
    amber = FlagInputs(birth_weight_g=3400, current_weight_g=3150, days_since_birth=11)
    slow = FlagInputs(birth_weight_g=3400, current_weight_g=3500, days_since_birth=20, velocity_g_per_day=5)
    late = FlagInputs(jaundice=True, days_since_birth=25)
    flags = red_flags(everything) + red_flags(amber) + red_flags(slow) + red_flags(early) + red_flags(late)
    assert {f.code for f in flags} == set(FlagCode)  # every kind of flag is here
    banner = FlagBanner()
    qtbot.addWidget(banner)
    banner.set_flags(flags)
    for line in banner.text().splitlines():
        assert not _YOU.search(line), line
    assert "Parent's temperature is 39.0 °C" in banner.text()
    assert "11.8%" in banner.text()  # the figures stay
    assert "CLINICAL.md" not in banner.label.toolTip()


def test_the_banner_in_a_visit_speaks_to_the_consultant(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    create_client(qtbot, window, "Ida", "Holm", "Sam", birth_weight="3400")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    go(qtbot, window, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "3100")
    qtbot.waitUntil(lambda: "8.8%" in editor.banner.text())
    assert "Baby has lost 8.8% of birth weight" in editor.banner.text()
    assert not _YOU.search(editor.banner.text())
    editor.banner.grab().save(str(tmp_path / "banner.png"))


def test_settings_cite_the_published_sources(qtbot: QtBot, window: MainWindow) -> None:
    window.action_settings.trigger()
    clinical = window.settings_page.tab(ClinicalTab)
    texts = [label.text() for label in clinical.findChildren(QLabel)]
    texts += [spin.toolTip() for spin in clinical.threshold_spins.values()]
    assert not [t for t in texts if "CLINICAL.md" in t]
    assert any("Powers, Pediatr Clin North Am 2001" in t for t in texts)
    assert any("ABM Clinical Protocol #4" in t for t in texts)



