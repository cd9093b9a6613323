"""The handout library as a table: title, topic, variant, sources, review date, shipped or the practice's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from consultapp.domain.handouts import Handout
from consultapp.domain.vocabulary import PlanVariant
from consultapp.services.handouts import wording_followed
from consultapp.ui.fields import format_date

Index = QModelIndex | QPersistentModelIndex
SLUG_ROLE = Qt.ItemDataRole.UserRole + 1

TOPIC_LABELS = {
    "clogged_duct": "Clogged duct",
    "mastitis": "Mastitis",
    "milk_supply": "Milk supply",
    "latch": "Latch and positions",
    "tongue_tie": "Tongue tie",
}
VARIANT_LABELS = {"source_document": "Source document", "abm36": "ABM #36 (2022)"}
BOTH_WORDINGS = "Either wording"
"""A handout whose advice the two wordings agree on (latch, tongue tie): printed for every family."""
NO_WORDING = "Mixed (contradicts itself)"


def wording_label(handout: Handout) -> str:
    """Which wording the handout follows, read from what it advises (not only from its label)."""
    follows = wording_followed(handout)
    if len(follows) == len(PlanVariant):
        return BOTH_WORDINGS
    if not follows:
        return NO_WORDING
    return VARIANT_LABELS[next(iter(follows)).value]


def topic_label(topic: str) -> str:
    return TOPIC_LABELS.get(topic, topic.replace("_", " ").capitalize())


class HandoutTableModel(QAbstractTableModel):
    COL_TITLE, COL_TOPIC, COL_VARIANT, COL_SOURCE, COL_REVIEWED, COL_ORIGIN = range(6)
    HEADERS = ("Title", "Topic", "Wording", "Source", "Reviewed", "Kind")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Handout] = []
        self._wording = PlanVariant.SOURCE_DOCUMENT

    def set_handouts(self, handouts: Sequence[Handout], wording: PlanVariant = PlanVariant.SOURCE_DOCUMENT) -> None:
        """Show ``handouts``; those that do not follow the practice's ``wording`` are marked so."""
        self.beginResetModel()
        self._rows = list(handouts)
        self._wording = wording
        self.endResetModel()

    def follows_practice(self, handout: Handout) -> bool:
        return self._wording in wording_followed(handout)

    def handout(self, row: int) -> Handout:
        return self._rows[row]

    def row_of(self, slug: str) -> int | None:
        return next((i for i, h in enumerate(self._rows) if h.slug == slug), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def cell(self, handout: Handout, column: int) -> str:
        if column == self.COL_TITLE:
            return handout.title
        if column == self.COL_TOPIC:
            return topic_label(handout.topic)
        if column == self.COL_VARIANT:
            mark = "✓ " if self.follows_practice(handout) else "✗ "
            return mark + wording_label(handout)
        if column == self.COL_SOURCE:
            return handout.sources[0] if handout.sources else ""
        if column == self.COL_REVIEWED:
            return format_date(handout.review_date)
        if column == self.COL_ORIGIN:
            if handout.shipped:
                return "Shipped"
            return "Practice (edited)" if handout.based_on else "Practice"
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        handout = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(handout, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == self.COL_SOURCE:
                return "\n".join(handout.sources) or None
            if index.column() == self.COL_VARIANT:
                return (
                    "Follows the practice's wording: printed for families as it is."
                    if self.follows_practice(handout)
                    else "Says otherwise than the practice's wording: for a family, a handout on its topic that "
                    "follows the wording is printed in its place (or none, and you are told why)."
                )
            return self.cell(handout, index.column())
        if role == SLUG_ROLE:
            return handout.slug
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None
