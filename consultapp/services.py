"""Use cases shared by the GUI and the command line, wiring store, domain and documents."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid

from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.records import IssuedDocument
from consultapp.store.records_store import RecordsStore
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


def care_plan_file_name(visit_date: dt.date, family_name: str) -> str:
    """A file name for a care plan that every file system accepts, in any script."""
    family = unicodedata.normalize("NFC", family_name)
    safe = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "-", family).strip("-. ")[:40] or "client"
    return f"care-plan-{visit_date.isoformat()}-{safe}.pdf"


def issue_care_plan(
    repo: Repository, records: RecordsStore, visit_id: uuid.UUID, *, issued_by: str
) -> tuple[IssuedDocument, bytes]:
    """Render a visit's care plan and keep it, byte for byte, as an issued document of the client."""
    visit = repo.get_visit(visit_id)
    client = repo.get_client(visit.client_id)
    data = render_care_plan(repo, visit_id)
    issued = records.issue_document(
        kind="careplan",
        content=data,
        title=f"Care plan, visit of {visit.visit_date.isoformat()}",
        filename=care_plan_file_name(visit.visit_date, client.family_name),
        issued_by=issued_by,
        client_id=client.id,
        visit_id=visit_id,
    )
    return issued, data
