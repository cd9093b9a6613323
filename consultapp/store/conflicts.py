"""How a failed save is reported: someone else saved first (a conflict), or the environment's problem."""

from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError

from consultapp.store.errors import ConflictError, classify
from consultapp.store.models import ClientRow, VisitRow

STALE_MESSAGE = (
    "This record was changed by someone else since you opened it. "
    "Your changes are still in the form: reopen the record to see theirs, then save again."
)


def guard(exc: Exception) -> Exception:
    """What a failed save raises: a ConflictError for a stale version, a KnownError, or the bug itself."""
    if isinstance(exc, StaleDataError):
        return ConflictError(STALE_MESSAGE)
    return classify(exc) or exc


def conflict(kind: str, current: object, row: ClientRow | VisitRow) -> ConflictError:
    """Someone saved this record after it was opened: who and when, with the record as now stored."""
    who = row.updated_by or "someone else"
    when = row.updated_at.astimezone().strftime("%H:%M") if row.updated_at else ""
    message = (
        f"{who} saved this {kind} at {when}, after you opened it. Nothing was overwritten: your changes "
        "are still in the form. Compare them with what was saved, then save again."
    )
    return ConflictError(message, current=current, changed_by=row.updated_by, changed_at=row.updated_at)
