"""Remembering a database's passphrase in the OS keyring, where one exists.

Optional: the ``keyring`` package and a working backend (Windows Credential Locker, macOS Keychain,
the Secret Service on a Linux desktop) must both be there. On a headless machine there is none, so the
passphrase must always work on its own; nothing here is ever required.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

SERVICE = "ConsultApp"


class Backend(Protocol):
    def get_password(self, service: str, username: str) -> str | None: ...
    def set_password(self, service: str, username: str, password: str) -> None: ...
    def delete_password(self, service: str, username: str) -> None: ...


def system_backend() -> Backend | None:
    """The OS keyring, or None when there is none (no package, or only a fail/null backend)."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # not installed, or broken on this platform
        return None
    try:
        backend: Any = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return backend  # type: ignore[no-any-return]


def _account(db_path: Path) -> str:
    return f"database:{db_path.expanduser().resolve()}"


def remember(db_path: Path, passphrase: str, backend: Backend | None = None) -> bool:
    """Keep the passphrase in the keyring; False when there is no keyring (nothing is written anywhere)."""
    backend = backend or system_backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _account(db_path), passphrase)
    except Exception:
        return False
    return True


def recall(db_path: Path, backend: Backend | None = None) -> str | None:
    backend = backend or system_backend()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, _account(db_path))
    except Exception:
        return None


def forget(db_path: Path, backend: Backend | None = None) -> None:
    backend = backend or system_backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, _account(db_path))
    except Exception:
        return
