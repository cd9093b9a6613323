"""The handout library: shipped handouts (read-only, from resources/) and the practice's own."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from consultapp.domain.vocabulary import Advice, PlanVariant


@dataclass(frozen=True)
class HandoutSection:
    heading: str
    bullets: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    advice: tuple[Advice, ...] = ()
    """What the section advises where the wordings disagree (``voice``): how the family's voice is checked."""


@dataclass(frozen=True)
class Handout:
    """A handout: title, body in sections, its sources and when its wording was last reviewed."""

    slug: str
    title: str
    topic: str
    variant: PlanVariant
    review_date: dt.date
    summary: str
    sections: tuple[HandoutSection, ...]
    sources: tuple[str, ...]
    shipped: bool = True
    based_on: str | None = None
    """For a practice handout made from a shipped one, that handout's slug."""

    def text(self) -> str:
        """All the words of the handout, for search and reading-level checks."""
        parts = [self.title, self.summary]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs, *section.bullets]
        return "\n".join(p for p in parts if p)


@dataclass
class HandoutLibrary:
    """Shipped handouts overlaid with the practice's own (an edited copy takes the shipped one's place)."""

    shipped: dict[str, Handout] = field(default_factory=dict)
    practice: dict[str, Handout] = field(default_factory=dict)

    def all(self) -> list[Handout]:
        replaced = {h.based_on for h in self.practice.values() if h.based_on}
        items = [h for slug, h in self.shipped.items() if slug not in replaced] + list(self.practice.values())
        return sorted(items, key=lambda h: (h.topic, h.title))

    def get(self, slug: str) -> Handout:
        if slug in self.practice:
            return self.practice[slug]
        for handout in self.practice.values():
            if handout.based_on == slug:
                return handout
        if slug in self.shipped:
            return self.shipped[slug]
        raise KeyError(slug)

    def for_topic(self, topic: str, variant: PlanVariant) -> Handout | None:
        matches = [h for h in self.all() if h.topic == topic and h.variant is variant]
        return matches[0] if matches else None


def handout_from_mapping(data: dict[str, object], *, shipped: bool) -> Handout:
    """Build a handout from its TOML (or stored JSON) form; raises ValueError with what is wrong."""
    try:
        sections = tuple(
            HandoutSection(
                heading=str(s["heading"]),
                bullets=tuple(str(b) for b in s.get("bullets", ())),
                paragraphs=tuple(str(p) for p in s.get("paragraphs", ())),
                advice=tuple(Advice(str(a)) for a in s.get("advice", ())),
            )
            for s in data["sections"]  # type: ignore[attr-defined]
        )
        review = data["review_date"]
        return Handout(
            slug=str(data["slug"]),
            title=str(data["title"]),
            topic=str(data["topic"]),
            variant=PlanVariant(str(data.get("variant", PlanVariant.SOURCE_DOCUMENT))),
            review_date=review if isinstance(review, dt.date) else dt.date.fromisoformat(str(review)),
            summary=str(data.get("summary", "")),
            sections=sections,
            sources=tuple(str(s) for s in data.get("sources", ())),  # type: ignore[attr-defined]
            shipped=shipped,
            based_on=str(data["based_on"]) if data.get("based_on") else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"handout {data.get('slug', '?')}: {exc}") from exc


def handout_to_mapping(handout: Handout) -> dict[str, object]:
    return {
        "slug": handout.slug,
        "title": handout.title,
        "topic": handout.topic,
        "variant": handout.variant.value,
        "review_date": handout.review_date.isoformat(),
        "summary": handout.summary,
        "sections": [
            {
                "heading": s.heading,
                "bullets": list(s.bullets),
                "paragraphs": list(s.paragraphs),
                "advice": [a.value for a in s.advice],
            }
            for s in handout.sections
        ],
        "sources": list(handout.sources),
        "based_on": handout.based_on,
    }


def load_shipped(paths: Iterable[Path]) -> dict[str, Handout]:
    """Read shipped handouts (TOML files); their slugs must be unique."""
    handouts: dict[str, Handout] = {}
    for path in sorted(paths):
        with path.open("rb") as f:
            handout = handout_from_mapping(tomllib.load(f), shipped=True)
        if handout.slug in handouts:
            raise ValueError(f"two shipped handouts use the slug {handout.slug}")
        handouts[handout.slug] = handout
    return handouts
