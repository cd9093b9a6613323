"""The first page of clients read straight from a plain SQLite file, before SQLAlchemy has loaded.

Starting the app, the store's imports (SQLAlchemy, the models) take most of the time to the first
page of clients (issue 15's profile). This module imports only the standard library: it reads what
``search_clients("")`` lists, in the same order, read-only, so the list shows while the store opens
behind it (the store's own listing then replaces it). Encrypted files and servers wait for the store:
there is no key, or no driver, before it loads.

Its rows are ``FirstPageRow``s, with ``ClientSummary``'s fields in its order: the records' package
(some fifty dataclasses and enums, 40 ms of a cold start) loads with the store, after the page shows.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path
from typing import NamedTuple

# What store/clients.py's search statement reads for an empty search: the page of clients in name order,
# then each one's babies (birth order, name) and last visit.
_SQL = """
SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.phone,
       (SELECT json_group_array(json_array(baby.birth_order, baby.name)) FROM baby WHERE baby.client_id = p.id),
       (SELECT max(visit.visit_date) FROM visit WHERE visit.client_id = p.id)
FROM (SELECT client.id AS id, client.given_name AS given_name, client.family_name AS family_name,
             client.date_of_birth AS date_of_birth, client.phone AS phone, client.sort_name AS sort_name
      FROM client ORDER BY client.sort_name, client.id LIMIT ?) AS p
ORDER BY p.sort_name, p.id
"""
_HEADER = b"SQLite format 3\x00"


class FirstPageRow(NamedTuple):
    """One row of the first page: what the client list reads of a ``ClientSummary`` (domain/records/views.py),
    the same fields in the same order."""

    id: uuid.UUID
    full_name: str
    date_of_birth: dt.date | None
    phone: str
    baby_names: tuple[str, ...]
    last_visit: dt.date | None


def first_page(path: Path, limit: int) -> list[FirstPageRow] | None:
    """The first ``limit`` clients in name order, or None when the file cannot be read this way (encrypted,
    missing, busy, or a schema without these columns): the store's own listing follows either way."""
    try:
        with path.open("rb") as f:
            if f.read(16) != _HEADER:
                return None
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        rows = con.execute(_SQL, (limit,)).fetchall()
        return [_summary(*row) for row in rows]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        con.close()


def _summary(
    raw_id: str | bytes, given: str, family: str, born: str | None, phone: str, babies: str | None, last: str | None
) -> FirstPageRow:
    pairs = json.loads(babies) if babies else []
    return FirstPageRow(
        id=uuid.UUID(raw_id if isinstance(raw_id, str) else raw_id.hex()),
        full_name=" ".join(p for p in (given, family) if p),
        date_of_birth=dt.date.fromisoformat(born) if born else None,
        phone=phone or "",
        baby_names=tuple(str(name) for _order, name in sorted((int(o), str(n)) for o, n in pairs)),
        last_visit=dt.date.fromisoformat(last) if last else None,
    )
