"""Settings a consultant fills in for her documents: fax, logo, paper, billing identifiers, the code list."""

from __future__ import annotations

import base64
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, make_window, type_into

from consultapp.store.facade import Store
from consultapp.ui.settings.billing import BillingTab
from consultapp.ui.settings.practice import PracticeTab
from consultapp.ui.shell.window import MainWindow

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@dataclass
class FileDialogs(FakeDialogs):
    """Also answers which image or file to open, and where to save a file."""

    image: Path | None = None
    open_path: Path | None = None
    save_path: Path | None = None
    asked: list[str] = field(default_factory=list)

    def ask_image(self, parent: QWidget, title: str) -> Path | None:
        self.asked.append(title)
        return self.image

    def ask_open_file(self, parent: QWidget, title: str, file_filter: str) -> Path | None:
        self.asked.append(title)
        return self.open_path

    def ask_save_file(self, parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        self.asked.append(title)
        return self.save_path


def _settings(qtbot: QtBot, gui_repo: Store, tmp_path: Path) -> tuple[MainWindow, FileDialogs]:
    dialogs = FileDialogs(save_to=tmp_path / "x.pdf")
    window = make_window(qtbot, gui_repo, dialogs)
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    assert window.pages.currentWidget() is window.settings_page
    return window, dialogs


def test_fax_logo_paper_and_identifiers_are_saved(qtbot: QtBot, gui_repo: Store, tmp_path: Path) -> None:
    window, dialogs = _settings(qtbot, gui_repo, tmp_path)
    page = window.settings_page
    tab, billing = page.tab(PracticeTab), page.tab(BillingTab)
    type_into(qtbot, tab.fields["fax"].edit, "555 0199")
    # Refused beside the field: too big, then not an image.
    big = tmp_path / "big.png"
    big.write_bytes(PNG + b"\0" * (600 * 1024))
    dialogs.image = big
    click(qtbot, tab.logo_button)
    assert "at most 512 KB" in tab.logo_error.text() and tab.logo_error.isVisible()
    gif = tmp_path / "logo.gif"
    gif.write_bytes(b"GIF89a" + b"\0" * 20)
    dialogs.image = gif
    click(qtbot, tab.logo_button)
    assert tab.logo_error.text() == "A logo must be a PNG or JPEG image."
    good = tmp_path / "logo.png"
    good.write_bytes(PNG)
    dialogs.image = good
    click(qtbot, tab.logo_button)
    assert not tab.logo_error.isVisible()
    assert not tab.logo_preview.pixmap().isNull()
    tab.paper.setFocus()
    qtbot.keyClick(tab.paper, Qt.Key.Key_Down)
    tab.photo_size.setFocus()
    assert tab.photo_size.currentData() == 4000
    qtbot.keyClick(tab.photo_size, Qt.Key.Key_Up)  # photos kept up to 3,200 px
    ctrl(qtbot, page.tabs, Qt.Key.Key_Tab)  # Ctrl+Tab: the Billing tab
    assert page.tabs.currentIndex() == 1
    for key, text in (("practice_npi", "1234567893"), ("tax_id", "12-3456789"), ("consultant_npi", "1987654328"),
                      ("taxonomy", "163WL0100X"), ("licence", "IBCLC L-12345")):
        type_into(qtbot, billing.identifier_fields[key].edit, text)
    ctrl(qtbot, billing.identifier_fields["licence"].edit, Qt.Key.Key_S)
    assert window.pages.currentWidget() is window.home

    practice = gui_repo.get_practice()
    assert practice.fax == "555 0199"
    assert practice.logo == PNG
    assert practice.settings.paper == "letter"
    assert practice.settings.photo_long_side_px == 3200
    ids = practice.identifiers
    assert (ids.practice_npi, ids.tax_id, ids.consultant_npi, ids.taxonomy, ids.licence) == (
        "1234567893", "12-3456789", "1987654328", "163WL0100X", "IBCLC L-12345")

    # Shown again when reopened; removing the logo is saved too.
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    assert tab.fields["fax"].text() == "555 0199" and tab.paper.currentData() == "letter"
    assert not page.is_dirty()
    click(qtbot, tab.remove_logo_button)
    click(qtbot, page.save_button)
    assert gui_repo.get_practice().logo is None


def test_code_list_import_refuses_errors_and_export_round_trips(qtbot: QtBot, gui_repo: Store,
                                                                tmp_path: Path) -> None:
    window, dialogs = _settings(qtbot, gui_repo, tmp_path)
    page = window.settings_page
    tab = page.tab(BillingTab)
    ctrl(qtbot, page.tabs, Qt.Key.Key_Tab)  # Ctrl+Tab: the Billing tab
    assert page.tabs.currentIndex() == 1
    shipped_version = tab.code_list_label.text()
    assert "In use:" in shipped_version

    exported = tmp_path / "codes.toml"
    dialogs.save_path = exported
    click(qtbot, tab.export_codes_button)
    data = tomllib.loads(exported.read_text(encoding="utf-8"))
    assert any(d["code"] == "O91.23" for d in data["icd10"])

    broken = tmp_path / "broken.toml"
    broken.write_text('version = "x"\n[[icd10]]\ncode = "Z39.1"\n', encoding="utf-8")  # no label
    dialogs.open_path = broken
    click(qtbot, tab.import_codes_button)
    assert "not a valid code list" in tab.code_list_error.text()
    not_toml = tmp_path / "not.toml"
    not_toml.write_text("version = \n", encoding="utf-8")
    dialogs.open_path = not_toml
    click(qtbot, tab.import_codes_button)
    assert "not a valid code list" in tab.code_list_error.text()
    assert Store(gui_repo.db).practice_code_lists() == []

    text = exported.read_text(encoding="utf-8").replace(f'version = "{data["version"]}"', 'version = "Ours 2027"')
    text = text.replace('fee = 0.00', 'fee = 95.00', 1)
    ours = tmp_path / "ours.toml"
    ours.write_text(text, encoding="utf-8")
    dialogs.open_path = ours
    click(qtbot, tab.import_codes_button)
    assert not tab.code_list_error.isVisible()
    assert "Ours 2027" in tab.code_list_label.text()
    assert "Code list Ours 2027 kept" in tab.code_list_message.text()
    kept = Store(gui_repo.db).practice_code_lists()
    assert [k["version"] for k in kept] == ["Ours 2027"]


def test_the_care_plan_made_in_the_app_has_the_practice_logo_and_paper(
    qtbot: QtBot, gui_repo: Store, tmp_path: Path
) -> None:
    """As the letters, superbills, handouts and the command line already did (the plan was A4, logo-less)."""
    import dataclasses
    import io

    import pypdf
    from ui.helpers import create_client

    practice = gui_repo.get_practice()
    gui_repo.save_practice(dataclasses.replace(
        practice, name="Harbour Lactation", logo=PNG, settings=dataclasses.replace(practice.settings, paper="letter")))
    window, dialogs = _settings(qtbot, gui_repo, tmp_path)
    window.show_home()
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    type_into(qtbot, window.visit_editor.reason_section.reason, "Sore nipples")
    ctrl(qtbot, window.visit_editor.reason_section.reason, Qt.Key.Key_P, shift=True)  # preview
    assert window.shown is not None
    data = window.shown.data
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]  # Letter
    assert b"/Subtype /Image" in data  # the logo


def test_an_npi_failing_its_check_digit_is_refused_beside_the_field_until_fixed(
    qtbot: QtBot, gui_repo: Store, tmp_path: Path
) -> None:
    window, _ = _settings(qtbot, gui_repo, tmp_path)
    page = window.settings_page
    billing = page.tab(BillingTab)
    ctrl(qtbot, page.tabs, Qt.Key.Key_Tab)  # Ctrl+Tab: the Billing tab
    npi = billing.identifier_fields["consultant_npi"]
    type_into(qtbot, npi.edit, "1093817465")  # one digit slipped: the check digit does not match
    qtbot.keyClick(npi.edit, Qt.Key.Key_Tab)
    assert npi.error.isVisible() and "check digit" in npi.error.text()
    click(qtbot, page.save_button)
    assert window.pages.currentWidget() is page  # not saved
    assert "need attention" in page.transfer_error.text()
    assert gui_repo.get_practice().identifiers.consultant_npi == ""
    npi.edit.setFocus()
    qtbot.keyClick(npi.edit, Qt.Key.Key_Backspace)
    type_into(qtbot, npi.edit, "2")  # 1093817462: right
    assert not npi.error.isVisible()
    assert not page.transfer_error.isVisible()  # the page's message went with the last problem
    click(qtbot, page.save_button)
    assert window.pages.currentWidget() is window.home
    assert gui_repo.get_practice().identifiers.consultant_npi == "1093817462"
