"""Settings > Clinical: one wording for plans and handouts, the two side by side with their reasons and sources
(issue 18 point 3), chosen as a consultant chooses it, stored once, and followed by the plan she prints."""

from __future__ import annotations

import io

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, make_window, type_into

from consultapp.domain.vocabulary import PlanVariant
from consultapp.domain.voice import VARIANT_ROWS, VARIANT_SOURCES
from consultapp.store.facade import Store
from consultapp.ui.settings.clinical import ClinicalTab


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_one_wording_is_chosen_beside_what_each_says_and_the_plan_follows_it(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    window = make_window(qtbot, gui_repo, dialogs)
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    page = window.settings_page
    clinical = page.tab(ClinicalTab)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # the Clinical tab
    assert page.tabs.tabText(2) == "Clinical"
    wording = clinical.wording
    qtbot.waitUntil(wording.isVisible)

    # Side by side: what each wording says on every topic, why, and its sources; the default is the source's.
    assert wording.value() is PlanVariant.SOURCE_DOCUMENT
    assert wording.buttons[PlanVariant.SOURCE_DOCUMENT].isChecked()
    for row in VARIANT_ROWS:
        assert row.source_document in wording.text_of(PlanVariant.SOURCE_DOCUMENT)
        assert row.abm36 in wording.text_of(PlanVariant.ABM36)
    for variant, sources in VARIANT_SOURCES.items():
        for source in sources:
            assert source in wording.text_of(variant)
    # At the consultant's 1366 x 768 the tab never scrolls sideways.
    scroll = clinical.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0
    assert wording.width() <= scroll.viewport().width()

    click(qtbot, wording.buttons[PlanVariant.ABM36])
    assert wording.value() is PlanVariant.ABM36
    click(qtbot, page.save_button)
    settings = gui_repo.get_practice().settings
    assert settings.wording is PlanVariant.ABM36
    assert settings.clogged_duct_variant is settings.mastitis_variant is PlanVariant.ABM36  # never mixed

    # The plan she prints follows it: ABM #36's prevention step, not the source's, and its one plain line.
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    type_into(qtbot, window.visit_editor.reason_section.reason, "Feeding check")
    ctrl(qtbot, window.visit_editor.reason_section.reason, Qt.Key.Key_P, shift=True)  # preview
    assert window.shown is not None
    text = pdf_text(window.shown.data)
    assert "for as long as your baby wants" in text
    assert "until it feels soft" not in text

    # And back: the page shows the stored choice when opened again.
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    assert page.tab(ClinicalTab).wording.value() is PlanVariant.ABM36
