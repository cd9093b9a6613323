"""The key file is untrusted input: checked whole and bounded before Argon2 runs, one clear line when damaged.

The review's attacks, re-run: a JSON list, ``time_cost=0`` and an 8 GiB ``memory_kib`` gave tracebacks,
and the memory setting was acted on before the tag was checked. Here every malformed shape hypothesis
makes gives ``DamagedKeyFile``, a tampered ``memory_kib`` never reaches Argon2 (a spy proves it), a
tampered parameter within bounds fails authentication, and a key file of format 1 still opens.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultapp.store import crypto
from consultapp.store.crypto import FAST_KDF_FOR_TESTS, FORMAT, FORMAT_V1, KeyFile, WrongSecret, keyfile_for
from consultapp.store.db import open_database
from consultapp.store.errors import DamagedKeyFile, KnownError, WrongPassphrase

PASSPHRASE = "correct horse battery staple"
PARAMS = ("time_cost", "memory_kib", "parallelism")


@pytest.fixture(scope="module")
def sample() -> tuple[bytes, dict[str, Any], str]:
    """A real key file (fast parameters): its data key, its JSON, its recovery key."""
    data_key, keys, recovery = crypto.create_keys(PASSPHRASE, FAST_KDF_FOR_TESTS)
    return data_key, json.loads(keys.to_json()), recovery


def v1_entry(data_key: bytes, secret: str) -> dict[str, Any]:
    """An entry as version 1 wrote it (the tag over the wrapped key only), made by hand."""
    salt = bytes(range(16))
    p = FAST_KDF_FOR_TESTS
    derived = crypto._derive(secret, salt, p)
    wrapped = bytes(a ^ b for a, b in zip(data_key, derived[:32], strict=True))
    tag = hmac.new(derived[32:], wrapped, hashlib.sha256).digest()
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return {"kdf": "argon2id", "salt": b64(salt), "time_cost": p.time_cost, "memory_kib": p.memory_kib,
            "parallelism": p.parallelism, "wrapped_key": b64(wrapped), "tag": b64(tag)}


@pytest.fixture
def argon2_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    """Every call that reaches Argon2 (time, memory, parallelism), the call itself still made."""
    import argon2.low_level

    calls: list[tuple[int, int, int]] = []
    real = argon2.low_level.hash_secret_raw

    def spy(*args: Any, **kwargs: Any) -> bytes:
        calls.append((kwargs["time_cost"], kwargs["memory_cost"], kwargs["parallelism"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(argon2.low_level, "hash_secret_raw", spy)
    return calls


# -- the shapes the review tried, and hypothesis's ------------------------------------------------------
def _tampered(doc: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(doc))
    out["passphrase"][field] = value
    return out


REVIEW_CASES = {
    "a JSON list": [1, 2, 3],
    "a string": "keys",
    "null": None,
    "no format": {"passphrase": {}},
}


def review_texts(doc: dict[str, Any]) -> dict[str, str]:
    texts = {name: json.dumps(value) for name, value in REVIEW_CASES.items()}
    texts |= {
        "time_cost=0": json.dumps(_tampered(doc, "time_cost", 0)),
        "8 GiB memory_kib": json.dumps(_tampered(doc, "memory_kib", 8 * 1024 * 1024)),
        "negative parallelism": json.dumps(_tampered(doc, "parallelism", -1)),
        "a string time_cost": json.dumps(_tampered(doc, "time_cost", "3")),
        "a boolean time_cost": json.dumps(_tampered(doc, "time_cost", True)),
        "NaN memory": json.dumps(_tampered(doc, "memory_kib", math.nan)),
        "a fraction": json.dumps(_tampered(doc, "memory_kib", 1024.5)),
        "a 100k-digit number": json.dumps(_tampered(doc, "memory_kib", 0)).replace('"memory_kib": 0',
                                                                                  '"memory_kib": ' + "9" * 100_000),
        "no salt": json.dumps({**doc, "passphrase": {k: v for k, v in doc["passphrase"].items() if k != "salt"}}),
        "a short salt": json.dumps(_tampered(doc, "salt", base64.b64encode(b"x").decode())),
        "a salt not base64": json.dumps(_tampered(doc, "salt", "!!!!")),
        "an unknown kdf": json.dumps(_tampered(doc, "kdf", "scrypt")),
        "an unknown version": json.dumps(_tampered(doc, "version", 3)),
        "a recovery entry that is a list": json.dumps({**doc, "recovery": []}),
        "a repeated field": json.dumps(doc).replace('"format":', '"format": "x", "format":', 1),
        "deep nesting": "[" * 100_000 + "]" * 100_000,
        "not JSON": "{not json",
        "a flipped salt bit (checksum)": json.dumps(_tampered(doc, "salt", base64.b64encode(b"\x01" * 16).decode())),
        "an unknown format": json.dumps({**doc, "format": "consultapp-keys/9"}),
    }
    return texts


def test_every_shape_the_review_tried_gives_one_clear_line_and_argon2_is_never_called(
    sample: tuple[bytes, dict[str, Any], str], argon2_calls: list[Any], tmp_path: Path
) -> None:
    for name, text in review_texts(sample[1]).items():
        path = tmp_path / "k.keys.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DamagedKeyFile) as caught:
            KeyFile.read(path).unlock(PASSPHRASE)
        message = str(caught.value)
        assert message.startswith("The key file k.keys.json is damaged: ") and "\n" not in message, name
        assert len(message) < 200, name
    assert argon2_calls == []  # nothing of these reached Argon2: no allocation, no work


def test_bytes_that_are_no_text_and_a_huge_file_are_damaged_too(tmp_path: Path) -> None:
    path = tmp_path / "k.keys.json"
    for raw in (b"\xff\xfe\x00garbage", b" " * (crypto.MAX_KEYFILE_BYTES + 1)):
        path.write_bytes(raw)
        with pytest.raises(DamagedKeyFile, match="is damaged"):
            KeyFile.read(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["kdf", "salt", "time_cost", "memory_kib", "parallelism", "wrapped_key", "tag",
                              "version", "check"]),
       value=JSON_VALUES)
def test_any_field_of_any_type_is_refused_before_argon2_or_fails_authentication(
    sample: tuple[bytes, dict[str, Any], str], argon2_calls: list[Any], field: str, value: Any
) -> None:
    doc = _tampered(sample[1], field, value)
    doc["recovery"] = None
    argon2_calls.clear()
    try:
        KeyFile.from_json(json.dumps(doc), "k.keys.json").unlock(PASSPHRASE)
    except DamagedKeyFile as exc:
        assert "\n" not in str(exc) and argon2_calls == []
    except WrongSecret:  # in bounds and well formed, but not what was written: the tag says no
        assert len(argon2_calls) == 1
    else:
        assert value == sample[1]["passphrase"][field]  # (hypothesis found the true value itself)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=JSON_VALUES)
def test_any_json_at_all_is_a_damaged_key_file(doc: Any, argon2_calls: list[Any]) -> None:
    with pytest.raises(DamagedKeyFile):
        KeyFile.from_json(json.dumps(doc)).unlock(PASSPHRASE)
    assert argon2_calls == []


def test_a_tampered_memory_kib_is_refused_before_argon2_allocates_it(
    sample: tuple[bytes, dict[str, Any], str], argon2_calls: list[Any]
) -> None:
    doc = _tampered(sample[1], "memory_kib", 8 * 1024 * 1024)  # 8 GiB
    with pytest.raises(DamagedKeyFile, match="memory_kib is outside"):
        KeyFile.from_json(json.dumps(doc)).unlock(PASSPHRASE)
    # Even an entry handed straight to unwrap (no file read) is checked first.
    with pytest.raises(DamagedKeyFile, match="memory_kib is outside"):
        crypto.unwrap(doc["passphrase"], PASSPHRASE)
    assert argon2_calls == []


def test_parameters_within_bounds_are_authenticated_a_forged_one_fails_the_tag(
    sample: tuple[bytes, dict[str, Any], str], argon2_calls: list[Any]
) -> None:
    data_key, doc, _ = sample
    assert KeyFile.from_json(json.dumps(doc)).unlock(PASSPHRASE) == data_key
    forged = _tampered(doc, "time_cost", 2)  # a forger fixes the plain checksum too; not the keyed tag
    entry = forged["passphrase"]
    entry["check"] = crypto._checksum(crypto._Entry(2, base64.b64decode(entry["salt"]),
                                                    crypto.KdfParams(2, 1024, 1),
                                                    base64.b64decode(entry["wrapped_key"]),
                                                    base64.b64decode(entry["tag"])))
    forged["recovery"] = None
    argon2_calls.clear()
    with pytest.raises(WrongSecret):
        KeyFile.from_json(json.dumps(forged)).unlock(PASSPHRASE)
    assert argon2_calls == [(2, 1024, 1)]


def test_the_tag_of_format_2_covers_the_parameters(sample: tuple[bytes, dict[str, Any], str]) -> None:
    entry = crypto._parse_entry(sample[1]["passphrase"], "passphrase")
    covered = crypto._authenticated(entry)
    assert b"argon2id\x001\x001024\x001\x00" in covered and covered.endswith(entry.wrapped)


def test_a_key_file_of_format_1_still_opens_and_a_rewrap_writes_format_2(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = open_database(path, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    data_key = db.data_key
    db.close()
    assert data_key is not None
    old = {"format": FORMAT_V1, "passphrase": v1_entry(data_key, PASSPHRASE), "recovery": None}
    keyfile_for(path).write_text(json.dumps(old, indent=2), encoding="utf-8")
    db = open_database(path, passphrase=PASSPHRASE)
    assert db.data_key == data_key
    db.close()
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase="wrong")
    from consultapp.store.maintenance import change_passphrase

    change_passphrase(path, PASSPHRASE, "a new one", FAST_KDF_FOR_TESTS)
    written = json.loads(keyfile_for(path).read_text(encoding="utf-8"))
    assert written["format"] == FORMAT and written["passphrase"]["version"] == 2
    open_database(path, passphrase="a new one").close()


def test_the_store_opens_a_damaged_key_file_as_one_known_error(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    open_database(path, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS).close()
    keyfile_for(path).write_text("[]", encoding="utf-8")
    with pytest.raises(KnownError) as caught:
        open_database(path, passphrase=PASSPHRASE)
    assert isinstance(caught.value, DamagedKeyFile) and caught.value.code == "damaged_key_file"
    assert str(caught.value) == ("The key file enc.db.keys.json is damaged: it is not a JSON object. "
                                 "Restore it from a backup (a backup holds it beside the database).")


def test_the_app_never_writes_parameters_its_bounds_would_refuse(argon2_calls: list[Any]) -> None:
    huge = 8 * 1024 * 1024
    for params in (crypto.KdfParams(0, 65_536, 2), crypto.KdfParams(3, huge, 2), crypto.KdfParams(3, 512, 1)):
        with pytest.raises(ValueError, match="outside"):
            crypto.wrap(b"k" * 32, PASSPHRASE, params)
    assert argon2_calls == []
