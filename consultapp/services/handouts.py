"""Handouts: the shipped ones overlaid with the practice's own, printed blank or with a client's name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultapp.domain.handouts import Handout, HandoutLibrary, load_shipped
from consultapp.domain.records import Practice
from consultapp.domain.vocabulary import PlanVariant
from consultapp.domain.voice import handout_fits, handouts_for_family
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

    items = [
        HandoutPrint(library.get(slug), practice, client_name, given_on if client_name else None) for slug in slugs
    ]
    return render_bytes(items, invariant=invariant, pagesize=pagesize, logo=logo)


@dataclass(frozen=True)
class FamilyHandouts:
    """The handouts to print for a family under the practice's wording, and what to tell the consultant."""

    slugs: tuple[str, ...]
    """Those to print, in the order asked (a handout swapped in for two asked for is printed once)."""
    notes: tuple[str, ...]
    """What was printed in place of what, or left out, and why (none when every handout fits)."""


def family_handouts(library: HandoutLibrary, slugs: Sequence[str], practice: Practice) -> FamilyHandouts:
    """The handouts ``slugs`` as printed for a family: one voice per family (CLINICAL.md sections 15, 18.1).

    A handout that contradicts the practice's wording is swapped for one of its topic that follows it, or
    left out with the reason (``voice.handouts_for_family``): a contradicting set is never printed.

    Raises:
        KeyError: a slug that is not in the library.
    """
    choices = handouts_for_family(library, [library.get(slug) for slug in slugs], practice.settings.wording)
    printed = dict.fromkeys(c.printed.slug for c in choices if c.printed is not None)
    return FamilyHandouts(tuple(printed), tuple(c.note for c in choices if c.note))


def wording_followed(handout: Handout) -> frozenset[PlanVariant]:
    """The wordings ``handout`` agrees with: both, one, or none (a text that contradicts itself)."""
    return frozenset(v for v in PlanVariant if handout_fits(handout, v))
