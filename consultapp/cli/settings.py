"""Command line: the practice's settings as a TOML file (``consultapp settings show|export|import``).

``show`` prints the file, ``export FILE`` writes it (replacing FILE, as ``codes export`` does), ``import FILE``
checks the whole file before anything is kept, then keeps it and says so in one line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.cli.common import CliError, open_store, write_output
from consultapp.services.practice_settings import (
    SettingsImportError,
    current_settings_text,
    import_settings_file,
    summary,
)

if TYPE_CHECKING:
    from consultapp.cli.common import AddDb, Handler, Subparsers


def register(sub: Subparsers, *, add_db: AddDb) -> dict[str, Handler]:
    # Each action is its own parser, so the options may come before or after the file, as with `codes`:
    # `settings import --db X FILE.toml`, `settings import FILE.toml --db X`, `settings --db X import FILE.toml`.
    settings = sub.add_parser("settings", help="the practice's settings (letterhead, units, paper, wording, "
                                               "thresholds) as a TOML file: show, export, import")
    add_db(settings, required=True)
    settings.set_defaults(file=None)
    actions = settings.add_subparsers(dest="action", required=True, metavar="{show,export,import}")
    for action, help_text in (("show", "print the settings in use as TOML"),
                              ("export", "write the settings in use to a TOML file (replacing it)"),
                              ("import", "check a settings file whole, then keep it")):
        parser = actions.add_parser(action, help=help_text)
        if action != "show":
            parser.add_argument("file", nargs="?", metavar="FILE.toml",
                                help="the file to write" if action == "export" else "the settings file to keep")
        add_db(parser, required=False)  # required is checked on `settings`
    return {"settings": cmd_settings}


def cmd_settings(args: argparse.Namespace) -> int:
    if args.action != "show" and not args.file:
        raise CliError(f"Name the settings file to {args.action}.")
    with open_store(args.db) as store:
        if args.action == "import":
            try:
                practice = import_settings_file(store, Path(args.file))  # checked whole before it is kept
            except SettingsImportError as exc:
                if exc.unreadable:
                    raise CliError(f"Cannot read {args.file}: {exc.reason}") from None
                raise CliError(f"{args.file} is not a valid settings file, nothing was changed: {exc.reason}") from None
            print(f"Settings kept from {args.file}: {summary(practice)}.")
            return 0
        text = current_settings_text(store)
    if args.action == "export":
        out = Path(args.file).expanduser()
        write_output(out, text.encode("utf-8"))
        print(f"Settings written to {out}; copy it to another laptop and import it there.")
        return 0
    print(text, end="")
    return 0
