"""Command line: documents (care plan, handouts, physician letter, superbill) and issued documents.

Every document written for a client is also kept as issued (the exact bytes, their hash, who and when), so
it appears in the client's history and ``reprint`` gives back the same bytes. A blank handout is not a
client record and is not kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.cli.common import CliError, open_store, output_path, parse_uuid, write_output
from consultapp.domain.billing import CodeChoice, CodeList, parse_fee
from consultapp.domain.handouts import HandoutLibrary
from consultapp.domain.records import BillingIdentifiers, CareContact, ContactRole, Practice, VisitRecords
from consultapp.domain.records.checks import npi_problem
from consultapp.services.codelists import (
    CodeListFileError,
    code_list_text,
    current_code_list,
    keep_code_list,
    read_code_list,
)
from consultapp.services.documents import PageSize, issue, page_size
from consultapp.services.handouts import family_handouts, handout_library, render_handouts, shipped_handouts
from consultapp.services.letters import default_recipient, physician_letter, render_letter
from consultapp.services.superbills import chosen_codes_of, merged_identifiers, render_superbill, superbill_of
from consultapp.services.visits import care_plan, load_visit, render_plan
from consultapp.store.facade import Store

if TYPE_CHECKING:
    from consultapp.cli.common import AddDb, Handler, Subparsers

PAPERS = ("a4", "letter")


def _document(sub: Subparsers, add_db: AddDb, name: str, help_text: str, *, db_required: bool = True,
              out_required: bool = True) -> argparse.ArgumentParser:
    """A command that writes a document: ``--db``, ``--out``, ``--paper`` and ``--by``."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
    add_db(parser, required=db_required)
    parser.add_argument("--out", required=out_required, metavar="FILE.pdf")
    parser.add_argument("--paper", choices=PAPERS, help="paper size (default: the practice's setting, else a4)")
    parser.add_argument("--by", metavar="NAME", help="who issues it (default: the practice's consultant)")
    return parser


def register(sub: Subparsers, *, add_db: AddDb) -> dict[str, Handler]:
    careplan = _document(sub, add_db, "careplan", "write the care plan PDF of a visit (kept as issued)")
    careplan.add_argument("--visit", required=True, metavar="ID")

    handout = _document(sub, add_db, "handout",
                        "write handouts, blank or with a client's name (consultapp handout --list)",
                        db_required=False, out_required=False)
    handout.add_argument("slugs", nargs="*", metavar="SLUG", help="one or more handouts, each from a new page")
    handout.add_argument("--client", metavar="ID", help="print this client's name on it (and keep it as issued)")
    handout.add_argument("--list", action="store_true", help="print each handout's slug and title, then stop")

    letter = _document(sub, add_db, "letter",
                       "write the one-page letter to the family's doctor about a visit (kept as issued)")
    letter.add_argument("--visit", required=True, metavar="ID")
    letter.add_argument("--fax-cover", action="store_true", help="add a fax cover sheet before the letter")
    letter.add_argument("--to", metavar="NAME", default="",
                        help="the doctor's name (default: the family's paediatrician or physician on file)")
    letter.add_argument("--to-role", choices=("paediatrician", "obstetrician", "physician", "dentist_ent"),
                        default="paediatrician")
    letter.add_argument("--to-practice", metavar="TEXT", default="")
    letter.add_argument("--to-phone", metavar="TEXT", default="")
    letter.add_argument("--to-fax", metavar="TEXT", default="")
    letter.add_argument("--practice-fax", metavar="TEXT", default="", help="the practice's own fax number")
    letter.add_argument("--reason", metavar="TEXT", default="", help="reason for referral (default: from the flags)")

    _add_superbill(_document(sub, add_db, "superbill", "write the superbill of a visit (kept as issued)"))
    _add_codes(sub, add_db)

    documents = sub.add_parser("documents", help="list a client's issued documents, newest first")
    add_db(documents, required=True)
    documents.add_argument("--client", required=True, metavar="ID")
    documents.add_argument("--json", action="store_true", help="print a JSON array")

    reprint = sub.add_parser("reprint", help="write an issued document again, byte for byte")
    add_db(reprint, required=True)
    reprint.add_argument("--document", required=True, metavar="ID")
    reprint.add_argument("--out", required=True, metavar="FILE.pdf")

    return {
        "careplan": cmd_careplan,
        "handout": cmd_handout,
        "letter": cmd_letter,
        "superbill": cmd_superbill,
        "documents": cmd_documents,
        "reprint": cmd_reprint,
        "codes": cmd_codes,
    }


def _add_superbill(superbill: argparse.ArgumentParser) -> None:
    superbill.add_argument("--visit", required=True, metavar="ID")
    superbill.add_argument("--parent-code", action="append", metavar="ICD10",
                           help="diagnosis on the parent's line (repeat; default: suggested from the visit)")
    superbill.add_argument("--baby-code", action="append", metavar="ICD10",
                           help="diagnosis on every baby's line (repeat; default: suggested from the visit)")
    superbill.add_argument("--procedure", action="append", metavar="CODE[=FEE]",
                           help="service on the parent's line, with its fee (repeat)")
    superbill.add_argument("--baby-procedure", action="append", metavar="CODE[=FEE]",
                           help="service on every baby's line, with its fee (repeat)")
    superbill.add_argument("--codes", metavar="FILE.toml", help="another code list (default: the shipped one)")
    for flag, what in (("--npi", "practice NPI"), ("--tax-id", "tax id (EIN)"),
                       ("--consultant-npi", "consultant NPI"), ("--taxonomy", "taxonomy code"),
                       ("--licence", "licence or certification number"), ("--insurance", "insurer and member id")):
        superbill.add_argument(flag, default="", metavar="TEXT", help=f"{what} (default: what is on file)")


def _add_codes(sub: Subparsers, add_db: AddDb) -> None:
    # Each action is its own parser, so the options may come before or after the file:
    # `codes import --db X FILE.toml` as well as `codes import FILE.toml --db X` (and `codes --db X import ...`).
    codes = sub.add_parser("codes", help="the billing code list: show it, or keep the practice's own copy")
    add_db(codes, required=True)
    out_help = "with export: where to write the list in use"
    codes.add_argument("--out", metavar="FILE.toml", default=argparse.SUPPRESS, help=out_help)
    codes.set_defaults(out=None, file=None)
    actions = codes.add_subparsers(dest="action", required=True, metavar="{show,import,export}")
    for action, help_text in (("show", "print the code list in use"),
                              ("import", "keep a code list file as the practice's own"),
                              ("export", "write the code list in use to a TOML file, to edit and import")):
        parser = actions.add_parser(action, help=help_text)
        if action == "import":
            parser.add_argument("file", nargs="?", metavar="FILE.toml", help="the code list to keep")
        add_db(parser, required=False)  # required is checked on `codes`
        parser.add_argument("--out", metavar="FILE.toml", default=argparse.SUPPRESS, help=out_help)


def _issued_by(args: argparse.Namespace, practice: Practice) -> str:
    """Who issues a document: ``--by``, else the practice's consultant, else "command line"."""
    return (args.by or "").strip() or practice.consultant_name.strip() or "command line"


def _issue_for_visit(store: Store, args: argparse.Namespace, records: VisitRecords, *, kind: str, data: bytes,
                     title: str, on: dt.date) -> str:
    """Keep ``data`` as issued for the loaded visit; returns the issued document's id."""
    issued = issue(store, kind=kind, data=data, title=title, on=on,
                   issued_by=_issued_by(args, records.practice), client_id=records.client.id,
                   visit_id=records.visit_id)
    return str(issued.id)


def _paper(args: argparse.Namespace, practice: Practice | None = None) -> PageSize:
    """The paper asked for, else the practice's setting, else A4."""
    if args.paper:
        return page_size(args.paper)
    if practice is not None:
        return page_size(practice.settings.paper)
    return page_size("a4")


def cmd_careplan(args: argparse.Namespace) -> int:
    visit_id = parse_uuid(args.visit, "visit")
    out = output_path(args.out)
    with open_store(args.db) as store:
        records = load_visit(store, visit_id)
        practice = records.practice
        data = render_plan(care_plan(records), pagesize=_paper(args, practice), logo=practice.logo)
        write_output(out, data)
        visit_date = records.visit.visit_date
        issued = _issue_for_visit(store, args, records, kind="careplan", data=data,
                                  title=f"Care plan, visit of {visit_date}", on=visit_date)
    print(f"Care plan written to {out} (issued document {issued})")
    return 0


def _list_handouts(args: argparse.Namespace) -> int:
    if args.slugs:
        raise CliError(f"--list shows every handout; it takes no handout names ('{args.slugs[0]}').")
    if args.db:
        with open_store(args.db) as store:
            library = handout_library(store)
    else:
        library = HandoutLibrary(shipped_handouts())
    for handout in sorted(library.all(), key=lambda h: h.slug):
        print(f"{handout.slug}\t{handout.title}")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    if args.list:
        return _list_handouts(args)
    if not args.slugs:
        raise CliError("Name at least one handout (consultapp handout --list shows them).")
    if not args.db:
        raise CliError("--db is needed to print a handout (the practice's letterhead and own handouts).")
    if not args.out:
        raise CliError("--out is needed: the PDF file to write.")
    out = output_path(args.out)
    client_id = parse_uuid(args.client, "client") if args.client else None
    with open_store(args.db) as store:
        library = handout_library(store)
        known = {h.slug for h in library.all()} | set(library.shipped) | set(library.practice)
        unknown = [slug for slug in args.slugs if slug not in known]
        if unknown:
            raise CliError(f"No handout '{unknown[0]}' (consultapp handout --list shows them).")
        client = store.get_client(client_id) if client_id is not None else None
        practice = store.get_practice()
        today = dt.date.today()
        slugs = list(args.slugs)
        if client is not None:  # one voice per family: each handout in the practice's wording, said on stderr
            chosen = family_handouts(library, slugs, practice)
            for line in chosen.notes:
                print(line, file=sys.stderr)
            if not chosen.slugs:
                raise CliError("Nothing was written: no handout asked for follows the practice's wording.")
            slugs = list(chosen.slugs)
        data = render_handouts(library, slugs, practice,
                               client_name=client.full_name if client else None, given_on=today,
                               pagesize=_paper(args, practice), logo=practice.logo)
        write_output(out, data)
        note = ""
        if client is not None:
            titles = ", ".join(library.get(slug).title for slug in slugs)
            issued = issue(store, kind="handout", data=data, title=f"Handout: {titles}", on=today,
                           issued_by=_issued_by(args, practice),
                           client_id=client.id, visit_id=None)
            note = f" (issued document {issued.id})"
    print(f"Handout written to {out}{note}")
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    visit_id = parse_uuid(args.visit, "visit")
    out = output_path(args.out)
    recipient = None
    if any((args.to, args.to_practice, args.to_fax, args.to_phone)):
        recipient = CareContact(args.to, ContactRole(args.to_role), args.to_practice, args.to_phone, args.to_fax)
    with open_store(args.db) as store:
        records = load_visit(store, visit_id)
        practice = records.practice
        today = dt.date.today()
        if recipient is None:
            recipient = default_recipient(records.client)
        letter = physician_letter(records, recipient=recipient, today=today, reason=args.reason,
                                  practice_fax=args.practice_fax or practice.fax)
        data = render_letter(letter, fax_cover=args.fax_cover, pagesize=_paper(args, practice), logo=practice.logo)
        write_output(out, data)
        to = f" to {recipient.name.strip()}" if recipient is not None and recipient.name.strip() else ""
        issued = _issue_for_visit(store, args, records, kind="letter", data=data,
                                  title=f"Letter{to}, visit of {records.visit.visit_date}", on=today)
    print(f"Letter written to {out} (issued document {issued})")
    return 0


def _procedures(items: list[str]) -> list[tuple[str, Decimal | None]]:
    """``CODE`` or ``CODE=FEE`` (the fee overrides the code list's)."""
    out: list[tuple[str, Decimal | None]] = []
    for item in items:
        code, _, fee = item.partition("=")
        try:
            out.append((code.strip(), parse_fee(fee) if fee.strip() else None))
        except ValueError as exc:
            raise CliError(f"--procedure {item}: {exc}") from None
    return out


def _given_code_list(args: argparse.Namespace) -> CodeList | None:
    """The code list named by ``--codes`` (None without it), read and checked whole."""
    if not args.codes:
        return None
    try:
        return read_code_list(Path(args.codes))
    except CodeListFileError as exc:
        if exc.unreadable:
            raise CliError(f"Cannot read the code list {args.codes}: {exc.reason}") from None
        raise CliError(exc.reason) from None


def _choices(args: argparse.Namespace, store: Store, records: VisitRecords) -> tuple[CodeChoice, list[CodeChoice]]:
    """The codes given on the command line; what is not given is the suggestion drawn from the visit."""
    suggested_parent, suggested_babies = chosen_codes_of(store, records)
    parent = CodeChoice(
        args.parent_code if args.parent_code is not None else suggested_parent.diagnoses,
        _procedures(args.procedure) if args.procedure is not None else suggested_parent.procedures,
    )
    babies = [
        CodeChoice(
            args.baby_code if args.baby_code is not None else suggested.diagnoses,
            _procedures(args.baby_procedure) if args.baby_procedure is not None else suggested.procedures,
        )
        for suggested in suggested_babies
    ]
    return parent, babies


def cmd_superbill(args: argparse.Namespace) -> int:
    visit_id = parse_uuid(args.visit, "visit")
    out = output_path(args.out)
    codes = _given_code_list(args)
    given = BillingIdentifiers(args.npi, args.tax_id, args.consultant_npi, args.taxonomy, args.licence)
    with open_store(args.db) as store:
        records = load_visit(store, visit_id)
        practice = records.practice
        identifiers = merged_identifiers(practice.identifiers, given)
        for what, npi in (("practice NPI", identifiers.practice_npi), ("consultant NPI", identifiers.consultant_npi)):
            if npi_problem(npi):  # never printed (documents.superbill): say so, the rest of the bill is made
                print(f"warning: the {what} {npi} is left off the superbill: {npi_problem(npi)}", file=sys.stderr)
        if codes is None:
            codes = current_code_list(store)
        parent, babies = _choices(args, store, records)
        try:
            bill = superbill_of(records, codes=codes, identifiers=identifiers, parent=parent, babies=babies,
                                insurance=args.insurance)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        data = render_superbill(bill, pagesize=_paper(args, practice), logo=practice.logo)
        write_output(out, data)
        visit_date = records.visit.visit_date
        issued = _issue_for_visit(store, args, records, kind="superbill", data=data,
                                  title=f"Superbill, visit of {visit_date}", on=visit_date)
    print(f"Superbill written to {out}: total ${bill.total:,.2f} (issued document {issued})")
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    client_id = parse_uuid(args.client, "client")
    with open_store(args.db) as store:
        store.get_client(client_id)  # a clear error for an unknown client
        rows = store.documents_for_client(client_id)
    if args.json:
        payload = [
            {
                "id": str(d.id), "kind": d.kind, "title": d.title, "filename": d.filename,
                "visit_id": str(d.visit_id) if d.visit_id else None, "sha256": d.sha256, "size": d.size,
                "issued_at": d.issued_at.isoformat(), "issued_by": d.issued_by,
            }
            for d in rows
        ]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for d in rows:
            print(f"{d.id}  {d.issued_at:%Y-%m-%d %H:%M}  {d.kind:<10} {d.title}")
    return 0


def cmd_reprint(args: argparse.Namespace) -> int:
    document_id = parse_uuid(args.document, "document")
    out = output_path(args.out)
    with open_store(args.db) as store:
        data = store.document_content(document_id)
    write_output(out, data)
    print(f"Issued document written to {out}, exactly as issued")
    return 0


def _import_code_list(args: argparse.Namespace, store: Store) -> int:
    if not args.file:
        raise CliError("Name the code list file to import.")
    try:
        codes = read_code_list(Path(args.file))  # checked whole before it is kept
    except CodeListFileError as exc:
        if exc.unreadable:
            raise CliError(f"Cannot read {args.file}: {exc.reason}") from None
        raise CliError(f"{args.file} is not a valid code list: {exc.reason}") from None
    keep_code_list(store, codes)
    print(f"Code list {codes.version} kept: {len(codes.diagnoses)} diagnoses, {len(codes.procedures)} services.")
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        if args.action == "import":
            return _import_code_list(args, store)
        codes = current_code_list(store)
    if args.action == "export":
        if not args.out:
            raise CliError("--out is needed: the TOML file to write.")
        out = Path(args.out).expanduser()
        write_output(out, code_list_text(codes).encode("utf-8"))
        print(f"Code list {codes.version} written to {out}; edit it (fees, a new version name) and import it.")
        return 0
    print(f"Code list in use: {codes.version}")
    for d in codes.diagnoses:
        print(f"  {d.code:<8} {d.applies_to.value if d.applies_to else '':<7} {d.label}")
    for p in codes.procedures:
        print(f"  {p.code:<8} {p.fee:>8}  {p.label}")
    return 0
