"""Settings > Practice: the letterhead's details, the logo, the paper size and the size photos are kept at."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consultapp.domain.photos import LONG_SIDE_CHOICES
from consultapp.domain.settings_transfer import MAX_LOGO_BYTES
from consultapp.ui.fields import CheckedField, ErrorLabel, add_row
from consultapp.ui.settings.tab import SettingsTab, hint, register_tab

if TYPE_CHECKING:
    from consultapp.domain.records import Practice

PAPERS = (("a4", "A4 (210 × 297 mm)"), ("letter", "US Letter (8.5 × 11 in)"))
FIELDS = (
    ("name", "Practice &name"),
    ("consultant_name", "&Consultant"),
    ("credentials", "Cre&dentials (e.g. IBCLC)"),
    ("address", "&Address"),
    ("phone", "&Phone"),
    ("fax", "Fa&x"),
    ("email", "&Email"),
)


def logo_problem(data: bytes) -> str:
    """Why ``data`` cannot be the letterhead logo ("" when it can): PNG or JPEG, at most 512 KB."""
    if len(data) > MAX_LOGO_BYTES:
        return f"This image is {len(data) // 1024} KB; a logo can be at most 512 KB. Save it smaller and try again."
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        return "A logo must be a PNG or JPEG image."
    if QPixmap().loadFromData(data) is False:
        return "This image could not be read; it may be damaged."
    return ""


@register_tab
class PracticeTab(SettingsTab):
    """The practice's details printed on letterheads; the focus goes to its name."""

    NAME = "practice"
    TITLE = "Practice"
    SORT_ORDER = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        details = QGroupBox("Practice details (printed on letterheads)")
        form = QFormLayout(details)
        self.fields: dict[str, CheckedField[str]] = {}
        for key, label in FIELDS:
            field: CheckedField[str] = CheckedField(label.replace("&", ""))
            self.fields[key] = field
            add_row(form, label, field)
        self.logo: bytes | None = None
        form.addRow(self._logo_label(), self._build_logo())
        self.paper = QComboBox()
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        add_row(form, "Paper si&ze", self.paper)
        self.photo_size = QComboBox()
        for px in LONG_SIDE_CHOICES:
            self.photo_size.addItem(f"{px:,} px on the longest side", px)
        self.photo_size.setToolTip("Larger photos are scaled down to this when they are added (kept inside the "
                                   "database, without location or camera details).")
        add_row(form, "Photos kept up to", self.photo_size)
        self.add_groups(details)
        self.setFocusProxy(self.fields["name"])

    @staticmethod
    def _logo_label() -> QLabel:
        label = QLabel("Logo")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return label

    def _build_logo(self) -> QVBoxLayout:
        self.logo_preview = QLabel("No logo")
        self.logo_preview.setAccessibleName("Logo preview")
        self.logo_preview.setFixedSize(160, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #c0c0c0; color: #555555;")
        self.logo_button = QPushButton("Choose &logo…")
        self.logo_button.setAccessibleName("Choose logo")
        self.remove_logo_button = QPushButton("Remove logo")
        self.logo_error = ErrorLabel()
        self.logo_button.clicked.connect(self.on_logo_button_clicked)
        self.remove_logo_button.clicked.connect(self.on_remove_logo_button_clicked)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo_box = QVBoxLayout()
        logo_box.addLayout(logo_row)
        logo_box.addWidget(self.logo_error)
        logo_box.addWidget(hint("PNG or JPEG, at most 512 KB; printed at the top of every document."))
        return logo_box

    def load(self, practice: Practice) -> None:
        for key, field in self.fields.items():
            field.setText(getattr(practice, key))
        self.paper.setCurrentIndex(max(0, self.paper.findData(practice.settings.paper)))
        size = practice.settings.photo_long_side_px
        if self.photo_size.findData(size) < 0:  # (a size set in a settings file)
            self.photo_size.addItem(f"{size:,} px on the longest side", size)
        self.photo_size.setCurrentIndex(self.photo_size.findData(size))
        self._set_logo(practice.logo)
        self.logo_error.show_error("")

    def save(self, practice: Practice) -> None:
        for key, field in self.fields.items():
            setattr(practice, key, field.text().strip())
        practice.logo = self.logo
        practice.settings = dataclasses.replace(practice.settings, paper=str(self.paper.currentData()),
                                                photo_long_side_px=int(self.photo_size.currentData()))

    # -- logo ---------------------------------------------------------------------------------------
    def _set_logo(self, data: bytes | None) -> None:
        self.logo = data
        self.remove_logo_button.setEnabled(data is not None)
        if data is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size() - QSize(8, 8),
                                                  Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))

    def on_logo_button_clicked(self) -> None:
        path = self.dialogs.ask_image(self, "Choose the practice logo")
        if path is None:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.logo_error.show_error(f"{Path(path).name} could not be read: {exc.strerror or exc}.")
            return
        problem = logo_problem(data)
        self.logo_error.show_error(problem)
        if not problem:
            self._set_logo(data)

    def on_remove_logo_button_clicked(self) -> None:
        self._set_logo(None)
        self.logo_error.show_error("")
