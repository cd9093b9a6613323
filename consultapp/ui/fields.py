"""Form helpers: parsed fields with an error message shown right next to them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from consultapp.domain.units import (
    TemperatureUnit,
    WeightUnit,
    format_temperature,
    format_weight,
    parse_temperature,
    parse_weight_any,
)
from consultapp.domain.weights import check_weight_g

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


class FieldError(ValueError):
    """A value the user typed cannot be accepted; the message says why, in plain words."""


class ErrorLabel(QLabel):
    """A small red message under a field; empty and hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class CheckedField(QWidget):
    """A line edit with its own error label beneath it."""

    def __init__(self, label: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(label)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(lambda _t: self.error.show_error(""))

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(text)
        self.error.show_error("")


class DateField(CheckedField):
    """A date typed as YYYY-MM-DD, with the date in words shown once it parses."""

    def __init__(self, label: str, *, required: bool = False, allow_future: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(label, "YYYY-MM-DD", parent)
        self.label = label
        self.required = required
        self.allow_future = allow_future
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: palette(mid);")
        self.hint.hide()
        self.layout().addWidget(self.hint)
        self.edit.textChanged.connect(self._update_hint)

    def _update_hint(self, text: str) -> None:
        try:
            value = self._parse(text)
        except FieldError:
            value = None
        self.hint.setText(format_date(value))
        self.hint.setVisible(value is not None)

    def _parse(self, text: str) -> dt.date | None:
        raw = text.strip()
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise FieldError(f"{self.label}: use year-month-day, e.g. 2026-03-14.") from None

    def value(self) -> dt.date | None:
        """The date, or None when left empty; raises FieldError (and shows it) when invalid."""
        try:
            value = self._parse(self.text())
            if value is None and self.required:
                raise FieldError(f"{self.label} is needed.")
            if value is not None and not self.allow_future and value > dt.date.today():
                raise FieldError(f"{self.label} cannot be in the future.")
            if value is not None and value.year < 1900:
                raise FieldError(f"{self.label}: check the year.")
        except FieldError as exc:
            self.error.show_error(str(exc))
            raise
        self.error.show_error("")
        return value

    def set_value(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")


class IntField(CheckedField):
    """A whole number within a plausible range, or empty."""

    def __init__(self, label: str, minimum: int, maximum: int, unit: str = "", *, required: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(label, unit, parent)
        self.label, self.minimum, self.maximum, self.unit, self.required = label, minimum, maximum, unit, required

    def value(self) -> int | None:
        raw = self.text().strip().replace(" ", "").replace(",", "")
        try:
            if not raw:
                if self.required:
                    raise FieldError(f"{self.label} is needed.")
                return None
            try:
                number = int(raw)
            except ValueError:
                raise FieldError(f"{self.label}: type a whole number{f' of {self.unit}' if self.unit else ''}.") \
                    from None
            if not self.minimum <= number <= self.maximum:
                raise FieldError(
                    f"{self.label} must be between {self.minimum} and {self.maximum}"
                    + (f" {self.unit}." if self.unit else ".")
                )
        except FieldError as exc:
            self.error.show_error(str(exc))
            raise
        self.error.show_error("")
        return number

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


def add_row(form: QFormLayout, label: str, field: QWidget) -> None:
    """Add a labelled row whose label is a buddy of the field (Alt+letter focus, screen readers)."""
    text = QLabel(label)
    text.setBuddy(field.focusProxy() or field)
    text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    if not field.accessibleName():
        field.setAccessibleName(label.replace("&", ""))
    form.addRow(text, field)


class TemperatureField(CheckedField):
    """A body temperature typed in the practice's unit (or with its unit: "101.3 F"), kept in Celsius."""

    def __init__(self, label: str, unit: TemperatureUnit = TemperatureUnit.C, parent: QWidget | None = None) -> None:
        super().__init__(label, f"°{unit.value}", parent)
        self.label, self.unit = label, unit

    def value(self) -> float | None:
        raw = self.text().strip()
        if not raw:
            self.error.show_error("")
            return None
        try:
            celsius = parse_temperature(raw, self.unit)
        except ValueError as exc:
            self.error.show_error(f"{self.label}: {exc}")
            raise FieldError(str(exc)) from None
        self.error.show_error("")
        return celsius

    def set_value(self, celsius: float | None) -> None:
        self.setText("" if celsius is None else format_temperature(celsius, self.unit).split(" ")[0])


class WeightField(CheckedField):
    """A baby's weight typed in g, kg or lb-oz (a bare number in the practice's unit), kept in grams."""

    def __init__(self, label: str, unit: WeightUnit = WeightUnit.G, parent: QWidget | None = None) -> None:
        super().__init__(label, "", parent)
        self.label = label
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: palette(mid);")
        self.hint.hide()
        self.layout().addWidget(self.hint)
        self.edit.textChanged.connect(self._update_hint)
        self.set_unit(unit)

    def set_unit(self, unit: WeightUnit) -> None:
        self.unit = WeightUnit(unit)
        self.edit.setPlaceholderText({"g": "g", "kg": "kg", "lb_oz": "lb oz (e.g. 7 8)"}[self.unit.value])

    def _grams(self) -> int | None:
        raw = self.text().strip()
        if not raw:
            return None
        try:
            grams = parse_weight_any(raw, self.unit)
        except ValueError as exc:
            raise FieldError(f"{self.label}: {exc}") from None
        try:
            check_weight_g(grams)
        except ValueError as exc:
            raise FieldError(f"{self.label}: {exc}") from None
        return grams

    def _update_hint(self, _text: str) -> None:
        try:
            grams = self._grams()
        except FieldError:
            grams = None
        shown = grams is not None and self.unit is not WeightUnit.G
        self.hint.setText(f"= {grams} g" if shown else "")
        self.hint.setVisible(shown)

    def value(self) -> int | None:
        try:
            grams = self._grams()
        except FieldError as exc:
            self.error.show_error(str(exc))
            raise
        self.error.show_error("")
        return grams

    def set_value(self, grams: int | None) -> None:
        self.setText("" if grams is None else format_weight(grams, self.unit).removesuffix(" g"))
