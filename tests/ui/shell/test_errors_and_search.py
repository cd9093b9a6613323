"""Store problems show one clear message and keep the form; search finds accented names typed without accents."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError
from ui.helpers import FakeDialogs, click, create_client, ctrl, go, make_window, type_into

from consultapp.domain.records import Baby, Client
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


class DriverError(Exception):
    """Stands in for the database driver's exception inside SQLAlchemy's wrapper."""


def failing(message: str) -> Any:
    def fail(*_args: object, **_kwargs: object) -> object:
        raise OperationalError("UPDATE visit ...", {}, DriverError(message))

    return fail


@pytest.mark.parametrize(
    ("driver_message", "shown"),
    [
        ("database or disk is full", "The disk is full. Free some space, then save again."),
        ("attempt to write a readonly database", "The database file is read-only."),
        ("database is locked", "The database is busy in another program."),
        ("server closed the connection unexpectedly", "The database server cannot be reached."),
    ],
)
def test_a_store_error_shows_one_message_and_keeps_the_visit_form(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs,
    monkeypatch: pytest.MonkeyPatch, driver_message: str, shown: str,
) -> None:
    create_client(qtbot, window, "Mei", "Chen", "Ava")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Engorgement day 4")
    go(qtbot, window, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "3200")
    monkeypatch.setattr(gui_repo, "save_visit", failing(driver_message))
    ctrl(qtbot, editor.weights.forms[0].weight.edit, Qt.Key.Key_S)
    assert len(dialogs.errors) == 1 and dialogs.errors[0].startswith(shown)
    assert "Not saved" in editor.status.text()
    assert window.pages.currentWidget() is editor
    assert editor.reason_section.reason.toPlainText() == "Engorgement day 4"
    assert editor.weights.forms[0].weight.text() == "3200"
    monkeypatch.undo()  # the disk has room again: the same form saves
    ctrl(qtbot, editor.weights.forms[0].weight.edit, Qt.Key.Key_S)
    [summary] = gui_repo.all_visits()
    assert gui_repo.get_visit(summary.id).assessments[0].weight_g == 3200
    assert len(dialogs.errors) == 1


def test_a_store_error_keeps_the_client_form(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gui_repo, "save_client", failing("database or disk is full"))
    create_client(qtbot, window, "Aroha", "Ngata", "Tama")
    assert dialogs.errors == ["The disk is full. Free some space, then save again."]
    assert window.pages.currentWidget() is window.client_editor
    assert window.client_editor.given_name.text() == "Aroha"
    monkeypatch.undo()
    click(qtbot, window.client_editor.save_button)
    assert [c.full_name for c in gui_repo.search_clients("")] == ["Aroha Ngata"]


def test_search_is_instant_and_accent_insensitive_over_parent_baby_and_phone(
    qtbot: QtBot, window: MainWindow
) -> None:
    create_client(qtbot, window, "Nguyễn Thị", "Ánh", "Bé Minh")
    create_client(qtbot, window, "Zoë", "Ødegård", "Łukasz")
    create_client(qtbot, window, "Olivia", "Smith", "Leo")
    search = window.home.search
    ctrl(qtbot, window.home.client_view, Qt.Key.Key_F)
    assert search.hasFocus()

    def names() -> list[str]:
        clients = window.home.clients
        return [clients.data(clients.index(r, 0)) for r in range(clients.rowCount())]

    for query, expected in (("nguyen", ["Nguyễn Thị Ánh"]), ("NGUYEN anh", ["Nguyễn Thị Ánh"]),
                            ("be minh", ["Nguyễn Thị Ánh"]), ("odegard", ["Zoë Ødegård"]),
                            ("lukasz", ["Zoë Ødegård"]), ("zoe", ["Zoë Ødegård"])):
        search.selectAll()
        qtbot.keyClick(search, Qt.Key.Key_Backspace)
        for ch in query:  # each keystroke updates the list
            qtbot.keyClicks(search, ch)
        assert names() == expected, query
    search.selectAll()
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    type_into(qtbot, search, "0142")  # part of a phone number
    assert len(names()) == 3
    qtbot.keyClick(search, Qt.Key.Key_Return)  # Enter moves to the list: the keyboard reaches the results
    assert window.home.client_view.hasFocus()


def test_home_lists_todays_visits_and_overdue_follow_ups_and_opens_them(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    import datetime as dt

    from factories import make_client
    from ui.helpers import make_window

    from consultapp.domain.records import PlanEdits, Visit

    today = dt.date.today()
    amara = gui_repo.save_client(make_client())
    mei = gui_repo.save_client(make_client("Mei", "Chen", "Ava"))
    assert amara.id and mei.id
    gui_repo.save_visit(Visit(amara.id, today, reason="Latch check today"))
    gui_repo.save_visit(Visit(mei.id, today - dt.timedelta(days=10), reason="Engorgement",
                              plan=PlanEdits(follow_up=today - dt.timedelta(days=3))))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    assert home.today_view.isVisible() and home.overdue_view.isVisible()
    assert home.today.data(home.today.index(0, home.today.COL_CLIENT)) == "Amara Okafor"
    assert home.overdue.data(home.overdue.index(0, home.overdue.COL_REASON)) == "Engorgement"
    assert home.today_box.title() == "Visits today (1)"
    home.overdue_view.setFocus()
    home.overdue_view.selectRow(0)
    qtbot.keyClick(home.overdue_view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.visit_editor
    assert window.visit_editor.reason_section.reason.toPlainText() == "Engorgement"


def test_a_long_list_says_there_are_more_and_pages_in_as_she_scrolls(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    for i in range(230):
        gui_repo.save_client(Client(f"Ana{i:03d}", "Silva", phone=f"555 {i:04d}"))
    gui_repo.save_client(Client("Zoë", "Zephyr"))
    window = make_window(qtbot, gui_repo, dialogs)  # (it lists the clients when it attaches the store)
    home = window.home
    assert home.clients.rowCount() == 100
    assert home.result_count.text() == "First 100 clients: scroll down for more, or type to narrow the list"
    home.client_view.setFocus()
    ctrl(qtbot, home.client_view, Qt.Key.Key_End)  # to the end of the list, as far as it goes
    qtbot.waitUntil(lambda: home.clients.rowCount() == 200)
    ctrl(qtbot, home.client_view, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: home.clients.rowCount() == 231)
    ctrl(qtbot, home.client_view, Qt.Key.Key_End)
    assert home.result_count.text() == "231 clients"
    names = [home.clients.record(r).full_name for r in range(231)]
    assert len(set(names)) == 231 and names[-1] == "Zoë Zephyr"  # every client once, in name order
    # Chosen far down the list, she stays chosen (and listed) when the list is refreshed in place.
    home.client_view.selectRow(180)
    chosen = home.clients.record(180).id
    assert window.current_client is not None and window.current_client.id == chosen
    window.refresh_clients(select=chosen)
    assert window.current_client is not None and window.current_client.id == chosen
    assert home.clients.row_of(chosen) == 180
    type_into(qtbot, home.search, "ana01")
    assert home.clients.rowCount() == 10 and home.result_count.text() == "10 clients"


def test_typing_does_not_reload_the_record_of_a_client_who_stays_first(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each keystroke is a frame: the record beside the list is read again only when another client comes first."""
    silva = gui_repo.save_client(Client("Ana", "Silva"))
    souza = gui_repo.save_client(Client("Ana", "Souza"))
    window = make_window(qtbot, gui_repo, dialogs)
    reads: list[object] = []
    real = gui_repo.client_shown
    monkeypatch.setattr(gui_repo, "client_shown", lambda client_id: reads.append(client_id) or real(client_id))
    type_into(qtbot, window.home.search, "ana s")  # Silva first at every key
    assert window.current_client is not None and window.current_client.id == silva.id
    assert reads == []
    type_into(qtbot, window.home.search, "ou")  # "ana sou": Souza comes first
    assert window.current_client is not None and window.current_client.id == souza.id
    assert reads == [souza.id]
    assert "Souza" in window.home.client_info.text()


def _grace_chosen_ana_visited_today(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> tuple[MainWindow, Client, Client]:
    """Grace Haddad chosen in the list filtered to "haddad"; Ana Abebe, not listed, has a visit today."""
    import datetime as dt

    from consultapp.domain.records import Visit

    grace = gui_repo.save_client(Client("Grace", "Haddad", babies=[Baby("Noor")]))
    ana = gui_repo.save_client(Client("Ana", "Abebe", babies=[Baby("Leo")]))
    assert grace.id and ana.id
    gui_repo.save_visit(Visit(ana.id, dt.date.today(), reason="Latch check today"))
    window = make_window(qtbot, gui_repo, dialogs)
    type_into(qtbot, window.home.search, "haddad")
    qtbot.waitUntil(window.home.edit_client_button.isEnabled)
    assert window.current_client is not None and window.current_client.id == grace.id
    return window, grace, ana


def test_back_from_a_visit_opened_from_todays_list_shows_her_though_the_search_lists_others(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """The list is filtered to "haddad", Grace chosen; Ana's visit today is opened from "Visits today" and she
    goes back: Ana's record is shown (the client she was working on), no row of the list highlighted, the
    shortcuts act on Ana; a click on Grace's row shows Grace (the panel never says "Choose a client" with a row
    still highlighted, clicking it doing nothing)."""
    window, grace, ana = _grace_chosen_ana_visited_today(qtbot, gui_repo, dialogs)
    home = window.home

    home.today_view.setFocus()  # (her visit in today's list, opened with Enter)
    home.today_view.selectRow(0)
    qtbot.keyClick(home.today_view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.visit_editor
    click(qtbot, window.visit_editor.back_button)
    assert window.pages.currentWidget() is home
    assert window.current_client is not None and window.current_client.id == ana.id
    assert "Abebe" in home.client_info.text() and home.edit_client_button.isEnabled()
    assert not home.client_view.selectionModel().hasSelection() and home.client_view.currentIndex().row() == -1
    ctrl(qtbot, home.search, Qt.Key.Key_N)  # a new visit: for Ana, the client shown
    assert window.pages.currentWidget() is window.visit_editor
    assert window.current_client is not None and window.current_client.id == ana.id
    click(qtbot, window.visit_editor.back_button)

    grace_row = home.client_view.visualRect(home.clients.index(0, 0)).center()
    qtbot.mouseClick(home.client_view.viewport(), Qt.MouseButton.LeftButton, pos=grace_row)
    assert window.current_client is not None and window.current_client.id == grace.id
    assert "Haddad" in home.client_info.text() and home.edit_client_button.isEnabled()


def test_a_visit_chosen_in_todays_list_makes_her_the_client_shown_and_acted_on(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Grace is chosen in the search list; a click on Ana's visit in "Visits today" shows Ana and highlights only
    that row: New visit (Ctrl+N) is for Ana, not for the client chosen before. A click back in the list shows
    that client and clears today's highlight. One row is highlighted at a time: the client shown."""
    window, grace, ana = _grace_chosen_ana_visited_today(qtbot, gui_repo, dialogs)
    home = window.home

    today_row = home.today_view.visualRect(home.today.index(0, 0)).center()
    qtbot.mouseClick(home.today_view.viewport(), Qt.MouseButton.LeftButton, pos=today_row)
    assert window.current_client is not None and window.current_client.id == ana.id
    assert "Abebe" in home.client_info.text() and "Haddad" not in home.client_info.text()
    assert not home.client_view.selectionModel().hasSelection()
    assert home.today_view.selectionModel().isRowSelected(0, home.today_view.rootIndex())
    ctrl(qtbot, home.today_view, Qt.Key.Key_N)
    assert window.pages.currentWidget() is window.visit_editor
    assert "Abebe" in window.visit_editor.title.text()
    click(qtbot, window.visit_editor.back_button)

    list_row = home.client_view.visualRect(home.clients.index(0, 0)).center()
    qtbot.mouseClick(home.client_view.viewport(), Qt.MouseButton.LeftButton, pos=list_row)
    assert window.current_client is not None and window.current_client.id == grace.id
    assert not home.today_view.selectionModel().hasSelection() and home.today_view.currentIndex().row() == -1


def test_down_in_the_search_box_goes_on_to_the_clients_found(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    first = gui_repo.save_client(Client("Ana", "Abebe"))
    second = gui_repo.save_client(Client("Ana", "Borges"))
    third = gui_repo.save_client(Client("Ana", "Costa"))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    type_into(qtbot, home.search, "ana")
    assert window.current_client is not None and window.current_client.id == first.id
    qtbot.keyClick(home.search, Qt.Key.Key_Down)  # the first is shown already: on to the second
    assert home.client_view.hasFocus() and home.client_view.currentIndex().row() == 1
    assert window.current_client is not None and window.current_client.id == second.id
    assert "Borges" in home.client_info.text() and home.edit_client_button.isEnabled()
    qtbot.keyClick(home.client_view, Qt.Key.Key_Down)  # and on, in the list itself
    assert window.current_client is not None and window.current_client.id == third.id
    assert home.search.text() == "ana"  # (Down typed nothing)


@pytest.mark.parametrize("agenda", ["today", "overdue"])
@pytest.mark.parametrize("how", ["double-click", "Enter"])
def test_back_from_the_second_visit_of_an_agenda_list_shows_her_not_the_first(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, agenda: str, how: str
) -> None:
    """The list she opened the visit from takes the focus back with the home page, and Qt makes its first row
    current as it does (a focus that comes back, not her choice): her client, the second row's, stays the one
    shown and acted on, not the first row's (found by a new user: Back showed Ana Tanaka for Noor O'Connor)."""
    import datetime as dt

    from consultapp.domain.records import PlanEdits, Visit

    today = dt.date.today()
    first = gui_repo.save_client(Client("Ana", "Abebe", babies=[Baby("Leo")]))
    second = gui_repo.save_client(Client("Noor", "O'Connor", babies=[Baby("Sami")]))
    for client, hour in ((first, 1), (second, 2)):
        assert client.id
        if agenda == "today":
            gui_repo.save_visit(Visit(client.id, today, reason=f"Latch check {hour}",
                                      visit_time=dt.time(8 + hour)))
        else:
            gui_repo.save_visit(Visit(client.id, today - dt.timedelta(days=10 + hour), reason=f"Engorgement {hour}",
                                      plan=PlanEdits(follow_up=today - dt.timedelta(days=hour))))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    view, model = (home.today_view, home.today) if agenda == "today" else (home.overdue_view, home.overdue)
    assert model.rowCount() == 2
    her, other = ((second, first) if model.record(1).client_id == second.id else (first, second))
    at = view.visualRect(model.index(1, 0)).center()  # (the second row: hers)
    if how == "double-click":  # (as a mouse sends it: a click, then the second press)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.visit_editor
    assert her.family_name in window.visit_editor.title.text()
    click(qtbot, window.visit_editor.back_button)
    assert window.pages.currentWidget() is home
    qtbot.wait(50)  # (whatever the focus coming back does, done)
    assert window.current_client is not None and window.current_client.id == her.id
    assert her.family_name in home.client_info.text() and other.family_name not in home.client_info.text()
    ctrl(qtbot, home.search, Qt.Key.Key_N)  # a new visit: for her, the client shown
    assert her.family_name in window.visit_editor.title.text()
