"""What the window works on now: the store, who is working, the practice's details, the client shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store and the records load after the window shows (attach)
    from consultapp.domain.records import Client, Consultant, Practice
    from consultapp.store.facade import Store


class Work:
    """Shared by the window's parts, each given this one object instead of the window."""

    def __init__(self) -> None:
        self.attached: Store | None = None
        self.consultant: Consultant | None = None
        self.read_only = False
        self.current_client: Client | None = None
        self._practice: Practice | None = None

    @property
    def store(self) -> Store:
        """The store in use; only once a database is attached."""
        assert self.attached is not None, "the store is not attached yet"
        return self.attached

    @property
    def practice(self) -> Practice:
        """The practice's details and settings (defaults until the store is attached)."""
        if self._practice is None:
            from consultapp.domain.records import Practice  # lazy: kept off the start-up path

            self._practice = Practice()
        return self._practice

    @practice.setter
    def practice(self, value: Practice) -> None:
        self._practice = value

    def author(self) -> str:
        """Who signs what is issued: the consultant signed in, else the practice's consultant."""
        if self.consultant is not None:
            return self.consultant.signature
        return self.practice.consultant_name.strip() or "Consultant"
