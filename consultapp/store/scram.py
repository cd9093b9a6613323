"""SCRAM-SHA-256 verifiers (RFC 5802, RFC 7677), computed here so a password never reaches the server.

PostgreSQL stores ``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`` (base64) and accepts
it in ``ALTER ROLE ... PASSWORD '...'`` as is: the DDL, and any server log of it, holds no password.
The password is prepared with SASLprep (RFC 4013) as the server does, falling back to its bytes when
SASLprep refuses it (as PostgreSQL's pg_saslprep does).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stringprep
import unicodedata

ITERATIONS = 4096
SALT_BYTES = 16


def _prohibited(ch: str) -> bool:
    return any(
        check(ch)
        for check in (
            stringprep.in_table_c12,
            stringprep.in_table_c21_c22,
            stringprep.in_table_c3,
            stringprep.in_table_c4,
            stringprep.in_table_c5,
            stringprep.in_table_c6,
            stringprep.in_table_c7,
            stringprep.in_table_c8,
            stringprep.in_table_c9,
            stringprep.in_table_a1,
        )
    )


def saslprep(password: str) -> bytes:
    """The bytes the server hashes for ``password``: SASLprep'd, or its UTF-8 as is when SASLprep refuses it."""
    raw = password.encode("utf-8")
    if password.isascii() and all(" " <= ch <= "~" for ch in password):
        return raw  # SASLprep leaves printable ASCII alone
    mapped = "".join(" " if stringprep.in_table_c12(ch) else ch for ch in password if not stringprep.in_table_b1(ch))
    prepared = unicodedata.normalize("NFKC", mapped)
    if not prepared or any(_prohibited(ch) for ch in prepared):
        return raw
    rtl = [stringprep.in_table_d1(ch) for ch in prepared]
    if any(rtl):
        if any(stringprep.in_table_d2(ch) for ch in prepared) or not (rtl[0] and rtl[-1]):
            return raw
    return prepared.encode("utf-8")


def salted_keys(password: str, salt: bytes, iterations: int = ITERATIONS) -> tuple[bytes, bytes, bytes]:
    """(ClientKey, StoredKey, ServerKey) of RFC 5802 section 3."""
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return client_key, hashlib.sha256(client_key).digest(), server_key


def verifier(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (a fresh random salt unless given)."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    _client, stored, server = salted_keys(password, salt, iterations)

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored)}:{b64(server)}"
