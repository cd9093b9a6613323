"""`consultapp audit anchor` and `audit verify --anchor`: a rewritten, re-hashed history is caught (issue 14, 3)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.store import audit
from consultapp.store.db import open_database
from consultapp.store.models import AuditEntryRow, AuditHeadRow, AuditKeyRow


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _rewrite_history(path: Path) -> None:
    """Delete entry 2, renumber the rest and re-hash every entry with the file's key, as raw SQL can."""
    db = open_database(path)
    try:
        with db.session() as s:
            s.execute(delete(AuditEntryRow).where(AuditEntryRow.seq == 2))
            for seq in list(s.scalars(select(AuditEntryRow.seq).where(AuditEntryRow.seq > 2).order_by("seq"))):
                s.execute(update(AuditEntryRow).where(AuditEntryRow.seq == seq).values(seq=seq - 1))
            key = s.get(AuditKeyRow, 1)
            assert key is not None
            prev = audit.GENESIS
            for r in s.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq)).all():
                r.prev_hash = prev
                r.hash = audit.keyed_hash(
                    key.key,
                    r.seq,
                    r.at,
                    r.user,
                    r.action,
                    r.record_type,
                    r.record_id,
                    r.client_id,
                    dict(r.detail),
                    r.prev_hash,
                )
                prev = r.hash
                s.flush()
            head = s.get(AuditHeadRow, 1)
            assert head is not None
            head.seq, head.hash = head.seq - 1, prev
    finally:
        db.close()


def test_an_anchor_catches_a_rewrite_the_chain_alone_cannot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "p.db")
    assert run(capsys, "demo", "--db", db, "--clients", "2")[0] == 0
    code, out, _err = run(capsys, "audit", "anchor", "--db", db)
    anchor = out.strip()
    assert code == 0 and audit.parse_anchor(anchor)[0] > 2
    anchors = tmp_path / "anchors.txt"
    assert run(capsys, "audit", "anchor", "--db", db, "--out", str(anchors))[0] == 0
    assert anchors.read_text(encoding="utf-8").split()[-1] == anchor
    assert stat.S_IMODE(anchors.stat().st_mode) == 0o600
    code, out, _err = run(capsys, "audit", "verify", "--db", db, "--anchor", anchor)
    assert code == 0 and out.startswith("Audit chain intact:") and "1 anchor" in out

    _rewrite_history(Path(db))
    code, out, _err = run(capsys, "audit", "verify", "--db", db)
    assert code == 0 and out.startswith("Audit chain intact:")  # re-hashed with the key: the chain alone holds
    for given in (anchor, str(anchors)):
        code, out, err = run(capsys, "audit", "verify", "--db", db, "--anchor", given)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and err.startswith("consultapp: error: the audit chain is broken: entry ")


def test_a_malformed_anchor_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "p.db")
    assert run(capsys, "demo", "--db", db, "--clients", "1")[0] == 0
    code, _out, err = run(capsys, "audit", "verify", "--db", db, "--anchor", "not-an-anchor")
    assert code == 2 and err.count("\n") == 1 and "is not an audit anchor" in err
