"""At start: the visits that were being typed when the app last stopped without saving, offered back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from consultapp.store.errors import NotFoundError
from consultapp.ui.dates import format_date

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from consultapp.domain.records import Client, Draft, Visit
    from consultapp.store.facade import Store
    from consultapp.ui.dialogs import Dialogs
    from consultapp.ui.report import Reporter

Restore = Callable[["Client", "Draft", "Visit | None"], None]
"""Shows a kept draft of ``client`` (with the visit as stored, if it was saved before) in the visit editor."""


def offer_drafts(store: Store, dialogs: Dialogs, report: Reporter, parent: QWidget, restore: Restore) -> None:
    """Ask about each kept draft, newest first: discarded, kept for later, or restored (which ends the offer)."""
    with report.problems():
        drafts = store.drafts()
    if report.failed:
        return
    for draft in drafts:
        try:
            client = store.get_client(draft.client_id)
            stored = store.get_visit(draft.visit_id) if draft.visit_id else None
        except NotFoundError:
            store.discard_draft(draft.key)
            continue
        saved_at = draft.saved_at.astimezone() if draft.saved_at.tzinfo else draft.saved_at
        description = (f"A visit of {client.full_name} dated {format_date(draft.visit.visit_date)}, "
                       f"last typed {format_date(saved_at.date())} at {saved_at:%H:%M}.")
        answer = dialogs.ask_restore_draft(parent, description)
        if answer == "discard":
            store.discard_draft(draft.key)
        elif answer == "restore":
            restore(client, draft, stored)
            return
