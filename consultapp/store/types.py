"""Column value types shared by the models."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC timestamp is required")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class StrEnumType(TypeDecorator[E]):
    """A domain ``StrEnum`` kept as its value in a VARCHAR column, read back as the enum member.

    The stored text is the enum's value, as the hand-written mapping wrote it before: no migration.
    A value the enum does not know fails loudly (ValueError) rather than reaching the domain as text.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)

    @property
    def python_type(self) -> type[E]:
        return self.enum


class StrEnumList(TypeDecorator[list[E]]):
    """A list of a domain ``StrEnum``'s members kept as a JSON array of their values (as before: no migration)."""

    impl = JSON
    cache_ok = True

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: list[E] | list[str] | None, dialect: Dialect) -> list[str] | None:
        return None if value is None else [self.enum(v).value for v in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> list[E]:
        return [self.enum(v) for v in value or []]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
