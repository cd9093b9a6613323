"""Command line: trust - integrity, audit, backups, encryption, export, import and erasure."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.cli.common import (
    CliError,
    add_recovery_key_file,
    current_passphrase,
    deliver_recovery_key,
    file_in_the_way,
    new_file,
    open_db,
    open_store,
    parse_uuid,
    read_secret_file,
)
from consultapp.domain.serialize import to_data
from consultapp.store import attempts, audit
from consultapp.store.crypto import is_plain_sqlite, keyfile_for
from consultapp.store.db import default_database_path, resolve_url
from consultapp.store.erasure import backups_holding, erase_everywhere, prune
from consultapp.store.maintenance import (
    backup,
    change_passphrase,
    encrypt_plain_database,
    integrity_problems,
    restore,
    rotate_key,
)
from consultapp.store.transfer import export_client, import_client

if TYPE_CHECKING:
    from consultapp.cli.common import AddDb, Handler, Subparsers


def register(sub: Subparsers, *, add_db: AddDb) -> dict[str, Handler]:
    check = sub.add_parser("check", help="check the database's integrity (quick, or --full)")
    add_db(check, required=False)
    check.add_argument("--full", action="store_true", help="the full check (slower)")

    audit = sub.add_parser("audit", help="the audit trail: verify its hash chain, list entries, or print an anchor")
    audit.add_argument("action", choices=("verify", "list", "anchor"))
    add_db(audit, required=False)
    audit.add_argument("--client", metavar="ID", help="with list: only this client's entries")
    audit.add_argument("--json", action="store_true", help="with list: print a JSON array")
    audit.add_argument("--anchor", metavar="ANCHOR_OR_FILE",
                       help="with verify: also check the chain still holds this anchor (or every anchor in this file)")
    audit.add_argument("--out", metavar="FILE",
                       help="with anchor: also add the anchor, dated, to this file (kept away from the database)")

    backup = sub.add_parser("backup", help="write a backup file (encrypted when the database is)")
    add_db(backup, required=False)
    backup.add_argument("--out", required=True, metavar="FILE")

    restore = sub.add_parser("restore", help="replace the database with a backup, after checking it")
    restore.add_argument("file", metavar="FILE")
    add_db(restore, required=False)

    export = sub.add_parser("export", help="export one client's whole record (JSON plus issued PDFs)")
    add_db(export, required=False)
    export.add_argument("--client", required=True, metavar="ID")
    export.add_argument("--out", required=True, metavar="DIR")

    imp = sub.add_parser("import", help="import a client exported by `consultapp export`")
    imp.add_argument("file", metavar="FILE")
    add_db(imp, required=False)
    add_recovery_key_file(imp)

    erase = sub.add_parser("erase", help="erase a client and everything about her (the audit keeps the fact)")
    add_db(erase, required=False)
    erase.add_argument("--client", required=True, metavar="ID")
    erase.add_argument("--confirm", required=True, metavar="FULL_NAME", help="the client's full name, as a check")
    erase.add_argument("--backups-folder", metavar="DIR",
                       help="where the daily backups are (default: the backups folder beside the database)")
    erase.add_argument("--prune-backups", action="store_true", help="delete the backups that still hold her")

    encrypt = sub.add_parser("encrypt", help="encrypt a plain database in place, keeping every row")
    add_db(encrypt, required=True)
    encrypt.add_argument("--new-passphrase-file", required=True, metavar="FILE")

    passphrase = sub.add_parser("passphrase", help="change an encrypted database's passphrase (or its data key)")
    add_db(passphrase, required=False)
    passphrase.add_argument("--new-passphrase-file", metavar="FILE",
                            help="the new passphrase (needed unless --rotate-key keeps the current one)")
    passphrase.add_argument("--rotate-key", action="store_true",
                            help="also re-encrypt the database under a new data key, so that key files kept in "
                            "older backups no longer open it (a new recovery key is printed, or written to "
                            "--recovery-key-file)")
    add_recovery_key_file(passphrase)
    return {
        "check": cmd_check,
        "audit": cmd_audit,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "export": cmd_export,
        "import": cmd_import,
        "erase": cmd_erase,
        "encrypt": cmd_encrypt,
        "passphrase": cmd_passphrase,
    }


def _sqlite_path(db_arg: str | None) -> Path:
    url = resolve_url(db_arg or default_database_path())
    if url.get_backend_name() != "sqlite" or not url.database:
        raise CliError("This command works on a SQLite database file.")
    return Path(url.database)


def cmd_check(args: argparse.Namespace) -> int:
    db = open_db(args.db)
    try:
        problems = integrity_problems(db, full=args.full)
    finally:
        db.close()
    if problems:
        for problem in problems[:20]:
            print(f"problem: {problem}")
        print(f"consultapp: error: integrity check failed ({len(problems)} problems)", file=sys.stderr)
        return 1
    print(f"Integrity {'check' if args.full else 'quick check'} passed.")
    return 0


def _anchors(value: str) -> list[str]:
    """The anchors given to --anchor: the string itself, or every anchor in the file it names."""
    path = Path(value).expanduser()
    if not path.is_file():
        return [value]
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"Cannot read the anchor file {path}: {exc}") from None
    found = [line.split()[-1] for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not found:
        raise CliError(f"The anchor file {path} holds no anchor.")
    return found


def cmd_audit(args: argparse.Namespace) -> int:
    anchors = _anchors(args.anchor) if args.action == "verify" and args.anchor else []
    for value in anchors:
        try:
            audit.parse_anchor(value)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    db = open_db(args.db)
    try:
        with db.session() as s:
            if args.action == "verify":
                problems = audit.verify(s)
                count = len(audit.entries(s))
                unanchored = [why for why in (audit.check_anchor(s, a) for a in anchors) if why]
            elif args.action == "anchor":
                head = audit.anchor(s)
            else:
                client = parse_uuid(args.client, "client") if args.client else None
                entries = audit.entries(s, client_id=client)
    finally:
        db.close()
    if args.action == "anchor":
        return _print_anchor(head, args.out)
    if args.action == "verify":
        if problems:
            for problem in problems:
                print(f"problem: {problem}")
            print(f"consultapp: error: the audit chain is broken ({len(problems)} problems)", file=sys.stderr)
            return 1
        if unanchored:
            print(f"consultapp: error: the audit chain is broken: {unanchored[0]}", file=sys.stderr)
            return 1
        held = f"; it holds {len(anchors)} anchor{'s' if len(anchors) != 1 else ''}" if anchors else ""
        print(f"Audit chain intact: {count} entries{held}.")
        return 0
    if args.json:
        json.dump([to_data(e) for e in entries], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for e in entries:
            when = f"{e.at:%Y-%m-%d %H:%M:%S}"
            print(f"{e.seq:>6}  {when}  {e.user or '-':<20} {e.action:<9} {e.record_type:<9} {e.record_id}")
    return 0


def _print_anchor(head: str, out: str | None) -> int:
    print(head)
    if out:
        path = Path(out).expanduser()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(f"{dt.datetime.now().astimezone().isoformat(timespec='seconds')} {head}\n")
        except OSError as exc:
            raise CliError(f"Cannot write the anchor to {path}: {exc.strerror or exc}") from exc
        print(f"Anchor added to {path}; keep a copy away from the database (on paper, or another machine).")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name for the backup.")
    blocker = file_in_the_way(out.parent)
    if blocker is not None:
        raise CliError(f"{blocker} is a file, not a folder; the backup {out} cannot be written there.")
    db = open_db(args.db)
    try:
        info = backup(db, out)  # recorded in the audit trail by the store
    except OSError as exc:
        raise CliError(f"Cannot write the backup {out}: {exc.strerror or exc}") from exc
    finally:
        db.close()
    print(f"Backup written to {out} ({'encrypted' if info.encrypted else 'not encrypted'}).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = _sqlite_path(args.db)
    aside = restore(Path(args.file).expanduser(), target, current_passphrase())  # audited by the store
    print(f"Restored {target} from {args.file}; the database it replaced is kept as {aside.name}.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    client_id = parse_uuid(args.client, "client")
    out = Path(args.out).expanduser()
    blocker = file_in_the_way(out)
    if blocker is not None:
        raise CliError(f"{blocker} is a file, not a folder; --out names the folder the export is written into.")
    db = open_db(args.db)
    try:
        result = export_client(db, client_id, out)
    except OSError as exc:
        raise CliError(f"Cannot write the export into {out}: {exc.strerror or exc}") from exc
    finally:
        db.close()
    print(f"Exported to {result.json_path} ({result.visits} visits, {result.documents} documents).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    db = open_db(args.db, create=True, recovery_key_file=args.recovery_key_file)
    try:
        client = import_client(db, Path(args.file).expanduser())
    finally:
        db.close()
    print(f"Imported client {client.id}.")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    client_id = parse_uuid(args.client, "client")
    with open_store(args.db) as store:
        client = store.get_client(client_id)
        if " ".join(args.confirm.split()) != " ".join(client.full_name.split()):
            raise CliError("--confirm must be the client's full name exactly; nothing was erased.")
        erase_everywhere(store.db, client_id)
        path = store.db.path
        folder = Path(args.backups_folder).expanduser() if args.backups_folder else None
        if path is not None and folder is None:
            folder = path.parent / "backups"  # as the app's Security settings default
        held = backups_holding(store.db, client_id, folder)
    print(f"Erased client {client_id}.")
    if held and args.prune_backups:
        for gone in prune([h.path for h in held]):
            print(f"Deleted the backup {gone}")
    elif held:
        print(f"{len(held)} backups still hold her:")
        for h in held:
            print(f"  {h.path}" + ("" if h.certain else " (it does not open with this key: it may)"))
        print("Delete these files to remove her from them (erase with --prune-backups does it for you).")
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    path = _sqlite_path(args.db)
    recovery = encrypt_plain_database(path, read_secret_file(args.new_passphrase_file))
    print(f"{path} is now encrypted.")
    print(f"Recovery key (write it down and keep it safe; it is shown only once): {recovery}")
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    current = current_passphrase()
    if current is None:
        raise CliError("Give the current passphrase (or recovery key) with --passphrase-file.")
    path = _sqlite_path(args.db)
    if not path.exists():
        raise CliError(f"No database at {path}.")
    if is_plain_sqlite(path):
        raise CliError(
            f"{path} is not encrypted, so it has no passphrase to change; "
            f"to encrypt it: consultapp encrypt --db {path} --new-passphrase-file FILE"
        )
    if not keyfile_for(path).exists():
        raise CliError(f"The key file {keyfile_for(path)} of the encrypted database {path} is missing beside it.")
    if args.recovery_key_file and not args.rotate_key:
        raise CliError("--recovery-key-file goes with --rotate-key (a passphrase change keeps the recovery key).")
    if args.new_passphrase_file is None and not args.rotate_key:
        raise CliError("Give the new passphrase with --new-passphrase-file (or --rotate-key for a new data key).")
    new = read_secret_file(args.new_passphrase_file) if args.new_passphrase_file else None
    if args.rotate_key:
        key_out = new_file(args.recovery_key_file) if args.recovery_key_file else None
        recovery = rotate_key(path, current, new)  # slowed by the wrong-passphrase counter, as an open is
        print(f"{path} was re-encrypted under a new data key" + (" with the new passphrase." if new else "."))
        print("Key files kept in older backups no longer open it (those backups still open with their own).")
        deliver_recovery_key(recovery, key_out)
        return 0
    assert new is not None
    attempts.guarded(path, lambda: change_passphrase(path, current, new))  # a guess here is slowed as on open
    print(f"The passphrase of {path} was changed.")
    return 0
