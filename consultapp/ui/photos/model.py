"""The photo strip's model: one row per photo, its thumbnail (decoded off the GUI thread) and its line."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QImage, QPixmap

from consultapp.domain.photos import Photo

ModelIndex = QModelIndex | QPersistentModelIndex
THUMB = QSize(160, 160)


class PhotoListModel(QAbstractListModel):
    """A visit's (or a family's) photos; ``set_thumbnail`` fills each picture as it arrives."""

    PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.photos: list[Photo] = []
        self.names: dict[uuid.UUID, str] = {}
        self._pixmaps: dict[uuid.UUID, QPixmap] = {}
        self.with_dates = False

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.photos)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.photos):
            return None
        photo = self.photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.line(photo)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(photo.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.line(photo)}\n{photo.width} x {photo.height} px" + (" · on the care plan" if photo.on_plan
                                                                                  else "")
        if role == self.PHOTO_ROLE:
            return photo
        return None

    def line(self, photo: Photo) -> str:
        """What the strip says under a thumbnail: whose and what, the visit's date in a family view, the caption."""
        parts = [photo.describe(self.names)]
        if self.with_dates and photo.visit_date is not None:
            parts.append(photo.visit_date.strftime("%d %b %Y"))
        if photo.on_plan:
            parts.append("on plan")
        text = " · ".join(parts)
        caption = photo.caption
        return f"{text}\n{caption[:60]}{'…' if len(caption) > 60 else ''}" if caption else text

    def set_photos(self, photos: Sequence[Photo], names: dict[uuid.UUID, str]) -> None:
        self.beginResetModel()
        self.photos, self.names = list(photos), dict(names)
        self._pixmaps = {pid: pix for pid, pix in self._pixmaps.items() if pid in {p.id for p in photos}}
        self.endResetModel()

    def missing_thumbnails(self) -> list[uuid.UUID]:
        return [p.id for p in self.photos if p.id not in self._pixmaps]

    def set_thumbnail(self, photo_id: uuid.UUID, image: QImage) -> None:
        """A decoded thumbnail arrived (on the GUI thread): show it in place."""
        for row, photo in enumerate(self.photos):
            if photo.id == photo_id:
                self._pixmaps[photo_id] = QPixmap.fromImage(image)
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
                return

    def photo_at(self, row: int) -> Photo | None:
        return self.photos[row] if 0 <= row < len(self.photos) else None
