"""Handouts: the shipped ones overlaid with the practice's own, printed blank or with a client's name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from consultapp.domain.handouts import Handout, HandoutLibrary, load_shipped
from consultapp.domain.records import Practice
from consultapp.runtime.resources import resource_path
from consultapp.services.documents import A4_SIZE, PageSize

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store


def shipped_handouts() -> dict[str, Handout]:
    """The handouts shipped in resources/handouts (read-only)."""
    return load_shipped(resource_path("handouts").glob("*.toml"))


def handout_library(store: Store) -> HandoutLibrary:
    """Shipped handouts overlaid with the practice's own (kept in the database; shipped files never change)."""
    return HandoutLibrary(shipped_handouts(), store.practice_handouts())


def render_handouts(
    library: HandoutLibrary,
    slugs: Sequence[str],
    practice: Practice,
    *,
    client_name: str | None = None,
    given_on: dt.date | None = None,
    invariant: bool = False,
    pagesize: PageSize = A4_SIZE,
    logo: bytes | None = None,
) -> bytes:
    """One PDF of the handouts ``slugs`` (each from a new page), blank or with ``client_name``.

    Raises:
        KeyError: a slug that is not in the library.
    """
    # lazy: ReportLab loads only when a document is made (it would add ~100 ms to every start)
    from consultapp.documents.handout import HandoutPrint, render_bytes

    items = [HandoutPrint(library.get(slug), practice, client_name, given_on if client_name else None)
             for slug in slugs]
    return render_bytes(items, invariant=invariant, pagesize=pagesize, logo=logo)
