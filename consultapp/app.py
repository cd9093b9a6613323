"""GUI entry point: crash hook, the QApplication, the main window, then the database behind it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp import __version__
from consultapp.runtime.logs import attach_log_file

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from consultapp.store.facade import Store

# The desktop file's name without ".desktop" (packaging/linux/): Wayland matches windows to it.
DESKTOP_FILE_NAME = "org.consultapp.ConsultApp"
# Set to 1 to quit once the store is attached, writing "ready" (the window is up and takes input), "listed"
# (the first page of clients is shown) and "searchable" (the store is attached: the search box finds clients)
# on stdout: the benchmark times cold start with it.
EXIT_WHEN_READY_ENV = "CONSULTAPP_EXIT_WHEN_READY"
# The log file opens (and the cyclic collector runs again) once the first page of clients shows, or this long after
# the window takes input at the latest.
SETTLED_LATEST_MS = 2000
# Set before the QApplication exists: Qt's raster painter then fills large areas (a table's background, a scroll
# bar's groove, a group box's frame: anything over 96 px tall) on the GUI thread itself, instead of handing each
# fill to its pool of threads and waiting for them. On the consultant's two-core laptop that hand-over cost more
# than the fill: about a quarter of opening a client's history (14.2 -> 10.6 ms in alternated runs at 50,000
# clients), and the waits grow with whatever else the machine is doing. Set already, it is left as it is.
NO_GUI_THREAD_POOL_ENV = "QT_NO_GUI_THREADPOOL"


def load_qt() -> None:
    """Import Qt for the app, without PySide's ``__feature__`` import hook.

    Loading QtCore wraps ``builtins.__import__`` so that a module may write ``from __feature__ import
    snake_case``; the wrapper then reads the source of every module imported after it (the UI's, the store's,
    SQLAlchemy's) to see whether it mentions PySide. The app uses no such feature: the import PySide wrapped
    (kept as ``builtins.__orig_import__``, its own lazy loading of Qt's classes) is put back, once.
    """
    import builtins  # lazy: (standard library) with Qt, below

    # lazy: Qt loads when the app starts, after the crash hook (a broken Qt install is caught and logged)
    import PySide6.QtCore  # noqa: F401

    wrapped = getattr(builtins, "__orig_import__", None)
    if wrapped is not None and builtins.__import__ is getattr(builtins, "__feature_import__", None):
        builtins.__import__ = wrapped


def create_application(*, wheel_guard: bool = True) -> QApplication:
    """The QApplication (created once), named as the desktop integration expects.

    ``wheel_guard=False``: the main window installs the guard itself once its first page shows (app.run).
    """
    load_qt()
    # lazy: Qt loads when the app starts, after the crash hook (a broken Qt install is caught and logged)
    from PySide6.QtWidgets import QApplication

    os.environ.setdefault(NO_GUI_THREAD_POOL_ENV, "1")  # (Qt asks whether it is set at all: any value)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if wheel_guard:
        # lazy: with Qt (above)
        from consultapp.ui.wheel import install_wheel_guard

        install_wheel_guard(app)  # the wheel over an unfocused drop-down or spin box scrolls the page instead
    app.setApplicationName("ConsultApp")
    app.setOrganizationName("ConsultApp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    return app


def draw_window_offscreen(store: Store) -> str:
    """Build the main window on ``store`` and draw it (``--self-test``: Qt plugins, styles, fonts); says what it drew.

    Raises:
        RuntimeError: the window drew nothing, or listed no client.
    """
    # lazy: Qt loads when the window is built, not when the command line imports this module
    from consultapp.ui.shell.window import MainWindow

    qt_app = create_application()
    window = MainWindow(store)
    try:
        qt_app.processEvents()
        image = window.grab()
        if image.isNull() or image.width() < 100:
            raise RuntimeError("the main window drew nothing")
        clients = window.home.clients.rowCount()
        if clients < 1:
            raise RuntimeError("the client list is empty")
        return f"{qt_app.platformName()} platform, {image.width()}x{image.height()}, {clients} clients listed"
    finally:
        window.close()
        window.deleteLater()
        qt_app.processEvents()


def draw_charts_offscreen() -> str:
    """Draw the weight chart and the score trends on sample data (``--self-test``: QPainter); says what it drew.

    Raises:
        RuntimeError: a chart drew nothing.
    """
    import datetime as dt  # lazy: (standard library) only for this check

    # lazy: Qt and the charts load when the charts are drawn, not when the command line imports this module
    from consultapp.domain.charts import score_trend, weight_chart
    from consultapp.domain.units import WeightUnit
    from consultapp.ui.charts import LazyPlot, ScoreTrendView, WeightChartView

    qt_app = create_application()
    born = dt.date(2026, 1, 1)
    weight = WeightChartView()
    weighings = [(born + dt.timedelta(days=day), grams) for day, grams in ((3, 3260), (7, 3410), (14, 3650))]
    weight.set_chart(weight_chart(born, 3500, weighings), WeightUnit.G)
    scores = ScoreTrendView()
    scores.set_points(score_trend([(born + dt.timedelta(days=day), 6 + day // 4, 5 + day // 4) for day in (3, 7, 14)]))
    views: tuple[LazyPlot, ...] = (weight, scores)
    try:
        for view in views:
            view.resize(480, 320)
            view.show()
            qt_app.processEvents()
            image = view.plot.grab().toImage()
            if view.plot.isHidden() or image.isNull() or image.width() < 100 or not view.plot.draws_its_points(image):
                raise RuntimeError(f"the chart {view.title!r} drew nothing")
    finally:
        for view in views:
            view.close()
            view.deleteLater()
        qt_app.processEvents()
    return f"{len(views)} charts drawn"


def run(db_target: str | Path | None = None) -> int:
    """Start the app on ``db_target`` (default: the user data folder's database).

    The window shows first, its search box taking input; the store (SQLAlchemy, the migrations)
    opens on a worker thread and is attached when ready, so starting never waits for it. A new
    default database is created encrypted (the consultant chooses a passphrase); an encrypted one
    asks for its passphrase first; a plain one (``--db``) opens without a question.
    """
    import gc  # lazy: (standard library) only the app's start tunes the collector

    # Start-up makes a few hundred thousand objects that live as long as the app (modules, classes, the window):
    # the cyclic collector would walk them over and over while nothing is garbage yet. It runs again, those
    # objects set aside (frozen), once the first page of clients shows (``_settled``).
    gc.disable()
    from platformdirs import user_config_path, user_log_path

    # lazy: the UI loads after the command line decided to start it (the commands never load Qt)
    from consultapp.ui.crash import install

    # Before the QApplication: an error while starting up is caught and logged too.
    install(user_log_path("ConsultApp", appauthor=False), __version__)
    try:
        return _run(db_target, user_config_path("ConsultApp", appauthor=False))
    finally:
        attach_log_file()  # (once open, nothing; a start that failed before its window showed keeps its log)
        gc.enable()


def _settled() -> None:
    """Once her first page of clients shows: the log file opens (with what was logged while starting: see
    runtime/logs.py; its handler's imports are not what she waits for), and the cyclic collector runs again,
    leaving out what start-up made to keep. Once (calling again does nothing)."""
    import gc  # lazy: (standard library) as in run

    attach_log_file()
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _run(db_target: str | Path | None, config_folder: Path) -> int:
    load_qt()  # (first: the UI's modules below import without PySide's __feature__ hook)
    # lazy: after the crash hook is installed (run), so an error while importing the UI is caught and logged
    from PySide6.QtCore import QThreadPool, QTimer

    from consultapp.ui.security.startup import Startup
    from consultapp.ui.shell.clients import CLIENT_PAGE
    from consultapp.ui.shell.window import MainWindow
    from consultapp.ui.ui_settings import UiSettings

    app = create_application(wheel_guard=False)  # (the window installs it once its first page shows)
    ui_settings = UiSettings(config_folder / "window.ini")
    report = os.environ.get(EXIT_WHEN_READY_ENV) == "1"

    def on_listed() -> None:
        if report:
            _say("listed")  # the first page of clients is shown (read ahead of the store, or by it)
        QTimer.singleShot(0, _settled)  # (next turn, once the page is drawn)

    def on_attached() -> None:
        if report:
            _say("searchable")  # the store is attached: what she types finds clients
            app.quit()

    startup = Startup(db_target, lambda: MainWindow(ui_settings=ui_settings), quit=app.exit,
                      on_listed=on_listed, on_attached=on_attached, daily_backup=not report,
                      first_page_rows=CLIENT_PAGE + 1)
    startup.window.show()

    def on_first_turn() -> None:
        if report:
            _say("ready")
        startup.start()
        # A file that lists nothing first (encrypted: a passphrase is asked) settles soon all the same.
        QTimer.singleShot(SETTLED_LATEST_MS, _settled)
        # lazy: the fonts load once the window takes input (start-up time)
        from consultapp.ui.fonts import add_bundled_fonts

        # CJK, Hangul and emoji names on machines without such fonts. On the GUI thread, before any name is
        # listed (the store is still opening): fonts added from another thread leave text already laid out
        # in boxes. A few frames, once, after the window takes input.
        add_bundled_fonts()

    QTimer.singleShot(0, on_first_turn)
    try:
        return app.exec()
    finally:
        pool = QThreadPool.globalInstance()
        pool.clear()  # work not yet started never starts,
        pool.waitForDone()  # and work under way (a list, a save, a backup) ends before its database closes
        startup.close()


def _say(word: str) -> None:
    sys.stdout.write(f"{word}\n")
    sys.stdout.flush()
