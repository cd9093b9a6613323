"""Encryption at rest: the database key, wrapped by the passphrase and by a recovery key.

A random 256-bit data key encrypts the SQLite file (SQLCipher, raw key). The key is never stored in
clear: it is kept in a small JSON file beside the database, wrapped twice - once by a key derived from
the consultant's passphrase, once by a key derived from a recovery key shown to her once - each with
Argon2id and its own salt and parameters (stored with the wrapping). Wrapping is an XOR with the
derived key (a one-time pad: every wrapping uses a fresh salt, so no derived key is ever reused) plus
an HMAC tag, so that a wrong passphrase is told apart from a damaged file. Changing the passphrase
rewraps the data key and never rewrites the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEYFILE_SUFFIX = ".keys.json"
FORMAT = "consultapp-keys/1"
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (OWASP: at least 19 MiB memory, 2 passes)."""

    time_cost: int = 3
    memory_kib: int = 65_536
    parallelism: int = 2


DEFAULT_KDF = KdfParams()
FAST_KDF_FOR_TESTS = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


class WrongSecret(Exception):
    """The passphrase (or recovery key) does not open this database."""


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw  # lazy: only encrypted opens need argon2

    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=64,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def wrap(data_key: bytes, secret: str, params: KdfParams) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    derived = _derive(secret, salt, params)
    pad, mac_key = derived[:32], derived[32:]
    wrapped = bytes(a ^ b for a, b in zip(data_key, pad, strict=True))
    tag = hmac.new(mac_key, wrapped, hashlib.sha256).digest()
    return {
        "kdf": "argon2id",
        "salt": _b64(salt),
        "time_cost": params.time_cost,
        "memory_kib": params.memory_kib,
        "parallelism": params.parallelism,
        "wrapped_key": _b64(wrapped),
        "tag": _b64(tag),
    }


def unwrap(entry: dict[str, Any], secret: str) -> bytes:
    params = KdfParams(int(entry["time_cost"]), int(entry["memory_kib"]), int(entry["parallelism"]))
    derived = _derive(secret, _unb64(entry["salt"]), params)
    pad, mac_key = derived[:32], derived[32:]
    wrapped = _unb64(entry["wrapped_key"])
    if not hmac.compare_digest(hmac.new(mac_key, wrapped, hashlib.sha256).digest(), _unb64(entry["tag"])):
        raise WrongSecret
    return bytes(a ^ b for a, b in zip(wrapped, pad, strict=True))


def new_recovery_key() -> str:
    """A recovery key to write down: 32 characters of Crockford base32 in groups of four."""
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(32))
    return "-".join(raw[i : i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def keyfile_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + KEYFILE_SUFFIX)


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (it starts with the SQLite header)."""
    with path.open("rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@dataclass
class KeyFile:
    """The wrapped data key of one database."""

    passphrase_entry: dict[str, Any]
    recovery_entry: dict[str, Any] | None

    def to_json(self) -> str:
        return json.dumps(
            {"format": FORMAT, "passphrase": self.passphrase_entry, "recovery": self.recovery_entry}, indent=2
        )

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown key file format {data.get('format')!r}")
        return cls(passphrase_entry=data["passphrase"], recovery_entry=data.get("recovery"))

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        return cls.from_json(path.read_text(encoding="utf-8"))

    def write(self, path: Path) -> None:
        """Write atomically: a power cut leaves the old key file or the new one, never half of one."""
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            f.write(self.to_json())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)

    def unlock(self, secret: str) -> bytes:
        """The data key, from the passphrase or (failing that) the recovery key."""
        try:
            return unwrap(self.passphrase_entry, secret)
        except WrongSecret:
            if self.recovery_entry is None:
                raise
            return unwrap(self.recovery_entry, normalise_recovery_key(secret))


def create_keys(passphrase: str, params: KdfParams = DEFAULT_KDF) -> tuple[bytes, KeyFile, str]:
    """A new data key, its key file, and the recovery key to show once."""
    data_key = secrets.token_bytes(32)
    recovery = new_recovery_key()
    keyfile = KeyFile(wrap(data_key, passphrase, params), wrap(data_key, recovery, params))
    return data_key, keyfile, recovery


def sqlcipher_key_pragma(data_key: bytes) -> str:
    """The PRAGMA that opens a SQLCipher database with a raw 256-bit key (no key derivation in SQLCipher)."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""
