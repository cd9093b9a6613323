"""First start: the new practice chooses the wording of its plans and handouts, told the difference in plain words.

Asked once, when a new database has just been created (after its recovery key is kept); the source document
stays the default (Enter or closing keeps it). The choice is stored in ``PracticeSettings`` (both topics at once:
CLINICAL.md sections 15 and 18.1) and can be changed on Settings > Clinical.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consultapp.domain.vocabulary import PlanVariant
from consultapp.ui.settings.wording import WordingChoice

if TYPE_CHECKING:
    from consultapp.store.facade import Store
    from consultapp.ui.report import Reporter

INTRO = (
    "<h3>Which advice should your care plans and handouts give?</h3>"
    "For a clogged duct or mastitis, two sources give different advice. Your own source document says to "
    "warm the breast, massage toward the nipple and move the milk out. The Academy of Breastfeeding Medicine's "
    "2022 protocol says to cool the breast, touch it only lightly and not to empty it more than the baby does. "
    "Choose the one your practice gives: every plan and handout printed for a family follows it, never the two "
    "mixed. You can change it later under Settings, Clinical."
)


class PracticeSetupDialog(QDialog):
    """The wording question of the first start; ``choice()`` once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up your practice")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.wording = WordingChoice()
        self.continue_button = QPushButton("&Continue")
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.wording, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(820)
        self.wording.setFocus()

    def choice(self) -> PlanVariant:
        return self.wording.value()


def ask_practice_setup(
    parent: QWidget, store: Store, report: Reporter, saved: Callable[[], None]
) -> PracticeSetupDialog:
    """Ask the new practice its wording; on Continue keep it in the store (a problem is shown by ``report``),
    then call ``saved``."""
    dialog = PracticeSetupDialog(parent)
    with report.problems():
        dialog.wording.set_value(store.get_practice().settings.wording)

    def keep() -> None:
        with report.problems():
            practice = store.get_practice()
            practice.settings = practice.settings.with_wording(dialog.choice())
            store.save_practice(practice)
        if not report.failed:
            saved()

    dialog.accepted.connect(keep)
    dialog.open()
    return dialog
