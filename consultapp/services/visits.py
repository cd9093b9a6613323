"""A visit's documents: load what they need once, decide the care plan with its figures, render, issue."""

from __future__ import annotations

import dataclasses
import uuid
from typing import TYPE_CHECKING

from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.photos import PrintedPhoto
from consultapp.domain.plan_figures import figures_for_visit
from consultapp.domain.records import IssuedDocument, VisitRecords
from consultapp.services.documents import PageSize, care_plan_file_name, page_size

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store

def load_visit(store: Store, visit_id: uuid.UUID) -> VisitRecords:
    """The one loader of a visit's documents: the visit, its client, the practice and the earlier weighings,
    read in one store session."""
    return store.visit_records(visit_id)


def care_plan(records: VisitRecords) -> CarePlan:
    """The visit's care plan, decided once, carrying the figures it prints (breast map, weight charts)."""
    practice, client, visit, earlier = records.practice, records.client, records.visit, records.earlier_weighings
    plan = build_care_plan(practice, client, visit, earlier_weighings=earlier)
    photos: tuple[PrintedPhoto, ...] = ()
    if records.plan_photos:
        from consultapp.services.photos import print_ready  # lazy: Pillow loads only for a plan with photos

        photos = print_ready(records.plan_photos)
    return dataclasses.replace(plan, figures=figures_for_visit(client, visit, practice.settings, earlier),
                               photos=photos)


def care_plan_for_visit(store: Store, visit_id: uuid.UUID) -> CarePlan:
    """Load a visit with its client and practice and decide its care plan (with its figures)."""
    return care_plan(load_visit(store, visit_id))


def render_plan(
    plan: CarePlan, *, invariant: bool = False, pagesize: PageSize | None = None, logo: bytes | None = None
) -> bytes:
    """The PDF of a decided care plan, on the practice's paper with its logo unless told otherwise."""
    # lazy: ReportLab loads only when a document is made (it would add ~100 ms to every start)
    from consultapp.documents.careplan import render_bytes

    practice = plan.practice
    return render_bytes(plan, invariant=invariant, pagesize=pagesize or page_size(practice.settings.paper),
                        logo=practice.logo if logo is None else logo)


def render_care_plan(
    store: Store,
    visit_id: uuid.UUID,
    *,
    invariant: bool = False,
    pagesize: PageSize | None = None,
    logo: bytes | None = None,
) -> bytes:
    """The care plan PDF of a visit with its breast map and weight charts, on the practice's paper with
    its logo unless ``pagesize`` or ``logo`` say otherwise."""
    return render_plan(care_plan_for_visit(store, visit_id), invariant=invariant, pagesize=pagesize, logo=logo)


def issue_care_plan(
    store: Store, visit_id: uuid.UUID, *, issued_by: str, data: bytes | None = None
) -> tuple[IssuedDocument, bytes]:
    """Keep a visit's care plan, byte for byte, as an issued document of the client.

    ``data`` is the PDF exactly as previewed (so what is kept is what was seen); rendered here when None.
    """
    records = load_visit(store, visit_id)
    visit, client = records.visit, records.client
    if data is None:
        data = render_plan(care_plan(records))
    issued = store.issue_document(
        kind="careplan",
        content=data,
        title=f"Care plan, visit of {visit.visit_date.isoformat()}",
        filename=care_plan_file_name(visit.visit_date, visit_id),
        issued_by=issued_by,
        client_id=client.id,
        visit_id=visit_id,
    )
    return issued, data
