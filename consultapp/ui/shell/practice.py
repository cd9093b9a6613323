"""The practice's side of the window: its settings read and saved, and the consultants (an administrator's page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consultapp.domain.records import Practice
    from consultapp.ui.report import Reporter
    from consultapp.ui.shell.pages import Pages
    from consultapp.ui.shell.work import Work


class PracticeFlow:
    """Opens and saves the settings, gives the pages the practice's units, opens the consultants' page.

    Args:
        work: the store, who is working and the practice's details.
        pages: the window's pages.
        report: shows the user's problems.
        say: a message in the status bar for some milliseconds.
    """

    def __init__(self, work: Work, pages: Pages, report: Reporter, say: Callable[[str, int], None]) -> None:
        self.work, self.pages, self.report, self.say = work, pages, report, say

    def apply_settings(self) -> None:
        """Give the pages the practice's units and thresholds."""
        with self.report.problems():
            self.work.practice = self.work.store.get_practice()
        if self.report.failed:
            return
        self.pages.home.weight_unit = self.work.practice.settings.weight_unit
        if self.pages.client_editor_built is not None:
            self.pages.client_editor_built.set_weight_unit(self.work.practice.settings.weight_unit)

    def on_settings(self) -> None:
        if not self.pages.leave_ok():
            return
        with self.report.problems():
            self.pages.settings_page.load(self.work.store.get_practice())
        if self.report.failed:
            return
        self.pages.setCurrentWidget(self.pages.settings_page)
        self.pages.settings_page.name.setFocus()

    def on_settings_saved(self, practice: Practice) -> None:
        with self.report.problems():
            saved = self.work.store.save_practice(practice)
        if self.report.failed:
            return
        self.pages.settings_page.mark_saved(saved)
        self.apply_settings()
        self.pages.show_home()
        self.say("Settings saved.", 4000)

    def on_consultants(self) -> None:
        from consultapp.domain.records import Role  # lazy: the records load with the store

        consultant = self.work.consultant
        if consultant is not None and consultant.role is not Role.ADMIN:
            self.say("Only an administrator manages the consultants.", 6000)
            return
        if not self.pages.leave_ok():
            return
        page = self.pages.consultants_page
        db = self.work.store.db
        if page.db is not db:
            page.set_db(db)
        else:
            page.refresh()
        self.pages.setCurrentWidget(page)
        page.name.setFocus()
