"""The practice's settings as a plain mapping (the TOML file that travels between laptops) and back.

The mapping has a ``format`` name and a ``version``, then four tables: ``[settings]`` (units, paper, the wording
of each topic), ``[thresholds]`` (every clinical threshold), ``[billing]`` (the identifiers printed on
superbills) and ``[letterhead]`` (the practice's details and its logo, base64). The fields are read from the
dataclasses themselves, so a setting added to ``PracticeSettings`` or ``ClinicalThresholds`` travels too.

Reading is checked whole: every value is typed and range-checked with the limits the settings page applies,
an unknown key is refused by name, and the first problem raises one ``SettingsFileError`` naming the key. A
key left out keeps the value it has in the practice the file is read onto (a table removed by hand leaves,
say, this laptop's own consultant NPI as it is); a file written by ``practice_settings_to_mapping`` names
every key, so importing it makes the practice's settings exactly the exported ones.
"""

from __future__ import annotations

import base64
import binascii
import copy
import dataclasses
import math
import unicodedata
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

from consultapp.domain.flags import FlagCode
from consultapp.domain.records import BillingIdentifiers, Practice, PracticeSettings
from consultapp.domain.settings import ClinicalThresholds

FORMAT = "consultapp-practice-settings"
FORMAT_VERSION = 1
TABLES = ("settings", "thresholds", "billing", "letterhead")

MAX_LOGO_BYTES = 512 * 1024
"""As the settings page limits the logo it is given (PNG or JPEG)."""
MAX_TEXT = 32767
"""The longest text a field of the settings page takes (a line edit's limit)."""
MULTILINE_FIELDS = frozenset({"address"})
"""Letterhead fields that may hold line breaks (as the store keeps them)."""

THRESHOLD_LIMITS: dict[str, tuple[float, float, int]] = {
    "weight_loss_amber_pct": (1, 30, 1),
    "weight_loss_red_pct": (1, 30, 1),
    "not_regained_amber_day": (0, 60, 0),
    "not_regained_red_day": (0, 60, 0),
    "min_gain_g_per_day": (0, 100, 2),  # two decimals: a threshold typed in oz/day is kept in g to 0.01
    "min_gain_until_day": (0, 730, 0),
    "test_weight_max_resolution_g": (0.1, 50, 2),  # (likewise, typed in oz)
    "min_feeds_per_24h": (0, 24, 0),
    "fever_threshold_c": (35, 42, 2),  # two decimals: a threshold typed in °F is kept in °C to 0.01
    "btat_impaired_at_most": (0, 8, 0),
    "latch_further_evaluation_below": (0, 10, 0),
    "min_feeds_applies_until_day": (0, 366, 0),
    "late_preterm_below_days": (238, 280, 0),  # 34 to 40 weeks, as ClinicalThresholds checks
    "late_preterm_loss_pct_per_day": (0.1, 30, 1),
    "late_preterm_loss_pct_by_day_3": (0.1, 30, 1),
    "jaundice_early_onset_hours": (1, 72, 0),
    "prolonged_jaundice_breastfed_days": (7, 42, 0),
    "prolonged_jaundice_formula_days": (7, 42, 0),
    "nipple_pain_persistent_days": (1, 90, 0),
}
"""(lowest, highest, decimals) of each threshold: the ranges of Settings > Clinical (tests check they agree)."""

SET_CHOICES: dict[str, type[Enum]] = {"disabled_flags": FlagCode}
"""What the members of a set-valued threshold may be."""

PAPER_CHOICES = ("a4", "letter")
T = TypeVar("T")


class SettingsFileError(ValueError):
    """A settings mapping that cannot be kept; ``key`` names where (``thresholds.fever_threshold_c``).

    ``str()`` is one line: the key, then what is wrong with it.
    """

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}" if key else problem)


# -- out --------------------------------------------------------------------------------------------------


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)  # type: ignore[type-var]
    return value


def practice_settings_to_mapping(practice: Practice) -> dict[str, Any]:
    """The practice's settings as plain TOML-able values (what ``practice_settings_from_mapping`` reads)."""
    st = practice.settings
    letterhead: dict[str, object] = {name: getattr(practice, name) for name in _letterhead_text_fields()}
    letterhead["logo"] = base64.b64encode(practice.logo).decode("ascii") if practice.logo else ""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "settings": {f.name: _plain(getattr(st, f.name)) for f in _choice_fields()},
        "thresholds": {f.name: _plain(getattr(st.thresholds, f.name)) for f in dataclasses.fields(ClinicalThresholds)},
        "billing": {f.name: getattr(practice.identifiers, f.name) for f in dataclasses.fields(BillingIdentifiers)},
        "letterhead": letterhead,
    }


def _choice_fields() -> tuple[dataclasses.Field[Any], ...]:
    """``PracticeSettings``' own fields (units, paper, wording): all but the thresholds."""
    return tuple(f for f in dataclasses.fields(PracticeSettings) if f.name != "thresholds")


def _letterhead_text_fields() -> tuple[str, ...]:
    """The practice's text fields (name, consultant, credentials, address, phone, email, fax...)."""
    blank = Practice()
    return tuple(f.name for f in dataclasses.fields(Practice) if isinstance(getattr(blank, f.name), str))


def allowed_values(table: str, key: str) -> tuple[str, ...]:
    """The words a key takes, for a file's comments ("" for a number or a free text)."""
    if table == "settings":
        current = getattr(PracticeSettings(), key, None)
        if isinstance(current, Enum):
            return tuple(str(m.value) for m in type(current))
        if key == "paper":
            return PAPER_CHOICES
    if table == "thresholds":
        current = getattr(ClinicalThresholds(), key, None)
        if isinstance(current, Enum):
            return tuple(str(m.value) for m in type(current))
        if key in SET_CHOICES:
            return tuple(str(m.value) for m in SET_CHOICES[key])
    return ()


# -- in ---------------------------------------------------------------------------------------------------


def practice_settings_from_mapping(data: Mapping[str, object], onto: Practice | None = None) -> Practice:
    """The practice ``onto`` (default: a blank one) with the settings ``data`` holds, checked whole.

    ``onto`` itself is not changed; the result keeps its id and version (so it saves over it).

    Raises:
        SettingsFileError: the first problem found, naming its key: not this format, a newer version, an
            unknown table or key, a value of the wrong type, out of range, or thresholds that disagree.
    """
    if not isinstance(data, Mapping):
        raise SettingsFileError("", "the settings must be a table of keys")
    _check_header(data)
    practice = copy.deepcopy(onto) if onto is not None else Practice()
    tables = {name: _table(data, name) for name in TABLES}
    settings = _read_choices(tables["settings"], practice.settings)
    thresholds = _read_thresholds(tables["thresholds"], practice.settings.thresholds)
    practice.settings = _build("settings", lambda: dataclasses.replace(settings, thresholds=thresholds))
    billing = {
        k: _text("billing", k, v)
        for k, v in _known(tables["billing"], "billing", [f.name for f in dataclasses.fields(BillingIdentifiers)])
    }
    practice.identifiers = dataclasses.replace(practice.identifiers, **billing)
    _read_letterhead(tables["letterhead"], practice)
    return practice


def _check_header(data: Mapping[str, object]) -> None:
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise SettingsFileError(
            "format",
            f'must be "{FORMAT}"'
            + (f", not {found!r}" if found is not None else " (is this a practice settings file?)"),
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SettingsFileError("version", f"must be a whole number, not {version!r}")
    if version > FORMAT_VERSION:
        raise SettingsFileError(
            "version", f"{version} is newer than this ConsultApp reads ({FORMAT_VERSION}); update ConsultApp"
        )
    if version < 1:
        raise SettingsFileError("version", f"{version} is not a version of this format")
    unknown = [str(k) for k in data if k not in ("format", "version", *TABLES)]
    if unknown:
        raise SettingsFileError("", f"unknown key{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")


def _table(data: Mapping[str, object], name: str) -> Mapping[str, object]:
    table = data.get(name, {})
    if not isinstance(table, Mapping):
        raise SettingsFileError(name, f"must be a table ([{name}]), not {_kind(table)}")
    return table


def _known(table: Mapping[str, object], prefix: str, names: list[str] | tuple[str, ...]) -> list[tuple[str, object]]:
    unknown = [str(k) for k in table if k not in names]
    if unknown:
        raise SettingsFileError(prefix, f"unknown key{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")
    return [(str(k), v) for k, v in table.items()]


def _build(key: str, make: Callable[[], T]) -> T:
    try:
        return make()
    except (ValueError, TypeError) as exc:
        raise SettingsFileError(key, str(exc)) from None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return repr(value)[:40]


def _read_choices(table: Mapping[str, object], current: PracticeSettings) -> PracticeSettings:
    values: dict[str, object] = {}
    for key, value in _known(table, "settings", [f.name for f in _choice_fields()]):
        values[key] = _typed(f"settings.{key}", value, _default(PracticeSettings, key), allowed_values("settings", key))
    return _build("settings", lambda: dataclasses.replace(current, **values))  # type: ignore[arg-type]


def _read_thresholds(table: Mapping[str, object], current: ClinicalThresholds) -> ClinicalThresholds:
    values: dict[str, object] = {}
    for key, value in _known(table, "thresholds", [f.name for f in dataclasses.fields(ClinicalThresholds)]):
        name = f"thresholds.{key}"
        values[key] = _typed(name, value, _default(ClinicalThresholds, key), allowed_values("thresholds", key))
        if key in THRESHOLD_LIMITS and not isinstance(values[key], bool):
            _in_range(name, values[key], *THRESHOLD_LIMITS[key])
    return _build("thresholds", lambda: dataclasses.replace(current, **values))  # type: ignore[arg-type]


def _in_range(name: str, value: object, low: float, high: float, decimals: int) -> None:
    assert isinstance(value, int | float)  # (``_typed`` gave a number)
    if not low <= value <= high:
        raise SettingsFileError(name, f"{value:g} is not between {low:g} and {high:g}")
    if round(value, decimals) != value:
        places = "a whole number" if decimals == 0 else f"at most {decimals} decimal{'s' if decimals > 1 else ''}"
        raise SettingsFileError(name, f"{value!r} must be {places}")


def _default(cls: type[Any], key: str) -> object:
    """The default of ``cls``' field ``key``: what shows the kind of value it takes."""
    return getattr(cls(), key)


def _typed(name: str, value: object, current: object, choices: tuple[str, ...]) -> object:
    """``value`` checked to be of the kind ``current`` (the field's default) is."""
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise SettingsFileError(name, f"must be true or false, not {_kind(value)}")
        return value
    if isinstance(current, Enum):
        if not isinstance(value, str) or value not in choices:
            raise SettingsFileError(name, f"must be one of {', '.join(choices)}, not {_kind(value)}")
        return type(current)(value)
    if isinstance(current, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsFileError(name, f"must be a number, not {_kind(value)}")
        if isinstance(current, int) and not isinstance(value, int):
            if not (math.isfinite(value) and value == int(value)):
                raise SettingsFileError(name, f"must be a whole number, not {value!r}")
            return int(value)
        if not math.isfinite(value):
            raise SettingsFileError(name, f"must be a number, not {value!r}")
        return value
    if isinstance(current, frozenset | set):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsFileError(name, f"must be a list of words, not {_kind(value)}")
        wrong = sorted({v for v in value if choices and v not in choices})
        if wrong:
            raise SettingsFileError(name, f"unknown: {', '.join(wrong)} (known: {', '.join(choices)})")
        return frozenset(value)
    if isinstance(current, str):
        if not isinstance(value, str):
            raise SettingsFileError(name, f"must be text, not {_kind(value)}")
        if choices and value not in choices:
            raise SettingsFileError(name, f"must be one of {', '.join(choices)}, not {value[:40]!r}")
        return value
    return value  # a kind this version does not know: the dataclass checks it


def _text(prefix: str, key: str, value: object) -> str:
    name = f"{prefix}.{key}"
    if not isinstance(value, str):
        raise SettingsFileError(name, f"must be text, not {_kind(value)}")
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise SettingsFileError(name, f"is {len(text)} characters long; at most {MAX_TEXT}")
    allowed = "\n" if key in MULTILINE_FIELDS else ""
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in text):
        raise SettingsFileError(
            name, "holds a control character" + (" (only line breaks may be here)" if allowed else "")
        )
    return text


def _read_letterhead(table: Mapping[str, object], practice: Practice) -> None:
    fields = _letterhead_text_fields()
    for key, value in _known(table, "letterhead", (*fields, "logo")):
        if key == "logo":
            practice.logo = decode_logo(value)
        else:
            setattr(practice, key, _text("letterhead", key, value))


def decode_logo(value: object) -> bytes | None:
    """The logo of a settings file: base64 of a PNG or JPEG of at most 512 KB; "" is no logo."""
    name = "letterhead.logo"
    if not isinstance(value, str):
        raise SettingsFileError(name, f"must be the image as base64 text, not {_kind(value)}")
    packed = "".join(value.split())
    if not packed:
        return None
    if len(packed) > (MAX_LOGO_BYTES + 2) // 3 * 4:
        raise SettingsFileError(name, "a logo can be at most 512 KB")
    try:
        data = base64.b64decode(packed, validate=True)
    except (binascii.Error, ValueError):
        raise SettingsFileError(name, "is not base64 text (the image, encoded)") from None
    if len(data) > MAX_LOGO_BYTES:
        raise SettingsFileError(name, f"the image is {len(data) // 1024} KB; a logo can be at most 512 KB")
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise SettingsFileError(name, "a logo must be a PNG or JPEG image")
    return data
