"""A client's whole record out (export) and in (import), and erasure.

Export format ``consultapp-client-export``, version 1: a folder holding ``client-<id>.json`` and a
``documents/`` folder with every issued PDF. The JSON object has:

- ``format`` (the string above), ``version`` (1), ``app_version``, ``exported_at`` (ISO time, UTC);
- ``client``: the parent and her babies and lactation history (field names as in
  ``consultapp.domain.records.Client``; dates ISO; ids UUID strings); a care contact lists the babies it sees
  in ``baby_ids`` (an export from before names one in ``baby_id``, which import still reads);
- ``visits``: every visit (``consultapp.domain.records.Visit``: assessments, feeds, tongue, breast map,
  parent state, plan edits, status), each with ``amendments`` (time, author, reason, changed fields);
- ``documents``: issued documents (id, kind, visit_id, title, filename, sha256, issued_at, issued_by,
  ``file``: the path of its bytes inside the export folder);
- ``photos``: her photos (id, visit_id, baby_id or side, kind, caption, mime, size, sha256, on_plan, added_at,
  added_by, ``file`` and ``thumbnail``: the stored, stripped image and its thumbnail inside ``photos/``);
- ``audit``: the client's audit entries in the exporting database (ids only, no personal data).

Import refuses, with a message saying what and where, a file that is not this format, a newer
version, a malformed record, a document whose bytes do not match its hash, or a client already in
the database; nothing is written unless everything is accepted. Importing an export and exporting
again gives the same ``client``, ``visits`` and ``documents``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete
from sqlalchemy import update as sa_update

from consultapp import __version__
from consultapp.domain.records import Client, Visit
from consultapp.domain.records.validate import (
    client_problems,
    document_kind_problem,
    file_name_problem,
    record_problems,
    text_problem,
)
from consultapp.domain.serialize import FormatError, from_data, to_data
from consultapp.runtime.files import private_dir, write_private
from consultapp.store import audit
from consultapp.store.db import Database
from consultapp.store.errors import KnownError, NotFoundError
from consultapp.store.facade import Store
from consultapp.store.maintenance import checkpoint
from consultapp.store.mapping import baby_to_row, client_to_row, search_text, visit_to_row
from consultapp.store.models import (
    BabyRow,
    ClientRow,
    IssuedDocumentRow,
    VisitAmendmentRow,
    VisitRow,
)
from consultapp.store.photo_transfer import (
    PhotoEntry,
    add_photo_rows,
    export_photos,
    payload_of,
    photos_already_kept,
    read_photos,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

EXPORT_FORMAT = "consultapp-client-export"
EXPORT_VERSION = 1


class ImportRefused(KnownError):
    """An export file this database will not take; nothing was changed."""

    code = "import_refused"


@dataclass(frozen=True)
class ExportResult:
    json_path: Path
    documents: int
    visits: int


def export_client(db: Database, client_id: uuid.UUID, out_dir: Path) -> ExportResult:
    """Write a client's whole record to ``out_dir`` (created if needed)."""
    store = Store(db)
    client = store.get_client(client_id)
    visits = [store.get_visit(v.id) for v in reversed(store.visits_for_client(client_id))]
    docs = list(reversed(store.documents_for_client(client_id)))
    private_dir(out_dir / "documents")  # (0700, with the export folder when it is new: health records in clear)
    documents = []
    for doc in docs:
        rel = f"documents/{doc.id}.pdf"  # (no client's name in a file name: the folder may be seen by others)
        write_private(out_dir / rel, store.document_content(doc.id))
        documents.append(
            {
                "id": str(doc.id),
                "kind": doc.kind,
                "visit_id": str(doc.visit_id) if doc.visit_id else None,
                "title": doc.title,
                "filename": doc.filename,
                "sha256": doc.sha256,
                "issued_at": doc.issued_at.isoformat(),
                "issued_by": doc.issued_by,
                "file": rel,
            }
        )
    with db.session() as s:
        audit.record(s, "export", "client", client_id, client_id=client_id)
        entries = audit.entries(s, client_id=client_id)
    payload = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "app_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "client": to_data(client),
        "visits": [
            {**to_data(v), "amendments": [to_data(a) for a in store.amendments(v.id)]}  # type: ignore[arg-type]
            for v in visits
        ],
        "documents": documents,
        "photos": export_photos(store, client_id, out_dir),
        "audit": [to_data(e) for e in entries],
    }
    json_path = out_dir / f"client-{client_id}.json"
    write_private(json_path, json.dumps(payload, ensure_ascii=False, indent=2))
    log.info("client %s exported (%d visits, %d documents)", client_id, len(visits), len(documents))
    return ExportResult(json_path, len(documents), len(visits))


MAX_EXPORT_BYTES = 64 * 1024 * 1024
"""An export's JSON (its PDFs are files beside it): far above any real client, far below what would hurt."""
MAX_DEPTH = 40
"""The deepest nesting an export has is about 8; JSON nested deeper is refused before it is looked at."""
_MAX_DIGITS = 30
_MAX_MESSAGE = 300


class _BadJson(ValueError):
    """What is wrong with an export's JSON, in words (never its content)."""


def _load_json(raw: bytes) -> Any:
    """JSON with no repeated key, no NaN or Infinity, no huge number, bounded nesting; else _BadJson."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            raise _BadJson("an object repeats a key")
        return dict(items)

    def constant(_name: str) -> Any:
        raise _BadJson("it holds a number that is not finite (NaN or Infinity)")

    def number(digits: str, kind: type[int] | type[float]) -> Any:
        if len(digits) > _MAX_DIGITS:
            raise _BadJson("it holds a number far too large")
        return kind(digits)

    try:
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant,
                          parse_int=lambda d: number(d, int), parse_float=lambda d: number(d, float))
    except _BadJson:
        raise
    except UnicodeDecodeError:
        raise _BadJson("it is not UTF-8 text") from None
    except RecursionError:
        raise _BadJson("it is nested far too deeply") from None
    except ValueError as exc:  # (json.JSONDecodeError is one)
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise _BadJson(f"it is not valid JSON{where}") from None
    _check_shape(data)
    return data


def _check_shape(data: Any) -> None:
    """Bounded nesting, and no text the app would refuse to keep as typed (control characters, lone
    surrogates; a line break is left to the record checks, which know the free-text fields)."""
    todo: list[tuple[Any, str, int]] = [(data, "", 0)]
    while todo:
        value, where, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise _BadJson("it is nested far too deeply")
        if isinstance(value, str):
            problem = text_problem(value, max_len=MAX_EXPORT_BYTES, multiline=True)
            if problem:
                raise _BadJson(f"{where or 'a text'} {problem}")
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = text_problem(key, max_len=200)
                if problem:
                    raise _BadJson(f"a key in {where or 'the file'} {problem}")
                todo.append((item, f"{where}.{key}" if where else key, depth + 1))
        elif isinstance(value, list):
            todo.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value))


def _refused(json_path: Path, why: object) -> ImportRefused:
    """One line, of a bounded length, that never echoes more of the file than a field's name."""
    message = " ".join(f"{json_path.name} {why}".split()).rstrip(". ")
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 1] + "…"
    return ImportRefused(message + ". Nothing was imported.")


def read_export(json_path: Path) -> tuple[Client, list[tuple[Visit, list[dict[str, Any]]]], list[dict[str, Any]]]:
    """Parse and check an export completely, with the checks the forms apply; raises ImportRefused saying
    what is wrong and where, in one line."""
    try:
        with json_path.open("rb") as f:
            raw = f.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise ImportRefused(f"Cannot read {json_path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_EXPORT_BYTES:
        raise _refused(json_path, "is far larger than a client export.")
    try:
        payload = _load_json(raw)
    except _BadJson as exc:
        raise _refused(json_path, f"is not a ConsultApp export: {exc}.") from None
    if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
        raise _refused(json_path, "is not a ConsultApp client export.")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refused(json_path, "has no valid format version (a whole number from 1).")
    if version > EXPORT_VERSION:
        raise _refused(json_path, f"was written by a newer ConsultApp (format version {version}); update the app.")
    try:
        client, visits, documents = _records(json_path, payload)
    except FormatError as exc:
        raise _refused(json_path, f"is malformed: {exc}.") from None
    return client, visits, documents


def _records(json_path: Path, payload: dict[str, Any]) -> tuple[Client, list[tuple[Visit, list[dict[str, Any]]]],
                                                                 list[dict[str, Any]]]:
    """The export's records, each checked as its form checks it (``domain.records.validate``)."""
    client = _from_data(Client, _older_contacts(payload.get("client")), "client")
    problems = client_problems(client)
    visits = []
    for i, raw in enumerate(_list(payload, "visits")):
        if not isinstance(raw, dict):
            raise FormatError(f"visits[{i}]: expected an object")
        amendments = raw.get("amendments", [])
        if not isinstance(amendments, list):
            raise FormatError(f"visits[{i}].amendments: expected a list")
        for j, amendment in enumerate(amendments):
            _check_amendment(amendment, f"visits[{i}].amendments[{j}]")
            problems += record_problems({k: v for k, v in amendment.items() if k != "changes"},
                                        f"visits[{i}].amendments[{j}]")
        visit = _from_data(Visit, {k: v for k, v in raw.items() if k != "amendments"}, f"visits[{i}]")
        if visit.client_id != client.id:
            raise FormatError(f"visits[{i}]: belongs to another client")
        problems += record_problems(visit, f"visits[{i}]")
        visits.append((visit, amendments))
    documents = _list(payload, "documents")
    for i, doc in enumerate(documents):
        _check_document(json_path.parent, doc, i)
        problems += record_problems({k: v for k, v in doc.items() if k in ("title", "issued_by")}, f"documents[{i}]")
    if problems:
        raise FormatError(str(problems[0]) + (f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""))
    _check_references(client, [v for v, _a in visits], documents)
    if client.id is None:
        raise FormatError("client.id is missing")
    return client, visits, documents


def _from_data(cls: type[T], data: Any, where: str) -> T:
    """``from_data``, with a record's own refusal (``__post_init__``'s ValueError) said as a FormatError."""
    try:
        return from_data(cls, data, where)
    except FormatError:
        raise
    except (ValueError, TypeError) as exc:
        raise FormatError(f"{where}: {exc}") from None


def _older_contacts(raw: Any) -> Any:
    """An export written before a contact could see several babies: its one ``baby_id`` read as ``baby_ids``."""
    if not isinstance(raw, dict) or not isinstance(raw.get("contacts"), list):
        return raw
    contacts = []
    for contact in raw["contacts"]:
        if isinstance(contact, dict) and "baby_id" in contact and "baby_ids" not in contact:
            one = contact["baby_id"]
            contact = {k: v for k, v in contact.items() if k != "baby_id"}
            contact["baby_ids"] = [] if one is None else [one]
        contacts.append(contact)
    return {**raw, "contacts": contacts}


def _list(payload: dict[str, Any], key: str) -> list[Any]:
    value = payload.get(key, [])
    if not isinstance(value, list):
        raise FormatError(f"{key}: expected a list")
    return value


def _check_document(folder: Path, doc: Any, i: int) -> None:
    where = f"documents[{i}]"
    if not isinstance(doc, dict):
        raise FormatError(f"{where}: expected an object")
    for key in ("id", "kind", "filename", "sha256", "issued_at", "file"):
        if not isinstance(doc.get(key), str):
            raise FormatError(f"{where}.{key}: expected text")
    problem = document_kind_problem(doc["kind"])
    if problem:
        raise FormatError(f"{where}.kind {problem}")
    problem = file_name_problem(doc["filename"])
    if problem:
        raise FormatError(f"{where}.filename {problem}")
    path = (folder / doc["file"]).resolve()
    if folder.resolve() not in path.parents:
        raise FormatError(f"{where}.file: points outside the export folder")
    if not path.is_file():
        raise FormatError(f"{where}.file: {doc['file']} is missing")
    if hashlib.sha256(path.read_bytes()).hexdigest() != doc["sha256"]:
        raise FormatError(f"{where}: {doc['file']} does not match its hash")
    for key in ("title", "issued_by"):
        if not isinstance(doc.get(key, ""), str):
            raise FormatError(f"{where}.{key}: expected text")
    visit_id = doc.get("visit_id")
    if visit_id is not None and not isinstance(visit_id, str):
        raise FormatError(f"{where}.visit_id: expected a visit id or null")
    try:
        uuid.UUID(doc["id"])
        if visit_id is not None:
            uuid.UUID(visit_id)
        dt.datetime.fromisoformat(doc["issued_at"])
    except ValueError as exc:
        raise FormatError(f"{where}: {exc}") from None


def _check_references(client: Client, visits: list[Visit], documents: list[dict[str, Any]]) -> None:
    """Ids must be present and unique, and every reference must point inside the export."""
    baby_ids = [b.id for b in client.babies]
    if None in baby_ids or len(set(baby_ids)) != len(baby_ids):
        raise FormatError("client.babies: every baby needs its own id")
    for what, version in [("client", client.version), *(("baby", b.version) for b in client.babies),
                          *(("visit", v.version) for v in visits)]:
        if not 0 <= version < 2**31:
            raise FormatError(f"{what} version: out of range")
    visit_ids = [v.id for v in visits]
    if None in visit_ids or len(set(visit_ids)) != len(visit_ids):
        raise FormatError("visits: every visit needs its own id")
    for i, visit in enumerate(visits):
        for j, assessment in enumerate(visit.assessments):
            if assessment.baby_id not in baby_ids:
                raise FormatError(f"visits[{i}].assessments[{j}].baby_id: not one of the client's babies")
    doc_ids = [d["id"] for d in documents]
    if len(set(doc_ids)) != len(doc_ids):
        raise FormatError("documents: two documents share an id")
    known = {str(v) for v in visit_ids}
    for i, doc in enumerate(documents):
        if doc.get("visit_id") is not None and str(uuid.UUID(doc["visit_id"])) not in known:
            raise FormatError(f"documents[{i}].visit_id: not one of the exported visits")


def _check_amendment(raw: Any, where: str) -> None:
    if not isinstance(raw, dict):
        raise FormatError(f"{where}: expected an object")
    if not isinstance(raw.get("at"), str):
        raise FormatError(f"{where}.at: expected an ISO time")
    try:
        dt.datetime.fromisoformat(raw["at"])
    except ValueError:
        raise FormatError(f"{where}.at: not an ISO time") from None
    for key in ("author", "reason"):
        if not isinstance(raw.get(key, ""), str):
            raise FormatError(f"{where}.{key}: expected text")
    changes = raw.get("changes", [])
    if not isinstance(changes, list) or not all(isinstance(c, dict) and isinstance(c.get("field"), str)
                                                for c in changes):
        raise FormatError(f"{where}.changes: expected a list of changed fields")


def _export_photos(json_path: Path, client: Client, visits: list[Visit]) -> list[PhotoEntry]:
    try:
        return read_photos(json_path, payload_of(json_path), client, visits)
    except FormatError as exc:
        raise _refused(json_path, f"is malformed: {exc}.") from None


def import_client(db: Database, json_path: Path) -> Client:
    """Add an exported client, exactly as exported, in one transaction."""
    client, visits, documents = read_export(json_path)
    assert client.id is not None
    photos = _export_photos(json_path, client, [v for v, _a in visits])
    with db.session() as s:
        if s.get(ClientRow, client.id) is not None:
            raise ImportRefused("This client is already in this database; erase or rename it first.")
        for visit, _amendments in visits:
            if visit.id is not None and s.get(VisitRow, visit.id) is not None:
                raise ImportRefused(f"A visit of this export ({visit.id}) is already in this database.")
        # The whole import is one act in the audit trail, not a create per record.
        if photos_already_kept(s, photos):
            raise ImportRefused("A photo of this export is already in this database.")
        for record_id in [client.id, *(v.id for v, _a in visits), *(uuid.UUID(d["id"]) for d in documents)]:
            audit.act_on(s, record_id)
        row = ClientRow(id=client.id)
        client_to_row(client, row)
        row.babies = []
        for order, baby in enumerate(client.babies, start=1):
            brow = BabyRow(id=baby.id or uuid.uuid4())
            baby_to_row(baby, brow, order)
            row.babies.append(brow)
        row.search_text = search_text(row, [b.name for b in client.babies])
        s.add(row)
        s.flush()
        for visit, amendments in visits:
            vrow = VisitRow(id=visit.id or uuid.uuid4(), client_id=client.id)
            visit_to_row(visit, vrow)
            vrow.status = visit.status
            for a in amendments:
                vrow.amendments.append(
                    VisitAmendmentRow(
                        id=uuid.uuid4(),
                        at=dt.datetime.fromisoformat(a["at"]),
                        author=str(a.get("author", "")),
                        reason=str(a.get("reason", "")),
                        changes=list(a.get("changes", [])),
                    )
                )
            s.add(vrow)
        s.flush()
        for doc in documents:
            content = (json_path.parent / doc["file"]).read_bytes()
            s.add(
                IssuedDocumentRow(
                    id=uuid.UUID(doc["id"]),
                    kind=doc["kind"],
                    client_id=client.id,
                    visit_id=uuid.UUID(doc["visit_id"]) if doc.get("visit_id") else None,
                    title=str(doc.get("title", "")),
                    filename=doc["filename"],
                    content=content,
                    sha256=doc["sha256"],
                    issued_at=dt.datetime.fromisoformat(doc["issued_at"]),
                    issued_by=str(doc.get("issued_by", "")),
                )
            )
        add_photo_rows(s, client.id, photos)
        s.flush()
        # Keep each record's version as exported (the ORM numbers new rows from 1).
        versions: list[tuple[type[ClientRow] | type[BabyRow] | type[VisitRow], uuid.UUID | None, int]] = [
            (ClientRow, client.id, client.version)
        ]
        versions += [(BabyRow, b.id, b.version) for b in client.babies]
        versions += [(VisitRow, v.id, v.version) for v, _a in visits]
        for model, record_id, version in versions:
            if record_id is not None and version:
                s.execute(
                    sa_update(model)
                    .where(model.id == record_id)
                    .values(version=version)
                    .execution_options(synchronize_session=False)
                )
        audit.record(s, "import", "client", client.id, client_id=client.id,
                     detail={"visits": len(visits), "documents": len(documents), "photos": len(photos)})
    log.info("client %s imported (%d visits, %d documents)", client.id, len(visits), len(documents))
    return Store(db).get_client(client.id)


def erase_client(db: Database, client_id: uuid.UUID) -> None:
    """Delete a client and everything recorded about her; the audit keeps only that this happened.

    Freed pages are overwritten (``secure_delete``) and the WAL is folded into the file, so the
    record does not linger on disk. Backups made before still hold it until they rotate out.
    """
    with db.session() as s:
        if s.get(ClientRow, client_id) is None:
            raise NotFoundError(f"No client with id {client_id}.")
        # One DELETE; the database's ON DELETE CASCADE removes babies, visits, observations, plan steps,
        # amendments, drafts and issued documents in the same transaction.
        s.execute(
            delete(ClientRow).where(ClientRow.id == client_id).execution_options(synchronize_session=False)
        )
        audit.record(s, "erase", "client", client_id, client_id=client_id)
    log.info("client %s erased", client_id)
    checkpoint(db)
