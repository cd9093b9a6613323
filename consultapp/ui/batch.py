"""Batch work run off the GUI thread: every care plan of a client written to a folder."""

from __future__ import annotations

import uuid
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.domain.records import VisitSummary
from consultapp.runtime.files import write_private
from consultapp.ui.tasks import Progress

if TYPE_CHECKING:
    from consultapp.store.facade import Store


def care_plans_to_folder(
    store: Store, visits: Sequence[VisitSummary], folder: Path
) -> Generator[Progress, None, list[Path]]:
    """Render each visit's care plan into ``folder``; yields progress, returns the files written."""
    # lazy: ReportLab loads with the first document, not with the window
    from consultapp.services.documents import care_plan_file_name
    from consultapp.services.visits import render_care_plan

    written: list[Path] = []
    total = len(visits)
    yield Progress(0, total, "Starting…")
    used: set[str] = set()
    for done, summary in enumerate(visits, start=1):
        name = care_plan_file_name(summary.visit_date, summary.id)
        if name in used:  # two visits on one day
            name = name.removesuffix(".pdf") + f"-{uuid.uuid4().hex[:6]}.pdf"
        used.add(name)
        target = folder / name
        write_private(target, render_care_plan(store, summary.id))
        written.append(target)
        yield Progress(done, total, f"Care plan {done} of {total}")
    return written
