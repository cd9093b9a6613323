"""Photos in the visit, as a consultant adds them: by file, by drag and drop, by pasting; refused without consent;
opened large, compared side by side, ticked for the plan, deleted; in the letter to the doctor."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from factories import VISIT_DATE, make_twins_client, make_visit
from photo_files import phone_jpeg
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, go, type_into

from consultapp.domain.photos import PhotoKind
from consultapp.domain.records import Consents
from consultapp.store.facade import Store
from consultapp.ui.photos.viewer import CompareDialog, PhotoViewer
from consultapp.ui.shell.window import MainWindow


def _open_visit(qtbot: QtBot, window: MainWindow, store: Store, *, consent: bool = True) -> tuple[object, object]:
    client = make_twins_client("Ánh", "Nguyễn", names=("Anh", "Bảo"))
    client.consents = Consents(care=VISIT_DATE, photos=VISIT_DATE if consent else None)
    client = store.save_client(client)
    visit = store.save_visit(make_visit(client))
    window.clients.on_open_visit(visit.id)
    go(qtbot, window, 9)
    return client, visit


def _files(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = tmp_path / f"IMG_{n:04d}.jpg"
        path.write_bytes(phone_jpeg(colour=(30 * n, 120, 90)))
        paths.append(path)
    return paths


def test_add_by_file_for_a_baby_with_a_caption_then_open_and_tick_for_the_plan(
        qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs, tmp_path: Path) -> None:
    _client, visit = _open_visit(qtbot, window, gui_repo)
    panel = window.visit_editor.photos.panel
    assert panel.add_button.isEnabled()
    panel.whose.setFocus()
    qtbot.keyClicks(panel.whose, "B")  # "Bảo" by keyboard
    assert panel.whose.currentText() == "Bảo"
    qtbot.keyClicks(panel.kind, "T")
    assert panel.chosen_kind() is PhotoKind.TONGUE
    type_into(qtbot, panel.caption, "Tongue before frenotomy <b>&")
    dialogs.photo_files = _files(tmp_path, 2)
    click(qtbot, panel.add_button)

    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    stored = gui_repo.photos_for_visit(visit.id)
    assert [(p.kind, p.caption) for p in stored] == [(PhotoKind.TONGUE, "Tongue before frenotomy <b>&")] * 2
    assert "Location and camera details were removed" in panel.message.text()
    assert panel.caption.text() == ""
    qtbot.waitUntil(lambda: all(panel.model.data(panel.model.index(r), Qt.ItemDataRole.DecorationRole)
                                for r in range(2)))

    panel.strip.setCurrentIndex(panel.model.index(0))
    click(qtbot, panel.open_button)
    viewer = window.photo_controller.window
    assert isinstance(viewer, PhotoViewer) and "Bảo - tongue" in viewer.windowTitle()
    viewer.close()

    click(qtbot, panel.on_plan)
    assert gui_repo.photos_for_visit(visit.id)[0].on_plan


def test_drag_and_drop_of_files_and_paste_of_a_picture(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                       tmp_path: Path) -> None:
    _client, visit = _open_visit(qtbot, window, gui_repo)
    panel = window.visit_editor.photos.panel
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in _files(tmp_path, 3)])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, drop)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)

    picture = QImage(400, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("tomato"))
    QApplication.clipboard().setImage(picture)
    click(qtbot, panel.paste_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4)
    pasted = gui_repo.photos_for_visit(visit.id)[-1]
    assert (pasted.width, pasted.height, pasted.mime) == (400, 300, "image/png")


def test_without_photo_consent_adding_is_refused_and_says_where_to_record_it(
        qtbot: QtBot, window: MainWindow, gui_repo: Store, tmp_path: Path) -> None:
    _client, visit = _open_visit(qtbot, window, gui_repo, consent=False)
    panel = window.visit_editor.photos.panel
    assert not panel.add_button.isEnabled() and not panel.paste_button.isEnabled()
    assert "No photo consent is on file" in panel.message.text()
    assert "Consent to photos given on" in panel.message.text()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in _files(tmp_path, 1)])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()
    assert gui_repo.photos_for_visit(visit.id) == []


def test_a_bad_file_among_good_ones_adds_none_and_says_which(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                             dialogs: FakeDialogs, tmp_path: Path) -> None:
    _client, visit = _open_visit(qtbot, window, gui_repo)
    panel = window.visit_editor.photos.panel
    bad = tmp_path / "scan.jpg"
    bad.write_bytes(b"not a jpeg at all")
    dialogs.photo_files = [*_files(tmp_path, 2), bad]
    click(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: "scan.jpg" in panel.message.text())
    assert "No photo was added" in panel.message.text()
    assert gui_repo.photos_for_visit(visit.id) == [] and panel.model.rowCount() == 0


def test_compare_two_visits_side_by_side_and_delete(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                    dialogs: FakeDialogs, tmp_path: Path) -> None:
    client, first_visit = _open_visit(qtbot, window, gui_repo)
    panel = window.visit_editor.photos.panel
    dialogs.photo_files = _files(tmp_path, 1)
    click(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    later = gui_repo.save_visit(make_visit(client, VISIT_DATE.replace(day=VISIT_DATE.day + 1)))
    window.clients.on_open_visit(later.id)
    go(qtbot, window, 9)
    assert panel.model.rowCount() == 0
    click(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.strip.setCurrentIndex(panel.model.index(0))
    click(qtbot, panel.compare_button)
    compare = window.photo_controller.window
    assert isinstance(compare, CompareDialog)
    left, right = (p.currentText() for p in compare.pickers)
    assert left != right and all(not v.pixmap.isNull() for v in compare.views)
    compare.close()

    click(qtbot, panel.delete_button)
    assert dialogs.confirmations and "cannot be undone" in dialogs.confirmations[-1]
    assert panel.model.rowCount() == 0 and gui_repo.photos_for_visit(later.id) == []
    assert len(gui_repo.photos_for_visit(first_visit.id)) == 1


def test_two_photos_chosen_in_the_letter_print_after_it(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                        dialogs: FakeDialogs, tmp_path: Path) -> None:
    _client, visit = _open_visit(qtbot, window, gui_repo)
    panel = window.visit_editor.photos.panel
    dialogs.photo_files = _files(tmp_path, 2)
    click(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    dialog = window.letters.open_letter()
    assert dialog is not None
    assert dialog.photos.count() == 2
    for row in range(2):
        dialog.photos.item(row).setCheckState(Qt.CheckState.Checked)
    dialogs.save_to = tmp_path / "letter.pdf"
    click(qtbot, dialog.save_button)
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "letter.pdf").read_bytes()))
    assert len(reader.pages) == 2 and "Photos" in reader.pages[1].extract_text()
    assert sum(1 for _ in reader.pages[1].images) == 2
    from consultapp.store import audit

    with gui_repo.db.session() as s:
        used = [e.record_id for e in audit.entries(s) if e.action == "photo-letter"]
    assert sorted(used) == sorted(str(p.id) for p in gui_repo.photos_for_visit(visit.id))


def test_withdrawing_photo_consent_offers_to_erase_her_photos_and_the_audit_records_it(
        qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs, tmp_path: Path) -> None:
    client, visit = _open_visit(qtbot, window, gui_repo)
    panel = window.visit_editor.photos.panel
    dialogs.photo_files = _files(tmp_path, 2)
    click(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    click(qtbot, window.visit_editor.back_button)
    click(qtbot, window.home.edit_client_button)
    editor = window.client_editor
    editor.contacts.photo_consent.edit.setFocus()
    editor.contacts.photo_consent.edit.selectAll()
    qtbot.keyClick(editor.contacts.photo_consent.edit, Qt.Key.Key_Delete)
    click(qtbot, editor.save_button)

    assert dialogs.confirmations and "Erase this family's 2 photo(s)" in dialogs.confirmations[-1]
    assert gui_repo.photos_for_client(client.id) == []
    assert gui_repo.get_client(client.id).consents.photos is None
    from consultapp.store import audit

    with gui_repo.db.session() as s:
        [erased] = [e for e in audit.entries(s, client_id=client.id) if e.action == "photo-erase"]
    assert erased.detail["photos"] == 2


def test_the_history_shows_the_familys_photos_as_thumbnails_and_compares_two(
        qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs, tmp_path: Path) -> None:
    _client, _visit = _open_visit(qtbot, window, gui_repo)
    panel = window.visit_editor.photos.panel
    dialogs.photo_files = _files(tmp_path, 2)
    click(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    click(qtbot, window.visit_editor.back_button)
    click(qtbot, window.home.history_button)
    page = window.history_page
    assert page.photos_button.text() == "Photos (2)…"
    click(qtbot, page.photos_button)
    family = window.documents.photos_window
    qtbot.waitUntil(lambda: all(family.model.data(family.model.index(r), Qt.ItemDataRole.DecorationRole)
                                for r in range(2)))
    assert "26 Nov 2026" in family.model.data(family.model.index(0), Qt.ItemDataRole.DisplayRole)
    click(qtbot, family.compare_button)
    assert isinstance(family.window_open, CompareDialog)


def test_adding_twenty_photos_runs_off_the_gui_thread_and_typing_goes_on(
        qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QLineEdit

    from consultapp.services import photos as photo_service
    from consultapp.ui.photos.controller import PhotoController
    from consultapp.ui.photos.panel import PhotosPanel
    from consultapp.ui.report import Reporter

    client = make_twins_client("Ánh", "Nguyễn", names=("Anh", "Bảo"))
    client.consents = Consents(care=VISIT_DATE, photos=VISIT_DATE)
    client = gui_repo.save_client(client)
    visit = gui_repo.save_visit(make_visit(client))
    panel, notes = PhotosPanel(), QLineEdit()
    qtbot.addWidget(panel)
    qtbot.addWidget(notes)
    pool = QThreadPool.globalInstance()
    controller = PhotoController(lambda: gui_repo, panel, Reporter(dialogs.error), dialogs, pool)
    controller.show(client, visit)
    release, started = threading.Event(), threading.Event()
    real_prepare = photo_service.prepare_photo

    def held_prepare(*args: object, **kwargs: object) -> object:
        started.set()
        assert release.wait(timeout=60), "the test never released the worker"
        return real_prepare(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(photo_service, "prepare_photo", held_prepare)
    controller.add_files(_files(tmp_path, 20))
    qtbot.waitUntil(started.is_set)  # the worker is inside the add, held there
    notes.setFocus()
    qtbot.keyClicks(notes, "still typing")
    assert notes.text() == "still typing" and controller.busy  # the GUI thread answered while photos were added
    release.set()
    qtbot.waitUntil(lambda: not controller.busy, timeout=60_000)
    assert len(gui_repo.photos_for_visit(visit.id)) == 20
    qtbot.waitUntil(lambda: panel.model.rowCount() == 20)
