"""The consultant's edits applied to the suggested steps, and the steps grouped in sections."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from consultapp.domain.careplan.model import SECTION_CUSTOM, PlanSection, PlanStep
from consultapp.domain.records import PlanEdits


def apply_edits(suggested: Sequence[PlanStep], edits: PlanEdits) -> tuple[PlanStep, ...]:
    """The final steps: the suggested ones with the consultant's edits applied.

    - No edited steps (``edits.steps`` empty): the suggestion as it is.
    - Otherwise the edits' order is followed; a step left unticked (``included=False``) is dropped.
    - A suggested step keeps the engine's text, reason and source (its wording is the source's); an edited
      step whose key is no longer suggested (the finding behind it is gone) is dropped.
    - The consultant's own steps (``custom=True``, non-blank text) are included where she put them, in the
      section of the step before them (or after them, when first); with no suggested step around them they
      go to ``SECTION_CUSTOM``.
    - Suggested steps the edits do not mention (new findings since she edited) are added at the end of their
      section, or at the end of the plan when their section has no step left.
    A key mentioned twice counts once (its first mention).
    """
    if not edits.steps:
        return tuple(suggested)
    by_key = {s.key: s for s in suggested}
    chosen = []
    mentioned: set[str] = set()
    for c in edits.steps:
        if c.key in mentioned:
            continue
        mentioned.add(c.key)
        chosen.append(c)
    engine_section = [None if c.custom or c.key not in by_key else by_key[c.key].section for c in chosen]

    def custom_section(i: int) -> str:
        before = next((s for s in reversed(engine_section[:i]) if s is not None), None)
        after = next((s for s in engine_section[i + 1:] if s is not None), None)
        return before or after or SECTION_CUSTOM

    final: list[PlanStep] = []
    for i, c in enumerate(chosen):
        if not c.included:
            continue
        if c.custom:
            if c.text.strip():
                final.append(
                    PlanStep(c.text, c.reason, c.source, key=c.key, section=custom_section(i), custom=True)
                )
        elif c.key in by_key:
            final.append(by_key[c.key])
    for step in suggested:
        if step.key in mentioned:
            continue
        last = max((i for i, s in enumerate(final) if s.section == step.section), default=None)
        if last is None:
            final.append(step)
        else:
            final.insert(last + 1, step)
    return tuple(final)


def group_sections(steps: Sequence[PlanStep], intros: Mapping[str, str]) -> tuple[PlanSection, ...]:
    """Sections in the order their first step appears, each with its steps in order."""
    grouped: dict[str, list[PlanStep]] = {}
    for step in steps:
        grouped.setdefault(step.section, []).append(step)
    return tuple(PlanSection(title, tuple(items), intros.get(title, "")) for title, items in grouped.items())
