"""Range checks shared by the records: refuse a number that cannot be true."""

from __future__ import annotations


def check_range(name: str, value: float | None, low: float, high: float, unit: str = "") -> None:
    """Refuse a number outside what can be true (a typing slip, or a damaged file), saying which and why."""
    if value is None:
        return
    if isinstance(value, bool) or not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise ValueError(f"{name} must be between {low:g} and {high:g}{suffix}, not {value!r}")
