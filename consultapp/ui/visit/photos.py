"""The visit's photos section (Ctrl+9): the photo panel; photos are kept as they are added, not with Save."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from consultapp.domain.records import Visit
from consultapp.ui.fields import FieldError
from consultapp.ui.photos.panel import PhotosPanel
from consultapp.ui.visit.base import Mode, Section, VisitContext


class PhotosSection(Section):
    title = "Photos"
    loaded = Signal()  # a visit was shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = PhotosPanel()
        self.ctx: VisitContext | None = None
        self.visit: Visit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        """The visit shown; the controller (``ui/photos/controller.py``) listens for it and fills the panel."""
        self.ctx, self.visit = ctx, visit
        self.loaded.emit()

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        return []  # photos are stored as they are added, outside the visit record

    def first_field(self) -> QWidget:
        return self.panel.add_button if self.panel.add_button.isEnabled() else self.panel.strip
