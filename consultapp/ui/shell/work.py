"""What the window works on now: the store, who is working, the practice's details, the client shown."""

from __future__ import annotations

from collections.abc import Callable
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
        self._current_client: Client | None = None
        self._client_coming: Callable[[], None] | None = None
        self._practice: Practice | None = None

    @property
    def current_client(self) -> Client | None:
        """The client whose record is shown. While her record is on its way (``client_coming``), asking for
        it reads it now: whatever is asked of the current client is done to the one highlighted."""
        coming, self._client_coming = self._client_coming, None
        if coming is not None:
            coming()
        return self._current_client

    @current_client.setter
    def current_client(self, client: Client | None) -> None:
        self._client_coming = None  # (a client made current by hand wins over one on its way)
        self._current_client = client

    def client_coming(self, read: Callable[[], None]) -> None:
        """The current client's record is read later, by ``read`` (which sets ``current_client``), or at once
        when she is asked for first."""
        self._current_client = None
        self._client_coming = read

    @property
    def client_is_coming(self) -> bool:
        return self._client_coming is not None

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
