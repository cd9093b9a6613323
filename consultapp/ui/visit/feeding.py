"""Section 3, per baby and per side: positions tried and worked, latch signs, nipple after the feed, LATCH."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.instruments import LATCH_ITEMS, LatchScore, latch_interpretation
from consultapp.domain.records import Baby, BabyAssessment, FeedingObservation
from consultapp.domain.vocabulary import EffectiveSign, IneffectiveSign, NippleShape, Position, Side
from consultapp.ui.fields import FieldError, IntField, add_row, check_box, combo_enum, enum_combo, set_combo
from consultapp.ui.scoring import InstrumentBox
from consultapp.ui.visit.base import BabyForm, Mode, PerBabySection, VisitContext, read

SIDE_NAMES = {
    Side.LEFT: "Left breast", Side.RIGHT: "Right breast", Side.BOTH: "Both breasts", None: "Side not recorded",
}


class SideFeedPanel(QGroupBox):
    """One observed feed on one side."""

    def __init__(self, side: Side | None, parent: QWidget | None = None) -> None:
        name = SIDE_NAMES[side]
        super().__init__(name, parent)
        self.side = side
        short = name.split()[0]
        positions = QWidget()
        grid = QGridLayout(positions)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("<b>Position</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Tried</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Worked</b>"), 0, 2)
        self.tried: dict[Position, QCheckBox] = {}
        self.worked: dict[Position, QCheckBox] = {}
        for row, pos in enumerate(Position, start=1):
            label = pos.label.split(" (")[0]
            grid.addWidget(QLabel(label), row, 0)
            tried = check_box("", f"{short}: {label} tried")
            worked = check_box("", f"{short}: {label} worked")
            tried.setToolTip(pos.label)
            worked.toggled.connect(lambda on, t=tried: on and t.setChecked(True))
            tried.toggled.connect(lambda on, w=worked: on or w.setChecked(False))
            self.tried[pos], self.worked[pos] = tried, worked
            grid.addWidget(tried, row, 1)
            grid.addWidget(worked, row, 2)
        grid.setColumnStretch(0, 1)

        self.effective: dict[EffectiveSign, QCheckBox] = {}
        eff_box = QGroupBox("Effective latch signs")
        el = QVBoxLayout(eff_box)
        for e_sign in EffectiveSign:
            self.effective[e_sign] = box = check_box(e_sign.label, f"{short}: {e_sign.label}")
            el.addWidget(box)
        self.ineffective: dict[IneffectiveSign, QCheckBox] = {}
        ineff_box = QGroupBox("Ineffective latch signs")
        il = QVBoxLayout(ineff_box)
        for i_sign in IneffectiveSign:
            self.ineffective[i_sign] = box = check_box(i_sign.label, f"{short}: {i_sign.label}")
            box.setToolTip(i_sign.label)
            il.addWidget(box)

        self.nipple_after = enum_combo(NippleShape, "Nipple after the feed")
        self.duration = IntField("Feed length", 0, 240, "min")
        details = QFormLayout()
        add_row(details, "Nipple after the feed", self.nipple_after, name)
        add_row(details, "Feed length (min)", self.duration, name)
        self.latch = InstrumentBox(f"LATCH, {name.lower()}", LATCH_ITEMS, LatchScore.MAX, latch_interpretation)
        for picker in self.latch.pickers.values():
            picker.setAccessibleDescription(name)

        # At 1366x768: positions, then the two lists of signs side by side, and LATCH across the whole width
        # under them, so that its pickers show their descriptors whole and nothing scrolls sideways.
        first = QVBoxLayout()
        first.addWidget(positions)
        first.addLayout(details)
        first.addStretch(1)
        signs = QHBoxLayout()
        signs.addLayout(first, 3)
        signs.addWidget(eff_box, 3, Qt.AlignmentFlag.AlignTop)
        signs.addWidget(ineff_box, 4, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(signs)
        layout.addWidget(self.latch)
        layout.addStretch(1)

    def load(self, feed: FeedingObservation) -> None:
        for pos in Position:
            self.tried[pos].setChecked(pos in feed.positions_tried)
            self.worked[pos].setChecked(pos in feed.positions_worked)
        for e_sign, box in self.effective.items():
            box.setChecked(e_sign in feed.effective_signs)
        for i_sign, ibox in self.ineffective.items():
            ibox.setChecked(i_sign in feed.ineffective_signs)
        set_combo(self.nipple_after, feed.nipple_after)
        self.duration.set_value(feed.duration_min)
        self.latch.set_scores(vars(feed.latch))

    def write(self, feed: FeedingObservation, mode: Mode, errors: list[FieldError]) -> None:
        feed.side = self.side
        feed.positions_tried = [p for p in Position if self.tried[p].isChecked()]
        feed.positions_worked = [p for p in Position if self.worked[p].isChecked()]
        feed.effective_signs = [s for s, box in self.effective.items() if box.isChecked()]
        feed.ineffective_signs = [s for s, box in self.ineffective.items() if box.isChecked()]
        feed.nipple_after = combo_enum(self.nipple_after, NippleShape)
        feed.duration_min = read(self.duration, mode, errors)
        feed.latch = LatchScore(**self.latch.scores())


class FeedingForm(BabyForm):
    """A tab per side (Ctrl+Tab switches); feeds on a side not shown (a second feed on one side) are kept."""

    def __init__(self, baby: Baby, ctx: VisitContext, parent: QWidget | None = None) -> None:
        super().__init__(baby, ctx, parent)
        self.panels: dict[Side | None, SideFeedPanel] = {}
        self.sides = QTabWidget()
        self.sides.setAccessibleName("Breast side")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sides)

    def first_field(self) -> QWidget:
        panel = self.sides.currentWidget()
        return panel.tried[Position.CRADLE] if isinstance(panel, SideFeedPanel) else self

    def show_side(self, side: Side | None) -> SideFeedPanel:
        panel = self.panels[side]
        self.sides.setCurrentWidget(panel)
        return panel

    def load(self, a: BabyAssessment) -> None:
        sides: list[Side | None] = [Side.LEFT, Side.RIGHT]
        sides += [f.side for f in a.feeds if f.side not in sides]
        for side in dict.fromkeys(sides):
            panel = SideFeedPanel(side)
            self.panels[side] = panel
            self.sides.addTab(panel, SIDE_NAMES[side])
            feed = next((f for f in a.feeds if f.side == side), None)
            if feed is not None:
                panel.load(feed)
            panel.latch.changed.connect(lambda p=panel: self._update_tab(p))
            self._update_tab(panel)
        # Open on the side observed (the first with a feed), else the left.
        observed = next((i for i, side in enumerate(self.panels) if any(f.side == side for f in a.feeds)), 0)
        self.sides.setCurrentIndex(observed)

    def _update_tab(self, panel: SideFeedPanel) -> None:
        scores = [v for v in panel.latch.scores().values() if v is not None]
        total = f" – LATCH {sum(scores)}/10" if len(scores) == len(panel.latch.pickers) else ""
        self.sides.setTabText(self.sides.indexOf(panel), SIDE_NAMES[panel.side] + total)

    def write(self, a: BabyAssessment, mode: Mode) -> list[FieldError]:
        """Each panel edits the first feed of its side (matched by side, so a save never duplicates)."""
        errors: list[FieldError] = []
        for side, panel in self.panels.items():
            feed = next((f for f in a.feeds if f.side == side), None)
            if feed is None:
                feed = FeedingObservation(side=side)
                a.feeds.append(feed)
            panel.write(feed, mode, errors)
        a.feeds = [f for f in a.feeds if not f.is_blank()]
        return errors

    def panel(self, side: Side | None) -> SideFeedPanel:
        return self.panels[side]


class FeedingSection(PerBabySection):
    title = "Feeding"
    form_class = FeedingForm
