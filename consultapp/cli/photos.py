"""Command line: a visit's photos (``consultapp photo add|list|export|delete``).

``add`` keeps one or more image files on a visit (all or none; refused without photo consent), for a baby
(``--baby NAME``) or one side of the parent (``--side left|right``), each stripped of its location and device
metadata first. ``list`` prints one line per photo (or ``--json``), ``export`` writes the stored image, and
``delete`` removes one. Errors are one line on stderr, exit 2, as elsewhere.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.cli.common import CliError, open_store, output_path, parse_uuid, write_output
from consultapp.domain.photos import PhotoKind
from consultapp.services.photos import PhotoFileError, PhotoSource, add_photos, limits_of, subject_named

if TYPE_CHECKING:
    import uuid

    from consultapp.cli.common import AddDb, Handler, Subparsers
    from consultapp.domain.photos import Photo


def register(sub: Subparsers, *, add_db: AddDb) -> dict[str, Handler]:
    photo = sub.add_parser("photo", help="a visit's photos: add, list, export, delete")
    add_db(photo, required=True)
    actions = photo.add_subparsers(dest="action", required=True, metavar="{add,list,export,delete}")

    add = actions.add_parser("add", help="keep image files (JPEG, PNG; HEIC when supported) on a visit")
    add.add_argument("--visit", required=True, metavar="ID")
    whose = add.add_mutually_exclusive_group()
    whose.add_argument("--baby", metavar="NAME", help="the baby the photo shows (as named in the client record)")
    whose.add_argument("--side", choices=("left", "right"), help="the parent's side the photo shows")
    add.add_argument("--caption", default="", metavar="TEXT")
    add.add_argument("--kind", choices=[k.value for k in PhotoKind], default=None,
                     help="what it shows (default: latch for a baby, breast for the parent)")
    add.add_argument("files", nargs="+", metavar="FILE")

    listing = actions.add_parser("list", help="a visit's photos, one line each (or --json)")
    listing.add_argument("--visit", required=True, metavar="ID")
    listing.add_argument("--json", action="store_true", help="print a JSON array")

    export = actions.add_parser("export", help="write a stored photo (as kept: stripped of metadata) to a file")
    export.add_argument("--photo", required=True, metavar="ID")
    export.add_argument("--out", required=True, metavar="FILE")

    remove = actions.add_parser("delete", help="remove a photo for good")
    remove.add_argument("--photo", required=True, metavar="ID")
    for parser in (add, listing, export, remove):
        add_db(parser, required=False)  # required is checked on `photo`
    return {"photo": cmd_photo}


def cmd_photo(args: argparse.Namespace) -> int:
    return {"add": _add, "list": _list, "export": _export, "delete": _delete}[args.action](args)


def _add(args: argparse.Namespace) -> int:
    visit_id = parse_uuid(args.visit, "visit")
    paths = [Path(f).expanduser() for f in args.files]
    with open_store(args.db) as store:
        visit = store.get_visit(visit_id)
        client = store.get_client(visit.client_id)
        limits = limits_of(store)
        try:
            subject = subject_named(client, baby=args.baby, side=args.side)
            sources = [PhotoSource.from_file(p, limits) for p in paths]
            kept = add_photos(store, visit_id, sources, subject=subject, caption=args.caption,
                              kind=PhotoKind(args.kind) if args.kind else None, limits=limits)
        except PhotoFileError as exc:
            raise CliError(f"{exc} No photo was added.") from None
        except ValueError as exc:
            raise CliError(str(exc)) from None
    for photo in kept:
        print(f"{photo.id}  {photo.width}x{photo.height}  {photo.mime}")
    print(f"{len(kept)} photo(s) added to the visit of {visit.visit_date.isoformat()}.")
    return 0


def _list(args: argparse.Namespace) -> int:
    visit_id = parse_uuid(args.visit, "visit")
    with open_store(args.db) as store:
        visit = store.get_visit(visit_id)
        client = store.get_client(visit.client_id)
        photos = store.photos_for_visit(visit_id)
    names = {b.id: b.name for b in client.babies if b.id is not None}
    if args.json:
        print(json.dumps([_as_json(p, names) for p in photos], ensure_ascii=False, indent=2))
        return 0
    for p in photos:
        caption = f"  {p.caption}" if p.caption else ""
        print(f"{p.id}  {p.describe(names)}  {p.width}x{p.height}  {p.size // 1024} KB{caption}")
    if not photos:
        print("No photos on this visit.")
    return 0


def _as_json(p: Photo, names: dict[uuid.UUID, str]) -> dict[str, object]:
    return {
        "id": str(p.id),
        "visit_id": str(p.visit_id),
        "kind": p.kind.value,
        "baby_id": str(p.subject.baby_id) if p.subject.baby_id else None,
        "baby": names.get(p.subject.baby_id) if p.subject.baby_id else None,
        "side": p.subject.side.value if p.subject.side else None,
        "caption": p.caption,
        "width": p.width,
        "height": p.height,
        "bytes": p.size,
        "mime": p.mime,
        "sha256": p.sha256,
        "added_at": p.added_at.isoformat(),
        "added_by": p.added_by,
        "on_plan": p.on_plan,
    }


def _export(args: argparse.Namespace) -> int:
    photo_id = parse_uuid(args.photo, "photo")
    out = output_path(args.out)
    with open_store(args.db) as store:
        content = store.photo_content(photo_id)
    write_output(out, content)
    print(f"Photo written to {out} ({len(content) // 1024} KB).")
    return 0


def _delete(args: argparse.Namespace) -> int:
    photo_id = parse_uuid(args.photo, "photo")
    with open_store(args.db) as store:
        store.delete_photo(photo_id)
    print(f"Photo {photo_id} deleted.")
    return 0
