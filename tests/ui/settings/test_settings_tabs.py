"""Settings tabs register themselves: adding a tab is adding a class (consultapp/ui/settings/tab.py)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from consultapp.domain.records import Practice
from consultapp.ui.settings import tab as registry
from consultapp.ui.settings.page import SettingsPage
from consultapp.ui.settings.practice import PracticeTab


def test_the_page_shows_the_registered_tabs_in_order(qtbot: QtBot) -> None:
    assert [t.NAME for t in registry.registered_tabs()] == ["practice", "billing", "clinical"]
    page = SettingsPage()
    qtbot.addWidget(page)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Practice", "Billing", "Clinical"]
    assert page.name is page.tab(PracticeTab).fields["name"]


def test_a_new_tab_is_shown_loaded_and_saved_with_the_others(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_TABS", list(registry._TABS))  # the tab below is gone after the test
    seen: list[str] = []

    @registry.register_tab
    class NotesTab(registry.SettingsTab):
        NAME, TITLE, SORT_ORDER = "notes", "Notes", 15

        def load(self, practice: Practice) -> None:
            seen.append(f"load {practice.name}")

        def save(self, practice: Practice) -> None:
            practice.email = "notes@example.org"

    with pytest.raises(ValueError, match="two settings tabs"):
        registry.register_tab(type("Again", (registry.SettingsTab,), {"NAME": "notes"}))
    page = SettingsPage()
    qtbot.addWidget(page)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Practice", "Notes", "Billing", "Clinical"]
    page.load(Practice(name="Harbour"))
    assert seen == ["load Harbour"]
    assert page.read().email == "notes@example.org" and page.is_dirty()
