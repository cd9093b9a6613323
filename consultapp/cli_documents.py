"""Command line: documents (care plan, and later handouts, letters, superbills)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from consultapp.cli_common import open_db, output_path, parse_uuid, write_output

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction, *, add_db: Callable[..., None]) -> dict[str, Handler]:  # type: ignore[type-arg]
    careplan = sub.add_parser("careplan", help="write the care plan PDF of a visit")
    add_db(careplan, required=True)
    careplan.add_argument("--visit", required=True, metavar="ID")
    careplan.add_argument("--out", required=True, metavar="FILE.pdf")
    return {"careplan": cmd_careplan}


def cmd_careplan(args: argparse.Namespace) -> int:
    from consultapp.services import render_care_plan
    from consultapp.store.repository import Repository

    visit_id = parse_uuid(args.visit, "visit")
    out = output_path(args.out)
    db = open_db(args.db)
    try:
        data = render_care_plan(Repository(db), visit_id)
    finally:
        db.close()
    write_output(out, data)
    print(f"Care plan written to {out}")
    return 0
