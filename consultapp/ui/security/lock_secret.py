"""What unlocks the app lock, in each mode (issue 14, point 8; SECURITY.md says the same).

- An encrypted file: its passphrase (or recovery key), checked against the key file, counted and slowed by
  the store's wrong-passphrase counter as an open is.
- A practice database on PostgreSQL opened with a password: the consultant's server password, the one
  she typed to connect (compared with it in memory; nothing is stored).
- A plain file, or a server login without a password (peer or certificate login): a lock PIN she chooses
  in Settings > Security & backups, kept as an Argon2id hash in this computer's settings. Until she
  chooses one, the lock still hides every window, but anyone at the computer can open it again (the
  lock screen and the Security tab say so).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from consultapp.store.db import Database


class PinStore(Protocol):
    """Where the lock PINs' hashes are kept (``settings.SecuritySettings``)."""

    def lock_pin(self, key: str) -> str: ...


MIN_PIN_LENGTH = 4


class LockMode(Enum):
    PASSPHRASE = "passphrase"
    SERVER_PASSWORD = "server password"
    PIN = "lock PIN"
    NO_SECRET = "none"


@dataclass(frozen=True)
class LockSecret:
    """How the lock screen asks, and ``check`` (run on the pool: it may take Argon2's time); None: nothing."""

    mode: LockMode
    check: Callable[[str], bool] | None
    counter: Callable[[], int] | None = None
    """The store's wrong-try counter (an encrypted file), else None: counted by the screen's throttle."""

    @property
    def prompt(self) -> str:
        return {
            LockMode.PASSPHRASE: "&Passphrase or recovery key",
            LockMode.SERVER_PASSWORD: "Your server &password",
            LockMode.PIN: "Lock &PIN",
            LockMode.NO_SECRET: "",
        }[self.mode]

    @property
    def explain(self) -> str:
        return {
            LockMode.PASSPHRASE: "Type your passphrase, or your recovery key if you have lost the passphrase.",
            LockMode.SERVER_PASSWORD: "Type the password you log in to the practice server with.",
            LockMode.PIN: "Type your lock PIN.",
            LockMode.NO_SECRET: "No lock PIN is set for these records, so anyone at this computer can unlock "
            "them: choose one in Settings > Security & backups.",
        }[self.mode]

    @property
    def refused(self) -> str:
        return {
            LockMode.PASSPHRASE: "That passphrase or recovery key does not open this database.",
            LockMode.SERVER_PASSWORD: "That is not your server password.",
            LockMode.PIN: "That is not the lock PIN.",
            LockMode.NO_SECRET: "",
        }[self.mode]


def hash_pin(pin: str) -> str:
    """An Argon2id hash of a lock PIN (a salt of its own), to keep in the settings."""
    from argon2 import PasswordHasher  # lazy: Argon2 loads when a PIN is set or checked

    return PasswordHasher().hash(pin)


def pin_matches(stored: str, pin: str) -> bool:
    from argon2 import PasswordHasher  # lazy: as above
    from argon2.exceptions import InvalidHashError, VerificationError  # lazy: as above

    try:
        return PasswordHasher().verify(stored, pin)
    except (VerificationError, InvalidHashError):
        return False


def pin_key(db: Database) -> str:
    """The settings key of this database's lock PIN (a digest of where it is, without any password)."""
    return "security/lock_pin/" + hashlib.sha256(db.display_name.encode("utf-8")).hexdigest()[:16]


def lock_secret_for(db: Database, settings: PinStore) -> LockSecret:
    """The secret that unlocks the lock over ``db`` (see the module's description)."""
    if db.encrypted and db.path is not None:
        return _passphrase(db)
    password = None if db.is_sqlite else db.url.password
    if password:
        typed_at_connect = str(password)
        return LockSecret(
            LockMode.SERVER_PASSWORD,
            lambda typed: hmac.compare_digest(typed.encode("utf-8"), typed_at_connect.encode("utf-8")),
        )
    stored = settings.lock_pin(pin_key(db))
    if stored:
        return LockSecret(LockMode.PIN, lambda typed: pin_matches(stored, typed))
    return LockSecret(LockMode.NO_SECRET, None)


def _passphrase(db: Database) -> LockSecret:
    path = db.path
    assert path is not None

    def check(secret: str) -> bool:
        from consultapp.store import attempts  # lazy: the store loads on the first unlock
        from consultapp.store.crypto import KeyFile, WrongSecret, keyfile_for  # lazy: Argon2 loads on use
        from consultapp.store.errors import WrongPassphrase  # lazy: as above

        def unlock() -> None:
            try:
                KeyFile.read(keyfile_for(path)).unlock(secret)
            except WrongSecret:
                raise WrongPassphrase("wrong") from None

        try:
            attempts.guarded(path, unlock)  # counted and slowed as an open is, across restarts
        except WrongPassphrase:
            return False
        return True

    def counter() -> int:
        from consultapp.store import attempts  # lazy: as above

        return attempts.failures(path)

    return LockSecret(LockMode.PASSPHRASE, check, counter)
