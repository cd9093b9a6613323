"""SCRAM-SHA-256 verifiers computed on the client (issue 14, 6): RFC 7677's exchange and the server's own result."""

from __future__ import annotations

import base64
import hashlib
import hmac

from consultapp.store import scram


def test_the_rfc_7677_exchange_is_reproduced() -> None:
    # RFC 7677 section 3: user "user", password "pencil".
    salt = base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ==")
    client_first_bare = "n=user,r=rOprNGfwEbeRWgbNEkqO"
    server_first = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    client_final_bare = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    auth = f"{client_first_bare},{server_first},{client_final_bare}".encode()
    client_key, stored_key, server_key = scram.salted_keys("pencil", salt, 4096)
    signature = hmac.new(stored_key, auth, hashlib.sha256).digest()
    proof = bytes(a ^ b for a, b in zip(client_key, signature, strict=True))
    assert base64.b64encode(proof).decode() == "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    server_signature = hmac.new(server_key, auth, hashlib.sha256).digest()
    assert base64.b64encode(server_signature).decode() == "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="


def test_the_verifier_has_the_form_postgresql_stores() -> None:
    salt = base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ==")
    v = scram.verifier("pencil", salt=salt)
    _client, stored, server = scram.salted_keys("pencil", salt)
    assert v == (
        f"SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==${base64.b64encode(stored).decode()}:"
        f"{base64.b64encode(server).decode()}"
    )
    assert scram.verifier("pencil") != scram.verifier("pencil")  # a fresh salt each time
    assert "pencil" not in scram.verifier("pencil")


def test_saslprep_maps_as_the_server_does() -> None:
    assert scram.saslprep("I\u00adX") == b"IX"  # soft hyphen: mapped to nothing (RFC 4013 example)
    assert scram.saslprep("\u2168") == b"IX"  # ROMAN NUMERAL NINE: NFKC
    assert scram.saslprep("a\u00a0b") == b"a b"  # no-break space: a space
    assert scram.saslprep("a\u0007b") == b"a\x07b"  # prohibited: the bytes as they are (pg_saslprep)
