"""Records to plain JSON-able data and back, driven by the dataclasses' type hints.

Used for drafts of an open visit and for a client's export file; every record type round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
import uuid
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


class FormatError(ValueError):
    """Data that does not have the shape of the record it should describe."""


def to_data(value: Any) -> Any:
    """A record (or any value inside one) as JSON-able data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(to_data(v) for v in value)
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot serialise {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(cls: type[T], data: Any, where: str = "") -> T:
    """Rebuild a ``cls`` record from :func:`to_data` output; raises FormatError on any mismatch."""
    return typing.cast(T, _convert(cls, data, where or cls.__name__))


def _convert(tp: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _convert_union(tp, data, where)
    if origin in (list, tuple, frozenset, set):
        return _convert_collection(tp, origin, data, where)
    if origin is dict:
        if not isinstance(data, dict):
            raise FormatError(f"{where}: expected an object")
        return dict(data)
    if tp is Any:
        return data
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _convert_record(tp, data, where)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            raise FormatError(f"{where}: {data!r} is not one of {[m.value for m in tp]}") from None
    if tp is uuid.UUID:
        try:
            return uuid.UUID(str(data))
        except ValueError:
            raise FormatError(f"{where}: not a UUID") from None
    for kind in (dt.datetime, dt.date, dt.time):
        if tp is kind:
            if not isinstance(data, str):
                raise FormatError(f"{where}: expected an ISO {kind.__name__}")
            try:
                return kind.fromisoformat(data)
            except ValueError:
                raise FormatError(f"{where}: not an ISO {kind.__name__}") from None
    return _convert_plain(tp, data, where)


def _convert_union(tp: Any, data: Any, where: str) -> Any:
    """The first member of the union the data converts to (``None`` for an optional's null)."""
    args = typing.get_args(tp)
    if data is None and type(None) in args:
        return None
    errors = []
    for arg in args:
        if arg is type(None):
            continue
        try:
            return _convert(arg, data, where)
        except FormatError as exc:
            errors.append(str(exc))
    raise FormatError("; ".join(errors) or f"{where}: unexpected null")


def _convert_collection(tp: Any, origin: Any, data: Any, where: str) -> Any:
    if not isinstance(data, list):
        raise FormatError(f"{where}: expected a list")
    args = typing.get_args(tp)
    item = args[0] if args else Any
    items = [_convert(item, v, f"{where}[{i}]") for i, v in enumerate(data)]
    return origin(items) if origin is not list else items


def _convert_record(tp: type, data: Any, where: str) -> Any:
    """A dataclass from an object: every field known, every field without a default present."""
    if not isinstance(data, dict):
        raise FormatError(f"{where}: expected an object")
    hints = _hints(tp)
    fields = dataclasses.fields(tp)
    unknown = set(data) - {f.name for f in fields}
    if unknown:
        raise FormatError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    kwargs = {}
    for f in fields:
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise FormatError(f"{where}: missing field {f.name}")
    try:
        return tp(**kwargs)
    except (TypeError, ValueError) as exc:
        raise FormatError(f"{where}: {exc}") from None


def _convert_plain(tp: Any, data: Any, where: str) -> Any:
    """A JSON scalar of the expected kind: true/false, a whole number in range, a finite number, text."""
    if tp is bool:
        if not isinstance(data, bool):
            raise FormatError(f"{where}: expected true or false")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise FormatError(f"{where}: expected a whole number")
        if not -(2**63) <= data < 2**63:
            raise FormatError(f"{where}: number out of range")
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise FormatError(f"{where}: expected a number")
        try:
            value = float(data)
        except OverflowError:
            raise FormatError(f"{where}: number out of range") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise FormatError(f"{where}: not a finite number")
        return value
    if tp is str:
        if not isinstance(data, str):
            raise FormatError(f"{where}: expected text")
        return data
    raise FormatError(f"{where}: unsupported type {tp!r}")
