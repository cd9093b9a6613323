"""Encryption at rest: the database key, wrapped by the passphrase and by a recovery key.

A random 256-bit data key encrypts the SQLite file (SQLCipher, raw key). The key is never stored in
clear: it is kept in a small JSON file beside the database, wrapped twice - once by a key derived from
the consultant's passphrase, once by a key derived from a recovery key shown to her once - each with
Argon2id and its own salt and parameters (stored with the wrapping). Wrapping is an XOR with the
derived key (a one-time pad: every wrapping uses a fresh salt, so no derived key is ever reused) plus
an HMAC tag. Changing the passphrase rewraps the data key and never rewrites the database.

A key file is read as untrusted input: its shape, types and every Argon2 parameter are checked
against fixed bounds before Argon2 is called (a tampered ``memory_kib`` is refused, never allocated),
and anything else gives one ``DamagedKeyFile`` line. Since format 2 the tag also covers the
parameters and the salt (``_authenticated``), and a plain checksum tells a damaged entry from a wrong
passphrase; in format 1 they are covered only through the key they derive. Both formats open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consultapp.runtime.files import write_private
from consultapp.store.errors import DamagedKeyFile

KEYFILE_SUFFIX = ".keys.json"
FORMAT_V1 = "consultapp-keys/1"
FORMAT = "consultapp-keys/2"
"""Written since the tag also covers the parameters; both are read (a version 1 file opens, and is written
as version 2 the next time the key is rewrapped)."""
SQLITE_HEADER = b"SQLite format 3\x00"
MAX_KEYFILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (OWASP: at least 19 MiB memory, 2 passes)."""

    time_cost: int = 3
    memory_kib: int = 65_536
    parallelism: int = 2


DEFAULT_KDF = KdfParams()
FAST_KDF_FOR_TESTS = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)

# What a key file may ask of Argon2, checked before Argon2 is called: a tampered or damaged file must
# not make whoever opens it allocate gigabytes or spin for minutes.
TIME_COST = (1, 16)
MEMORY_KIB = (1024, 1024 * 1024)  # 1 MiB to 1 GiB
PARALLELISM = (1, 16)
MAX_WORK = 4 * 1024 * 1024  # time_cost x memory_kib: the default is 3 x 64 MiB, this 4 GiB-passes
SALT_BYTES = (16, 64)
KEY_BYTES = 32
TAG_BYTES = 32
_V1_FIELDS = {"kdf", "salt", "time_cost", "memory_kib", "parallelism", "wrapped_key", "tag"}
_V2_FIELDS = _V1_FIELDS | {"version", "check"}


class WrongSecret(Exception):
    """The passphrase (or recovery key) does not open this database."""


class _Malformed(ValueError):
    """What is wrong with a key file, in words (never its content)."""


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    _check_params(params)  # (again, right before the call: nothing unbounded ever reaches Argon2)
    from argon2.exceptions import HashingError  # lazy: only encrypted opens need argon2
    from argon2.low_level import Type, hash_secret_raw  # lazy: as above

    try:
        return hash_secret_raw(
            secret.encode("utf-8"),
            salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=64,
            type=Type.ID,
        )
    except HashingError as exc:  # (out of memory for a large, in-bounds setting)
        raise DamagedKeyFile(f"The key file's settings could not be used on this computer: {exc}.") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _bounded_int(entry: dict[str, Any], name: str, bounds: tuple[int, int]) -> int:
    value = entry[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Malformed(f"{name} is not a whole number")
    if not bounds[0] <= value <= bounds[1]:
        raise _Malformed(f"{name} is outside {bounds[0]}..{bounds[1]}")
    return value


def _bytes_field(entry: dict[str, Any], name: str, sizes: tuple[int, int]) -> bytes:
    value = entry[name]
    if not isinstance(value, str) or len(value) > 4 * sizes[1]:
        raise _Malformed(f"{name} is not base64 text of the right length")
    try:
        raw = _unb64(value)
    except (ValueError, UnicodeEncodeError):
        raise _Malformed(f"{name} is not base64") from None
    if not sizes[0] <= len(raw) <= sizes[1]:
        raise _Malformed(f"{name} has {len(raw)} bytes, not {sizes[0]}..{sizes[1]}")
    return raw


def _bounded_params(entry: dict[str, Any]) -> KdfParams:
    params = KdfParams(
        _bounded_int(entry, "time_cost", TIME_COST),
        _bounded_int(entry, "memory_kib", MEMORY_KIB),
        _bounded_int(entry, "parallelism", PARALLELISM),
    )
    _check_params(params)
    return params


def _check_params(params: KdfParams) -> None:
    if params.time_cost * params.memory_kib > MAX_WORK or params.memory_kib < 8 * params.parallelism:
        raise _Malformed("its Argon2 settings ask for too much work")


@dataclass(frozen=True)
class _Entry:
    """One wrapping, checked: every field of the right type and within bounds."""

    version: int
    salt: bytes
    params: KdfParams
    wrapped: bytes
    tag: bytes


def _parse_entry(entry: object, role: str) -> _Entry:
    """Check one wrapping whole, before anything is derived from it."""
    if not isinstance(entry, dict):
        raise _Malformed(f"the {role} entry is not an object")
    version = entry.get("version", 1)
    if isinstance(version, bool) or version not in (1, 2):
        raise _Malformed(f"the {role} entry has an unknown version")
    fields = _V2_FIELDS if version == 2 else _V1_FIELDS
    if set(entry) != fields:
        missing = sorted(fields - set(entry))  # (the file's own field names are never echoed: one clean line)
        raise _Malformed(f"the {role} entry lacks {', '.join(missing)}" if missing else
                         f"the {role} entry has fields this app does not know")
    if entry["kdf"] != "argon2id":
        raise _Malformed(f"the {role} entry names an unknown key derivation")
    params = _bounded_params(entry)
    parsed = _Entry(
        version=version,
        salt=_bytes_field(entry, "salt", SALT_BYTES),
        params=params,
        wrapped=_bytes_field(entry, "wrapped_key", (KEY_BYTES, KEY_BYTES)),
        tag=_bytes_field(entry, "tag", (TAG_BYTES, TAG_BYTES)),
    )
    if version == 2 and entry["check"] != _checksum(parsed):  # (not a secret: a plain comparison)
        raise _Malformed(f"the {role} entry does not match its checksum")
    return parsed


def _authenticated(e: _Entry) -> bytes:
    """What the tag covers: for version 2, the parameters and salt as well as the wrapped key."""
    if e.version == 1:
        return e.wrapped
    p = e.params
    header = f"{FORMAT}\x00argon2id\x00{p.time_cost}\x00{p.memory_kib}\x00{p.parallelism}\x00".encode("ascii")
    return header + _b64(e.salt).encode("ascii") + b"\x00" + e.wrapped


def _checksum(e: _Entry) -> str:
    """A plain checksum (no key) over the whole wrapping: damage is told apart from a wrong passphrase."""
    return hashlib.sha256(_authenticated(e) + b"\x00" + e.tag).hexdigest()[:32]


def wrap(data_key: bytes, secret: str, params: KdfParams) -> dict[str, Any]:
    """The data key wrapped by ``secret`` (a version 2 entry: the tag covers the parameters too)."""
    _bounded_params(vars(params))  # (never write what the bounds would refuse to read)
    salt = secrets.token_bytes(16)
    derived = _derive(secret, salt, params)
    pad, mac_key = derived[:32], derived[32:]
    wrapped = bytes(a ^ b for a, b in zip(data_key, pad, strict=True))
    entry = _Entry(2, salt, params, wrapped, b"")
    tag = hmac.new(mac_key, _authenticated(entry), hashlib.sha256).digest()
    entry = _Entry(2, salt, params, wrapped, tag)
    return {
        "version": 2,
        "kdf": "argon2id",
        "salt": _b64(salt),
        "time_cost": params.time_cost,
        "memory_kib": params.memory_kib,
        "parallelism": params.parallelism,
        "wrapped_key": _b64(wrapped),
        "tag": _b64(tag),
        "check": _checksum(entry),
    }


def unwrap(entry: dict[str, Any], secret: str) -> bytes:
    """The data key; WrongSecret when the tag does not match (a wrong secret, or a forged file).

    Raises DamagedKeyFile, before any key is derived, for an entry that is malformed or out of bounds.
    """
    try:
        e = _parse_entry(entry, "key")
    except _Malformed as exc:
        raise DamagedKeyFile(f"The key file is damaged: {exc}.") from None
    derived = _derive(secret, e.salt, e.params)
    pad, mac_key = derived[:32], derived[32:]
    if not hmac.compare_digest(hmac.new(mac_key, _authenticated(e), hashlib.sha256).digest(), e.tag):
        raise WrongSecret
    return bytes(a ^ b for a, b in zip(e.wrapped, pad, strict=True))


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
    def from_json(cls, text: str, name: str = "") -> KeyFile:
        """A key file checked whole (shape, types, bounds) before any key is derived from it.

        Raises:
            DamagedKeyFile: anything else than a key file this app wrote, in one line.
        """
        try:
            data = _load_json(text)
            if not isinstance(data, dict):
                raise _Malformed("it is not a JSON object")
            if data.get("format") not in (FORMAT, FORMAT_V1) or set(data) - {"format", "passphrase", "recovery"}:
                raise _Malformed("it is not in a key file format this app knows")
            _parse_entry(data.get("passphrase"), "passphrase")
            recovery = data.get("recovery")
            if recovery is not None:
                _parse_entry(recovery, "recovery")
        except _Malformed as exc:
            where = f"The key file {name}" if name else "The key file"
            raise DamagedKeyFile(
                f"{where} is damaged: {exc}. Restore it from a backup (a backup holds it beside the database)."
            ) from None
        return cls(passphrase_entry=data["passphrase"], recovery_entry=recovery)

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        with path.open("rb") as f:
            raw = f.read(MAX_KEYFILE_BYTES + 1)
        try:
            if len(raw) > MAX_KEYFILE_BYTES:
                raise _Malformed("it is far larger than a key file")
            text = raw.decode("utf-8")
        except (_Malformed, UnicodeDecodeError) as exc:
            why = exc if isinstance(exc, _Malformed) else "it is not UTF-8 text"
            raise DamagedKeyFile(
                f"The key file {path.name} is damaged: {why}. Restore it from a backup "
                "(a backup holds it beside the database)."
            ) from None
        return cls.from_json(text, path.name)

    def write(self, path: Path) -> None:
        """Write atomically (a power cut leaves the old key file or the new one, never half of one), 0600."""
        write_private(path, self.to_json())

    def unlock(self, secret: str) -> bytes:
        """The data key, from the passphrase or (failing that) the recovery key."""
        try:
            return unwrap(self.passphrase_entry, secret)
        except WrongSecret:
            if self.recovery_entry is None:
                raise
            return unwrap(self.recovery_entry, normalise_recovery_key(secret))


def _load_json(text: str) -> Any:
    """JSON with no duplicate keys, no NaN or Infinity, no huge numbers, bounded nesting."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({k for k, _ in items}) != len(items):
            raise _Malformed("it repeats a field")
        return dict(items)

    def constant(_name: str) -> Any:
        raise _Malformed("it holds a number that is not finite")

    def integer(digits: str) -> int:
        if len(digits) > 20:
            raise _Malformed("it holds a number far too large")
        return int(digits)

    def real(_digits: str) -> Any:
        raise _Malformed("it holds a fraction where whole numbers belong")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=integer,
                          parse_float=real)
    except _Malformed:
        raise
    except RecursionError:
        raise _Malformed("it is nested far too deeply") from None
    except ValueError:
        raise _Malformed("it is not valid JSON") from None


def create_keys(passphrase: str, params: KdfParams = DEFAULT_KDF) -> tuple[bytes, KeyFile, str]:
    """A new data key, its key file, and the recovery key to show once."""
    data_key = secrets.token_bytes(32)
    recovery = new_recovery_key()
    keyfile = KeyFile(wrap(data_key, passphrase, params), wrap(data_key, recovery, params))
    return data_key, keyfile, recovery


def sqlcipher_key_pragma(data_key: bytes) -> str:
    """The PRAGMA that opens a SQLCipher database with a raw 256-bit key (no key derivation in SQLCipher)."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""
