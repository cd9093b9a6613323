"""Issue any document (letter, superbill, handouts) with the window's print and save machinery.

``DocumentActions`` asks for the printer or the file first, then keeps the document as issued, then
hands over the exact bytes that were previewed. Here it issues any kind, not only a visit's care plan.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultapp.ui.documents_flow import DocumentActions, Shown

if TYPE_CHECKING:
    from consultapp.store.facade import Store
    from consultapp.ui.dialogs import Dialogs


@dataclass
class IssuableShown(Shown):
    """A document shown (or about to be handed over) with what its issued record needs."""

    kind: str = ""
    client_id: uuid.UUID | None = None
    issue: bool = True
    """False for a document that is handed over without being kept (a blank handout)."""
    photo_ids: tuple[uuid.UUID, ...] = ()
    """Photos printed in it (a letter): their use is audited when it is issued."""


class IssuingActions(DocumentActions):
    """Print or save a document; the first time it is handed over, it is kept as issued (once)."""

    def __init__(self, store: Store, dialogs: Dialogs) -> None:
        super().__init__(store, dialogs)

    def issue(self, shown: Shown, issued_by: str) -> Shown:
        if not isinstance(shown, IssuableShown):
            return super().issue(shown, issued_by)
        if shown.issued is not None or not shown.issue:
            return shown
        shown.issued = self.store.issue_document(
            kind=shown.kind, content=shown.data, title=shown.title, filename=shown.filename, issued_by=issued_by,
            client_id=shown.client_id, visit_id=shown.visit_id,
        )
        if shown.photo_ids:
            self.store.record_photos_in_letter(shown.photo_ids, shown.issued.id)
        return shown
