"""The consultants page: the list (a checked table model), adding one, disabling one; SQLite keeps the record."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui.helpers import click, type_into

from consultapp.domain.records import Consultant, Role
from consultapp.store import users
from consultapp.store.facade import Store
from consultapp.ui.practice.consultants import ConsultantTableModel
from consultapp.ui.shell.window import MainWindow


def test_consultant_model(qtmodeltester: ModelTester) -> None:
    model = ConsultantTableModel()
    qtmodeltester.check(model, force_py=True)
    model.set_rows([Consultant("Jo Example", "IBCLC", Role.ADMIN, None),
                    Consultant("Rita Reviewer", "", Role.REVIEWER, "rita", active=False)])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, model.COL_ACTIVE)) == "Disabled"


def test_add_and_disable_a_consultant_on_sqlite(qtbot: QtBot, window: MainWindow, gui_repo: Store) -> None:
    window.action_consultants.trigger()  # File > Consultants…
    page = window.consultants_page
    assert window.pages.currentWidget() is page
    assert not page.login.isEnabled()  # a single-computer database keeps only the record
    type_into(qtbot, page.name, "Sam Helper")
    type_into(qtbot, page.credentials, "IBCLC, RN")
    page.role.setFocus()
    qtbot.keyClicks(page.role, "R")  # "Reviewer (read only)"
    click(qtbot, page.add_button)
    [sam] = users.consultants(gui_repo.db)
    assert (sam.name, sam.credentials, sam.role, sam.db_role, sam.active) == (
        "Sam Helper", "IBCLC, RN", Role.REVIEWER, None, True)
    assert page.model.rowCount() == 1
    if (shots := Path(os.environ.get("CONSULTAPP_SCREENSHOTS", "/nonexistent"))).is_dir():
        window.grab().save(str(shots / "group-consultants.png"))
    page.view.selectRow(0)
    click(qtbot, page.disable_button)
    [sam] = users.consultants(gui_repo.db)
    assert not sam.active
    assert page.model.data(page.model.index(0, page.model.COL_ACTIVE)) == "Disabled"
