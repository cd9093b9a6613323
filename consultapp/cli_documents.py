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
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.cli_common import CliError, open_db, output_path, parse_uuid, write_output

if TYPE_CHECKING:
    from decimal import Decimal

    from consultapp.store.db import Database

Handler = Callable[[argparse.Namespace], int]
PAPERS = ("a4", "letter")


def register(sub: argparse._SubParsersAction, *, add_db: Callable[..., None]) -> dict[str, Handler]:  # type: ignore[type-arg]
    def document(name: str, help_text: str, *, db_required: bool = True, out_required: bool = True
                 ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
        add_db(parser, required=db_required)
        parser.add_argument("--out", required=out_required, metavar="FILE.pdf")
        parser.add_argument("--paper", choices=PAPERS, help="paper size (default: the practice's setting, else a4)")
        parser.add_argument("--by", metavar="NAME", help="who issues it (default: the practice's consultant)")
        return parser

    careplan = document("careplan", "write the care plan PDF of a visit (kept as issued)")
    careplan.add_argument("--visit", required=True, metavar="ID")

    handout = document("handout", "write handouts, blank or with a client's name (consultapp handout --list)",
                       db_required=False, out_required=False)
    handout.add_argument("slugs", nargs="*", metavar="SLUG", help="one or more handouts, each from a new page")
    handout.add_argument("--client", metavar="ID", help="print this client's name on it (and keep it as issued)")
    handout.add_argument("--list", action="store_true", help="print each handout's slug and title, then stop")

    letter = document("letter", "write the one-page letter to the family's doctor about a visit (kept as issued)")
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

    superbill = document("superbill", "write the superbill of a visit (kept as issued)")
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


@contextmanager
def _database(target: str) -> Iterator[Database]:
    db = open_db(target)
    try:
        yield db
    finally:
        db.close()


def _issue(db: Database, args: argparse.Namespace, *, kind: str, data: bytes, title: str, on: dt.date,
           family_name: str, client_id: uuid.UUID | None, visit_id: uuid.UUID | None) -> str:
    """Keep ``data`` as issued; returns the issued document's id."""
    from consultapp.services import document_file_name
    from consultapp.store.facade import Store as RecordsStore
    from consultapp.store.facade import Store as Repository

    issued_by = (args.by or "").strip() or Repository(db).get_practice().consultant_name.strip() or "command line"
    issued = RecordsStore(db).issue_document(
        kind=kind, content=data, title=title, filename=document_file_name(kind, on, family_name),
        issued_by=issued_by, client_id=client_id, visit_id=visit_id,
    )
    return str(issued.id)


def _paper(args: argparse.Namespace, db: Database | None = None) -> tuple[float, float]:
    """The paper asked for, else the practice's setting, else A4."""
    from consultapp.services import page_size

    if args.paper:
        return page_size(args.paper)
    if db is not None:
        from consultapp.store.facade import Store as Repository

        return page_size(Repository(db).get_practice().settings.paper)
    return page_size("a4")


def _logo(db: Database) -> bytes | None:
    from consultapp.store.facade import Store as Repository

    return Repository(db).get_practice().logo


def cmd_careplan(args: argparse.Namespace) -> int:
    from consultapp.services import render_care_plan_pdf
    from consultapp.store.facade import Store as Repository

    visit_id = parse_uuid(args.visit, "visit")
    out = output_path(args.out)
    with _database(args.db) as db:
        repo = Repository(db)
        data = render_care_plan_pdf(repo, visit_id, pagesize=_paper(args, db), logo=_logo(db))
        visit = repo.get_visit(visit_id)
        client = repo.get_client(visit.client_id)
        write_output(out, data)
        issued = _issue(db, args, kind="careplan", data=data, title=f"Care plan, visit of {visit.visit_date}",
                        on=visit.visit_date, family_name=client.family_name, client_id=client.id, visit_id=visit_id)
    print(f"Care plan written to {out} (issued document {issued})")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from consultapp.domain.handouts import HandoutLibrary
    from consultapp.services import handout_library, shipped_handouts

    if args.list:
        if args.slugs:
            raise CliError(f"--list shows every handout; it takes no handout names ('{args.slugs[0]}').")
        if args.db:
            from consultapp.store.facade import Store as RecordsStore

            with _database(args.db) as db:
                library = handout_library(RecordsStore(db))
        else:
            library = HandoutLibrary(shipped_handouts())
        for handout in sorted(library.all(), key=lambda h: h.slug):
            print(f"{handout.slug}\t{handout.title}")
        return 0
    if not args.slugs:
        raise CliError("Name at least one handout (consultapp handout --list shows them).")
    if not args.db:
        raise CliError("--db is needed to print a handout (the practice's letterhead and own handouts).")
    if not args.out:
        raise CliError("--out is needed: the PDF file to write.")
    out = output_path(args.out)
    client_id = parse_uuid(args.client, "client") if args.client else None
    from consultapp.services import render_handouts
    from consultapp.store.facade import Store as RecordsStore
    from consultapp.store.facade import Store as Repository

    with _database(args.db) as db:
        repo = Repository(db)
        library = handout_library(RecordsStore(db))
        known = {h.slug for h in library.all()} | set(library.shipped) | set(library.practice)
        unknown = [slug for slug in args.slugs if slug not in known]
        if unknown:
            raise CliError(f"No handout '{unknown[0]}' (consultapp handout --list shows them).")
        client = repo.get_client(client_id) if client_id is not None else None
        today = dt.date.today()
        data = render_handouts(library, args.slugs, repo.get_practice(),
                               client_name=client.full_name if client else None, given_on=today,
                               pagesize=_paper(args, db), logo=_logo(db))
        write_output(out, data)
        note = ""
        if client is not None:
            titles = ", ".join(library.get(slug).title for slug in args.slugs)
            issued = _issue(db, args, kind="handout", data=data, title=f"Handout: {titles}", on=today,
                            family_name=client.family_name, client_id=client.id, visit_id=None)
            note = f" (issued document {issued})"
    print(f"Handout written to {out}{note}")
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    from consultapp.domain.records import CareContact, ContactRole
    from consultapp.services import default_recipient, physician_letter_for_visit, render_letter
    from consultapp.store.facade import Store as Repository

    visit_id = parse_uuid(args.visit, "visit")
    out = output_path(args.out)
    recipient = None
    if any((args.to, args.to_practice, args.to_fax, args.to_phone)):
        recipient = CareContact(args.to, ContactRole(args.to_role), args.to_practice, args.to_phone, args.to_fax)
    with _database(args.db) as db:
        repo = Repository(db)
        today = dt.date.today()
        if recipient is None:
            recipient = default_recipient(repo.get_client(repo.get_visit(visit_id).client_id))
        practice_fax = args.practice_fax or repo.get_practice().fax
        letter = physician_letter_for_visit(repo, visit_id, recipient=recipient, today=today, reason=args.reason,
                                            practice_fax=practice_fax)
        data = render_letter(letter, fax_cover=args.fax_cover, pagesize=_paper(args, db), logo=_logo(db))
        visit = repo.get_visit(visit_id)
        client = repo.get_client(visit.client_id)
        write_output(out, data)
        to = f" to {recipient.name.strip()}" if recipient is not None and recipient.name.strip() else ""
        issued = _issue(db, args, kind="letter", data=data, title=f"Letter{to}, visit of {visit.visit_date}",
                        on=today, family_name=client.family_name, client_id=client.id, visit_id=visit_id)
    print(f"Letter written to {out} (issued document {issued})")
    return 0


def _procedures(items: list[str]) -> list[tuple[str, Decimal | None]]:
    """``CODE`` or ``CODE=FEE`` (the fee overrides the code list's)."""
    from consultapp.domain.billing import parse_fee

    out: list[tuple[str, Decimal | None]] = []
    for item in items:
        code, _, fee = item.partition("=")
        try:
            out.append((code.strip(), parse_fee(fee) if fee.strip() else None))
        except ValueError as exc:
            raise CliError(f"--procedure {item}: {exc}") from None
    return out


def cmd_superbill(args: argparse.Namespace) -> int:
    from consultapp.domain.billing import CodeChoice, load_code_list
    from consultapp.domain.records import BillingIdentifiers
    from consultapp.services import (
        chosen_codes,
        current_code_list,
        merged_identifiers,
        render_superbill,
        superbill_for_visit,
    )
    from consultapp.store.facade import Store as Repository

    visit_id = parse_uuid(args.visit, "visit")
    out = output_path(args.out)
    try:
        codes = load_code_list(Path(args.codes)) if args.codes else None
    except OSError as exc:
        raise CliError(f"Cannot read the code list {args.codes}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    given = BillingIdentifiers(args.npi, args.tax_id, args.consultant_npi, args.taxonomy, args.licence)
    with _database(args.db) as db:
        repo = Repository(db)
        identifiers = merged_identifiers(repo.get_practice().identifiers, given)
        if codes is None:
            from consultapp.store.facade import Store as RecordsStore

            codes = current_code_list(RecordsStore(db))
        # What is not given on the command line is the suggestion drawn from the visit.
        suggested_parent, suggested_babies = chosen_codes(repo, visit_id)
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
        try:
            bill = superbill_for_visit(repo, visit_id, codes=codes, identifiers=identifiers, parent=parent,
                                       babies=babies, insurance=args.insurance)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        data = render_superbill(bill, pagesize=_paper(args, db), logo=_logo(db))
        visit = repo.get_visit(visit_id)
        client = repo.get_client(visit.client_id)
        write_output(out, data)
        issued = _issue(db, args, kind="superbill", data=data, title=f"Superbill, visit of {visit.visit_date}",
                        on=visit.visit_date, family_name=client.family_name, client_id=client.id,
                        visit_id=visit_id)
    print(f"Superbill written to {out}: total ${bill.total:,.2f} (issued document {issued})")
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    from consultapp.store.facade import Store as RecordsStore
    from consultapp.store.facade import Store as Repository

    client_id = parse_uuid(args.client, "client")
    with _database(args.db) as db:
        Repository(db).get_client(client_id)  # a clear error for an unknown client
        rows = RecordsStore(db).documents_for_client(client_id)
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
    from consultapp.store.facade import Store as RecordsStore

    document_id = parse_uuid(args.document, "document")
    out = output_path(args.out)
    with _database(args.db) as db:
        data = RecordsStore(db).document_content(document_id)
    write_output(out, data)
    print(f"Issued document written to {out}, exactly as issued")
    return 0


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def code_list_toml(data: dict[str, object]) -> str:
    """A code list in the shipped TOML form (version, valid_from, [[icd10]], [[procedures]])."""
    lines = [f"version = {_toml_string(str(data['version']))}"]
    if data.get("valid_from"):
        lines.append(f"valid_from = {data['valid_from']}")
    for table in ("icd10", "procedures"):
        for item in data.get(table, []):  # type: ignore[attr-defined]
            lines += ["", f"[[{table}]]"]
            for key, value in item.items():
                lines.append(f"{key} = {value if key == 'fee' else _toml_string(str(value))}")
    return "\n".join(lines) + "\n"


def cmd_codes(args: argparse.Namespace) -> int:
    import tomllib

    from consultapp.domain.billing import code_list_from_mapping, code_list_to_mapping
    from consultapp.services import current_code_list
    from consultapp.store.facade import Store as RecordsStore

    with _database(args.db) as db:
        records = RecordsStore(db)
        if args.action == "import":
            if not args.file:
                raise CliError("Name the code list file to import.")
            try:
                with Path(args.file).expanduser().open("rb") as f:
                    data = tomllib.load(f)
                codes = code_list_from_mapping(data)  # checked whole before it is kept
            except OSError as exc:
                raise CliError(f"Cannot read {args.file}: {exc.strerror or exc}") from None
            except (tomllib.TOMLDecodeError, ValueError) as exc:
                raise CliError(f"{args.file} is not a valid code list: {exc}") from None
            records.save_practice_code_list(code_list_to_mapping(codes))
            print(f"Code list {codes.version} kept: {len(codes.diagnoses)} diagnoses, "
                  f"{len(codes.procedures)} services.")
            return 0
        codes = current_code_list(records)
    if args.action == "export":
        if not args.out:
            raise CliError("--out is needed: the TOML file to write.")
        out = Path(args.out).expanduser()
        write_output(out, code_list_toml(code_list_to_mapping(codes)).encode("utf-8"))
        print(f"Code list {codes.version} written to {out}; edit it (fees, a new version name) and import it.")
        return 0
    print(f"Code list in use: {codes.version}")
    for d in codes.diagnoses:
        print(f"  {d.code:<8} {d.applies_to.value if d.applies_to else '':<7} {d.label}")
    for p in codes.procedures:
        print(f"  {p.code:<8} {p.fee:>8}  {p.label}")
    return 0

