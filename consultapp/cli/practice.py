"""Command line: a group practice - moving to a server, and its consultants."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from consultapp.cli.common import CliError, open_db, parse_uuid, read_secret_file
from consultapp.domain.records import Consultant, Role
from consultapp.store import users
from consultapp.store.db import open_database, resolve_url
from consultapp.store.migrate_db import copy_database

if TYPE_CHECKING:
    from consultapp.cli.common import AddDb, Handler, Subparsers


def register(sub: Subparsers, *, add_db: AddDb) -> dict[str, Handler]:
    move = sub.add_parser("migrate-db", help="move a practice into a new, empty database (e.g. SQLite to PostgreSQL)")
    move.add_argument("--from", dest="source", required=True, metavar="PATH_OR_URL")
    move.add_argument("--to", dest="target", required=True, metavar="PATH_OR_URL")
    move.add_argument(
        "--passphrase-file", metavar="FILE", default=argparse.SUPPRESS, help="passphrase of an encrypted source file"
    )

    consultant = sub.add_parser(
        "consultant", help="the practice's consultants: list, add, disable; revoke-device (a lost laptop's copy)")
    consultant.add_argument("action", choices=("list", "add", "disable", "revoke-device", "devices"))
    add_db(consultant, required=False)
    consultant.add_argument("--name")
    consultant.add_argument("--credentials", default="")
    consultant.add_argument("--role", choices=("consultant", "admin", "reviewer"), default="consultant")
    consultant.add_argument("--login", metavar="ROLE", help="her own login on the PostgreSQL server")
    consultant.add_argument("--login-password-file", metavar="FILE", help="password of that login")
    consultant.add_argument("--id", metavar="ID", help="with disable: the consultant; with revoke-device: the laptop")
    consultant.add_argument("--json", action="store_true")

    practice = sub.add_parser(
        "practice",
        help="a practice on a PostgreSQL server: give it its own roles (setup), or move an older one (upgrade)",
    )
    practice.add_argument("action", choices=("setup", "upgrade", "set-offline-days"),
                          help="setup: its own group roles, CONNECT for them only, least-privilege grants; "
                          "upgrade: the same, and moves a practice made with the old server-wide roles; "
                          "set-offline-days N: how long a laptop's copy may stay out of contact (an admin)")
    practice.add_argument("days", nargs="?", type=int, help="with set-offline-days: the number of days (1-365)")
    add_db(practice, required=True)
    return {"migrate-db": cmd_migrate_db, "consultant": cmd_consultant, "practice": cmd_practice}


def cmd_practice(args: argparse.Namespace) -> int:
    if args.action == "set-offline-days":
        from consultapp.cli.offline import cmd_offline_days  # lazy: the offline commands' module, for this one

        return cmd_offline_days(args)
    if resolve_url(args.db).get_backend_name() == "sqlite":
        raise CliError("A practice file on this computer has no server roles; give the PostgreSQL URL.")
    db = open_db(args.db)
    try:
        done = users.setup_practice_roles(db)
    finally:
        db.close()
    for line in done:
        print(line)
    print("The practice has its own roles; add consultants with: consultapp consultant add --login NAME ...")
    return 0


def cmd_migrate_db(args: argparse.Namespace) -> int:
    source = open_db(args.source)
    try:
        target = open_database(args.target, passphrase=None)
        try:
            report = copy_database(source, target)
        finally:
            target.close()
    finally:
        source.close()
    print(f"Moved {report.total_rows} rows in {len(report.tables)} tables; every table matches (rows and hashes).")
    return 0


def cmd_consultant(args: argparse.Namespace) -> int:
    if args.action in ("revoke-device", "devices"):
        from consultapp.cli.offline import cmd_device  # lazy: the offline commands' module, for these two only

        return cmd_device(args)
    db = open_db(args.db)
    try:
        if args.action == "list":
            people = users.consultants(db)
            if args.json:
                json.dump(
                    [
                        {"id": str(c.id), "name": c.name, "credentials": c.credentials, "role": c.role.value,
                         "login": c.db_role, "active": c.active}
                        for c in people
                    ],
                    sys.stdout,
                    indent=2,
                )
                sys.stdout.write("\n")
            else:
                for c in people:
                    state = "active" if c.active else "disabled"
                    print(f"{c.id}  {c.role.value:<10} {state:<8} {c.db_role or '-':<20} {c.signature}")
            return 0
        if args.action == "add":
            if not args.name:
                raise CliError("--name is needed to add a consultant.")
            person = Consultant(args.name, args.credentials, Role(args.role), db_role=args.login)
            if args.login and not db.is_sqlite:
                password = read_secret_file(args.login_password_file) if args.login_password_file else None
                person = users.create_login(db, person, password)
            else:
                person = users.save_consultant(db, person)
            print(f"Added {person.signature} ({person.role.label}) as {person.id}.")
            return 0
        if not args.id:
            raise CliError("--id is needed to disable a consultant.")
        person = users.disable(db, parse_uuid(args.id, "consultant"))
        print(f"Disabled {person.signature}; her records keep her name.")
        return 0
    finally:
        db.close()
