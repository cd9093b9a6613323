"""Queries and saves, in and out of domain records; one short session per call."""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, text, tuple_
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from consultapp.domain.records import Client, ClientSummary, Practice, Visit, VisitSummary
from consultapp.domain.serialize import to_data
from consultapp.domain.text import search_words
from consultapp.domain.vocabulary import Location
from consultapp.store.db import Database
from consultapp.store.errors import ConflictError, NotFoundError, classify
from consultapp.store.mapping import (
    baby_to_row,
    client_from_row,
    client_to_row,
    practice_from_row,
    practice_to_row,
    search_text,
    visit_from_row,
    visit_to_row,
)
from consultapp.store.models import (
    BabyAssessmentRow,
    BabyRow,
    ClientRow,
    PracticeRow,
    VisitAmendmentRow,
    VisitRow,
)
from consultapp.store.records_store import diff_visits
from consultapp.store.search_index import MIN_WORD, match_expression
from consultapp.store.search_index import TABLE as SEARCH_TABLE
from consultapp.store.types import utcnow

log = logging.getLogger(__name__)

_CLIENT_LOAD = [selectinload(ClientRow.babies), selectinload(ClientRow.contacts)]

_VISIT_LOAD = [
    selectinload(VisitRow.assessments).selectinload(BabyAssessmentRow.feeds),
    selectinload(VisitRow.amendments),
    selectinload(VisitRow.map_findings),
    selectinload(VisitRow.breast_sides),
    selectinload(VisitRow.plan_steps),
]

_CONFLICT = (
    "This record was changed by someone else since you opened it. "
    "Your changes are still in the form: reopen the record to see theirs, then save again."
)


class Repository:
    """Everything the app reads and writes, in domain terms."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _guard(self, exc: Exception) -> Exception:
        if isinstance(exc, StaleDataError):
            return ConflictError(_CONFLICT)
        return classify(exc) or exc

    # -- practice ---------------------------------------------------------------------------------
    def get_practice(self) -> Practice:
        with self.db.session() as s:
            row = s.scalars(select(PracticeRow).order_by(PracticeRow.created_at).limit(1)).first()
            return Practice() if row is None else practice_from_row(row)

    def save_practice(self, practice: Practice) -> Practice:
        try:
            with self.db.session() as s:
                row = s.get(PracticeRow, practice.id) if practice.id else None
                if row is None:
                    row = s.scalars(select(PracticeRow).limit(1)).first() or PracticeRow()
                    s.add(row)
                elif row.version != practice.version:
                    raise ConflictError(_CONFLICT)
                row.updated_at = utcnow()
                practice_to_row(practice, row)
                s.flush()
                practice.id, practice.version = row.id, row.version
        except Exception as exc:
            raise self._guard(exc) from exc
        return practice

    # -- clients ----------------------------------------------------------------------------------
    def save_client(self, client: Client) -> Client:
        """Insert or update a client and her babies; updates ``client`` with ids and versions."""
        try:
            with self.db.session() as s:
                row = (
                    s.get(ClientRow, client.id, options=_CLIENT_LOAD) if client.id else None
                )
                if row is None:
                    if client.version:
                        raise NotFoundError("This client no longer exists.")
                    row = ClientRow(id=client.id or uuid.uuid4())
                    s.add(row)
                elif row.version != client.version:
                    current = client_from_row(row)
                    if _same_client(current, client):  # a retry of a save that did reach the server
                        client.id, client.version = current.id, current.version
                        for baby, stored in zip(client.babies, current.babies, strict=False):
                            baby.id, baby.version = stored.id, stored.version
                        return client
                    raise _conflict("client", current, row)
                row.updated_at = utcnow()  # always UPDATE, so the version moves with child edits
                client_to_row(client, row)
                existing = {b.id: b for b in row.babies}
                keep: list[BabyRow] = []
                for order, baby in enumerate(client.babies, start=1):
                    brow = existing.get(baby.id) if baby.id else None
                    if brow is None:
                        brow = BabyRow(id=baby.id or uuid.uuid4())
                    baby_to_row(baby, brow, order)
                    keep.append(brow)
                row.babies = keep
                row.search_text = search_text(row, [b.name for b in keep])
                s.flush()
                committed = (row.id, row.version, [(b.id, b.version) for b in keep])
        except Exception as exc:
            raise self._guard(exc) from exc
        # Only once the transaction has committed: a failed save leaves the caller's copy as it was,
        # so that the same save can simply be tried again.
        client.id, client.version = committed[0], committed[1]
        for baby, (baby_id, baby_version) in zip(client.babies, committed[2], strict=True):
            baby.id, baby.version = baby_id, baby_version
        return client

    def get_client(self, client_id: uuid.UUID) -> Client:
        with self.db.session() as s:
            row = s.get(ClientRow, client_id, options=_CLIENT_LOAD)
            if row is None:
                raise NotFoundError(f"No client with id {client_id}.")
            return client_from_row(row)

    def client_exists(self, client_id: uuid.UUID | None) -> bool:
        if client_id is None:
            return False
        with self.db.session() as s:
            return s.get(ClientRow, client_id) is not None

    def search_clients(self, query: str = "", limit: int = 100, after: uuid.UUID | None = None) -> list[ClientSummary]:
        """Clients whose parent or baby name (accent-insensitive) or phone contains every word typed.

        ``limit`` of them in name order; with ``after``, those that sort after that client: the next page,
        which stays right when others add or erase clients meanwhile (none when she is gone). Words of
        three or more characters are found through a trigram index (store/search_index.py): FTS5 on
        SQLite; on PostgreSQL, pg_trgm's index, which the LIKE match uses. Shorter words: with LIKE.
        """
        words = search_words(query)
        stmt = select(
            ClientRow.id, ClientRow.given_name, ClientRow.family_name, ClientRow.date_of_birth, ClientRow.phone,
            ClientRow.sort_name,
        )
        like_words = words
        if self.db.is_sqlite:
            indexed = [w for w in words if len(w) >= MIN_WORD]
            if indexed:
                stmt = stmt.where(
                    text(f"client.rowid IN (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :match)")
                    .bindparams(match=match_expression(indexed))
                )
                like_words = [w for w in words if len(w) < MIN_WORD]
        for word in like_words:
            stmt = stmt.where(ClientRow.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
        # One statement per keystroke: the page of clients, then each one's babies and last visit,
        # looked up for the page's rows only (the visit index answers max(visit_date) per client).
        if after is not None:
            anchor = select(ClientRow.sort_name).where(ClientRow.id == after).scalar_subquery()
            stmt = stmt.where(tuple_(ClientRow.sort_name, ClientRow.id) > tuple_(anchor, after))
        page = stmt.order_by(ClientRow.sort_name, ClientRow.id).limit(limit).subquery()
        last_visit = select(func.max(VisitRow.visit_date)).where(VisitRow.client_id == page.c.id).scalar_subquery()
        pair = (BabyRow.birth_order, BabyRow.name)
        babies = (
            func.json_group_array(func.json_array(*pair)) if self.db.is_sqlite
            else func.json_agg(func.json_build_array(*pair))
        )
        baby_list = select(babies).where(BabyRow.client_id == page.c.id).scalar_subquery()
        listed = select(
            page.c.id, page.c.given_name, page.c.family_name, page.c.date_of_birth, page.c.phone,
            baby_list, last_visit,
        ).order_by(page.c.sort_name, page.c.id)
        with self.db.session() as s:
            rows = s.execute(listed).all()
        return [
            ClientSummary(
                id=client_id,
                full_name=" ".join(p for p in (given, family) if p),
                date_of_birth=born,
                phone=phone,
                baby_names=_baby_names(pairs),
                last_visit=last,
            )
            for client_id, given, family, born, phone, pairs, last in rows
        ]

    # -- visits -----------------------------------------------------------------------------------
    def save_visit(self, visit: Visit, *, author: str = "", reason: str = "") -> Visit:
        """Insert or update a visit with its assessments; updates ``visit`` with id and version.

        A visit marked final is never silently overwritten: the change is saved together with an
        amendment naming who changed which fields, when (and why, if given).
        """
        try:
            with self.db.session() as s:
                if author:  # she is named as who last changed it (and so in a later conflict message)
                    s.info["user"] = author
                row = (
                    s.get(VisitRow, visit.id, options=_VISIT_LOAD) if visit.id else None
                )
                if row is None:
                    if visit.version:
                        raise NotFoundError("This visit no longer exists.")
                    row = VisitRow(id=visit.id or uuid.uuid4(), client_id=visit.client_id)
                    s.add(row)
                elif row.version != visit.version:
                    current = visit_from_row(row)
                    if not diff_visits(current, visit):  # a retry of a save that did reach the server
                        visit.id, visit.version, visit.status = current.id, current.version, current.status
                        for a, stored in zip(visit.assessments, current.assessments, strict=False):
                            a.id = stored.id
                        return visit
                    raise _conflict("visit", current, row)
                row.updated_at = utcnow()  # always UPDATE, so the version moves with child edits
                before = visit_from_row(row) if row.status == "final" else None
                visit_to_row(visit, row)
                if before is not None:
                    changes = diff_visits(before, visit)
                    if changes:
                        row.amendments.append(
                            VisitAmendmentRow(
                                id=uuid.uuid4(),
                                at=utcnow(),
                                author=author,
                                reason=reason,
                                changes=[{"field": c.field, "before": c.before, "after": c.after} for c in changes],
                            )
                        )
                s.flush()
                saved = (row.id, row.version, row.status, [a.id for a in row.assessments])
        except Exception as exc:
            raise self._guard(exc) from exc
        # Only once committed (see save_client): a failed save leaves the caller's copy unchanged.
        visit.id, visit.version, visit.status = saved[0], saved[1], saved[2]
        for a, assessment_id in zip(visit.assessments, saved[3], strict=True):
            a.id = assessment_id
        log.debug("visit %s saved (version %s)", visit.id, visit.version)
        return visit

    def get_visit(self, visit_id: uuid.UUID) -> Visit:
        with self.db.session() as s:
            row = s.get(VisitRow, visit_id, options=_VISIT_LOAD)
            if row is None:
                raise NotFoundError(f"No visit with id {visit_id}.")
            return visit_from_row(row)

    def client_visits(self, client_id: uuid.UUID) -> list[Visit]:
        """Every visit of a client in full, newest first, in one query per kind of child row."""
        stmt = (
            select(VisitRow)
            .where(VisitRow.client_id == client_id)
            .options(*_VISIT_LOAD)
            .order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
        )
        with self.db.session() as s:
            return [visit_from_row(row) for row in s.scalars(stmt)]

    def visits_for_client(self, client_id: uuid.UUID) -> list[VisitSummary]:
        """A client's visits, newest first."""
        return self._visit_summaries(ClientRow.id == client_id)

    def all_visits(self) -> list[VisitSummary]:
        return self._visit_summaries(None)

    def _visit_summaries(self, where: object | None) -> list[VisitSummary]:
        stmt = select(VisitRow.id, VisitRow.client_id, VisitRow.visit_date, VisitRow.location,
                      VisitRow.reason, VisitRow.follow_up, ClientRow.given_name, ClientRow.family_name).join(ClientRow)
        if where is not None:
            stmt = stmt.where(where)  # type: ignore[arg-type]
        stmt = stmt.order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
        with self.db.session() as s:
            return [
                VisitSummary(
                    id=r.id,
                    client_id=r.client_id,
                    client_name=" ".join(p for p in (r.given_name, r.family_name) if p),
                    visit_date=r.visit_date,
                    location=Location(r.location),
                    reason=r.reason,
                    follow_up=r.follow_up,
                )
                for r in s.execute(stmt)
            ]

    def earlier_weighings(
        self, baby_ids: Sequence[uuid.UUID], before: dt.date
    ) -> dict[uuid.UUID, list[tuple[dt.date, int]]]:
        """Each baby's weights recorded at visits before ``before``, oldest first."""
        if not baby_ids:
            return {}
        stmt = (
            select(BabyAssessmentRow.baby_id, VisitRow.visit_date, BabyAssessmentRow.weight_g)
            .join(VisitRow, BabyAssessmentRow.visit_id == VisitRow.id)
            .where(BabyAssessmentRow.baby_id.in_(baby_ids))
            .where(VisitRow.visit_date < before)
            .where(BabyAssessmentRow.weight_g.is_not(None))
            .order_by(VisitRow.visit_date)
        )
        out: dict[uuid.UUID, list[tuple[dt.date, int]]] = {}
        with self.db.session() as s:
            for baby_id, day, grams in s.execute(stmt):
                if grams is not None:
                    out.setdefault(baby_id, []).append((day, grams))
        return out

    def count_clients(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(ClientRow)) or 0


def _conflict(kind: str, current: object, row: ClientRow | VisitRow) -> ConflictError:
    who = row.updated_by or "someone else"
    when = row.updated_at.astimezone().strftime("%H:%M") if row.updated_at else ""
    message = (
        f"{who} saved this {kind} at {when}, after you opened it. Nothing was overwritten: your changes "
        "are still in the form. Compare them with what was saved, then save again."
    )
    return ConflictError(message, current=current, changed_by=row.updated_by, changed_at=row.updated_at)


def _same_client(a: Client, b: Client) -> bool:
    def strip(c: Client) -> object:
        data = to_data(c)
        data.pop("version", None)
        for baby in data["babies"]:
            baby.pop("version", None)
            baby.pop("id", None)
        return data

    return strip(a) == strip(b)


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _baby_names(pairs: str | list[list[Any]] | None) -> tuple[str, ...]:
    """Babies' names in birth order, from a JSON array of [birth_order, name] (text on SQLite)."""
    listed: list[list[Any]] = json.loads(pairs) if isinstance(pairs, str) else pairs or []
    return tuple(name for _order, name in sorted((int(order), str(name)) for order, name in listed))
