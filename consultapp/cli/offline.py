"""Command line: offline copies of a group practice's caseload (take, sync, status) and their laptops."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consultapp.cli.common import CliError, add_recovery_key_file, current_passphrase, open_db, parse_uuid

if TYPE_CHECKING:
    from consultapp.cli.common import AddDb, Handler, Subparsers
    from consultapp.store.offline.sync import SyncReport


def register(sub: Subparsers, *, add_db: AddDb) -> dict[str, Handler]:
    offline = sub.add_parser(
        "offline", help="a local, encrypted copy of your caseload for visits without signal: take, sync, status"
    )
    offline.add_argument("action", choices=("take", "sync", "status", "conflicts", "resolve"))
    add_db(offline, required=True)
    offline.add_argument(
        "--out", metavar="FILE", help="with take: the new local copy (encrypted), or her copy to refresh"
    )
    offline.add_argument(
        "--days", type=int, help="with take: follow-ups due within N days (default 7; a refresh keeps the copy's)"
    )
    offline.add_argument(
        "--client", metavar="ID", action="append", default=[], help="with take: also this client (repeat for more)"
    )
    offline.add_argument("--label", default="", help="with take: a name for this laptop (e.g. 'Jo's laptop')")
    offline.add_argument("--server", metavar="URL", help="with sync: the server's URL, if not the one taken from")
    offline.add_argument("--conflict", metavar="ID", help="with resolve: the conflict (offline conflicts lists them)")
    offline.add_argument(
        "--keep", choices=("mine", "theirs"), help="with resolve: keep this laptop's value or the practice's"
    )
    offline.add_argument("--json", action="store_true", help="print JSON")
    add_recovery_key_file(offline)
    return {"offline": cmd_offline}


def cmd_offline(args: argparse.Namespace) -> int:
    if args.action == "take":
        return _take(args)
    if args.action == "sync":
        return _sync(args)
    from consultapp.store.offline import copy, sync  # lazy: the store loads only for a command

    db = open_db(args.db)
    try:
        if args.action == "conflicts":
            return _print_conflicts(sync.open_conflicts(db), args.json)
        if args.action == "resolve":
            return _resolve(db, args)
        info = copy.info(db)
    finally:
        db.close()
    payload = {
        "login": info.login,
        "device": info.device_id,
        "server": info.server,
        "taken_at": info.taken_at.isoformat(),
        "last_contact_at": info.last_contact_at.isoformat(),
        "days_without_contact": info.days_without_contact,
        "max_days": info.max_days,
        "clients": info.clients,
        "visits": info.visits,
        "documents": info.documents,
        "waiting": info.waiting,
        "conflicts": info.conflicts,
    }
    if args.json:
        _dump(payload)
    else:
        print(f"Local copy of {info.login}'s caseload from {info.server} (laptop {info.device_id})")
        print(f"{info.clients} clients, {info.visits} visits, {info.documents} documents")
        print(
            f"Last contact {info.last_contact_at.astimezone():%Y-%m-%d %H:%M} "
            f"({info.days_without_contact} of {info.max_days} days allowed)"
        )
        changes = "1 change" if info.waiting == 1 else f"{info.waiting} changes"
        conflicts = "1 conflict" if info.conflicts == 1 else f"{info.conflicts} conflicts"
        print(f"{changes} waiting to be sent; {conflicts} to resolve")
    return 0


def _take(args: argparse.Namespace) -> int:
    from consultapp.store.offline import copy, refresh  # lazy: the store loads only for a command

    if not args.out:
        raise CliError("--out is needed: the file of the new local copy.")
    if not current_passphrase():
        raise CliError("--passphrase-file is needed: a local copy is always encrypted.")
    picked = [parse_uuid(c, "client") for c in args.client]
    server = open_db(args.db)
    try:
        if server.is_sqlite:
            raise CliError("An offline copy is taken from a practice server: give its postgresql:// URL as --db.")
        existing = Path(args.out).expanduser().exists()
        local = open_db(args.out, create=True, recovery_key_file=None if existing else args.recovery_key_file)
        try:
            if existing and refresh.is_copy(local):
                done = refresh.refresh(server, local, days=args.days, picked=picked)
                _print_report(done.report)
                info = done.info
                print(
                    f"Refreshed {args.out}: {info.clients} clients, {info.visits} visits and {info.documents} "
                    f"documents (laptop {info.device_id})."
                )
                return 1 if done.report.failed else 0
            days = 7 if args.days is None else args.days
            info = copy.take(server, local, days=days, picked=picked, label=args.label)
        finally:
            local.close()
    finally:
        server.close()
    print(
        f"Took {info.clients} clients, {info.visits} visits and {info.documents} documents into {args.out} "
        f"(laptop {info.device_id})."
    )
    return 0


def _sync(args: argparse.Namespace) -> int:
    from consultapp.store.offline import sync  # lazy: the store loads only for a command

    local = open_db(args.db)
    try:
        report = sync.sync(local, args.server)
    finally:
        local.close()
    if report.wiped:
        print("This laptop was revoked by the practice: its local copy was wiped.", file=sys.stderr)
        return 3
    if args.json:
        _dump(
            {
                "sent": report.sent,
                "received": report.received,
                "removed": report.removed,
                "conflicts": report.conflicts,
                "failed": report.failed,
            }
        )
    else:
        _print_report(report)
    return 1 if report.failed else 0


def _print_report(report: SyncReport) -> None:
    sent = ", ".join(_counted(n, k) for k, n in sorted(report.sent.items())) or "nothing"
    got = ", ".join(_counted(n, k) for k, n in sorted(report.received.items())) or "nothing"
    print(f"Sent: {sent}. Received: {got}." + (f" Removed: {report.removed}." if report.removed else ""))
    for line in report.failed:
        print(f"Not sent (kept for the next sync): {line}")
    _print_conflicts(report.conflicts, False)


def _counted(n: int, kind: str) -> str:
    """'1 visit', '50 visits', '1 audit entry' (what the copy's audit trail recorded, e.g. an export)."""
    if kind == "audit":
        return f"{n} audit entry" if n == 1 else f"{n} audit entries"
    return f"{n} {kind}" if n == 1 else f"{n} {kind}s"


def _print_conflicts(conflicts: list[dict[str, Any]], as_json: bool) -> int:
    if as_json:
        _dump(conflicts)
        return 0
    for c in conflicts:
        print(
            f"Conflict {c['id']}: {c.get('client') or '(not in this copy)'}, "
            f"{c['kind']} {c['record_id']} {c['field']}: "
            f"yours {c['mine']!r}, on the server {c['theirs']!r}"
        )
    return 0


def _resolve(db: Any, args: argparse.Namespace) -> int:
    from consultapp.store.offline import resolve  # lazy: the store loads only for a command

    if not args.conflict or not args.keep:
        raise CliError("Give --conflict ID and --keep mine|theirs (consultapp offline conflicts lists them).")
    resolve.resolve(db, args.conflict, args.keep)
    kept = "yours" if args.keep == "mine" else "the practice's"
    sent = " (sent at the next sync)" if args.keep == "mine" else ""
    print(f"Resolved: {kept} kept{sent}.")
    return 0


def _dump(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def cmd_device(args: argparse.Namespace) -> int:
    """``consultant revoke-device --id LAPTOP`` and ``consultant devices``."""
    from consultapp.store.offline import devices  # lazy: the store loads only for a command

    db = open_db(args.db)
    try:
        if args.action == "devices":
            for d in devices.devices(db):
                state = f"revoked {d.revoked_at:%Y-%m-%d}" if d.revoked_at else "active"
                print(f"{d.id}  {d.login:<20} {state:<18} last contact {d.last_contact_at:%Y-%m-%d %H:%M}  {d.label}")
            return 0
        if not args.id:
            raise CliError("--id is needed: the laptop to revoke (consultapp consultant devices lists them).")
        devices.revoke(db, parse_uuid(args.id, "laptop"))
    finally:
        db.close()
    print("Revoked: its uploads are refused, and it wipes its local copy at its next contact.")
    return 0


def cmd_offline_days(args: argparse.Namespace) -> int:
    """``practice set-offline-days N``: the practice's limit of days without contact (an admin's)."""
    from consultapp.store.offline import devices  # lazy: the store loads only for a command

    if args.days is None:
        raise CliError("Give the number of days: consultapp practice set-offline-days 14 --db URL")
    db = open_db(args.db)
    try:
        old = devices.set_offline_days(db, args.days)
    finally:
        db.close()
    print(f"A laptop's copy now stops syncing after {args.days} days without contact (was {old}).")
    return 0
