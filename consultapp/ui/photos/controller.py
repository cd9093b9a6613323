"""What happens when she adds, opens, compares, ticks or deletes a visit's photos.

Reading and preparing the files (Pillow: orientation, stripping, scaling) and storing them run off the GUI
thread through ``Task``, with progress in the panel, so typing elsewhere in the visit goes on; thumbnails are
decoded off the GUI thread too, and kept in memory by photo id (a visit opened again shows them at once).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QWidget

from consultapp.domain.photos import Photo, PhotoSubject, consent_problem
from consultapp.ui.photos.panel import PhotosPanel
from consultapp.ui.photos.viewer import CompareDialog, PhotoViewer
from consultapp.ui.report import shown
from consultapp.ui.tasks import Pool, Progress, Task

if TYPE_CHECKING:
    from consultapp.domain.photos import PhotoLimits
    from consultapp.domain.records import Client, Visit
    from consultapp.services.photos import PhotoSource
    from consultapp.store.facade import Store
    from consultapp.ui.dialogs import Dialogs
    from consultapp.ui.report import Reporter

NOT_SAVED = "Save the visit first (Ctrl+S); then photos can be added to it."
THUMB_CACHE = 400


class PhotoController(QObject):
    """Connects the panel to the store. ``store`` is asked each time (the window may re-attach another)."""

    changed = Signal()  # photos were added, deleted or ticked

    def __init__(self, store: Callable[[], Store], panel: PhotosPanel, report: Reporter, dialogs: Dialogs,
                 pool: Pool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.panel, self.report, self.dialogs, self.pool = store, panel, report, dialogs, pool
        self.client: Client | None = None
        self.visit: Visit | None = None
        self.window: QDialog | None = None  # the viewer or comparison open, for tests and to keep it alive
        self._thumbs: dict[uuid.UUID, QImage] = {}
        self.busy = False
        panel.browse_requested.connect(self.on_panel_browse_requested)
        panel.add_files_requested.connect(self.add_files)
        panel.add_image_requested.connect(self.add_image)
        panel.open_requested.connect(self.open_photo)
        panel.compare_requested.connect(self.compare)
        panel.delete_requested.connect(self.delete)
        panel.on_plan_toggled.connect(self.set_on_plan)

    # -- what is shown ------------------------------------------------------------------------------
    def show(self, client: Client, visit: Visit | None) -> None:
        """The visit on screen (None or unsaved: nothing can be added yet)."""
        self.client, self.visit = client, visit
        self.panel.set_babies(client.babies)
        self.refresh()

    def names(self) -> dict[uuid.UUID, str]:
        return {b.id: b.name for b in self.client.babies if b.id is not None} if self.client else {}

    def refresh(self) -> None:
        visit, client = self.visit, self.client
        if client is None or visit is None or visit.id is None:
            self.panel.set_photos([], {})
            self.panel.set_enabled_for(NOT_SAVED)
            return
        problem = consent_problem(client.consents.photos, visit.visit_date)
        with self.report.problems(say=lambda m: self.panel.show_message(m, error=True)):
            photos = self.store().photos_for_visit(visit.id)
            self.panel.set_photos(photos, self.names())
            self.panel.set_enabled_for(problem, can_add=problem is None)
        self._load_thumbnails()

    def _load_thumbnails(self) -> None:
        for photo_id in self.panel.model.missing_thumbnails():
            if photo_id in self._thumbs:
                self.panel.model.set_thumbnail(photo_id, self._thumbs[photo_id])
        wanted = self.panel.model.missing_thumbnails()
        if not wanted:
            return
        store = self.store()

        def job() -> Generator[Progress, None, dict[uuid.UUID, QImage]]:
            yield Progress(0, 1, "Loading photos…")
            return {pid: QImage.fromData(QByteArray(data)) for pid, data in store.photo_thumbnails(wanted).items()}

        Task(job, self.report).success(self._thumbnails_arrived).failure(self._failed).run_in(self.pool)

    def _thumbnails_arrived(self, images: dict[uuid.UUID, QImage]) -> None:
        if len(self._thumbs) > THUMB_CACHE:
            self._thumbs.clear()
        self._thumbs.update(images)
        for pid, image in images.items():
            self.panel.model.set_thumbnail(pid, image)

    # -- adding -------------------------------------------------------------------------------------
    def on_panel_browse_requested(self) -> None:
        paths = self.dialogs.ask_photo_files(self.panel)
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Sequence[Path]) -> None:
        from consultapp.services.photos import PhotoSource  # lazy: Pillow loads with the first photo

        limits = self._limits()
        if limits is None:
            return
        self._add(lambda: [PhotoSource.from_file(Path(p), limits) for p in paths], len(paths))

    def add_image(self, image: QImage) -> None:
        """A pasted or dropped picture (no file): kept as PNG, which carries no metadata of its own."""
        from consultapp.services.photos import PhotoSource  # lazy: Pillow loads with the first photo

        if image.isNull():
            self.panel.show_message("The pasted picture could not be read.", error=True)
            return
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # (PySide6 takes the format as str)
        buffer.close()
        self._add(lambda: [PhotoSource(bytes(data.data()), "the pasted picture")], 1)

    def _limits(self) -> PhotoLimits | None:
        from consultapp.services.photos import limits_of  # lazy: Pillow loads with the first photo

        with self.report.problems(say=lambda m: self.panel.show_message(m, error=True)):
            return limits_of(self.store())
        return None

    def _add(self, sources: Callable[[], list[PhotoSource]], count: int) -> None:
        from consultapp.services.photos import add_photos, limits_of  # lazy: Pillow loads with the first photo

        visit = self.visit
        if visit is None or visit.id is None or self.busy:
            return
        store, visit_id = self.store(), visit.id
        subject: PhotoSubject = self.panel.subject()
        kind, caption = self.panel.chosen_kind(), self.panel.caption.text()

        def job() -> Generator[Progress, None, list[Photo]]:
            yield Progress(0, 1, "Reading the photos…")
            return add_photos(store, visit_id, sources(), subject=subject, caption=caption, kind=kind,
                              limits=limits_of(store))

        self.busy = True
        self.panel.progress.setRange(0, 0)
        self.panel.progress.show()
        self.panel.show_message(f"Adding {count} photo(s)…")
        (Task(job, self.report).success(self._added).failure(self._failed)
            .finally_(self._idle).run_in(self.pool))

    def _idle(self) -> None:
        self.busy = False
        self.panel.progress.hide()

    def _added(self, kept: list[Photo]) -> None:
        self.panel.caption.clear()
        self.refresh()
        self.panel.show_message(f"{len(kept)} photo(s) added. Location and camera details were removed.")
        self.changed.emit()

    def _failed(self, exc: Exception) -> None:
        from consultapp.services.photo_images import PhotoFileError  # lazy: loaded with the add that failed

        if isinstance(exc, PhotoFileError | ValueError):
            self.panel.show_message(f"{exc} No photo was added.", error=True)
            return
        if shown(exc, lambda m: self.panel.show_message(m, error=True), what="photos") is None:
            raise exc

    # -- one photo ----------------------------------------------------------------------------------
    def image_of(self, photo: Photo) -> QImage:
        return QImage.fromData(QByteArray(self.store().photo_content(photo.id)))

    def open_photo(self, photo: Photo | None) -> None:
        if photo is None:
            return
        with self.report.problems(say=lambda m: self.panel.show_message(m, error=True)):
            image = self.image_of(photo)
            self._open(PhotoViewer(photo, self.panel.model.line(photo), image, self._parent()))

    def compare(self, photo: Photo | None) -> None:
        client = self.client
        if client is None or client.id is None:
            return
        with self.report.problems(say=lambda m: self.panel.show_message(m, error=True)):
            family = self.store().photos_for_client(client.id)
            if not family:
                return
            right = photo or family[-1]
            same = [p for p in family if p.subject == right.subject and p.kind is right.kind and p.id != right.id]
            left = same[0] if same else family[0]
            self.panel.model.with_dates = True
            try:
                line = self.panel.model.line
                dialog = CompareDialog(family, lambda p: line(p), self.image_of, left, right, self._parent())
            finally:
                self.panel.model.with_dates = False
            self._open(dialog)

    def delete(self, photo: Photo) -> None:
        question = f"Delete this photo ({photo.describe(self.names())}) for good? It cannot be undone."
        if not self.dialogs.confirm(self.panel, "Delete photo", question):
            return
        with self.report.problems(say=lambda m: self.panel.show_message(m, error=True)):
            self.store().delete_photo(photo.id)
        self.refresh()
        self.panel.show_message("Photo deleted.")
        self.changed.emit()

    def set_on_plan(self, photo: Photo, ticked: bool) -> None:
        with self.report.problems(say=lambda m: self.panel.show_message(m, error=True)):
            self.store().update_photo(photo.id, on_plan=ticked)
        self.refresh()
        self.changed.emit()

    def _parent(self) -> QWidget:
        return self.panel.window()

    def _open(self, dialog: QDialog) -> None:
        if self.window is not None:
            self.window.close()
        self.window = dialog
        dialog.open()
