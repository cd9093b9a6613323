"""The visit editor: sections a consultant jumps between (Ctrl+1..9), a live flag banner, never losing typing."""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.records import Amendment, BabyAssessment, Client, Visit, VisitStatus
from consultapp.ui.fields import ERROR_COLOUR, AttentionNote, CheckedField, FieldError, html_escape
from consultapp.ui.flag_banner import FlagBanner
from consultapp.ui.visit.base import Mode, Section, VisitContext, scrolled
from consultapp.ui.visit.breasts import BreastsSection
from consultapp.ui.visit.feeding import FeedingSection
from consultapp.ui.visit.feeding_plan import FeedingPlanSection
from consultapp.ui.visit.parent import ParentSection
from consultapp.ui.visit.photos import PhotosSection
from consultapp.ui.visit.plan import PlanSection
from consultapp.ui.visit.reason import ReasonSection
from consultapp.ui.visit.tongue import TongueSection
from consultapp.ui.visit.weights import WeightsSection

log = logging.getLogger(__name__)
LIVE_DELAY_MS = 120


class VisitEditor(QWidget):
    """Create or edit a visit. The window saves what ``save_requested`` carries and calls ``mark_saved``."""

    save_requested = Signal(object)
    back_requested = Signal()
    preview_requested = Signal(object)
    print_requested = Signal(object)
    save_pdf_requested = Signal(object)
    finalize_requested = Signal(object)
    changed = Signal()
    plan_updated = Signal(object)  # CarePlan of what is on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: VisitContext | None = None
        self._visit: Visit | None = None
        self._baseline: object = None
        self._loading = False
        self.care_plan: CarePlan | None = None

        self.reason_section = ReasonSection()
        self.weights = WeightsSection()
        self.feeding = FeedingSection()
        self.tongue = TongueSection()
        self.breasts = BreastsSection()
        self.parent_section = ParentSection()
        self.plan = PlanSection()
        self.feeding_plan = FeedingPlanSection()
        self.photos = PhotosSection()
        self.sections: list[Section] = [self.reason_section, self.weights, self.feeding, self.tongue,
                                        self.breasts, self.parent_section, self.plan, self.feeding_plan,
                                        self.photos]

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.final_badge = QLabel()
        self.final_badge.setWordWrap(True)
        self.banner = FlagBanner()

        nav = self._build_navigation()

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.attention = AttentionNote(self, self._say_attention, still_wrong=lambda: self.compose(Mode.QUIET) is None)
        self.back_button = QPushButton("← &Back to client")
        self.save_button = QPushButton("&Save visit")
        self.save_button.setToolTip("Ctrl+S")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.plan.preview_requested.connect(lambda: self._emit_valid(self.preview_requested))
        self.plan.print_requested.connect(lambda: self._emit_valid(self.print_requested))
        self.plan.save_pdf_requested.connect(lambda: self._emit_valid(self.save_pdf_requested))
        self.plan.finalize_requested.connect(lambda: self._emit_valid(self.finalize_requested))

        head = QHBoxLayout()  # the flag banner keeps its place here, flagged or not: the form never moves
        head.addWidget(self.title)
        head.addWidget(self.banner, 1)
        head.addWidget(self.final_badge)
        body = QHBoxLayout()
        body.addLayout(nav)
        body.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self.live_timer = QTimer(self)
        self.live_timer.setSingleShot(True)
        self.live_timer.setInterval(LIVE_DELAY_MS)
        self.live_timer.timeout.connect(self.refresh_live)
        self.show_section(0, focus=False)

    def _build_navigation(self) -> QVBoxLayout:
        """A button per section (Ctrl+number, Alt+number) beside the stack of their pages."""
        self.nav_group = QButtonGroup(self)
        self.nav_buttons: list[QPushButton] = []
        nav = QVBoxLayout()
        nav.setSpacing(4)
        self.stack = QStackedWidget()
        for number, section in enumerate(self.sections, start=1):
            button = QPushButton(f"&{number}  {section.title}")
            button.setCheckable(True)
            button.setToolTip(f"Ctrl+{number}")
            button.setStyleSheet("text-align: left; padding: 6px 10px;")
            button.setAccessibleName(section.title)
            self.nav_group.addButton(button, number - 1)
            self.nav_buttons.append(button)
            nav.addWidget(button)
            per_page = (PlanSection | WeightsSection | FeedingSection | TongueSection | FeedingPlanSection
                        | PhotosSection)
            page = section if isinstance(section, per_page) else scrolled(section)
            self.stack.addWidget(page)
            for keys in (f"Ctrl+{number}", f"Alt+{number}"):
                QShortcut(QKeySequence(keys), self, lambda i=number - 1: self.show_section(i, focus=True),
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            section.changed.connect(self.on_section_changed)
        nav.addStretch(1)
        self.nav_group.idClicked.connect(lambda i: self.show_section(i, focus=False))
        return nav

    # -- loading ------------------------------------------------------------------------------------
    @property
    def client(self) -> Client | None:
        return self.ctx.client if self.ctx else None

    @property
    def visit_id(self) -> object:
        return self._visit.id if self._visit else None

    def load(self, ctx: VisitContext, visit: Visit | None, *, baseline: Visit | None = None) -> None:
        """Show ``visit`` (None: a new visit dated today). ``baseline`` is what counts as saved when the
        shown visit is a restored draft; without it, what is shown counts as saved."""
        assert ctx.client.id is not None
        self._loading = True
        self.ctx = ctx
        self.banner.temperature_unit = ctx.settings.temperature_unit
        self._visit = copy.deepcopy(visit) if visit else Visit(ctx.client.id, ctx.visit_date)
        for section in self.sections:
            section.load(ctx, self._visit)
        for _key, field in self._checked_fields():  # (a baby's fields are made as the visit loads)
            field.error.reserve_line()  # a message beside a field never moves the form under her pointer
            field.column.activate()
        for section in self.sections:  # laid out with those lines now, not at the first key she presses
            if (layout := section.layout()) is not None:
                layout.activate()
        self._loading = False
        self.show_status("")
        self._update_title()
        self.refresh_live()
        if baseline is not None:
            self._baseline = _comparable(baseline)
        else:
            self._baseline = _comparable(self.compose(Mode.LENIENT))
        self.show_section(0, focus=False)

    def _update_title(self) -> None:
        assert self.ctx is not None and self._visit is not None
        name = html_escape(self.ctx.client.full_name)
        self.title.setText(f"<h2>{'Visit' if self._visit.id else 'New visit'}: {name}</h2>")
        final = self._visit.is_final
        self.final_badge.setText(
            "<b>FINAL</b> – changes are kept as dated amendments" if final else "")
        self.final_badge.setStyleSheet("background:#e3f2fd; padding:4px 8px; border-radius:3px;" if final else "")
        self.plan.set_final(final)

    def set_amendments(self, amendments: Sequence[Amendment]) -> None:
        if self.ctx is not None and self._visit is not None:
            self.reason_section.name_babies(self.ctx, self._visit)  # (the babies of the visit as saved)
        self.reason_section.set_amendments(amendments)

    # -- reading ------------------------------------------------------------------------------------
    def compose(self, mode: Mode) -> Visit | None:
        """The visit as on screen; None when a field does not parse (shown beside it in STRICT mode)."""
        if self.ctx is None or self._visit is None:
            return None
        visit = copy.deepcopy(self._visit)
        for baby in self.ctx.babies:
            assert baby.id is not None
            if visit.assessment_for(baby.id) is None:
                visit.assessments.append(BabyAssessment(baby.id))
        first_bad: int | None = None
        for index, section in enumerate(self.sections):
            if section.write(visit, mode) and first_bad is None:
                first_bad = index
        visit.assessments = [a for a in visit.assessments if a.id is not None or a != BabyAssessment(a.baby_id)]
        if first_bad is not None:
            if mode is Mode.STRICT:
                self.show_section(first_bad, focus=False)
            return None
        return visit

    def read(self) -> Visit:
        visit = self.compose(Mode.STRICT)
        if visit is None:
            raise FieldError("Some fields need attention; see the messages beside them.")
        return visit

    def _say_attention(self, message: str) -> None:
        if message:
            self.show_error(message)
            self.attention.shown = True
        else:
            self.status.clear()

    def is_dirty(self) -> bool:
        """True when what is on screen differs from what was last loaded or saved."""
        if self.ctx is None:
            return False
        current = self.compose(Mode.QUIET)
        return current is None or _comparable(current) != self._baseline

    def mark_saved(self, visit: Visit) -> None:
        self._visit = copy.deepcopy(visit)
        self._baseline = _comparable(self.compose(Mode.LENIENT))
        self._update_title()
        self.show_status(f"Saved {dt.datetime.now():%H:%M}.")

    # -- text that does not parse yet (kept in drafts as typed) -------------------------------------
    def _checked_fields(self) -> list[tuple[str, CheckedField[Any]]]:
        """Every field with its key: its place among the editor's fields and its label. The same client
        gives the same fields in the same order, so a draft's text finds its field again."""
        # Section by section: the stack raises the page shown, which reorders the editor's children.
        fields = [w for section in self.sections for w in section.findChildren(QWidget) if isinstance(w, CheckedField)]
        return [(f"{index}:{field.label}", field) for index, field in enumerate(fields)]

    def unparsed_texts(self) -> dict[str, str]:
        """The text of each field where it does not parse ("3,5 kgg"): a draft keeps it as typed."""
        texts = {}
        for key, field in self._checked_fields():
            try:
                field.peek()
            except FieldError:
                texts[key] = field.text()
        return texts

    def restore_unparsed(self, texts: Mapping[str, str]) -> None:
        """Put back text a draft kept as typed (see ``unparsed_texts``); it is checked again on save."""
        for key, field in self._checked_fields():
            if key in texts:
                field.setText(texts[key])

    def show_status(self, message: str) -> None:
        self.attention.withdraw()
        self.status.setText(html_escape(message))

    def show_error(self, message: str) -> None:
        self.attention.withdraw()
        self.status.setText(f"<span style='color:{ERROR_COLOUR}'>{html_escape(message)}</span>")

    # -- navigation ---------------------------------------------------------------------------------
    def show_section(self, index: int, *, focus: bool) -> None:
        if not 0 <= index < len(self.sections):
            return
        self.stack.setCurrentIndex(index)
        self.nav_buttons[index].setChecked(True)
        if focus:
            self.sections[index].first_field().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_section(self) -> Section:
        return self.sections[self.stack.currentIndex()]

    # -- live flags and plan ------------------------------------------------------------------------
    def on_section_changed(self) -> None:
        if self._loading:
            return
        self.live_timer.start()
        self.changed.emit()

    def refresh_live(self) -> None:
        """Flags and suggested steps from what is on screen (text that does not parse counts as empty)."""
        if self.ctx is None:
            return
        visit = self.compose(Mode.LENIENT)
        if visit is None:
            return
        self.breasts.show_conditions(visit)
        try:
            plan = build_care_plan(self.ctx.practice, self.ctx.client, visit, earlier_weighings=self.ctx.earlier)
        except (ValueError, KeyError) as exc:  # a half-typed record the engine cannot read yet
            log.warning("live care plan not built: %s", type(exc).__name__)
            return
        self.care_plan = plan
        self.banner.set_flags(plan.flags)
        self.plan.set_plan(plan)
        self.feeding_plan.set_care_plan(plan)
        self.plan_updated.emit(plan)

    # -- slots --------------------------------------------------------------------------------------
    def on_save_clicked(self) -> None:
        self._emit_valid(self.save_requested)

    def _emit_valid(self, signal: SignalInstance) -> None:
        visit = self.compose(Mode.STRICT)
        if visit is None:
            self.attention.show()  # (goes by itself when the last problem is fixed)
            return
        signal.emit(visit)


def _comparable(visit: Visit | None) -> object:
    if visit is None:
        return None
    clone = copy.deepcopy(visit)
    clone.version = 0
    clone.status = VisitStatus.DRAFT
    for a in clone.assessments:
        a.id = None
        for f in a.feeds:
            f.id = None
    return clone
