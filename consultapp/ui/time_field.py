"""A time of day typed as HH:MM (24-hour), or empty: the time a baby was seen, or born."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QWidget

from consultapp.ui.fields import SHORT_FIELD_WIDTH, CheckedField, FieldError

_TIME = re.compile(r"^(\d{1,2})[:.h]?(\d{2})$")


class TimeField(CheckedField[dt.time]):
    """``14:30``, ``9:05``, ``1430`` or ``14.30``; a clear message for anything else."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, "HH:MM", parent)
        self.edit.setMaximumWidth(SHORT_FIELD_WIDTH)

    def parse(self, text: str) -> dt.time | None:
        raw = text.strip()
        if not raw:
            return None
        found = _TIME.match(raw)
        if found is not None:
            hours, minutes = int(found.group(1)), int(found.group(2))
            if hours < 24 and minutes < 60:
                return dt.time(hours, minutes)
        raise FieldError(f"{self.label}: use hours and minutes on a 24-hour clock, e.g. 14:30.")

    def set_value(self, value: dt.time | None) -> None:
        self.setText(value.strftime("%H:%M") if value is not None else "")
