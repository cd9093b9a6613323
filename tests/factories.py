"""Synthetic records shared by the tests (no real people)."""

from __future__ import annotations

import datetime as dt

from consultapp.domain.records import Baby, Client


def make_client(given: str = "Amara", family: str = "Okafor", baby: str = "Noah") -> Client:
    return Client(
        given_name=given,
        family_name=family,
        date_of_birth=dt.date(1993, 4, 2),
        phone="555 010 2030",
        address="12 Mill Lane\nSampletown",
        babies=[Baby(name=baby, date_of_birth=dt.date(2026, 11, 20), birth_weight_g=3400)],
    )
