"""The superbill: what a parent sends an insurer to be reimbursed for a visit."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from consultapp.documents.careplan import format_date
from consultapp.documents.styles import INK, PANEL, RULE, Para, info_panel_style, shared_stylesheet, user_text
from consultapp.documents.templates import LetterheadDocTemplate, PageSize, Target
from consultapp.domain.billing import Patient, PatientLine, Superbill
from consultapp.domain.records.checks import npi_problem

TITLE = "Superbill"
NOT_ON_FILE = "Not on file"


def money(amount: Decimal) -> str:
    """``$1,234.50``."""
    return f"${amount:,.2f}"


def build_story(bill: Superbill) -> list[Flowable]:
    """Lay out the superbill: provider, date and place of service, one block per person, the total."""
    styles = shared_stylesheet()
    story: list[Flowable] = [
        Para(TITLE, styles["DocTitle"]),
        Para("Itemised statement of services for insurance reimbursement.", styles["Small"]),
        Spacer(1, 2 * mm),
        _provider(bill, styles),
        Spacer(1, 2 * mm),
    ]
    for line in bill.lines:
        story.append(_patient_block(bill, line, styles))
    story.append(KeepTogether([Spacer(1, 1 * mm), _total(bill, styles), Spacer(1, 6 * mm), _signature(styles)]))
    story.append(
        Para(
            f"Diagnosis codes: ICD-10-CM; service codes: CPT/HCPCS ({user_text(bill.code_list_version)} code list). "
            "Service descriptions are the practice's own short labels.",
            styles["Small"],
        )
    )
    return story


def _value(text: str, styles: StyleSheet1) -> Para:
    return Para(user_text(text) if text.strip() else f"<i>{NOT_ON_FILE}</i>", styles["Cell"])


def _npi(npi: str, styles: StyleSheet1) -> Para:
    """An NPI that passes its check digit (CMS); one that fails is never printed, whoever typed it."""
    if npi.strip() and npi_problem(npi):
        return Para(f"<i>{NOT_ON_FILE}</i>", styles["Cell"])
    return _value(npi, styles)


def _provider(bill: Superbill, styles: StyleSheet1) -> Table:
    ids = bill.identifiers
    practice = bill.practice
    consultant = ", ".join(p.strip() for p in (practice.consultant_name, practice.credentials) if p.strip())

    def label(text: str) -> Para:
        return Para(text, styles["Label"])

    rows = [
        [label("Provider"), _value(practice.name, styles), label("Practice NPI"), _npi(ids.practice_npi, styles)],
        [label("Address"), _value(practice.address, styles), label("Tax ID (EIN)"), _value(ids.tax_id, styles)],
        [label("Phone"), _value(practice.phone, styles), label("Taxonomy"), _value(ids.taxonomy, styles)],
        [label("Rendering"), _value(consultant, styles), label("Consultant NPI"),
         _npi(ids.consultant_npi, styles)],
        [label("Date of service"), Para(f"<b>{format_date(bill.date_of_service)}</b>", styles["Cell"]),
         label("Licence / cert."), _value(ids.licence, styles)],
    ]
    if bill.place_of_service.strip():
        rows[-1][1] = Para(f"<b>{format_date(bill.date_of_service)}</b>, place of service "
                           f"{user_text(bill.place_of_service)}", styles["Cell"])
    table = Table(rows, colWidths=["19%", "35%", "19%", "27%"], hAlign="LEFT")
    style = info_panel_style()
    for col in (0, 2):  # labels are smaller: drop them onto the values' baseline
        style.add("TOPPADDING", (col, 0), (col, 0), 9)
        style.add("TOPPADDING", (col, 1), (col, -1), 5)
    style.add("SPAN", (1, 5), (3, 5))
    table.setStyle(style)
    return table


def _patient_block(bill: Superbill, line: PatientLine, styles: StyleSheet1) -> Flowable:
    who = "Parent" if line.patient is Patient.PARENT else "Baby"
    head = f"{who}: {user_text(line.name.strip() or 'Name not recorded')}"
    details = [f"Date of birth: {format_date(line.date_of_birth)}"]
    if line.sex:
        details.append(f"Sex: {user_text(line.sex)}")
    if line.patient is Patient.PARENT:
        if bill.client_address.strip():
            details.append(f"Address: {user_text(bill.client_address)}")
        if bill.client_phone.strip():
            details.append(f"Phone: {user_text(bill.client_phone)}")
        details.append(f"Insurance: {user_text(bill.insurance) if bill.insurance.strip() else NOT_ON_FILE}")
    parts: list[Flowable] = [
        Para(head, styles["Subheading"]),
        Para(" · ".join(details), styles["Small"]),
        Spacer(1, 1.5 * mm),
    ]
    dx_rows: list[list[Flowable | str]] = [[Para("<b>Diagnosis codes (ICD-10-CM)</b>", styles["Small"]), ""]]
    if line.diagnoses:
        dx_rows += [
            [Para(f"<b>{user_text(d.code)}</b>", styles["Small"]), Para(user_text(d.label), styles["Small"])]
            for d in line.diagnoses
        ]
    else:
        dx_rows.append([Para("None chosen", styles["Small"]), ""])
    dx = Table(dx_rows, colWidths=["18%", "82%"], hAlign="LEFT")
    dx_style = _grid_style()
    dx_style.add("SPAN", (0, 0), (-1, 0))
    dx.setStyle(dx_style)
    parts.append(dx)
    if not line.services:
        parts += [Spacer(1, 1 * mm), Para(f"No service billed on the {who.lower()}'s line.", styles["Small"]),
                  Spacer(1, 2.5 * mm)]
        return KeepTogether(parts)
    svc_rows: list[list[Flowable | str]] = [[
        Para("<b>CPT/HCPCS</b>", styles["Small"]), Para("<b>Service</b>", styles["Small"]),
        Para("<b>Units</b>", styles["SmallRight"]), Para("<b>Fee</b>", styles["SmallRight"]),
        Para("<b>Amount</b>", styles["SmallRight"]),
    ]]
    for service in line.services:
        svc_rows.append([
            Para(f"<b>{user_text(service.procedure.code)}</b>", styles["Small"]),
            Para(user_text(service.procedure.label), styles["Small"]),
            Para(str(service.units), styles["SmallRight"]),
            Para(money(service.unit_fee), styles["SmallRight"]),
            Para(money(service.amount), styles["SmallRight"]),
        ])
    svc_rows.append(["", Para(f"Subtotal, {who.lower()}", styles["Small"]), "", "",
                     Para(f"<b>{money(line.total)}</b>", styles["SmallRight"])])
    svc = Table(svc_rows, colWidths=["18%", "50%", "8%", "12%", "12%"], hAlign="LEFT")
    style = _grid_style()
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.75, INK)
    svc.setStyle(style)
    parts += [Spacer(1, 1.5 * mm), svc, Spacer(1, 2.5 * mm)]
    return KeepTogether(parts)


def _grid_style() -> TableStyle:
    return TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), PANEL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])


def _total(bill: Superbill, styles: StyleSheet1) -> Table:
    rows = [[Para("<b>Total charges</b>", styles["Body"]), Para(f"<b>{money(bill.total)}</b>", styles["BodyRight"]),
             Para("Amount paid", styles["BodyRight"]), Para("$ ______________", styles["BodyRight"])]]
    table = Table(rows, colWidths=["30%", "20%", "25%", "25%"], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.25, INK),
        ("LINEAFTER", (1, 0), (1, 0), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _signature(styles: StyleSheet1) -> Flowable:
    rows = [[Para("Consultant's signature: ______________________________", styles["Body"]),
             Para("Date: ______________", styles["Body"])]]
    table = Table(rows, colWidths=["68%", "32%"], hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return table  # not a KeepTogether: nested, its forced split height would push the total to a new page


def render(
    bill: Superbill,
    target: Target,
    *,
    invariant: bool = False,
    pagesize: PageSize = A4,
    logo: bytes | None = None,
) -> None:
    """Write the superbill PDF to a path or a binary file object."""
    doc = LetterheadDocTemplate(target, practice=bill.practice, title=TITLE, pagesize=pagesize,
                                invariant=invariant, logo=logo)
    doc.build_story(build_story(bill))


def render_bytes(
    bill: Superbill, invariant: bool = False, pagesize: PageSize = A4, *, logo: bytes | None = None
) -> bytes:
    """Return the superbill PDF as bytes."""
    buffer = io.BytesIO()
    render(bill, buffer, invariant=invariant, pagesize=pagesize, logo=logo)
    return buffer.getvalue()
