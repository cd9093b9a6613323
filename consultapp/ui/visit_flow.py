"""What happens around the visit editor: saving (amendments when final), marking final, drafts, output."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from consultapp.domain.changes import change_value
from consultapp.domain.records import Client, Visit
from consultapp.store.errors import ConflictError, ServerUnreachable
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.documents_flow import DocumentActions, Shown
from consultapp.ui.drafts import DraftKeeper
from consultapp.ui.practice.conflict import Conflict, ConflictQuestions
from consultapp.ui.practice.merge import apply_changes, field_label, overlaps
from consultapp.ui.visit.base import Mode, VisitContext
from consultapp.ui.visit.editor import VisitEditor

if TYPE_CHECKING:
    from consultapp.store.facade import Store
    from consultapp.ui.report import Reporter


RETRY_INTERVAL_MS = 5000
OFFLINE_TEXT = "Not saved: the server cannot be reached. Your entries are kept; trying again…"


class VisitFlow(QObject):
    """Connects the editor's requests to the store; the user's problems go to ``report``, bugs go on up."""

    preview = Signal(object)  # Shown
    message = Signal(str)
    saved = Signal(object)  # Visit
    banner = Signal(str)  # the connection banner's text ("" hides it)

    def __init__(
        self,
        store: Store,
        dialogs: Dialogs,
        editor: VisitEditor,
        documents: DocumentActions,
        report: Reporter,
        author: Callable[[], str],
        draft_interval_ms: int,
        parent: QObject | None = None,
        *,
        conflicts: ConflictQuestions | None = None,
        retry_interval_ms: int = RETRY_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.store, self.dialogs, self.editor = store, dialogs, editor
        self.conflicts = conflicts or ConflictQuestions()
        self.base: Visit | None = None  # the visit as loaded (or last saved): what both sides changed from
        self._pending_reason: str | None = None  # a save waiting for the server to be reachable again
        self._new_id = uuid.uuid4()  # a new visit's id, the same for every try: a retried save stores it once
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(retry_interval_ms)
        self.retry_timer.timeout.connect(self.on_retry_timer_timeout)
        self.documents = documents
        self.report = report
        self.author = author
        self.drafts = DraftKeeper(store, self._snapshot, editor.is_dirty, draft_interval_ms, self)
        self.drafts.problem.connect(self.message.emit)
        editor.changed.connect(self.drafts.on_changed)
        editor.save_requested.connect(self.on_editor_save_requested)
        editor.finalize_requested.connect(self.on_editor_finalize_requested)
        editor.preview_requested.connect(self.on_editor_preview_requested)
        editor.print_requested.connect(self.on_editor_print_requested)
        editor.save_pdf_requested.connect(self.on_editor_save_pdf_requested)

    def use_store(self, store: Store, documents: DocumentActions) -> None:
        """Work on another database from now on (the window re-attached)."""
        self.store, self.documents = store, documents
        self.drafts.store = store

    # -- opening ------------------------------------------------------------------------------------
    def context(self, client: Client, on: Visit | None) -> VisitContext:
        day = on.visit_date if on else dt.date.today()
        ids = [b.id for b in client.babies if b.id is not None]
        return VisitContext(client, self.store.get_practice(), self.store.earlier_weighings(ids, day), day)

    def open(self, client: Client, visit: Visit | None) -> None:
        """Show ``visit`` of ``client`` (None: a new visit) and start keeping drafts of it."""
        self._stop_retrying()
        self._new_id = uuid.uuid4()
        self.editor.load(self.context(client, visit), visit)
        self.base = copy.deepcopy(visit)
        self._show_amendments(visit)
        self.drafts.start()

    def _snapshot(self) -> tuple[Visit, dict[str, str]] | None:
        """What a draft keeps: the visit as on screen, and the text typed where it does not parse yet."""
        visit = self.editor.compose(Mode.LENIENT)
        return None if visit is None else (visit, self.editor.unparsed_texts())

    def restore(self, client: Client, draft_key: uuid.UUID, draft: Visit, stored: Visit | None,
                unparsed: Mapping[str, str] | None = None) -> None:
        """Show a kept draft, with the text it kept as typed; what was stored (or an empty visit) counts
        as saved, so it stays dirty."""
        ctx = self.context(client, stored or draft)
        baseline = stored or Visit(draft.client_id, draft.visit_date)
        self._stop_retrying()
        self._new_id = uuid.uuid4()
        self.editor.load(ctx, draft, baseline=baseline)
        self.editor.restore_unparsed(unparsed or {})
        self.base = copy.deepcopy(stored)
        self._show_amendments(stored)
        self.drafts.start(draft_key)

    def _show_amendments(self, visit: Visit | None) -> None:
        if visit is not None and visit.id is not None and visit.is_final:
            self.editor.set_amendments(self.store.amendments(visit.id))
        else:
            self.editor.set_amendments([])

    def leave(self) -> None:
        """The editor is left with its changes discarded (or none): no draft is needed any more."""
        self._stop_retrying()
        self.drafts.finish()

    # -- saving -------------------------------------------------------------------------------------
    def save(self, visit: Visit) -> Visit | None:
        """Save ``visit`` when it differs from what is stored; a final visit's change becomes an amendment."""
        if visit.id is not None and not self.editor.is_dirty():
            self.editor.show_status("No changes to save: the visit is as saved.")  # (and no stale error stays)
            return visit
        reason = ""
        if visit.is_final:
            answer = self.dialogs.ask_amendment_reason(self.editor)
            if answer is None:
                self.editor.show_error("Not saved: the amendment was cancelled.")
                return None
            reason = answer
        return self._store(visit, reason)

    def _store(self, visit: Visit, reason: str) -> Visit | None:
        """Save ``visit``; a conflict asks what to do, a lost connection keeps trying in the background."""
        attempt = copy.deepcopy(visit)
        if attempt.id is None:
            attempt.id = self._new_id
        try:
            saved = self.store.save_visit(attempt, author=self.author(), reason=reason)
        except ConflictError as exc:
            if not isinstance(exc.current, Visit):
                self.report.show(exc)
                self.editor.show_error("Not saved. Your entries are still here.")
                return None
            return self._resolve_conflict(visit, exc, reason)
        except Exception as exc:
            if isinstance(self.report.known(exc), ServerUnreachable):
                first = self._pending_reason is None
                self._start_retrying(reason)
                if first:
                    self.report.show(exc)  # said once; then the banner keeps saying it while trying again
                return None
            if not self.report.show(exc):
                raise
            self.editor.show_error("Not saved. Your entries are still here.")
            return None
        self._stop_retrying()
        self.editor.mark_saved(saved)
        self._after_save(saved)
        return saved

    def _after_save(self, saved: Visit) -> None:
        self.base = copy.deepcopy(saved)
        self._new_id = uuid.uuid4()
        self._show_amendments(saved)
        self.drafts.finish()
        self.drafts.start()
        self.saved.emit(saved)

    # -- someone else saved meanwhile ---------------------------------------------------------------
    def _baby_names(self, visit: Visit) -> list[str]:
        client = self.editor.client
        names = {b.id: b.name for b in client.babies} if client else {}
        return [names.get(a.baby_id, "") for a in visit.assessments]  # (an unnamed one is "Baby 2")

    def _resolve_conflict(self, mine_visit: Visit, exc: ConflictError, reason: str) -> Visit | None:
        from consultapp.store.visits import diff_visits  # lazy: the store's diff loads with a conflict

        theirs_visit = exc.current
        assert isinstance(theirs_visit, Visit)
        base = self.base or Visit(mine_visit.client_id, mine_visit.visit_date)
        theirs = diff_visits(base, theirs_visit)
        mine = diff_visits(base, mine_visit)
        at = exc.changed_at
        when = at.astimezone().strftime("%H:%M, %d %b") if isinstance(at, dt.datetime) else ""
        names = self._baby_names(mine_visit)
        settings = self.store.get_practice().settings if self.editor.ctx is None else self.editor.ctx.settings
        units = settings.weight_unit, settings.temperature_unit
        answer = self.conflicts.resolve(self.editor, Conflict(exc.changed_by, when, theirs, mine, names, *units))
        who = exc.changed_by or "another consultant"
        if answer == "mine":
            keep_theirs: set[str] = set()
            for overlap in overlaps(theirs, mine):
                which = self.conflicts.keep_which(self.editor, field_label(overlap.field, names),
                                                  change_value(overlap.field, overlap.theirs, *units),
                                                  change_value(overlap.field, overlap.mine, *units))
                if which is None:
                    self.editor.show_error("Not saved. Your entries are still here.")
                    return None
                if which == "theirs":
                    keep_theirs.add(overlap.field)
            try:
                merged = apply_changes(theirs_visit, mine, keep_theirs)
            except (KeyError, IndexError, TypeError, ValueError):
                self.editor.show_error(f"Not saved: your changes could not be put on top of {who}'s. "
                                       "Your entries are still here.")
                return None
            self.base = copy.deepcopy(theirs_visit)
            saved = self._store(merged, reason)
            if saved is not None and self.editor.client is not None:
                self.editor.load(self.context(self.editor.client, saved), saved)
                self.message.emit(f"Your changes were saved on top of {who}'s.")
            return saved
        if answer == "theirs":
            key = self.drafts.key or uuid.uuid4()
            self.drafts.timer.stop()
            with self.report.problems():
                # her typing, offered back at the next start
                self.store.save_draft(key, mine_visit, self.editor.unparsed_texts())
            if self.report.failed:
                self.editor.show_error("Not saved. Your entries are still here.")
                return None
            client = self.editor.client
            assert client is not None
            self.editor.load(self.context(client, theirs_visit), theirs_visit)
            self.base = copy.deepcopy(theirs_visit)
            self._show_amendments(theirs_visit)
            self.drafts.start()  # a new key: the kept draft stays
            self.message.emit(f"Showing {who}'s version. Your typing is kept as a draft.")
            return None
        self.editor.show_error(f"Not saved: {exc.changed_by or 'someone else'} saved this visit after you opened it. "
                               "Your entries are still here; save again to compare.")
        return None

    # -- the server cannot be reached ---------------------------------------------------------------
    def _start_retrying(self, reason: str) -> None:
        self._pending_reason = reason
        self.editor.show_error("Not saved yet: the server cannot be reached. Your entries are kept.")
        self.banner.emit(OFFLINE_TEXT)
        if not self.retry_timer.isActive():
            self.retry_timer.start()

    def _stop_retrying(self) -> None:
        if self._pending_reason is not None:
            self.retry_timer.stop()
            self._pending_reason = None
            self.banner.emit("")

    @property
    def retrying(self) -> bool:
        return self._pending_reason is not None

    def on_retry_timer_timeout(self) -> None:
        reason = self._pending_reason
        if reason is None:
            self.retry_timer.stop()
            return
        visit = self.editor.compose(Mode.QUIET)  # what is on screen now, typing since included
        if visit is None:
            return  # a field does not parse yet: try at the next tick
        self.retry_timer.stop()
        saved = self._store(visit, reason)
        if saved is not None:
            self.banner.emit(f"Saved at {dt.datetime.now():%H:%M}: the server can be reached again.")
            self.message.emit("Visit saved.")
        elif self._pending_reason is not None and not self.retry_timer.isActive():
            self.retry_timer.start()

    def on_editor_save_requested(self, visit: Visit) -> None:
        if self.save(visit) is not None:
            self.message.emit("Visit saved.")

    def on_editor_finalize_requested(self, visit: Visit) -> None:
        saved = self.save(visit)
        if saved is None or saved.id is None:
            return
        with self.report.problems():
            self.store.finalize_visit(saved.id, self.author())
            final = self.store.get_visit(saved.id)
        if self.report.failed:
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
        from consultapp.services.documents import care_plan_file_name  # lazy: ReportLab on first plan
        from consultapp.services.visits import render_care_plan

        with self.report.problems():
            data = render_care_plan(self.store, saved.id)
        if self.report.failed:
            return None
        return Shown(f"Care plan, visit of {saved.visit_date:%d %b %Y}", data,
                     care_plan_file_name(saved.visit_date, saved.id), saved.id)

    def on_editor_preview_requested(self, visit: Visit) -> None:
        """Save, read what the plan needs, and show the preview at once: the plan renders off the GUI thread."""
        saved = self.save(visit)
        if saved is None or saved.id is None:
            return
        from consultapp.services.documents import care_plan_file_name  # lazy: on the first plan
        from consultapp.services.visits import care_plan, load_visit, render_plan

        with self.report.problems():
            records = load_visit(self.store, saved.id)
        if self.report.failed:
            return
        self.preview.emit(Shown(f"Care plan, visit of {saved.visit_date:%d %b %Y}", b"",
                                care_plan_file_name(saved.visit_date, saved.id),
                                saved.id, render=lambda: render_plan(care_plan(records))))

    def on_editor_print_requested(self, visit: Visit) -> None:
        shown = self._care_plan(visit)
        if shown is not None:
            self.print_shown(shown)

    def on_editor_save_pdf_requested(self, visit: Visit) -> None:
        shown = self._care_plan(visit)
        if shown is not None:
            self.save_shown(shown)

    def print_shown(self, shown: Shown) -> None:
        """Print off the GUI thread (progress in the status bar); the status bar then says where it went."""
        with self.report.problems():
            self.documents.print(self.editor, shown, self.author(), self.report, done=self.message.emit)

    def save_shown(self, shown: Shown) -> None:
        with self.report.problems():
            target = self.documents.save(self.editor, shown, self.author())
        if self.report.failed:
            return
        if target is not None:
            self.message.emit(f"Saved {target.name}.")
