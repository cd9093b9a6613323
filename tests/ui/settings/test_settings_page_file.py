"""Settings > Export settings… / Import settings…: the practice's settings as one file, checked whole before kept."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from domain.test_settings_transfer import PNG, full_practice
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, ctrl, make_window, type_into
from ui.settings.test_settings_documents import FileDialogs

from consultapp.domain.settings_transfer import MAX_LOGO_BYTES, THRESHOLD_LIMITS
from consultapp.domain.vocabulary import PlanVariant
from consultapp.services.practice_settings import practice_settings_text
from consultapp.store.facade import Store
from consultapp.ui.settings import practice as practice_tab
from consultapp.ui.settings.clinical import THRESHOLD_FIELDS, ClinicalTab
from consultapp.ui.settings.practice import PracticeTab
from consultapp.ui.shell.window import MainWindow


def _settings(qtbot: QtBot, gui_repo: Store, tmp_path: Path) -> tuple[MainWindow, FileDialogs]:
    dialogs = FileDialogs(save_to=tmp_path / "x.pdf")
    window = make_window(qtbot, gui_repo, dialogs)
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    assert window.pages.currentWidget() is window.settings_page
    return window, dialogs


def test_the_file_is_checked_with_the_limits_the_page_applies() -> None:
    for name, _label, low, high, decimals, _suffix in THRESHOLD_FIELDS:
        file_low, file_high, file_decimals = THRESHOLD_LIMITS[name]
        assert (file_low, file_high) == (low, high), name
        assert file_decimals >= decimals, name
    assert practice_tab.MAX_LOGO_BYTES == MAX_LOGO_BYTES


def test_export_then_a_refused_file_then_an_import_reloads_the_page(qtbot: QtBot, gui_repo: Store,
                                                                    tmp_path: Path) -> None:
    window, dialogs = _settings(qtbot, gui_repo, tmp_path)
    page = window.settings_page
    type_into(qtbot, page.tab(PracticeTab).fields["name"].edit, "Harbour Lactation")
    click(qtbot, page.save_button)
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)

    # Export: the settings as kept, in a file any TOML reader reads.
    exported = tmp_path / "harbour.toml"
    dialogs.save_path = exported
    click(qtbot, page.export_settings_button)
    assert page.transfer_message.text() == "Settings written to harbour.toml."
    data = tomllib.loads(exported.read_text(encoding="utf-8"))
    assert data["letterhead"]["name"] == "Harbour Lactation"
    assert data["settings"]["mastitis_variant"] == "source_document"

    # A refused file: said beside the buttons, nothing changed in the database or on the page.
    before = gui_repo.get_practice()
    bad = tmp_path / "bad.toml"
    bad.write_text(practice_settings_text(full_practice()).replace("fever_threshold_c = 38.33",
                                                                   "fever_threshold_c = 48"), encoding="utf-8")
    dialogs.open_path = bad
    click(qtbot, page.import_settings_button)
    assert page.transfer_error.isVisible()
    assert page.transfer_error.text() == ("bad.toml is not a valid settings file, so nothing was changed: "
                                          "thresholds.fever_threshold_c: 48 is not between 35 and 42")
    assert gui_repo.get_practice() == before
    assert page.tab(PracticeTab).fields["name"].text() == "Harbour Lactation" and not page.is_dirty()

    # A good file: kept at once, the page shows it, and Save afterwards keeps it as it is.
    good = tmp_path / "group.toml"
    good.write_text(practice_settings_text(full_practice()), encoding="utf-8")
    dialogs.open_path = good
    imported: list[object] = []
    page.imported.connect(imported.append)
    click(qtbot, page.import_settings_button)
    assert not page.transfer_error.isVisible()
    assert page.transfer_message.text().startswith("Settings kept from group.toml: Mia 🌸 Sørensen Lactation;")
    kept = gui_repo.get_practice()
    expected = full_practice()
    assert (kept.name, kept.address, kept.logo, kept.settings, kept.identifiers) == (
        expected.name, expected.address, PNG, expected.settings, expected.identifiers)
    assert imported == [kept]
    clinical = page.tab(ClinicalTab)
    assert page.tab(PracticeTab).fields["name"].text() == expected.name
    assert clinical.wording.value() is PlanVariant.ABM36
    assert clinical.threshold_spins["btat_impaired_at_most"].value() == 4
    assert not page.tab(PracticeTab).logo_preview.pixmap().isNull()
    assert not page.is_dirty()
    click(qtbot, page.save_button)
    assert window.pages.currentWidget() is window.home
    resaved = gui_repo.get_practice()
    assert dataclasses.replace(resaved, version=kept.version) == kept


def test_an_import_over_unsaved_changes_asks_first(qtbot: QtBot, gui_repo: Store, tmp_path: Path) -> None:
    window, dialogs = _settings(qtbot, gui_repo, tmp_path)
    page = window.settings_page
    type_into(qtbot, page.tab(PracticeTab).fields["name"].edit, "Typed, not saved")
    good = tmp_path / "group.toml"
    good.write_text(practice_settings_text(full_practice()), encoding="utf-8")
    dialogs.open_path = good
    dialogs.discard = False
    click(qtbot, page.import_settings_button)
    assert dialogs.discard_questions == ["The settings"]
    assert gui_repo.get_practice().name == "" and page.tab(PracticeTab).fields["name"].text() == "Typed, not saved"
    dialogs.discard = True
    click(qtbot, page.import_settings_button)
    assert gui_repo.get_practice().name == full_practice().name
    assert page.tab(PracticeTab).fields["name"].text() == full_practice().name
