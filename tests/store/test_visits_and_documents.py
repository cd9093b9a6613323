"""Final visits and amendments, drafts, issued documents, practice handouts and the agenda."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
from factories import make_client, make_visit
from sqlalchemy import update

from consultapp.domain.handouts import Handout, HandoutLibrary, HandoutSection
from consultapp.domain.records import FieldChange, PlanEdits, Visit
from consultapp.domain.vocabulary import PlanVariant
from consultapp.store.db import Database
from consultapp.store.errors import KnownError
from consultapp.store.facade import Store
from consultapp.store.models import IssuedDocumentRow


@pytest.fixture
def records(db: Database) -> Store:
    return Store(db)


def saved_visit(repo: Store, day: dt.date = dt.date(2026, 11, 20), **fields: object) -> Visit:
    client = repo.save_client(make_client())
    assert client.id is not None and client.babies[0].id is not None
    return repo.save_visit(
        make_visit(client, day, weight_g=3000, **fields)
    )


def test_a_change_to_a_final_visit_is_kept_as_an_amendment(repo: Store, records: Store) -> None:
    visit = saved_visit(repo, reason="First reason")
    assert visit.id is not None
    repo.save_visit(dataclasses.replace(visit, reason="Edited while still a draft"))
    assert records.amendments(visit.id) == []
    records.finalize_visit(visit.id, author="Jo")
    final = repo.get_visit(visit.id)
    assert final.is_final
    final.reason = "Corrected reason"
    final.assessments[0].weight_g = 3010
    repo.save_visit(final, author="Jo", reason="typo in weight")
    [amendment] = records.amendments(visit.id)
    assert amendment.author == "Jo" and amendment.reason == "typo in weight"
    assert set(amendment.changes) == {
        FieldChange("reason", "Edited while still a draft", "Corrected reason"),
        FieldChange("assessments.0.weight_g", 3000, 3010),
    }
    again = repo.get_visit(visit.id)
    assert again.is_final and again.reason == "Corrected reason"
    repo.save_visit(again, author="Jo")  # nothing changed: no empty amendment
    assert len(records.amendments(visit.id)) == 1


def test_drafts_are_kept_replaced_and_discarded(repo: Store, records: Store) -> None:
    import uuid

    visit = saved_visit(repo)
    key = uuid.uuid4()
    typed = dataclasses.replace(visit, reason="Typed, not saved 🌸 & <b>")
    records.save_draft(key, typed)
    records.save_draft(key, dataclasses.replace(typed, plan=PlanEdits(feeding_plan="8 feeds")))
    [draft] = records.drafts()
    assert draft.key == key and draft.visit_id == visit.id
    assert draft.visit.reason == "Typed, not saved 🌸 & <b>" and draft.visit.plan.feeding_plan == "8 feeds"
    assert draft.unparsed == {}  # (a draft kept before text was kept as typed reads the same)
    records.save_draft(key, typed, {"7:Weight": "3,5 kgg", "30:Temperature": "hot 🌡"})
    [draft] = records.drafts()
    assert draft.unparsed == {"7:Weight": "3,5 kgg", "30:Temperature": "hot 🌡"} and draft.visit == typed
    records.discard_draft(key)
    assert records.drafts() == []


def test_issued_documents_keep_their_exact_bytes(repo: Store, records: Store, db: Database) -> None:
    visit = saved_visit(repo)
    content = b"%PDF-1.4 exact bytes \x00\xff"
    issued = records.issue_document(
        kind="careplan", content=content, title="Care plan", filename="plan.pdf", issued_by="Jo",
        client_id=visit.client_id, visit_id=visit.id,
    )
    assert issued.sha256 == hashlib.sha256(content).hexdigest() and issued.size == len(content)
    assert [d.id for d in records.documents_for_client(visit.client_id)] == [issued.id]
    assert records.document_content(issued.id) == content
    with db.session() as s:
        s.execute(update(IssuedDocumentRow).values(content=b"tampered"))
    with pytest.raises(KnownError, match="altered"):
        records.document_content(issued.id)


def test_practice_handouts_overlay_the_shipped_ones(records: Store) -> None:
    shipped = Handout("mastitis", "Mastitis", "mastitis", PlanVariant.SOURCE_DOCUMENT, dt.date(2026, 1, 1), "s",
                      (HandoutSection("Signs", ("Fever",)),), ("Giugliani, 2004",))
    edited = dataclasses.replace(shipped, slug="mastitis-ours", title="Mastitis (our words)", shipped=False,
                                 based_on="mastitis")
    records.save_practice_handout(edited)
    library = HandoutLibrary({"mastitis": shipped}, records.practice_handouts())
    assert [h.title for h in library.all()] == ["Mastitis (our words)"]
    assert library.get("mastitis").title == "Mastitis (our words)"
    records.delete_practice_handout("mastitis-ours")
    assert HandoutLibrary({"mastitis": shipped}, records.practice_handouts()).get("mastitis") == shipped


def test_todays_visits_and_overdue_follow_ups(repo: Store, records: Store) -> None:
    today = dt.date(2026, 11, 26)
    overdue = saved_visit(repo, dt.date(2026, 11, 10), plan=PlanEdits(follow_up=dt.date(2026, 11, 20)))
    saved_visit(repo, today, reason="today")
    followed = saved_visit(repo, dt.date(2026, 11, 1), plan=PlanEdits(follow_up=dt.date(2026, 11, 8)))
    repo.save_visit(make_visit(followed.client_id, dt.date(2026, 11, 9)))  # the follow-up happened
    assert [v.reason for v in records.visits_on(today)] == ["today"]
    assert [v.id for v in records.overdue_follow_ups(today)] == [overdue.id]
