"""Every printed document, made for a synthetic family: what ``--self-test`` proves and ``bench`` times.

Adding a document: write an adapter ``(DocumentSample) -> bytes`` below and add it to ``DOCUMENTS``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultapp.domain.demo import DEMO_PRACTICE, demo_families
from consultapp.domain.handouts import HandoutLibrary
from consultapp.domain.records import BillingIdentifiers
from consultapp.services.codelists import shipped_code_list
from consultapp.services.handouts import render_handouts, shipped_handouts
from consultapp.services.letters import physician_letter_for_visit, render_letter
from consultapp.services.superbills import render_superbill, superbill_for_visit
from consultapp.services.visits import render_care_plan

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store


@dataclass(frozen=True)
class DocumentSample:
    """What a document adapter gets: a store holding a synthetic family, and its ids."""

    store: Store
    client_id: uuid.UUID
    visit_id: uuid.UUID


Renderer = Callable[[DocumentSample], bytes]


def _care_plan(sample: DocumentSample) -> bytes:
    return render_care_plan(sample.store, sample.visit_id)


def _handouts(sample: DocumentSample) -> bytes:
    """Every shipped handout in one PDF, with the client's name (the fallback fonts included)."""
    library = HandoutLibrary(shipped=shipped_handouts())
    client = sample.store.get_client(sample.client_id)
    slugs = [h.slug for h in library.all()]
    return render_handouts(
        library, slugs, sample.store.get_practice(), client_name=client.full_name, given_on=dt.date.today()
    )


def _letter(sample: DocumentSample) -> bytes:
    letter = physician_letter_for_visit(sample.store, sample.visit_id, recipient=None, today=dt.date.today())
    return render_letter(letter, fax_cover=True)


def _superbill(sample: DocumentSample) -> bytes:
    identifiers = BillingIdentifiers(practice_npi="1234567893", tax_id="12-3456789", consultant_npi="1245319599")
    bill = superbill_for_visit(sample.store, sample.visit_id, codes=shipped_code_list(), identifiers=identifiers)
    return render_superbill(bill)


# Every printed document, by the name shown in the self-test and the benchmark table.
DOCUMENTS: dict[str, Renderer] = {
    "care plan": _care_plan,
    "handouts (all, with a name)": _handouts,
    "physician letter with fax cover": _letter,
    "superbill": _superbill,
}


def fill_sample(store: Store) -> DocumentSample:
    """Save a practice and a few synthetic families; the first has names in several scripts (fallback fonts)."""
    store.save_practice(DEMO_PRACTICE)
    families = list(demo_families(3, seed=8))
    first = families[0]
    first.client.given_name, first.client.family_name = "Thảo", "Nguyễn-O'Brien & 陈"
    first.client.babies[0].name = "美咲 🌼"
    for family in families:
        store.save_client(family.client)
        for visit in family.visits:
            store.save_visit(visit)
    visit = max(first.visits, key=lambda v: v.visit_date)
    assert first.client.id is not None and visit.id is not None
    return DocumentSample(store=store, client_id=first.client.id, visit_id=visit.id)
