"""What happens around the visit editor: saving (amendments when final), marking final, drafts, output."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from consultapp.domain.records import Client, Visit
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.documents_flow import DocumentActions, Shown
from consultapp.ui.drafts import DraftKeeper
from consultapp.ui.visit.base import Mode, VisitContext
from consultapp.ui.visit.editor import VisitEditor

if TYPE_CHECKING:
    from consultapp.store.records_store import RecordsStore
    from consultapp.store.repository import Repository


class VisitFlow(QObject):
    """Connects the editor's requests to the store; reports problems through ``report`` (False: a bug)."""

    preview = Signal(object)  # Shown
    message = Signal(str)
    saved = Signal(object)  # Visit

    def __init__(
        self,
        repo: Repository,
        records: RecordsStore,
        dialogs: Dialogs,
        editor: VisitEditor,
        documents: DocumentActions,
        report: Callable[[Exception], bool],
        author: Callable[[], str],
        draft_interval_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo, self.records, self.dialogs, self.editor = repo, records, dialogs, editor
        self.documents = documents
        self.report = report
        self.author = author
        self.drafts = DraftKeeper(records, lambda: editor.compose(Mode.LENIENT), editor.is_dirty,
                                  draft_interval_ms, self)
        self.drafts.problem.connect(self.message.emit)
        editor.changed.connect(self.drafts.on_changed)
        editor.save_requested.connect(self.on_editor_save_requested)
        editor.finalize_requested.connect(self.on_editor_finalize_requested)
        editor.preview_requested.connect(self.on_editor_preview_requested)
        editor.print_requested.connect(self.on_editor_print_requested)
        editor.save_pdf_requested.connect(self.on_editor_save_pdf_requested)

    # -- opening ------------------------------------------------------------------------------------
    def context(self, client: Client, on: Visit | None) -> VisitContext:
        day = on.visit_date if on else dt.date.today()
        ids = [b.id for b in client.babies if b.id is not None]
        return VisitContext(client, self.repo.get_practice(), self.repo.earlier_weighings(ids, day), day)

    def open(self, client: Client, visit: Visit | None) -> None:
        """Show ``visit`` of ``client`` (None: a new visit) and start keeping drafts of it."""
        self.editor.load(self.context(client, visit), visit)
        self._show_amendments(visit)
        self.drafts.start()

    def restore(self, client: Client, draft_key: uuid.UUID, draft: Visit, stored: Visit | None) -> None:
        """Show a kept draft; what was stored (or an empty visit) counts as saved, so it stays dirty."""
        ctx = self.context(client, stored or draft)
        baseline = stored or Visit(draft.client_id, draft.visit_date)
        self.editor.load(ctx, draft, baseline=baseline)
        self._show_amendments(stored)
        self.drafts.start(draft_key)

    def _show_amendments(self, visit: Visit | None) -> None:
        if visit is not None and visit.id is not None and visit.is_final:
            self.editor.set_amendments(self.records.amendments(visit.id))
        else:
            self.editor.set_amendments([])

    def leave(self) -> None:
        """The editor is left with its changes discarded (or none): no draft is needed any more."""
        self.drafts.finish()

    # -- saving -------------------------------------------------------------------------------------
    def save(self, visit: Visit) -> Visit | None:
        """Save ``visit`` when it differs from what is stored; a final visit's change becomes an amendment."""
        if visit.id is not None and not self.editor.is_dirty():
            return visit
        reason = ""
        if visit.is_final:
            answer = self.dialogs.ask_amendment_reason(self.editor)
            if answer is None:
                self.editor.show_error("Not saved: the amendment was cancelled.")
                return None
            reason = answer
        try:
            saved = self.repo.save_visit(copy.deepcopy(visit), author=self.author(), reason=reason)
        except Exception as exc:
            if not self.report(exc):
                raise
            self.editor.show_error("Not saved. Your entries are still here.")
            return None
        self.editor.mark_saved(saved)
        self._show_amendments(saved)
        self.drafts.finish()
        self.drafts.start()
        self.saved.emit(saved)
        return saved

    def on_editor_save_requested(self, visit: Visit) -> None:
        if self.save(visit) is not None:
            self.message.emit("Visit saved.")

    def on_editor_finalize_requested(self, visit: Visit) -> None:
        saved = self.save(visit)
        if saved is None or saved.id is None:
            return
        try:
            self.records.finalize_visit(saved.id, self.author())
            final = self.repo.get_visit(saved.id)
        except Exception as exc:
            if not self.report(exc):
                raise
            return
        self.editor.mark_saved(final)
        self._show_amendments(final)
        self.message.emit("Visit marked final. Later changes are kept as dated amendments.")
        self.saved.emit(final)

    # -- output -------------------------------------------------------------------------------------
    def _care_plan(self, visit: Visit) -> Shown | None:
        saved = self.save(visit)
        if saved is None or saved.id is None:
            return None
        client = self.editor.client
        try:
            from consultapp.services import care_plan_file_name, render_care_plan

            data = render_care_plan(self.repo, saved.id)
        except Exception as exc:
            if not self.report(exc):
                raise
            return None
        return Shown(f"Care plan, visit of {saved.visit_date:%d %b %Y}", data,
                     care_plan_file_name(saved.visit_date, client.family_name if client else ""), saved.id)

    def on_editor_preview_requested(self, visit: Visit) -> None:
        shown = self._care_plan(visit)
        if shown is not None:
            self.preview.emit(shown)

    def on_editor_print_requested(self, visit: Visit) -> None:
        shown = self._care_plan(visit)
        if shown is not None:
            self.print_shown(shown)

    def on_editor_save_pdf_requested(self, visit: Visit) -> None:
        shown = self._care_plan(visit)
        if shown is not None:
            self.save_shown(shown)

    def print_shown(self, shown: Shown) -> None:
        try:
            pages = self.documents.print(self.editor, shown, self.author())
        except Exception as exc:
            if not self.report(exc):
                raise
            return
        if pages is not None:
            self.message.emit(f"Printed {pages} page{'s' if pages != 1 else ''}.")

    def save_shown(self, shown: Shown) -> None:
        try:
            target = self.documents.save(self.editor, shown, self.author())
        except Exception as exc:
            if not self.report(exc):
                raise
            return
        if target is not None:
            self.message.emit(f"Saved {target.name}.")
