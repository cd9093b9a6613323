"""One reporter for the UI: it sorts an exception, logs what it shows (by type and record id, never client
data) and shows the user's problems once; bugs go on up to the crash hook.

Use it as a context manager around work that may fail::

    with self.report.problems():
        self.store.save_client(client)
    if self.report.failed: ...

or call ``report.show(exc)`` where an exception was already caught (a worker's failure signal).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from consultapp.store.errors import KnownError, classify

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("consultapp.ui")

ShowError = Callable[["QWidget | None", str], None]


def shown(exc: BaseException, say: Callable[[str], None], *, what: str = "") -> KnownError | None:
    """Log and say the user's problem ``exc`` through ``say`` (a dialog, a label, the status bar).

    Returns the problem, or None for a bug (which the caller lets go on up). The log names the problem's kind
    and code only: a message can carry a file name, and a file name can carry a family's name.
    """
    known = classify(exc)
    if known is None:
        return None
    log.warning("shown to the user%s: %s [%s]", f" ({what})" if what else "", type(known).__name__, known.code)
    say(str(known))
    return known


class Reporter:
    """Shows known problems (``KnownError`` and what ``classify`` sorts into one) and logs each of them.

    ``show_error`` is the one modal hand-off (``Dialogs.error`` in the app, a list in tests).
    """

    def __init__(self, show_error: ShowError, parent: QWidget | None = None) -> None:
        self._show_error = show_error
        self._parent = parent
        self.failed: KnownError | None = None

    def known(self, exc: BaseException) -> KnownError | None:
        """The user's problem ``exc`` stands for, or None when it is a bug."""
        return classify(exc)

    def show(self, exc: BaseException, *, what: str = "", parent: QWidget | None = None) -> bool:
        """Log and show ``exc`` if it is the user's problem; False for a bug (the caller re-raises)."""
        target = parent if parent is not None else self._parent
        return shown(exc, lambda message: self._show_error(target, message), what=what) is not None

    @contextlib.contextmanager
    def problems(
        self, *, what: str = "", parent: QWidget | None = None, say: Callable[[str], None] | None = None
    ) -> Iterator[Reporter]:
        """Run the block; a known problem is logged and shown (and kept in ``failed``), a bug goes on up.

        ``say``: where to show it instead of a dialog (a label beside the form, the status bar).
        """
        self.failed = None
        try:
            yield self
        except Exception as exc:
            target = parent if parent is not None else self._parent
            known = shown(exc, say or (lambda message: self._show_error(target, message)), what=what)
            if known is None:
                raise
            self.failed = known
