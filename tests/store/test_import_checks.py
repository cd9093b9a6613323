"""The review's attacks on import, re-run (issue 14, point 12): the checks the forms apply, one line, nothing imported.

Before, import accepted an all-blank first name, a 100,000-character name, visit status ``bogus-status``,
any document kind, a document file name ``../../../tmp/x``, format versions 0 and -5 and repeated keys,
silently dropped NUL and control characters, and gave tracebacks on a lone surrogate, deep nesting and
a huge number. Each is now refused by ``consultapp import`` with one line and exit 2, and nothing is
written; hypothesis throws arbitrary JSON at it for the rest.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from factories import make_client, make_visit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.store.db import Database, open_database
from consultapp.store.errors import KnownError
from consultapp.store.facade import Store
from consultapp.store.transfer import ImportRefused, erase_client, export_client, import_client


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A real export: a client with a baby, a visit and an issued care plan."""
    folder = tmp_path_factory.mktemp("export")
    db = open_database(folder / "source.db")
    try:
        store = Store(db)
        client = store.save_client(make_client("Amara", "Okafor", baby="Noah"))
        assert client.id is not None
        visit = store.save_visit(make_visit(client, dt.date(2026, 11, 20), reason="Sore nipples\nday 4"))
        store.issue_document(
            kind="careplan",
            content=b"%PDF-1.4 plan",
            title="Care plan",
            filename="care-plan.pdf",
            issued_by="Jo",
            client_id=client.id,
            visit_id=visit.id,
        )
        result = export_client(db, client.id, folder / "out")
    finally:
        db.close()
    return result.json_path, json.loads(result.json_path.read_text(encoding="utf-8"))


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "target.db")
    yield db
    db.close()


def client_count(db: Database) -> int:
    return len(Store(db).search_clients(""))


def written(export_path: Path, text: str, name: str = "attack.json") -> Path:
    path = export_path.parent / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def mutated(payload: dict[str, Any], change: Callable[[dict[str, Any]], object]) -> str:
    data = copy.deepcopy(payload)
    change(data)
    return json.dumps(data, ensure_ascii=False)


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return change


ATTACKS: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "all-blank first name": (_set("client/given_name", "   \u3000 "), "first name"),
    "100,000-character name": (_set("client/family_name", "x" * 100_000), "too long"),
    "blank baby name": (_set("client/babies/0/name", " "), "baby's name"),
    "bogus visit status": (_set("visits/0/status", "bogus-status"), "visits[0].status"),
    "unknown document kind": (_set("documents/0/kind", "ransom-note"), "kind of document"),
    "file name with path parts": (_set("documents/0/filename", "../../../tmp/x"), "plain file name"),
    "windows path file name": (_set("documents/0/filename", "..\\..\\evil.pdf"), "plain file name"),
    "format version 0": (_set("version", 0), "format version"),
    "format version -5": (_set("version", -5), "format version"),
    "NUL in a name": (_set("client/given_name", "Am\x00ara"), "control character (U+0000)"),
    "escape in a name": (_set("client/family_name", "Oka\x1b[31mfor"), "control character (U+001B)"),
    "line break in a name": (_set("client/given_name", "Am\nara"), "control character (U+000A)"),
    "bell in the visit reason": (_set("visits/0/reason", "sore\x07"), "control character (U+0007)"),
    "NUL in an amendment's author": (
        lambda d: (
            d["visits"][0]
            .setdefault("amendments", [])
            .append({"at": "2026-11-21T10:00:00", "author": "J\x00o", "reason": "typo", "changes": []})
        ),
        "control character",
    ),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_each_attack_is_refused_in_one_line_and_nothing_is_imported(
    export: tuple[Path, dict[str, Any]], target: Database, attack: str
) -> None:
    change, expected = ATTACKS[attack]
    path = written(export[0], mutated(export[1], change))
    with pytest.raises(ImportRefused) as refused:
        import_client(target, path)
    message = str(refused.value)
    assert expected in message and "\n" not in message and len(message) < 400
    assert message.endswith("Nothing was imported.")
    assert client_count(target) == 0


RAW_ATTACKS = {
    "repeated key": ('{"format": "consultapp-client-export", "version": 1, "version": 1}', "repeats a key"),
    "lone surrogate": (None, "lone surrogate"),
    "100k-deep nesting": (
        '{"format": "consultapp-client-export", "version": 1, "client": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "nested far too deeply",
    ),
    "45-deep nesting": (
        '{"format": "consultapp-client-export", "version": 1, "x": ' + "[" * 45 + "]" * 45 + "}",
        "nested far too deeply",
    ),
    "100k-digit number": ('{"format": "consultapp-client-export", "version": 1' + "0" * 100_000 + "}", "far too large"),
    "NaN": ('{"format": "consultapp-client-export", "version": NaN}', "not finite"),
    "not JSON": ("{not json", "not valid JSON"),
    "not UTF-8": (None, "not UTF-8"),
}


@pytest.mark.parametrize("attack", sorted(RAW_ATTACKS))
def test_malformed_json_is_one_line_never_a_traceback(
    export: tuple[Path, dict[str, Any]], target: Database, attack: str
) -> None:
    text, expected = RAW_ATTACKS[attack]
    path = export[0].parent / "raw.json"
    if attack == "lone surrogate":
        payload = copy.deepcopy(export[1])
        payload["client"]["given_name"] = "Am\ud800ara"
        path.write_bytes(json.dumps(payload).encode("ascii"))  # the escape \ud800, as JSON allows it
    elif attack == "not UTF-8":
        path.write_bytes(b'{"format": "consultapp-client-export", "name": "\xff\xfe"}')
    else:
        assert text is not None
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_client(target, path)
    assert expected in str(refused.value) and "\n" not in str(refused.value)
    assert client_count(target) == 0


def test_the_command_line_says_one_line_and_exits_2(
    export: tuple[Path, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.db")
    for name, (change, _expected) in sorted(ATTACKS.items()):
        path = written(export[0], mutated(export[1], change), "cli.json")
        cli_common.set_passphrase(None)
        code = main(["import", str(path), "--db", db])
        out, err = capsys.readouterr()
        assert code == 2, name
        assert err.startswith("consultapp: error: ") and len(err.strip().splitlines()) == 1, name
        assert "Traceback" not in err and out == ""
    check = open_database(db)
    try:
        assert client_count(check) == 0
    finally:
        check.close()


def test_the_export_itself_still_imports_and_names_no_client_in_its_files(
    export: tuple[Path, dict[str, Any]], target: Database
) -> None:
    imported = import_client(target, export[0])
    assert imported.full_name == "Amara Okafor"
    assert [p.name for p in (export[0].parent / "documents").iterdir()] == [f"{export[1]['documents'][0]['id']}.pdf"]
    assert "Okafor" not in export[0].name


# -- hypothesis: arbitrary JSON, and a real export with any part replaced by arbitrary JSON ---------------
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


def _attempt(db: Database, path: Path) -> None:
    before = client_count(db)
    try:
        client = import_client(db, path)
    except KnownError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 400
        assert client_count(db) == before  # all or nothing
        return
    assert client_count(db) == before + 1
    assert client.id is not None
    erase_client(db, client.id)  # (the next example imports into an empty database again)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=JSON_VALUES)
def test_fuzz_arbitrary_json_imports_cleanly_or_is_one_line(
    export: tuple[Path, dict[str, Any]], target: Database, data: Any
) -> None:
    _attempt(target, written(export[0], json.dumps(data), "fuzz.json"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choice=st.data(), value=JSON_VALUES)
def test_fuzz_a_real_export_with_any_part_replaced(
    export: tuple[Path, dict[str, Any]], target: Database, choice: st.DataObject, value: Any
) -> None:
    payload = copy.deepcopy(export[1])
    where = choice.draw(st.sampled_from(_paths(payload)[1:]))
    node: Any = payload
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    _attempt(target, written(export[0], json.dumps(payload, ensure_ascii=False), "fuzz.json"))


@pytest.mark.parametrize("attack", ["100,000-character name", "NUL in a name", "bogus visit status"])
def test_on_both_databases_the_refusal_comes_before_the_database_sees_it(
    export: tuple[Path, dict[str, Any]], db: Database, attack: str
) -> None:
    """On PostgreSQL the 100,000-character name was a DataError traceback, and NUL cannot be stored there."""
    change, expected = ATTACKS[attack]
    with pytest.raises(ImportRefused, match=re.escape(expected)):
        import_client(db, written(export[0], mutated(export[1], change), "both.json"))
    assert client_count(db) == 0
