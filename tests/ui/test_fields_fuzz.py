"""Hypothesis types anything into the form fields: a value in range comes back, or a clear message
beside the field, never another exception and never a value the record would refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consultapp.domain.units import TemperatureUnit, WeightUnit

pytestmark = pytest.mark.gui

TYPED = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"-?[0-9]{0,12}([.,][0-9]{0,4})?\s*(g|kg|lb|oz|°C|F|C)?", fullmatch=True),
    st.from_regex(r"[0-9]{1,2} ?lb ?[0-9]{1,2}(\.[0-9])? ?oz", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", fullmatch=True),
)


@pytest.fixture(scope="module")
def fields(qapp):  # type: ignore[no-untyped-def]
    from consultapp.ui.fields import DateField, IntField, TemperatureField, WeightField

    return {
        "weight_g": WeightField("Weight today", WeightUnit.G),
        "weight_lb": WeightField("Weight today", WeightUnit.LB_OZ),
        "temperature": TemperatureField("Temperature", TemperatureUnit.F),
        "feeds": IntField("Feeds in 24 hours", 0, 48),
        "birth_date": DateField("Date of birth"),
    }


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(["weight_g", "weight_lb", "temperature", "feeds", "birth_date"]), typed=TYPED)
def test_any_typing_gives_a_value_in_range_or_a_message(fields, name: str, typed: str) -> None:  # type: ignore[no-untyped-def]
    from consultapp.ui.fields import FieldError

    field = fields[name]
    field.setText(typed)
    try:
        value = field.value()
    except FieldError as exc:
        assert str(exc).strip()
        assert field.error.text().strip()  # shown beside the field
        return
    assert not field.has_error  # (an unusual value may carry an amber warning: it is kept)
    assert not field.error.text() or field.error.is_warning
    if value is None:
        assert not typed.strip()
    elif name.startswith("weight"):
        assert 300 <= value <= 25_000
    elif name == "temperature":
        assert 30 <= value <= 45
    elif name == "feeds":
        assert 0 <= value <= 48
    else:
        assert isinstance(value, dt.date) and value <= dt.date.today()
