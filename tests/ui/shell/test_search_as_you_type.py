"""Typing in the search box: the list, the client beside it and their painting follow each keystroke, no more."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import EventCounter, FakeDialogs, ctrl, make_window, type_into

from consultapp.domain.records import Baby, Client
from consultapp.store.facade import Store


def test_a_letter_that_finds_the_same_clients_keeps_the_list_and_the_client(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    silva = gui_repo.save_client(Client("Ana", "Silva", babies=[Baby("Leo")]))
    souza = gui_repo.save_client(Client("Ana", "Souza", babies=[Baby("Isla")]))
    gui_repo.save_client(Client("Bea", "Moreira"))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    resets: list[int] = []
    home.clients.modelReset.connect(lambda: resets.append(1))
    type_into(qtbot, home.search, "an")  # "a" finds all three, "an" the two Anas
    assert [home.clients.record(r).id for r in range(home.clients.rowCount())] == [silva.id, souza.id]
    shown = len(resets)
    type_into(qtbot, home.search, "a")  # "ana": the same two
    assert len(resets) == shown  # the model kept, not reset
    assert [home.clients.record(r).id for r in range(home.clients.rowCount())] == [silva.id, souza.id]
    assert home.client_view.currentIndex().row() == 0
    assert window.current_client is not None and window.current_client.id == silva.id
    assert "Silva" in home.client_info.text() and "Leo" in home.client_info.text()
    assert home.result_count.text() == "2 clients"
    type_into(qtbot, home.search, " sou")  # another list: Souza alone, chosen and shown
    assert len(resets) > shown
    assert home.clients.rowCount() == 1 and home.result_count.text() == "1 client"
    assert window.current_client is not None and window.current_client.id == souza.id
    assert "Souza" in home.client_info.text() and "Isla" in home.client_info.text()
    assert home.edit_client_button.isEnabled()


def test_the_columns_are_as_wide_as_qt_makes_them_for_the_rows_on_screen(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Sized from the texts (ui/client_list.py): the same widths as Qt's own sizing, whose letters overhang
    ("Yusuf"), carry accents or come from other scripts, and for a client without babies."""
    names = [("Yusuf", "Kaff", ["Leif", "Ayşe"]), ("Zoë", "Nguyễn", ["Bé Minh"]), ("王", "秀英", ["李小龍"]),
             ("Siobhán", "Ní Bhriain", []), ("Fatima", "الحداد", ["Noor"]), ("Ana", "Wolff", ["Josef, Jr"])]
    for i, (given, family, babies) in enumerate(names * 6):
        gui_repo.save_client(Client(given, family, phone=f"555 01{i:02d}", babies=[Baby(b) for b in babies]))
    window = make_window(qtbot, gui_repo, dialogs)
    view, header = window.home.client_view, window.home.client_view.horizontalHeader()
    for typed in ("a", "f", "5"):
        window.home.search.clear()
        type_into(qtbot, window.home.search, typed)
        ours = list(view._natural)
        header.setStretchLastSection(False)  # (Qt's natural widths, the last column's included)
        QTableView.resizeColumnsToContents(view)
        qts = [view.columnWidth(c) for c in range(view.model().columnCount())]
        header.setStretchLastSection(True)
        assert ours == qts, typed


def test_a_keystroke_paints_the_list_once(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs) -> None:
    """The new rows are painted in the keystroke's frame; nothing is left queued to paint them again later (each
    list here is longer than the view, which keeps its scroll bar)."""
    families = ("Silva", "Sosa", "Sousa", "Souza")
    for i in range(120):
        gui_repo.save_client(Client(f"Ana{i:03d}", families[i % 4], phone=f"555 02{i:03d}"))
    window = make_window(qtbot, gui_repo, dialogs)
    paints = EventCounter(QEvent.Type.Paint)
    viewport = window.home.client_view.viewport()
    viewport.installEventFilter(paints)
    for typed in ("s", "o", "u", "z"):  # new rows (and column widths) at each letter
        type_into(qtbot, window.home.search, typed)
        QApplication.processEvents()  # the keystroke's frame
        assert paints.count >= 1
        paints.count = 0
        QApplication.processEvents()
        QApplication.processEvents()
        assert paints.count == 0, typed



def test_while_she_types_the_record_waits_for_her_pause_and_no_other_client_is_acted_on(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each keystroke lists the clients at once; the first one's record is read once she pauses (issue 15).
    Meanwhile the panel is greyed and its buttons are off, and whatever is asked of the current
    client (History, Ctrl+H) is asked of the one highlighted, read there and then."""
    silva = gui_repo.save_client(Client("Ana", "Silva", babies=[Baby("Leo")]))
    souza = gui_repo.save_client(Client("Ana", "Souza", babies=[Baby("Isla")]))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    reads: list[object] = []
    real = Store.client_shown

    def counted(store: Store, client_id: object) -> object:
        reads.append(client_id)
        return real(store, client_id)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "client_shown", counted)

    type_into(qtbot, home.search, "souz")  # Souza first from the "s": her record waits
    assert [home.clients.record(r).id for r in range(home.clients.rowCount())] == [souza.id]
    assert reads == [] and not home.edit_client_button.isEnabled() and not home.history_button.isEnabled()
    assert not home.client_info.isEnabled() and not home.visit_view.isEnabled()
    qtbot.waitUntil(home.edit_client_button.isEnabled)  # she paused: Souza's record, read once
    assert reads == [souza.id] and home.client_info.isEnabled() and home.visit_view.isEnabled()
    assert "Souza" in home.client_info.text() and "Isla" in home.client_info.text()

    home.search.clear()
    type_into(qtbot, home.search, "silv")
    assert not home.client_info.isEnabled()  # Silva's is on its way: the panel names her, not Souza
    assert home.record_panel.currentWidget() is home.held and "Silva" in home.held.texts()[0]
    assert not home.client_info.isVisible()
    ctrl(qtbot, home.search, Qt.Key.Key_H)  # History at once, before the pause: hers, the one highlighted
    assert window.pages.currentWidget() is window.pages.history_page
    qtbot.waitUntil(lambda: "Silva" in window.pages.history_page.title.text())
    assert window.current_client is not None and window.current_client.id == silva.id
    assert reads[-1] == silva.id and "Souza" not in window.pages.history_page.title.text()


def test_while_her_record_is_read_the_panel_names_the_client_highlighted_never_the_one_before(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Between a keystroke that brings another client first and her pause, the panel shows what her row in the
    list says of her (greyed), not the previous client's record; her visits are not listed as "No visits yet"
    meanwhile; then her whole record."""
    import datetime as dt

    from factories import make_visit

    haddad = gui_repo.save_client(Client("Grace", "Haddad & <Sons>", phone="555 0142", babies=[Baby("李小龍")]))
    abebe = gui_repo.save_client(Client("Ana", "Abebe", babies=[Baby("Leo")]))
    for day in (3, 9):
        gui_repo.save_visit(make_visit(abebe, dt.date(2026, 11, day)))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    type_into(qtbot, home.search, "abe")
    qtbot.waitUntil(home.edit_client_button.isEnabled)
    assert "Abebe" in home.client_info.text() and home.visits.rowCount() == 2

    home.search.clear()
    type_into(qtbot, home.search, "hadd")  # Haddad first: her record on its way
    assert not home.client_info.isEnabled() and not home.edit_client_button.isEnabled()
    assert home.record_panel.currentWidget() is home.held and not home.client_info.isVisible()
    held = " ".join(home.held.texts())
    assert "Abebe" not in held and "Grace Haddad & <Sons>" in held and "555 0142" in held and "李小龍" in held
    assert not home.held.isEnabled()  # (greyed)
    image = home.held.grab().toImage()  # drawn: the name's line has pixels other than the background's
    background = image.pixel(image.width() - 1, image.height() - 1)
    assert any(image.pixel(x, y) != background for x in range(0, min(200, image.width()), 2) for y in range(4, 24))
    assert home.visits.rowCount() == 0 and not home.visit_view.hint_shown()  # (not "No visits yet")
    qtbot.waitUntil(home.edit_client_button.isEnabled)
    assert window.current_client is not None and window.current_client.id == haddad.id
    assert home.client_info.isVisible() and "Haddad &amp; &lt;Sons&gt;" in home.client_info.text()
    assert home.client_info.isEnabled() and home.visit_view.hint_shown()  # hers: no visits yet, now known


def _natural_and_qts(view: QTableView) -> tuple[list[int], list[int]]:
    """The widths the view sized its columns to, and Qt's own sizing of them (the last column's included)."""
    ours = list(view._natural)  # type: ignore[attr-defined]
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    QTableView.resizeColumnsToContents(view)
    qts = [view.columnWidth(c) for c in range(view.model().columnCount())]
    header.setStretchLastSection(True)
    return ours, qts


def test_her_visits_and_todays_list_are_as_wide_as_qt_makes_them(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Her visits and today's and the overdue lists are sized from their texts too (ui/client_list.py), not by
    Qt asking the model for every role of every cell on screen: the same widths as Qt's, for reasons that
    overhang ("Leif"), carry accents or come from other scripts, and an empty one."""
    import datetime as dt

    from consultapp.domain.records import PlanEdits, Visit

    today = dt.date.today()
    reasons = ["Leif's latch", "Dor ao amamentar, mamilo rachado", "乳头疼痛", "ألم أثناء الرضاعة", "", "Wolff"]
    ana = gui_repo.save_client(Client("Ana", "Wolff", babies=[Baby("Leif")]))
    assert ana.id is not None
    for i, reason in enumerate(reasons * 3):
        gui_repo.save_visit(Visit(ana.id, today - dt.timedelta(days=i), reason=reason,
                                  plan=PlanEdits(follow_up=today - dt.timedelta(days=1))))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    type_into(qtbot, home.search, "wolff")
    qtbot.waitUntil(lambda: home.visits.rowCount() == len(reasons) * 3)
    assert "Ana Wolff" in home.client_info.text()
    for view in (home.visit_view, home.today_view, home.overdue_view):
        assert view.isVisible() and view.model().rowCount() > 0
        ours, qts = _natural_and_qts(view)
        assert ours == qts, view.accessibleName()


def test_a_client_clicked_is_shown_at_her_records_height_in_one_frame(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Her record (a long address, twins) takes its height in the frame that shows it, the visits below it
    placed once: left to Qt, each level of the panel's nesting took a pass of the event loop, the record drawn
    14, 18, then 89 px tall over three frames (ui/painted_text.laid_out_now)."""
    gui_repo.save_client(Client("Bea", "Moreira"))
    gui_repo.save_client(Client("Bea", "Nakamura-Ferreira", phone="555 0199",
                                address="Flat 3, 12 Harbour Road\nLower Town\nKingsport KP1 2AB",
                                babies=[Baby("Leo"), Baby("Isla")]))
    window = make_window(qtbot, gui_repo, dialogs)
    home, view = window.home, window.home.client_view
    type_into(qtbot, home.search, "bea")
    qtbot.waitUntil(lambda: "Moreira" in home.client_info.text())  # the short record first
    row = next(r for r in range(home.clients.rowCount()) if "Nakamura" in home.clients.record(r).full_name)
    where = view.visualRect(home.clients.index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QApplication.processEvents()  # one pass of the event loop: one frame
    assert "Kingsport" in home.client_info.text() and "Isla" in home.client_info.text()
    shown = (home.client_info.height(), home.visit_view.y())
    assert shown[0] >= home.client_info.heightForWidth(home.client_info.width())  # every line of her record
    for _ in range(5):
        QApplication.processEvents()
    assert (home.client_info.height(), home.visit_view.y()) == shown  # nothing moved after that frame


def test_after_a_font_change_the_columns_are_measured_in_the_new_font(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """The widths kept from one keystroke to the next (the texts' and the titles') are the font's: a larger
    font (her display settings) sizes the columns afresh, as Qt's own sizing would."""
    for i, (given, family) in enumerate([("Yusuf", "Kaff"), ("Zoë", "Nguyễn"), ("Ana", "Wolff")] * 4):
        gui_repo.save_client(Client(given, family, phone=f"555 01{i:02d}", babies=[Baby("Leif")]))
    window = make_window(qtbot, gui_repo, dialogs)
    view = window.home.client_view
    type_into(qtbot, window.home.search, "a")
    before, _ = _natural_and_qts(view)
    bigger = view.font()
    bigger.setPointSizeF(bigger.pointSizeF() * 1.6)
    view.setFont(bigger)
    window.home.search.clear()
    type_into(qtbot, window.home.search, "a")  # (the same clients: their texts measured before, in the old font)
    ours, qts = _natural_and_qts(view)
    assert ours == qts
    assert all(new > old for new, old in zip(ours, before, strict=True))


def test_back_on_the_home_page_her_new_record_is_whole_in_the_first_frame(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """A record shown while she was on another page (the client she just saved) is laid out before the home
    page shows again: the page does not lay itself out a second time in the next frame."""
    from ui.helpers import create_client

    gui_repo.save_client(Client("Bea", "Moreira"))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    create_client(qtbot, window, "Nakamura-Ferreira", "Beatriz Aiko", "Leo")  # saved: back to her record
    QApplication.processEvents()  # one pass of the event loop: one frame
    assert window.pages.currentWidget() is home and "Aiko" in home.client_info.text()
    shown = (home.client_info.height(), home.visit_view.geometry())
    assert shown[0] >= home.client_info.heightForWidth(home.client_info.width())
    for _ in range(5):
        QApplication.processEvents()
    assert (home.client_info.height(), home.visit_view.geometry()) == shown


def _painted_later(viewport: QWidget, paints: EventCounter) -> int:
    """The paints ``viewport`` gets after the frame just drawn: two more passes of the event loop."""
    paints.count = 0
    QApplication.processEvents()
    QApplication.processEvents()
    return paints.count


def test_a_keystroke_that_brings_or_takes_the_scroll_bar_paints_the_list_once(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Fewer clients than the list holds, then more, then fewer: its scroll bar comes and goes and the header
    stretches its last column to the new width, in the keystroke's frame; nothing is queued to paint it again."""
    for i in range(60):
        gui_repo.save_client(Client(f"Ana{i:03d}", "Silva", phone=f"555 03{i:03d}"))
    window = make_window(qtbot, gui_repo, dialogs)
    view = window.home.client_view
    paints = EventCounter(QEvent.Type.Paint)
    view.viewport().installEventFilter(paints)
    for typed, scrolled in (("ana00", False), ("\b", True), ("0", False)):
        if typed == "\b":
            qtbot.keyClick(window.home.search, Qt.Key.Key_Backspace)
        else:
            type_into(qtbot, window.home.search, typed)
        QApplication.processEvents()  # the keystroke's frame
        assert view.verticalScrollBar().isVisible() == scrolled, window.home.search.text()
        assert _painted_later(view.viewport(), paints) == 0, window.home.search.text()


def test_choosing_a_client_paints_her_visits_once(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs) -> None:
    """Her record (address, twins) pushes her visits down as it is laid out: the list shrinks and its columns are
    fitted again, in the click's frame, and nothing is queued to paint it a second time (0.7 ms a client)."""
    import datetime as dt

    from factories import make_visit

    other = gui_repo.save_client(Client("Bea", "Moreira"))
    twins = gui_repo.save_client(Client("Ana", "Silva", address="12 Long Road\nFlat 3\nSpringfield",
                                        babies=[Baby("Noah"), Baby("Nia")]))
    for day in range(40):
        gui_repo.save_visit(make_visit(twins, dt.date(2026, 1, 1) + dt.timedelta(days=day)))
    window = make_window(qtbot, gui_repo, dialogs)
    home = window.home
    paints = EventCounter(QEvent.Type.Paint)
    home.visit_view.viewport().installEventFilter(paints)
    for client in (other, twins, other, twins):
        row = home.clients.row_of(client.id)
        assert row is not None
        rect = home.client_view.visualRect(home.clients.index(row, 0))
        qtbot.mouseClick(home.client_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QApplication.processEvents()  # the click's frame
        assert window.current_client is not None and window.current_client.id == client.id
        assert home.visits.rowCount() == (40 if client is twins else 0)
        assert _painted_later(home.visit_view.viewport(), paints) == 0, client.given_name
