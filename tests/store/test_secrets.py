"""The passphrase is remembered in an OS keyring when there is one, and nothing breaks without one."""

from __future__ import annotations

from pathlib import Path

from consultapp.store import secrets as keyring_store


class MemoryKeyring:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_remember_recall_forget_per_database(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert keyring_store.remember(a, "secret a", ring)
    assert keyring_store.recall(a, ring) == "secret a"
    assert keyring_store.recall(b, ring) is None
    keyring_store.forget(a, ring)
    assert keyring_store.recall(a, ring) is None


def test_without_a_keyring_nothing_is_stored_and_nothing_fails(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(keyring_store, "system_backend", lambda: None)
    assert keyring_store.remember(tmp_path / "a.db", "secret") is False
    assert keyring_store.recall(tmp_path / "a.db") is None
    keyring_store.forget(tmp_path / "a.db")
