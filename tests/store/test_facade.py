"""Store round trips, search, ordering and concurrency, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from factories import make_client, make_full_visit, make_named_client, make_visit
from sqlalchemy import text

from consultapp.domain.records import (
    LactationHistory,
    Practice,
    PracticeSettings,
)
from consultapp.domain.settings import ClinicalThresholds, HazelbakerRule
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.domain.vocabulary import (
    DeliveryMode,
    PlanVariant,
    Position,
    Sex,
)
from consultapp.store.db import HEAD_REVISION, current_revision, open_database
from consultapp.store.errors import ConflictError, DatabaseNewerError, NotFoundError, UnstorableText
from consultapp.store.facade import Store

HARD_NAMES = [
    ("Nguyễn Thị", "Ánh"),
    ("Zoë", "O'Brien-Šimić"),
    ("<b>Ana", "& Co</b>"),
    ("فاطمة", "الحداد"),
    ("王", "秀英"),
    ("Emma 🌸", "Smith"),
]


def test_open_migrates_to_head(db_target: str) -> None:
    db = open_database(db_target)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
    finally:
        db.close()
    # Opening again finds the schema current and keeps the data.
    db = open_database(db_target)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
    finally:
        db.close()


@pytest.mark.parametrize(("given", "family"), HARD_NAMES)
def test_hard_names_round_trip_unchanged(repo: Store, given: str, family: str) -> None:
    saved = repo.save_client(make_client(given, family, baby=f"{given} Jr."))
    assert saved.id is not None
    loaded = repo.get_client(saved.id)
    assert (loaded.given_name, loaded.family_name) == (given, family)
    assert loaded.babies[0].name == f"{given} Jr."
    assert loaded.babies[0].birth_weight_g == 3400


def test_visit_round_trip_keeps_every_field(repo: Store) -> None:
    client = make_client()
    client.babies[0].sex = Sex.FEMALE
    client.babies[0].gestational_age_days = 38 * 7 + 4
    client.babies[0].delivery_mode = DeliveryMode.CAESAREAN_UNPLANNED
    client.babies[0].birth_time = dt.time(3, 15)
    client.history = LactationHistory("Reduction 2015", True, "Twins, 6 months", "Sertraline", "Anxious <3")
    client = repo.save_client(client)
    assert client.id is not None
    assert repo.get_client(client.id) == client
    visit = make_full_visit(client)
    saved = repo.save_visit(visit)
    assert saved.id is not None
    loaded = repo.get_visit(saved.id)
    for feed in loaded.assessments[0].feeds:
        feed.id = None  # feeds are rewritten on each save
    assert loaded == saved
    assert loaded.assessments[0].latch.total == 6
    assert loaded.assessments[0].positions == [Position.CROSS_CRADLE, Position.LAID_BACK]


def test_practice_settings_round_trip(repo: Store) -> None:
    settings = PracticeSettings(
        thresholds=ClinicalThresholds(weight_loss_amber_pct=8.0, hazelbaker_rule=HazelbakerRule.BALLARD),
        clogged_duct_variant=PlanVariant.ABM36,
        weight_unit=WeightUnit.LB_OZ,
        temperature_unit=TemperatureUnit.F,
    )
    repo.save_practice(Practice(name="Riverside", settings=settings))
    assert repo.get_practice().settings == settings


def test_earlier_weighings_for_velocity(repo: Store) -> None:
    client = repo.save_client(make_client())
    assert client.id is not None and client.babies[0].id is not None
    baby = client.babies[0].id
    for day, grams in ((22, 3100), (24, 3150), (26, 3200)):
        repo.save_visit(make_visit(client, dt.date(2026, 11, day), weight_g=grams))
    earlier = repo.earlier_weighings([baby], dt.date(2026, 11, 26))
    assert earlier == {baby: [(dt.date(2026, 11, 22), 3100), (dt.date(2026, 11, 24), 3150)]}


def test_editing_a_visit_updates_in_place(repo: Store) -> None:
    client = repo.save_client(make_client())
    assert client.id is not None and client.babies[0].id is not None
    visit = repo.save_visit(
        make_visit(client, dt.date(2026, 11, 24), weight_g=3000)
    )
    visit.assessments[0].weight_g = 3050
    visit.breast_finding = None
    repo.save_visit(visit)
    assert visit.id is not None
    again = repo.get_visit(visit.id)
    assert again.assessments[0].weight_g == 3050
    assert len(repo.visits_for_client(client.id)) == 1


def test_visits_listed_newest_first(repo: Store) -> None:
    client = repo.save_client(make_client())
    assert client.id is not None
    for day in (3, 20, 11):
        repo.save_visit(make_visit(client.id, dt.date(2026, 10, day), reason=f"day {day}"))
    assert [v.reason for v in repo.visits_for_client(client.id)] == ["day 20", "day 11", "day 3"]
    assert [v.client_name for v in repo.all_visits()] == ["Amara Okafor"] * 3


def test_search_rows_carry_babies_in_birth_order_and_the_last_visit(repo: Store) -> None:
    """The list's row comes from one statement; babies' names survive it whatever they hold."""
    hard = 'Zoë "Z" \\ 😀 <&>'
    twins = repo.save_client(
        make_named_client("Maryam", "Haddad", hard, "Adam", "نور")
    )
    alone = repo.save_client(make_named_client("Maryam", "Quill"))
    for day in (3, 20, 11):
        repo.save_visit(make_visit(twins.id, dt.date(2026, 10, day)))
    rows = {row.id: row for row in repo.search_clients("maryam")}
    assert rows[twins.id].baby_names == (hard, "Adam", "نور")
    assert rows[twins.id].last_visit == dt.date(2026, 10, 20)
    assert rows[twins.id].full_name == "Maryam Haddad"
    assert (rows[alone.id].baby_names, rows[alone.id].last_visit) == ((), None)
    assert [row.id for row in repo.search_clients("ma")] == [twins.id, alone.id]  # (name order: Haddad, Quill)


def test_search_is_accent_and_case_insensitive_over_parent_baby_and_phone(repo: Store) -> None:
    nguyen = repo.save_client(make_client("Nguyễn Thị", "Ánh", baby="Bé Minh"))
    other = repo.save_client(make_client("Olivia", "Smith", baby="Leo"))
    assert [c.id for c in repo.search_clients("nguyen")] == [nguyen.id]
    assert [c.id for c in repo.search_clients("ANH")] == [nguyen.id]
    assert [c.id for c in repo.search_clients("minh")] == [nguyen.id]
    assert [c.id for c in repo.search_clients("leo")] == [other.id]
    assert {c.id for c in repo.search_clients("")} == {nguyen.id, other.id}
    assert {c.id for c in repo.search_clients("0102030")} == {nguyen.id, other.id}
    assert repo.search_clients("olivia smith")[0].baby_names == ("Leo",)
    # LIKE wildcards typed by the user are plain characters.
    assert repo.search_clients("%") == []
    assert repo.search_clients("_") == []


def test_stale_save_is_refused_not_overwritten(repo: Store) -> None:
    client = repo.save_client(make_client())
    assert client.id is not None
    first = repo.get_client(client.id)
    second = repo.get_client(client.id)
    first.phone = "555 111"
    repo.save_client(first)
    second.phone = "555 222"
    with pytest.raises(ConflictError):
        repo.save_client(second)
    assert repo.get_client(client.id).phone == "555 111"


def test_unknown_records_raise_not_found(repo: Store) -> None:
    with pytest.raises(NotFoundError):
        repo.get_visit(uuid.uuid4())
    with pytest.raises(NotFoundError):
        repo.get_client(uuid.uuid4())


def test_practice_saved_once_and_updated(repo: Store) -> None:
    assert repo.get_practice() == Practice()
    repo.save_practice(Practice(name="Riverside", consultant_name="Jo", credentials="IBCLC"))
    practice = repo.get_practice()
    practice.phone = "555-0100"
    repo.save_practice(practice)
    again = repo.get_practice()
    assert (again.name, again.credentials, again.phone) == ("Riverside", "IBCLC", "555-0100")


def test_database_from_a_newer_app_is_refused(db_target: str) -> None:
    db = open_database(db_target)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.close()
    with pytest.raises(DatabaseNewerError, match="newer version"):
        open_database(db_target)


def test_control_characters_are_refused_never_dropped_silently(repo: Store) -> None:
    """A NUL in a name crashed the save on PostgreSQL; then it was dropped without a word (issue 14, point 12).
    Now the store refuses it, naming the field, as the forms and import do; nothing is stored."""
    with pytest.raises(UnstorableText, match=r"client.given_name: holds a control character \(U\+0000\)"):
        repo.save_client(make_client("A\x00na\x07", "Silva\t"))
    assert repo.search_clients("") == []
    client = repo.save_client(make_client("Ana", "Silva"))
    visit = make_visit(client, reason="sore\x1b[31m")
    with pytest.raises(UnstorableText, match=r"visit.reason: holds a control character \(U\+001B\)"):
        repo.save_visit(visit)
    visit.reason = "sore\nday 4"  # (a line break is text in a free-text field)
    saved = repo.save_visit(visit)
    assert saved.id is not None and repo.get_visit(saved.id).reason == "sore\nday 4"


def test_search_ignores_apostrophes_and_hyphens(repo: Store) -> None:
    client = repo.save_client(make_client("Zoë", "O'Brien-Šimić"))
    for query in ("obrien", "o'brien", "briensimic", "šimić"):
        assert [c.id for c in repo.search_clients(query)] == [client.id], query


def test_the_rest_of_the_dyad_record_round_trips(repo: Store) -> None:
    from consultapp.domain.records import (
        BillingIdentifiers,
        BillingLine,
        CareContact,
        ClientStatus,
        Consents,
        ContactRole,
        Insurance,
        ServiceEntry,
        VisitBilling,
    )

    client = make_client("Fatima", "Haddad")
    client.preferred_name = "Fati"
    client.language = "Arabic"
    client.access_notes = "Door code 4521; dog in the garden"
    client.insurance = Insurance("Blue Cross", "XJ-123", "G7")
    client.consents = Consents(care=dt.date(2026, 11, 20), photos=None)
    client.status = ClientStatus.DISCHARGED
    client = repo.save_client(client)
    baby_id = client.babies[0].id
    client.contacts = [
        CareContact("Dr. Amal Nasser", ContactRole.PAEDIATRICIAN, "Kids Clinic", "555-1", "555-2", "1 Road",
                    (baby_id,) if baby_id else ()),
        CareContact("Dr. Sam Lee", ContactRole.PHYSICIAN, phone="555-3"),
    ]
    repo.save_client(client)
    assert client.id is not None and baby_id is not None
    assert repo.get_client(client.id) == client
    visit = repo.save_visit(
        make_visit(client.id, dt.date(2026, 11, 26), billing=VisitBilling("US FY2026", [
            BillingLine(None, ["Z39.1"], [ServiceEntry("99341", 1, "150.00")]),
            BillingLine(baby_id, ["P92.5"], []),
        ]))
    )
    assert visit.id is not None
    assert repo.get_visit(visit.id).billing == visit.billing
    repo.save_practice(Practice(name="P", fax="555-9", logo=b"\x89PNG logo",
                                identifiers=BillingIdentifiers("1234567893", "12-3456789", licence="IBCLC L-1")))
    practice = repo.get_practice()
    assert (practice.fax, practice.logo, practice.identifiers.licence) == ("555-9", b"\x89PNG logo", "IBCLC L-1")
    assert practice.settings.paper == "a4"
