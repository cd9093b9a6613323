"""Use cases shared by the GUI and the command line, wiring store, domain and documents."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from consultapp.domain.billing import (
    CodeChoice,
    CodeList,
    Patient,
    Superbill,
    newest_code_list,
    parse_fee,
    patient_line,
    place_of_service,
    suggested_choices,
)
from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.handouts import Handout, HandoutLibrary, load_shipped
from consultapp.domain.letters import PhysicianLetter, build_physician_letter
from consultapp.domain.records import BillingIdentifiers, CareContact, Client, IssuedDocument, Practice, Visit
from consultapp.domain.vocabulary import BreastConcern, FindingKind, NippleDamage, Sign, SpectrumCondition
from consultapp.store.facade import Store as RecordsStore
from consultapp.store.facade import Store as Repository

if TYPE_CHECKING:
    from consultapp.domain.plan_figures import CarePlanFigures


def care_plan_for_visit(repo: Repository, visit_id: uuid.UUID) -> CarePlan:
    """Load a visit with its client and practice and decide its care plan."""
    visit = repo.get_visit(visit_id)
    client = repo.get_client(visit.client_id)
    earlier = repo.earlier_weighings([b.id for b in client.babies if b.id is not None], visit.visit_date)
    return build_care_plan(repo.get_practice(), client, visit, earlier_weighings=earlier)


def render_care_plan(repo: Repository, visit_id: uuid.UUID, *, invariant: bool = False) -> bytes:
    """The care plan PDF of a visit, as bytes. ReportLab is imported only here, on demand."""
    return render_care_plan_pdf(repo, visit_id, invariant=invariant)


def care_plan_file_name(visit_date: dt.date, family_name: str) -> str:
    """A file name for a care plan that every file system accepts, in any script."""
    family = unicodedata.normalize("NFC", family_name)
    safe = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "-", family).strip("-. ")[:40] or "client"
    return f"care-plan-{visit_date.isoformat()}-{safe}.pdf"


def issue_care_plan(
    repo: Repository, records: RecordsStore, visit_id: uuid.UUID, *, issued_by: str, data: bytes | None = None
) -> tuple[IssuedDocument, bytes]:
    """Keep a visit's care plan, byte for byte, as an issued document of the client.

    ``data`` is the PDF exactly as previewed (so what is kept is what was seen); rendered here when None.
    """
    visit = repo.get_visit(visit_id)
    client = repo.get_client(visit.client_id)
    if data is None:
        data = render_care_plan(repo, visit_id)
    issued = records.issue_document(
        kind="careplan",
        content=data,
        title=f"Care plan, visit of {visit.visit_date.isoformat()}",
        filename=care_plan_file_name(visit.visit_date, client.family_name),
        issued_by=issued_by,
        client_id=client.id,
        visit_id=visit_id,
    )
    return issued, data


# --- Documents: handouts, letters, superbills, issued documents (documents issue) ------------------------------


def shipped_handouts() -> dict[str, Handout]:
    """The handouts shipped in resources/handouts (read-only)."""
    from consultapp.resources import resource_path

    return load_shipped(resource_path("handouts").glob("*.toml"))


def handout_library(records: RecordsStore) -> HandoutLibrary:
    """Shipped handouts overlaid with the practice's own (kept in the database; shipped files never change)."""
    return HandoutLibrary(shipped_handouts(), records.practice_handouts())


PageSize = tuple[float, float]
A4_SIZE: PageSize = (595.2755905511812, 841.8897637795277)
"""ISO A4 in points (``reportlab.lib.pagesizes.A4``), here so that callers need not import ReportLab."""


def _visit_records(
    repo: Repository, visit_id: uuid.UUID
) -> tuple[Practice, Client, Visit, dict[uuid.UUID, list[tuple[dt.date, int]]]]:
    visit = repo.get_visit(visit_id)
    client = repo.get_client(visit.client_id)
    earlier = repo.earlier_weighings([b.id for b in client.babies if b.id is not None], visit.visit_date)
    return repo.get_practice(), client, visit, earlier


def care_plan_figures(repo: Repository, visit_id: uuid.UUID) -> CarePlanFigures:
    """The breast map and weight charts of a visit's care plan (weighings up to that visit)."""
    from consultapp.domain.plan_figures import figures_for_visit

    practice, client, visit, earlier = _visit_records(repo, visit_id)
    return figures_for_visit(client, visit, practice.settings, earlier)


def render_care_plan_pdf(
    repo: Repository,
    visit_id: uuid.UUID,
    *,
    invariant: bool = False,
    pagesize: PageSize | None = None,
    logo: bytes | None = None,
) -> bytes:
    """The care plan PDF of a visit with its breast map and weight chart, on the practice's paper with
    its logo unless ``pagesize`` or ``logo`` say otherwise."""
    from consultapp.documents.careplan import render_bytes
    from consultapp.domain.plan_figures import figures_for_visit

    practice, client, visit, earlier = _visit_records(repo, visit_id)
    plan = build_care_plan(practice, client, visit, earlier_weighings=earlier)
    figures = figures_for_visit(client, visit, practice.settings, earlier)
    return render_bytes(plan, invariant=invariant, pagesize=pagesize or page_size(practice.settings.paper),
                        figures=figures, logo=practice.logo if logo is None else logo)


def page_size(paper: str) -> PageSize:
    """``"a4"`` or ``"letter"`` (any case) as a page size; ValueError for another name."""
    from consultapp.documents.templates import page_size as size

    return size(paper)


def document_file_name(kind: str, on: dt.date, family_name: str) -> str:
    """A file name for an issued document (``letter-2026-11-26-Silva.pdf``) that every file system accepts."""
    return care_plan_file_name(on, family_name).replace("care-plan-", f"{kind}-", 1)


# -- handouts ---------------------------------------------------------------------------------------------------


def render_handouts(
    library: HandoutLibrary,
    slugs: Sequence[str],
    practice: Practice,
    *,
    client_name: str | None = None,
    given_on: dt.date | None = None,
    invariant: bool = False,
    pagesize: PageSize = A4_SIZE,
    logo: bytes | None = None,
) -> bytes:
    """One PDF of the handouts ``slugs`` (each from a new page), blank or with ``client_name``.

    Raises:
        KeyError: a slug that is not in the library.
    """
    from consultapp.documents.handout import HandoutPrint, render_bytes

    items = [HandoutPrint(library.get(slug), practice, client_name, given_on if client_name else None)
             for slug in slugs]
    return render_bytes(items, invariant=invariant, pagesize=pagesize, logo=logo)


# -- the physician letter ---------------------------------------------------------------------------------------


def physician_letter_for_visit(
    repo: Repository,
    visit_id: uuid.UUID,
    *,
    recipient: CareContact | None,
    today: dt.date,
    reason: str = "",
    practice_fax: str = "",
) -> PhysicianLetter:
    """Decide the letter about a visit (its care plan gives the flags and the plan)."""
    practice, client, visit, earlier = _visit_records(repo, visit_id)
    plan = build_care_plan(practice, client, visit, earlier_weighings=earlier)
    return build_physician_letter(
        practice, client, visit, plan, recipient=recipient, date=today, reason=reason,
        practice_fax=practice_fax, earlier_weighings=earlier,
    )


def render_letter(
    letter: PhysicianLetter,
    *,
    fax_cover: bool = False,
    invariant: bool = False,
    pagesize: PageSize = A4_SIZE,
    logo: bytes | None = None,
) -> bytes:
    from consultapp.documents.letter import render_bytes

    return render_bytes(letter, invariant=invariant, pagesize=pagesize, fax_cover=fax_cover, logo=logo)


# -- the superbill ----------------------------------------------------------------------------------------------


def shipped_code_list() -> CodeList:
    """The newest code list shipped in resources/codes."""
    from consultapp.resources import resource_path

    return newest_code_list(resource_path("codes").glob("*.toml"))


def current_code_list(records: RecordsStore) -> CodeList:
    """The practice's newest own code list (its fees), else the shipped one."""
    from consultapp.domain.billing import code_list_from_mapping

    for data in records.practice_code_lists():
        try:
            return code_list_from_mapping(data)
        except ValueError:
            continue  # a damaged copy: fall back to an older one, or the shipped list
    return shipped_code_list()


_MASTITIS_CONDITIONS = {
    SpectrumCondition.INFLAMMATORY_MASTITIS,
    SpectrumCondition.BACTERIAL_MASTITIS,
    SpectrumCondition.SUBACUTE_MASTITIS,
}


def suggested_codes(repo: Repository, visit_id: uuid.UUID) -> tuple[CodeChoice, list[CodeChoice]]:
    """A first draft of a visit's codes (``billing.suggested_choices``), parent then each assessed baby."""
    practice, client, visit, _earlier = _visit_records(repo, visit_id)
    t = practice.settings.thresholds
    first_visit = min((v.visit_date for v in repo.visits_for_client(client.id)), default=visit.visit_date) \
        if client.id is not None else visit.visit_date
    finding = visit.breast_finding
    mastitis = (finding is not None and finding.concern is BreastConcern.MASTITIS) or any(
        side.condition in _MASTITIS_CONDITIONS for side in visit.breast_sides
    )
    cracked = (finding is not None and Sign.NIPPLE_FISSURE in finding.signs) or any(
        m.kind is FindingKind.NIPPLE_DAMAGE and m.nipple_damage is NippleDamage.CRACK for m in visit.map_findings
    )
    babies = {b.id: b for b in client.babies}
    per_baby = []
    for a in visit.assessments:
        baby = babies.get(a.baby_id)
        if baby is None:
            continue
        age = (visit.visit_date - baby.date_of_birth).days if baby.date_of_birth else None
        latch = a.latch.total
        difficulty = bool(a.poor_feeding or a.ineffective_signs or (latch is not None and
                                                                  latch < t.latch_further_evaluation_below))
        impaired = a.btat.total is not None and a.btat.total <= t.btat_impaired_at_most
        per_baby.append((age, difficulty, impaired))
    return suggested_choices(
        location=visit.location.value, new_client=visit.visit_date <= first_visit, mastitis=mastitis,
        cracked_nipple=cracked, low_supply=False, babies=per_baby,
    )


def default_recipient(client: Client) -> CareContact | None:
    """Whom a letter about a visit goes to: a baby's paediatrician, else the parent's physician, else anyone."""
    from consultapp.domain.records import ContactRole

    for wanted in (ContactRole.PAEDIATRICIAN, ContactRole.PHYSICIAN, ContactRole.OBSTETRICIAN):
        for contact in client.contacts:
            if contact.role is wanted:
                return contact
    return client.contacts[0] if client.contacts else None


def merged_identifiers(on_file: BillingIdentifiers, given: BillingIdentifiers) -> BillingIdentifiers:
    """The practice's identifiers on file, each replaced by one given (e.g. on the command line)."""
    import dataclasses

    return dataclasses.replace(
        on_file, **{f.name: getattr(given, f.name) for f in dataclasses.fields(given) if getattr(given, f.name)}
    )


def insurance_text(client: Client) -> str:
    parts = [client.insurance.insurer, client.insurance.member_id and f"member {client.insurance.member_id}",
             client.insurance.group and f"group {client.insurance.group}"]
    return ", ".join(p for p in parts if p)


def chosen_codes(repo: Repository, visit_id: uuid.UUID) -> tuple[CodeChoice, list[CodeChoice]]:
    """The codes chosen for a visit before (its saved billing), else the suggestion from its findings."""
    suggested_parent, suggested_babies = suggested_codes(repo, visit_id)
    visit = repo.get_visit(visit_id)
    if visit.billing is None:
        return suggested_parent, suggested_babies
    saved = {line.baby_id: line for line in visit.billing.lines}

    def choice(key: uuid.UUID | None, fallback: CodeChoice) -> CodeChoice:
        line = saved.get(key)
        if line is None:
            return fallback
        services = [
            (s.code, parse_fee(s.fee) if s.fee else None) for s in line.services for _ in range(max(1, s.units))
        ]
        return CodeChoice(list(line.diagnoses), services)

    babies = [choice(a.baby_id, fb) for a, fb in zip(visit.assessments, suggested_babies, strict=False)]
    return choice(None, suggested_parent), babies


def superbill_for_visit(
    repo: Repository,
    visit_id: uuid.UUID,
    *,
    codes: CodeList,
    identifiers: BillingIdentifiers,
    parent: CodeChoice | None = None,
    babies: Sequence[CodeChoice] | None = None,
    insurance: str = "",
) -> Superbill:
    """The superbill of a visit: the parent's line, then one line per baby assessed at the visit.

    ``parent`` and ``babies`` (in the order of the visit's assessments) default to ``suggested_codes``.

    Raises:
        ValueError: a code not in ``codes``, or a code on the wrong person (O on a baby, P on the parent).
    """
    practice, client, visit, _earlier = _visit_records(repo, visit_id)
    suggested_parent, suggested_babies = chosen_codes(repo, visit_id)
    parent = parent if parent is not None else suggested_parent
    chosen = list(babies) if babies is not None else suggested_babies
    by_id = {b.id: b for b in client.babies}
    assessed = [by_id[a.baby_id] for a in visit.assessments if a.baby_id in by_id]
    lines = [patient_line(codes, Patient.PARENT, client.full_name, client.date_of_birth, parent)]
    for baby, choice in zip(assessed, chosen, strict=False):
        name = " ".join(p for p in (baby.name.strip(), client.family_name.strip()) if p)
        sex = baby.sex.label if baby.sex is not None else ""
        lines.append(patient_line(codes, Patient.BABY, name, baby.date_of_birth, choice, sex=sex))
    return Superbill(
        practice=practice, identifiers=identifiers, date_of_service=visit.visit_date,
        place_of_service=place_of_service(visit.location.value), lines=tuple(lines),
        code_list_version=codes.version, client_address=client.address, client_phone=client.phone,
        insurance=insurance or insurance_text(client),
    )


def render_superbill(
    bill: Superbill, *, invariant: bool = False, pagesize: PageSize = A4_SIZE, logo: bytes | None = None
) -> bytes:
    from consultapp.documents.superbill import render_bytes

    return render_bytes(bill, invariant=invariant, pagesize=pagesize, logo=logo)
