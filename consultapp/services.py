"""Use cases shared by the GUI and the command line, wiring store, domain and documents."""

from __future__ import annotations

import uuid

from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.store.repository import Repository


def care_plan_for_visit(repo: Repository, visit_id: uuid.UUID) -> CarePlan:
    """Load a visit with its client and practice and decide its care plan."""
    visit = repo.get_visit(visit_id)
    client = repo.get_client(visit.client_id)
    earlier = repo.earlier_weighings([b.id for b in client.babies if b.id is not None], visit.visit_date)
    return build_care_plan(repo.get_practice(), client, visit, earlier_weighings=earlier)


def render_care_plan(repo: Repository, visit_id: uuid.UUID, *, invariant: bool = False) -> bytes:
    """The care plan PDF of a visit, as bytes. ReportLab is imported only here, on demand."""
    from consultapp.documents.careplan import render_bytes

    return render_bytes(care_plan_for_visit(repo, visit_id), invariant=invariant)
