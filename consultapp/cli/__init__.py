"""Command line: start the app, or script it (demo data, visit lists, care plans)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from consultapp import __version__
from consultapp.cli import common
from consultapp.cli.common import CliError, add_recovery_key_file, open_store, parse_uuid, read_secret_file
from consultapp.runtime.logs import configure
from consultapp.store.errors import KnownError

log = logging.getLogger("consultapp")


def _add_db(parser: argparse.ArgumentParser, required: bool, *, top_level: bool = False) -> None:
    """``--db`` and ``--passphrase-file``, on the top level and on each command that opens a database.

    Both may come before the command (``consultapp --db X visits``) or after it; after it wins. A command's
    ``--db`` has no default of its own (argparse would let it overwrite the top level's), so a command that
    needs one is checked after parsing (``check_db_given``), with the same usage error as a required flag.
    """
    if top_level:
        db_help = "SQLite file path or SQLAlchemy URL (postgresql+psycopg://user@host/dbname)"
    else:
        db_help = "SQLite file path or SQLAlchemy URL (postgresql+psycopg://user@host/dbname); may also come " + (
            "before the command, and is needed in one of the two places" if required else "before the command"
        )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None if top_level else argparse.SUPPRESS,
        help=db_help,
    )
    if required:
        parser.set_defaults(db_required=True)
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="file holding the passphrase (or recovery key) of an encrypted database; "
        "with a new database file, creates it encrypted",
    )


def check_db_given(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A command that needs ``--db`` and got it neither before nor after the command: a usage error (exit 2)."""
    if not getattr(args, "db_required", False) or args.db is not None:
        return
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub.choices[args.command].error("the following arguments are required: --db")


COMMAND_NAMES = frozenset({
    "demo", "visits", "careplan", "handout", "letter", "superbill", "codes", "documents", "reprint", "check",
    "audit", "backup", "restore", "export", "import", "erase", "encrypt", "passphrase", "migrate-db", "consultant",
    "practice", "self-test", "bench", "settings", "photo", "offline",
})
"""Every command; tests/cli/test_cli.py checks it against the parser. Without one, the app starts."""


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False`` leaves out the commands (starting the app needs none)."""
    parser = argparse.ArgumentParser(
        prog="consultapp",
        description="ConsultApp: case management for lactation consultants. Without a command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"consultapp {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (resources, database, documents, window); exit 0 if all work",
    )
    _add_db(parser, required=False, top_level=True)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    # lazy: each command's module loads only when a command is given (starting the app builds no command parser)
    from consultapp.cli import documents, offline, photos, practice, settings, tools, trust

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill a database with synthetic demo families and visits")
    _add_db(demo, required=True)
    demo.add_argument("--clients", type=int, default=25, help="number of families (default 25)")
    demo.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same data")
    add_recovery_key_file(demo)

    visits = sub.add_parser("visits", help="list visits, newest first")
    _add_db(visits, required=True)
    visits.add_argument("--json", action="store_true", help="print a JSON array")
    visits.add_argument("--client", metavar="ID", help="only this client's visits")

    for module in (documents, trust, practice, tools, settings, photos, offline):
        COMMANDS.update(module.register(sub, add_db=_add_db))
    return parser


def cmd_demo(args: argparse.Namespace) -> int:
    # lazy: the demo data builder loads only for this command (start-up time)
    import uuid  # (standard library; not at start-up)

    from consultapp.domain.demo import DEMO_PRACTICE, demo_families

    if not 0 <= args.clients <= 100_000:
        raise CliError("--clients must be between 0 and 100000.")
    with open_store(args.db, create=True, recovery_key_file=args.recovery_key_file) as store:
        if not store.get_practice().name:
            store.save_practice(DEMO_PRACTICE)
        families = list(demo_families(args.clients, seed=args.seed))
        if families and store.client_exists(families[0].client.id):
            raise CliError(
                f"Demo data for seed {args.seed} is already in this database; use another --seed to add more."
            )
        visits = 0
        latest: dict[uuid.UUID, uuid.UUID] = {}
        for family in families:
            client_id = store.save_client(family.client).id
            for visit in family.visits:
                visit_id = store.save_visit(visit).id
                if client_id is not None and visit_id is not None:
                    latest[client_id] = visit_id
                visits += 1
        # lazy: Pillow draws the demo pictures only for this command
        from consultapp.services.photos import demo_photos

        photos = demo_photos(store, [f.client for f in families[:8]], latest)
    print(f"Added {args.clients} demo families with {visits} visits" + (f" and {photos} photos." if photos else "."))
    return 0


def cmd_visits(args: argparse.Namespace) -> int:
    import json  # (not at start-up: only this command prints JSON)

    with open_store(args.db) as store:
        if args.client:
            client_id = parse_uuid(args.client, "client")
            if not store.client_exists(client_id):  # as documents, export and erase say
                raise CliError(f"No client with id {client_id}.")
            rows = store.visits_for_client(client_id)
        else:
            rows = store.all_visits()
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


def run_gui(db_target: str | None) -> int:
    # lazy: the GUI entry point (Qt) loads only when the app starts, never for a command
    from consultapp.app import run

    return run(db_target)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"demo": cmd_demo, "visits": cmd_visits}


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # Starting the app (no command) skips building the commands' parsers: start-up time counts.
    wants_commands = any(w in COMMAND_NAMES for w in words) or any(w in ("-h", "--help") for w in words)
    parser = build_parser(commands=wants_commands)
    args = parser.parse_args(words)
    if args.command is not None:
        check_db_given(parser, args)
    # Starting the app opens the log file once the window shows (app.run); until then records are held.
    configure(log_file=args.command is not None or args.self_test)

    try:
        if getattr(args, "passphrase_file", None):
            common.set_passphrase(read_secret_file(args.passphrase_file))
        if args.self_test:
            # lazy: the self-test loads the store and the documents; starting the app needs neither
            from consultapp.cli.selftest import run_self_test

            return run_self_test()
        if args.command is None:
            return run_gui(args.db)
        log.info("command %s", args.command)
        return COMMANDS[args.command](args)
    except (CliError, KnownError) as exc:
        print(f"consultapp: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        sys.stderr.close()
        return 0
    except OSError as exc:
        if args.command is None and not args.self_test:
            raise  # the app's own failures keep their traceback
        # A file a command could not read or write: one line naming it, not a traceback.
        log.info("command %s: %s (errno %s)", args.command, type(exc).__name__, exc.errno)
        print(f"consultapp: error: {os_error_message(exc)}", file=sys.stderr)
        return 2


def os_error_message(exc: OSError) -> str:
    """``Cannot use FILE: REASON`` for an operating-system error, naming the file(s) when it says which."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return reason if reason.endswith(".") else f"{reason}."
    names = str(exc.filename) if exc.filename2 is None else f"{exc.filename} or {exc.filename2}"
    return f"Cannot use {names}: {reason}."

