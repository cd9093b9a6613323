"""Range checks shared by the records: refuse a number that cannot be true."""

from __future__ import annotations


def check_range(name: str, value: float | None, low: float, high: float, unit: str = "") -> None:
    """Refuse a number outside what can be true (a typing slip, or a damaged file), saying which and why."""
    if value is None:
        return
    if isinstance(value, bool) or not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise ValueError(f"{name} must be between {low:g} and {high:g}{suffix}, not {value!r}")


NPI_PREFIX = "80840"
"""Prefixed to an NPI's first nine digits for its Luhn check digit (CMS, "Requirements for National Provider
Identifier (NPI) and NPI Enumerator", the check digit; ISO 7812 card issuer prefix for US health)."""


def npi_problem(npi: str) -> str:
    """Why ``npi`` cannot be a National Provider Identifier, in plain words ("" when it can, or is empty).

    An NPI is 10 digits; the last is the Luhn check digit of the other nine with 80840 put before them (CMS).
    """
    digits = npi.strip().replace(" ", "")
    if not digits:
        return ""
    if not (len(digits) == 10 and digits.isascii() and digits.isdigit()):
        return "an NPI is 10 digits"
    total = 0
    for position, char in enumerate(reversed(NPI_PREFIX + digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    if total % 10:
        return "its last digit (the check digit) does not match the others: check for a typing slip"
    return ""
