"""What a settings tab is, and the list of them the page reads (in the manner of Picard's option pages).

A tab is a widget with a ``NAME`` (for code), a ``TITLE`` (on the tab, with its mnemonic), a ``SORT_ORDER``,
``load(practice)`` to show the practice and ``save(practice)`` to write what is on screen into it. Adding a tab
means adding a file with a ``@register_tab`` class and naming the module in ``page.py``'s import of the tabs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from consultapp.ui.dialogs import Dialogs

if TYPE_CHECKING:
    from consultapp.domain.records import Practice
    from consultapp.store.facade import Store


class SettingsTab(QWidget):
    """One tab of the settings page: the groups it shows, one under the other."""

    NAME: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    SORT_ORDER: ClassVar[int] = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.dialogs = Dialogs()

    def add_groups(self, *groups: QGroupBox) -> None:
        """Lay the tab's groups out one under the other, the space left below them."""
        column = QVBoxLayout(self)
        for group in groups:
            column.addWidget(group)
        column.addStretch(1)

    def attach(self, store: Store, dialogs: Dialogs) -> None:
        """Where the practice's lists are kept, and how to ask for files (the window's)."""
        self.store, self.dialogs = store, dialogs

    def load(self, practice: Practice) -> None:
        """Show ``practice``."""
        raise NotImplementedError

    def save(self, practice: Practice) -> None:
        """Write what is on screen into ``practice``; a ValueError (said on the tab) when it cannot be kept."""
        raise NotImplementedError


def hint(text: str) -> QLabel:
    """A grey line of help under a group's fields."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


TabClass = TypeVar("TabClass", bound=type[SettingsTab])
_TABS: list[type[SettingsTab]] = []


def register_tab(cls: TabClass) -> TabClass:
    """Class decorator: the settings page shows this tab (by ``SORT_ORDER``)."""
    if any(known.NAME == cls.NAME for known in _TABS):
        raise ValueError(f"two settings tabs are named {cls.NAME!r}")
    _TABS.append(cls)
    _TABS.sort(key=lambda tab: tab.SORT_ORDER)
    return cls


def registered_tabs() -> tuple[type[SettingsTab], ...]:
    """The tabs registered so far, in the order they are shown."""
    return tuple(_TABS)
