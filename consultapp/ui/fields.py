"""Form helpers: the fields every form uses (dates, numbers, temperatures, weights), rows, combos.

Each is a ``CheckedField`` (``field_base``): checked as she types or leaves it, its message beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from consultapp.domain.records.validate import field_text_problem
from consultapp.domain.units import (
    GRAMS_PER_OUNCE,
    MAX_PLAUSIBLE_TEMPERATURE_C,
    MIN_PLAUSIBLE_TEMPERATURE_C,
    TemperatureUnit,
    WeightUnit,
    format_fine_weight,
    format_limit,
    format_temperature,
    format_weight,
    parse_temperature,
    parse_weight_any,
)
from consultapp.domain.weights import MAX_PLAUSIBLE_WEIGHT_G, MIN_PLAUSIBLE_WEIGHT_G
from consultapp.ui.dates import MONTHS as MONTHS  # noqa: E402 - re-exported
from consultapp.ui.dates import format_date as format_date  # noqa: E402 - re-exported
from consultapp.ui.field_base import ERROR_COLOUR as ERROR_COLOUR  # re-exported: the forms import from here
from consultapp.ui.field_base import WARNING_COLOUR as WARNING_COLOUR
from consultapp.ui.field_base import AttentionNote as AttentionNote
from consultapp.ui.field_base import CheckedField as CheckedField
from consultapp.ui.field_base import ErrorLabel as ErrorLabel
from consultapp.ui.field_base import FieldError as FieldError

HINT_STYLE = "color: #555555;"

USUAL_TEMPERATURE_C = (35.0, 41.0)
"""Outside this a body temperature can be true but is rare enough to check (a slip of a digit is likelier)."""
USUAL_WEIGHT_G = (1000, 12000)
"""Outside this a breastfed baby's weight can be true but is rare enough to check (a slip of a digit)."""

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)



def text_checked(edit: QWidget) -> tuple[QWidget, ErrorLabel]:
    """A multi-line edit with an error label beneath it (for ``check_text``), in one widget for a form row."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(edit)
    error = ErrorLabel(holder)
    column.addWidget(error)
    holder.setFocusProxy(edit)
    return holder, error


def check_text(text: str, error: ErrorLabel, field: str, label: str) -> FieldError | None:
    """The domain's text rule for ``field`` on ``text``: a problem is shown in ``error`` and returned."""
    problem = field_text_problem(field, text)
    error.show_error(f"{label} {problem}." if problem else "")
    return FieldError(f"{label} {problem}.") if problem else None


SHORT_FIELD_WIDTH = 240
"""Numbers and dates do not need a whole line: a short box is quicker to find and read."""


def hint_beside(field: CheckedField) -> QLabel:  # type: ignore[type-arg]
    """A hint shown beside ``field``'s box (a date in words, a weight in the practice's unit), not under it:
    its appearing as she types moves nothing below (a click aimed at the next field would land in between)."""
    hint = QLabel(field)
    hint.setStyleSheet(HINT_STYLE)
    hint.hide()
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(8)
    field.column.removeWidget(field.edit)
    row.addWidget(field.edit, 1)
    row.addWidget(hint)
    row.addStretch(0)
    field.column.insertLayout(0, row)
    return hint


class TextField(CheckedField[str]):
    """Free text on one line (never invalid)."""

    def value(self) -> str:
        return self.text().strip()

    peek = value
    lenient = value


class DateField(CheckedField[dt.date]):
    """A date typed as YYYY-MM-DD, with the date in words shown once it parses."""

    def __init__(self, label: str, *, required: bool = False, allow_future: bool = False,
                 warn_future: bool = False, warn_older_than_years: int | None = None,
                 parent: QWidget | None = None) -> None:
        """``allow_future``: a later date is normal (a follow-up); ``warn_future``: accepted with a warning (a
        visit next month may be meant); neither: refused. ``warn_older_than_years``: older dates warn."""
        super().__init__(label, "YYYY-MM-DD", parent)
        self.edit.setMaximumWidth(SHORT_FIELD_WIDTH)
        self.required = required
        self.allow_future = allow_future or warn_future
        self.warn_future = warn_future
        self.warn_older_than_years = warn_older_than_years
        self.hint = hint_beside(self)
        self.edit.textChanged.connect(self._update_hint)

    def _update_hint(self, text: str) -> None:
        try:
            value = self.parse(text)
        except FieldError:
            value = None
        self.hint.setText(format_date(value))
        self.hint.setVisible(value is not None)

    def parse(self, text: str) -> dt.date | None:
        raw = text.strip()
        if not raw:
            if self.required:
                raise FieldError(f"{self.label} is needed.")
            return None
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise FieldError(f"{self.label}: use year-month-day, e.g. 2026-03-14.") from None
        if not self.allow_future and value > dt.date.today():
            raise FieldError(f"{self.label} cannot be in the future.")
        if value.year < 1900:
            raise FieldError(f"{self.label}: check the year.")
        return value

    def warning(self, value: dt.date) -> str:
        today = dt.date.today()
        if self.warn_future and value > today:
            return f"{self.label} is in the future ({format_date(value)}): check it, or keep it if meant."
        years = self.warn_older_than_years
        if years is not None and (today - value).days > years * 365.25:
            return f"{self.label} is more than {years} years ago ({format_date(value)}): check the year."
        return ""

    def set_value(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")


def _unusual(label: str, value: float, usual: tuple[float, float] | None, unit: str, shown: str = "") -> str:
    """The warning for a value that can be true but is outside what is usual ("" inside it)."""
    if usual is None or usual[0] <= value <= usual[1]:
        return ""
    said = shown or (f"{value:g} {unit}".strip())
    return f"{label}: {said} is unusual; check it, or keep it if it is right."


class IntField(CheckedField[int]):
    """A whole number within a plausible range, or empty."""

    def __init__(self, label: str, minimum: int, maximum: int, unit: str = "", *, required: bool = False,
                 usual: tuple[int, int] | None = None, parent: QWidget | None = None) -> None:
        """``minimum``-``maximum``: what can be true (else refused); ``usual``: outside it, a warning."""
        super().__init__(label, unit, parent)
        self.edit.setMaximumWidth(SHORT_FIELD_WIDTH)
        self.minimum, self.maximum, self.unit, self.required = minimum, maximum, unit, required
        self.usual = usual

    def warning(self, value: int) -> str:
        return _unusual(self.label, value, self.usual, self.unit)

    def parse(self, text: str) -> int | None:
        raw = text.strip().replace(" ", "")
        if not raw:
            if self.required:
                raise FieldError(f"{self.label} is needed.")
            return None
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+", raw):  # 1,000: a thousands separator, not a decimal
            raw = raw.replace(",", "")
        try:
            if not re.fullmatch(r"[+-]?\d+", raw):
                raise ValueError(raw)
            number = int(raw)
        except ValueError:
            raise FieldError(f"{self.label}: type a whole number{f' of {self.unit}' if self.unit else ''}.") \
                from None
        if not self.minimum <= number <= self.maximum:
            raise FieldError(
                f"{self.label} must be between {self.minimum} and {self.maximum}"
                + (f" {self.unit}." if self.unit else ".")
            )
        return number

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class FloatField(CheckedField[float]):
    """A decimal number within a range (a comma works as the decimal mark), or empty."""

    def __init__(self, label: str, minimum: float, maximum: float, unit: str = "", *,
                 usual: tuple[float, float] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(label, unit, parent)
        self.edit.setMaximumWidth(SHORT_FIELD_WIDTH)
        self.minimum, self.maximum, self.unit = minimum, maximum, unit
        self.usual = usual

    def warning(self, value: float) -> str:
        return _unusual(self.label, value, self.usual, self.unit)

    def parse(self, text: str) -> float | None:
        raw = text.strip().replace(",", ".")
        if self.unit and raw.endswith(self.unit):
            raw = raw.removesuffix(self.unit).strip()
        if not raw:
            return None
        try:
            number = float(raw)
        except ValueError:
            raise FieldError(f"{self.label}: type a number{f' of {self.unit}' if self.unit else ''}.") from None
        if not self.minimum <= number <= self.maximum:
            raise FieldError(f"{self.label} must be between {self.minimum:g} and {self.maximum:g} {self.unit}.")
        return number

    def set_value(self, value: float | None) -> None:
        self.setText("" if value is None else f"{value:g}")


class TemperatureField(CheckedField[float]):
    """A body temperature typed in the practice's unit (or with its unit: "101.3 F"), kept in Celsius."""

    def __init__(self, label: str, unit: TemperatureUnit = TemperatureUnit.C, parent: QWidget | None = None) -> None:
        super().__init__(label, f"°{unit.value}", parent)
        self.edit.setMaximumWidth(SHORT_FIELD_WIDTH)
        self.unit = unit

    def parse(self, text: str) -> float | None:
        raw = text.strip()
        if not raw:
            return None
        try:
            return parse_temperature(raw, self.unit)
        except ValueError as exc:
            message = str(exc)
            other = _in_the_other_unit(raw, self.unit)
            if other:
                raise FieldError(f"{self.label}: {other}") from None
            if "plausible" in message:  # say the range, in the practice's unit
                low = format_temperature(MIN_PLAUSIBLE_TEMPERATURE_C, self.unit)
                high = format_temperature(MAX_PLAUSIBLE_TEMPERATURE_C, self.unit)
                message += f" (between {low} and {high})"
            raise FieldError(f"{self.label}: {message}") from None

    def warning(self, value: float) -> str:
        return _unusual(self.label, value, USUAL_TEMPERATURE_C, "", format_temperature(value, self.unit))

    def set_value(self, celsius: float | None) -> None:
        self.setText("" if celsius is None else format_temperature(celsius, self.unit).split(" ")[0])


def _in_the_other_unit(raw: str, unit: TemperatureUnit) -> str:
    """For a bare number refused in ``unit`` that is a body temperature in the other unit, why it was refused:
    "38.9 °F is not a body temperature; this practice uses °F (38.9 °C is 102.0 °F)". Never guessed silently."""
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        return ""  # (a unit typed with it, or not a number: the parser's own message)
    other = TemperatureUnit.C if unit is TemperatureUnit.F else TemperatureUnit.F
    try:
        celsius = parse_temperature(f"{number} {other.value}", other)
    except ValueError:
        return ""
    return (f"{number:g} °{unit.value} is not a body temperature; this practice uses °{unit.value} "
            f"({number:g} °{other.value} is {format_temperature(celsius, unit)})")


class WeightField(CheckedField[int]):
    """A baby's weight typed in g, kg or lb-oz (a bare number in the practice's unit), kept in grams."""

    def __init__(self, label: str, unit: WeightUnit = WeightUnit.G, parent: QWidget | None = None) -> None:
        super().__init__(label, "", parent)
        self._shown: tuple[str, int] | None = None  # the text set_value showed, and its exact grams
        self.edit.setMaximumWidth(SHORT_FIELD_WIDTH)
        self.hint = hint_beside(self)
        self.edit.textChanged.connect(self._update_hint)
        self.set_unit(unit)

    def set_unit(self, unit: WeightUnit) -> None:
        self.unit = WeightUnit(unit)
        self._shown = None  # (text shown in another unit means other grams)
        self.edit.setPlaceholderText({"g": "g", "kg": "kg", "lb_oz": "lb oz (e.g. 7 8)"}[self.unit.value])

    def parse(self, text: str) -> int | None:
        raw = text.strip()
        if not raw:
            return None
        if self._shown is not None and text == self._shown[0]:
            return self._shown[1]  # as set, untouched: the stored grams, not the rounded text read back
        try:
            grams = parse_weight_any(raw, self.unit)
        except ValueError as exc:
            raise FieldError(f"{self.label}: {exc}") from None
        if not MIN_PLAUSIBLE_WEIGHT_G <= grams <= MAX_PLAUSIBLE_WEIGHT_G:
            low = format_limit(MIN_PLAUSIBLE_WEIGHT_G, self.unit, upper=False)  # in round units: "11 oz"
            high = format_limit(MAX_PLAUSIBLE_WEIGHT_G, self.unit, upper=True)  # "55 lb"
            raise FieldError(f"{self.label}: a baby's weight must be between {low} and {high}")
        return grams

    def warning(self, value: int) -> str:
        return _unusual(self.label, value, USUAL_WEIGHT_G, "", format_weight(value, self.unit))

    def _update_hint(self, text: str) -> None:
        """What a weight typed in another unit (or "7 8") is in the practice's unit: "= 7 lb 8.0 oz"."""
        grams = self.lenient()
        shown = grams is not None and text.strip() != format_weight(grams, self.unit).removesuffix(" g")
        self.hint.setText(f"= {format_weight(grams, self.unit)}" if shown and grams is not None else "")
        self.hint.setVisible(shown)

    def set_value(self, grams: int | None) -> None:
        """Show ``grams`` in the practice's unit. The text is rounded (7 lb 0.9 oz); until it is changed, the
        field's value stays exactly ``grams``, so saving a visit never shifts a weight nobody touched."""
        text = "" if grams is None else format_weight(grams, self.unit).removesuffix(" g")
        self._shown = None if grams is None else (text, grams)
        self.setText(text)


class FineWeightField(CheckedField[float]):
    """A small weight - a scale's resolution - in grams, or ounces in a lb-oz practice; kept in grams."""

    def __init__(self, label: str, minimum_g: float, maximum_g: float, unit: WeightUnit = WeightUnit.G,
                 parent: QWidget | None = None) -> None:
        super().__init__(label, "", parent)
        self.edit.setMaximumWidth(SHORT_FIELD_WIDTH)
        self.minimum_g, self.maximum_g = minimum_g, maximum_g
        self._shown: tuple[str, float] | None = None  # the text set_value showed, and its exact grams
        self.set_unit(unit)

    def set_unit(self, unit: WeightUnit) -> None:
        self.unit = WeightUnit(unit)
        self._shown = None
        self.suffix = "oz" if self.unit is WeightUnit.LB_OZ else "g"
        self.edit.setPlaceholderText(self.suffix)

    def parse(self, text: str) -> float | None:
        raw = text.strip().replace(",", ".")
        if not raw:
            return None
        if self._shown is not None and text == self._shown[0]:
            return self._shown[1]
        raw = raw.removesuffix(self.suffix).strip()
        try:
            number = float(raw)
        except ValueError:
            raise FieldError(f"{self.label}: type a number of {self.suffix}.") from None
        grams = round(number * GRAMS_PER_OUNCE, 2) if self.unit is WeightUnit.LB_OZ else number
        if not self.minimum_g <= grams <= self.maximum_g:
            low, high = format_fine_weight(self.minimum_g, self.unit), format_fine_weight(self.maximum_g, self.unit)
            if not any(c in "123456789" for c in low):  # (0.1 g is 0.00 oz to two places)
                raise FieldError(f"{self.label} must be more than 0 and at most {high}.")
            raise FieldError(f"{self.label} must be between {low} and {high}.")
        return grams

    def set_value(self, grams: float | None) -> None:
        text = "" if grams is None else format_fine_weight(grams, self.unit).removesuffix(f" {self.suffix}")
        self._shown = None if grams is None else (text, grams)
        self.setText(text)


def add_row(form: QFormLayout, label: str, field: QWidget, context: str = "") -> QLabel:
    """Add a labelled row whose label is a buddy of the field (Alt+letter focus, screen readers).

    The field's accessible name is the label as shown; ``context`` (e.g. "Left breast") goes into its
    accessible description, for rows repeated in several groups.
    """
    text = QLabel(label)
    text.setBuddy(field.focusProxy() or field)
    text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    name = label.replace("&", "")
    for target in (field, field.focusProxy()):
        if target is not None:
            target.setAccessibleName(name)
            if context:
                target.setAccessibleDescription(context)
    form.addRow(text, field)
    return text


def check_box(label: str, accessible: str = "") -> QCheckBox:
    """A check box whose accessible name is its label (or ``accessible`` when the label needs context)."""
    box = QCheckBox(label)
    box.setAccessibleName(accessible or label.replace("&", ""))
    return box


def enum_combo(enum: type[E], label: str, *, none: str | None = "Not recorded") -> QComboBox:
    """A combo box of an enum's labels; ``none`` adds a first "not recorded" choice (data None)."""
    combo = QComboBox()
    combo.setAccessibleName(label)
    if none is not None:
        combo.addItem(none, None)
    for member in enum:
        combo.addItem(getattr(member, "label", str(member)), member.value)
    return combo


def combo_enum(combo: QComboBox, enum: type[E]) -> E | None:
    """The enum member chosen (QComboBox gives StrEnum data back as str), or None."""
    data = combo.currentData()
    return None if data is None else enum(str(data))


def set_combo(combo: QComboBox, value: StrEnum | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(None if value is None else value.value)))


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_shown(text: str) -> str:
    """Text for a button, check box, tab or group title, which take "&" as a shortcut mark: shown as is."""
    return text.replace("&", "&&")
