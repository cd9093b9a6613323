"""Logs hold no names, dates of birth or notes, even at DEBUG, after a full scripted visit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NAME, FAMILY, BABY = "Qzxvbnmlkj", "Wqpoiuytre", "Plmoknijbu"
DOB = "1991-07-23"
NOTE = "Confidential note xyzzy"


def _consultapp(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "CONSULTAPP_LOG_LEVEL": "DEBUG",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run([sys.executable, "-m", "consultapp", *args], env=env, capture_output=True, text=True)


def test_a_scripted_visit_leaves_no_client_data_in_the_logs(tmp_path: Path) -> None:
    home = tmp_path / "loghome"
    home.mkdir()
    db = str(tmp_path / "practice.db")
    script = f"""
import datetime as dt
from consultapp.runtime.logs import configure
configure("DEBUG")
from consultapp.domain.records import Baby, BabyAssessment, Client, ParentState, PlanEdits, Visit
from consultapp.store.db import open_database
from consultapp.store.facade import Store
repo = Store(open_database({db!r}))
born = dt.date.fromisoformat({DOB!r})
c = repo.save_client(Client({NAME!r}, {FAMILY!r}, born, babies=[Baby({BABY!r}, birth_weight_g=3400)]))
repo.save_visit(
    Visit(c.id, dt.date(2026, 11, 26), reason={NOTE!r}, parent=ParentState(temperature_c=38.9, chills=True),
          assessments=[BabyAssessment(c.babies[0].id, weight_g=3000)], plan=PlanEdits(feeding_plan={NOTE!r}))
)
print(c.id)
"""
    env = {**os.environ, "HOME": str(home), "XDG_STATE_HOME": str(home / "state"), "CONSULTAPP_LOG_LEVEL": "DEBUG"}
    made = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    client_id = made.stdout.strip().splitlines()[-1]
    visit = json.loads(_consultapp(home, "visits", "--db", db, "--json").stdout)[0]
    for args in (
        ("careplan", "--db", db, "--visit", visit["id"], "--out", str(tmp_path / "plan.pdf")),
        ("export", "--db", db, "--client", client_id, "--out", str(tmp_path / "export")),
        ("audit", "list", "--db", db),
        ("visits", "--db", db, "--client", "not-a-uuid"),  # an error path too
        ("erase", "--db", db, "--client", client_id, "--confirm", f"{NAME} {FAMILY}"),
    ):
        _consultapp(home, *args)
    logs = [p for p in home.rglob("*") if p.is_file() and ".log" in p.name]
    assert logs, "the app wrote no log file"
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    assert "command careplan" in text and "erased" in text  # the logs do say what happened
    for secret in (NAME, FAMILY, BABY, DOB, "23/07/1991", NOTE, "xyzzy"):
        assert secret not in text, secret
