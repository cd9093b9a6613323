"""At 1366x768: no visit section, table or preview scrolls sideways or is wider than its view; the LATCH pickers
show their descriptors whole; an empty list says so; the flag banner appearing moves nothing under her pointer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QTableView, QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, ctrl, go, tick, type_into

from consultapp.store.facade import Store
from consultapp.ui.scoring import ScorePicker
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tables import RecordTable, fitted_widths


def name_of(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def sideways(root: QWidget) -> list[str]:
    """Every visible scrolled view under ``root`` that scrolls sideways or holds something wider than itself."""
    problems = []
    for area in root.findChildren(QAbstractScrollArea):
        if not area.isVisible():
            continue
        room = area.viewport().width()
        if area.horizontalScrollBar().isVisible():
            problems.append(f"{name_of(area)}: a sideways scroll bar")
        if isinstance(area, QScrollArea) and area.widget() is not None and area.widget().width() > room:
            problems.append(f"{name_of(area)}: content {area.widget().width()} px in {room} px")
        if isinstance(area, QTableView) and area.model() is not None:
            columns = sum(area.columnWidth(c) for c in range(area.model().columnCount()) if not area.isColumnHidden(c))
            if columns > room:
                problems.append(f"{name_of(area)}: columns {columns} px in {room} px")
    return problems


def settle(qtbot: QtBot, window: QWidget) -> None:
    """Let the layouts run (resizes and layout requests are posted events, a few rounds deep)."""
    qtbot.waitExposed(window)
    for _ in range(5):
        QApplication.processEvents()


def open_sample_visit(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    """The sample family (names in several scripts, twins' worth of findings), opened as she would: search, open."""
    from consultapp.services.samples import fill_sample

    sample = fill_sample(store)
    client = store.get_client(sample.client_id)
    window.on_back_home()
    type_into(qtbot, window.home.search, client.family_name[:4])
    qtbot.waitUntil(lambda: window.current_client is not None and window.current_client.id == sample.client_id)
    click(qtbot, window.home.open_visit_button)
    assert window.pages.currentWidget() is window.visit_editor


def test_nothing_scrolls_sideways_at_1366x768(qtbot: QtBot, window: MainWindow, gui_repo: Store) -> None:
    assert (window.width(), window.height()) == (1366, 768)
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    # Home, with a client who has no visits yet: the list says so, with no scroll bars.
    visits = window.home.visit_view
    assert isinstance(visits, RecordTable) and visits.hint_shown() and visits.empty_hint == "No visits yet."
    assert not visits.verticalScrollBar().isVisible()
    assert sideways(window) == []

    open_sample_visit(qtbot, window, gui_repo)
    for number in range(1, 8):
        go(qtbot, window, number)
        settle(qtbot, window)
        if sideways(window):
            window.grab().save(f"/tmp/wt5-sec{number}.png")
        assert sideways(window) == [], f"section {number}"
        if number == 3:  # Feeding: every LATCH picker shows its longest descriptor whole
            feeding = window.visit_editor.feeding
            pickers = [p for p in feeding.findChildren(ScorePicker) if p.isVisible()]
            assert len(pickers) == 5
            for picker in pickers:
                longest = max(picker.fontMetrics().horizontalAdvance(picker.itemText(i)) for i in range(picker.count()))
                assert longest <= picker.width() - 40, picker.accessibleName()

    ctrl(qtbot, window.visit_editor.plan.table, Qt.Key.Key_P, shift=True)  # the care plan's preview
    settle(qtbot, window)
    assert window.pages.currentWidget() is window.preview_page and sideways(window) == []

    window.on_preview_back()
    click(qtbot, window.visit_editor.back_button)
    ctrl(qtbot, window.home.search, Qt.Key.Key_H)  # History and charts
    assert window.pages.currentWidget() is window.pages.history_page
    settle(qtbot, window)
    assert sideways(window) == []
    timeline = window.pages.history_page.timeline_view
    status = timeline.model().index(0, timeline.model().columnCount() - 1)
    text = str(status.data())
    cut = timeline.fontMetrics().horizontalAdvance(text) > timeline.columnWidth(status.column()) - 8
    assert not cut or status.data(Qt.ItemDataRole.ToolTipRole) == text  # whole, or whole in its tooltip

    click(qtbot, window.pages.history_page.back_button)
    settle(qtbot, window)
    assert sideways(window) == []


def test_the_first_handout_preview_is_not_clipped(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    dialog = window._letters().open_handouts()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    view = dialog.preview
    assert view.page_labels, "the first handout is previewed"
    assert sideways(dialog) == []
    page = view.page_labels[0]
    right = page.mapTo(view.viewport(), QPoint(page.width() // 2 + page.pixmap().width() // 2, 0)).x()
    assert right <= view.viewport().width()


def test_the_flag_banner_coming_moves_nothing_under_the_pointer(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    go(qtbot, window, 6)
    editor = window.visit_editor
    parent = editor.parent_section
    banner = editor.banner
    assert not banner.isVisible()
    watched = [parent.temperature, parent.checks["chills"], *parent.checks.values(), editor.nav_buttons[0]]
    before = [w.mapTo(window, QPoint(0, 0)) for w in watched]
    type_into(qtbot, parent.temperature.edit, "39.4")
    tick(qtbot, parent.checks["chills"])
    qtbot.waitUntil(banner.isVisible)  # a red flag: fever with chills
    assert "RED" in banner.text()
    assert [w.mapTo(window, QPoint(0, 0)) for w in watched] == before
    parent.checks["chills"].setChecked(False)
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert [w.mapTo(window, QPoint(0, 0)) for w in watched] == before


def test_columns_are_fitted_short_ones_whole_long_ones_shared() -> None:
    assert fitted_widths([80, 70, 600, 50, 300], 700) == [80, 70, 250, 50, 250]
    assert sum(fitted_widths([80, 70, 600, 50, 300], 700)) <= 700
    assert fitted_widths([100, 200], 400) == [100, 200]  # room enough: as they are
    assert fitted_widths([500, 500, 500], 120) == [48, 48, 48]  # never below a readable least
