"""Command line: start the app, or script it (demo data, visit lists, care plans)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp import __version__

if TYPE_CHECKING:
    from consultapp.store.db import Database

log = logging.getLogger("consultapp")


class CliError(Exception):
    """An error to print as one line on stderr, exiting non-zero."""


def _add_db(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--db",
        required=required,
        metavar="PATH_OR_URL",
        help="SQLite file path or SQLAlchemy URL (postgresql+psycopg://user@host/dbname)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="consultapp",
        description="ConsultApp: case management for lactation consultants. Without a command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"consultapp {__version__}")
    _add_db(parser, required=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill a database with synthetic demo families and visits")
    _add_db(demo, required=True)
    demo.add_argument("--clients", type=int, default=25, help="number of families (default 25)")
    demo.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same data")

    visits = sub.add_parser("visits", help="list visits, newest first")
    _add_db(visits, required=True)
    visits.add_argument("--json", action="store_true", help="print a JSON array")
    visits.add_argument("--client", metavar="ID", help="only this client's visits")

    careplan = sub.add_parser("careplan", help="write the care plan PDF of a visit")
    _add_db(careplan, required=True)
    careplan.add_argument("--visit", required=True, metavar="ID")
    careplan.add_argument("--out", required=True, metavar="FILE.pdf")
    return parser


def _parse_uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise CliError(f"'{value}' is not a valid {what} id (expected a UUID).") from None


def _open(target: str, *, create: bool = False) -> Database:
    from consultapp.store.db import open_database

    return open_database(target, create=create)


def cmd_demo(args: argparse.Namespace) -> int:
    from consultapp.demo import DEMO_PRACTICE, demo_families
    from consultapp.store.repository import Repository

    if not 0 <= args.clients <= 100_000:
        raise CliError("--clients must be between 0 and 100000.")
    db = _open(args.db, create=True)
    try:
        repo = Repository(db)
        if not repo.get_practice().name:
            repo.save_practice(DEMO_PRACTICE)
        families = list(demo_families(args.clients, seed=args.seed))
        if families and repo.client_exists(families[0].client.id):
            raise CliError(
                f"Demo data for seed {args.seed} is already in this database; use another --seed to add more."
            )
        visits = 0
        for family in families:
            repo.save_client(family.client)
            for visit in family.visits:
                repo.save_visit(visit)
                visits += 1
    finally:
        db.close()
    print(f"Added {args.clients} demo families with {visits} visits.")
    return 0


def cmd_visits(args: argparse.Namespace) -> int:
    from consultapp.store.repository import Repository

    db = _open(args.db)
    try:
        repo = Repository(db)
        if args.client:
            rows = repo.visits_for_client(_parse_uuid(args.client, "client"))
        else:
            rows = repo.all_visits()
    finally:
        db.close()
    if args.json:
        payload = [
            {
                "id": str(v.id),
                "client_id": str(v.client_id),
                "client_name": v.client_name,
                "date": v.visit_date.isoformat(),
                "location": v.location.value,
                "reason": v.reason,
            }
            for v in rows
        ]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for v in rows:
            print(f"{v.id}  {v.visit_date.isoformat()}  {v.location.value:<8} {v.client_name}")
    return 0


def cmd_careplan(args: argparse.Namespace) -> int:
    from consultapp.services import render_care_plan
    from consultapp.store.repository import Repository

    visit_id = _parse_uuid(args.visit, "visit")
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name ending in .pdf.")
    if not out.parent.exists():
        raise CliError(f"The folder {out.parent} does not exist.")
    db = _open(args.db)
    try:
        data = render_care_plan(Repository(db), visit_id)
    finally:
        db.close()
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CliError(f"Cannot write {out}: {exc.strerror or exc}") from exc
    print(f"Care plan written to {out}")
    return 0


def run_gui(db_target: str | None) -> int:
    from consultapp.app import run

    return run(db_target)


COMMANDS = {"demo": cmd_demo, "visits": cmd_visits, "careplan": cmd_careplan}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from consultapp.store.errors import KnownError

    try:
        if args.command is None:
            return run_gui(args.db)
        return COMMANDS[args.command](args)
    except (CliError, KnownError) as exc:
        print(f"consultapp: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        sys.stderr.close()
        return 0
