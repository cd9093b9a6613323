"""Copying between domain records and rows: the one place that knows both shapes."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    BillingIdentifiers,
    BreastFinding,
    BreastMapFinding,
    BreastSideExam,
    CareContact,
    ChosenStep,
    Client,
    Consents,
    FeedingObservation,
    FeedingPlan,
    Insurance,
    LactationHistory,
    NippleExam,
    ParentState,
    PlanEdits,
    Practice,
    PracticeSettings,
    TestWeight,
    TongueAssessment,
    Visit,
    VisitBilling,
)
from consultapp.domain.serialize import FormatError, from_data, to_data
from consultapp.domain.text import digits, fold
from consultapp.store.models import (
    BabyAssessmentRow,
    BabyRow,
    BreastMapFindingRow,
    BreastSideExamRow,
    CareContactRow,
    ClientRow,
    FeedingObservationRow,
    NippleExamRow,
    PlanStepRow,
    PracticeRow,
    VisitRow,
)

_PARENT_FIELDS = tuple(f.name for f in fields(ParentState))
_INSURANCE_FIELDS = tuple(f.name for f in fields(Insurance))
_LATCH_FIELDS = tuple(f.name for f in fields(LatchScore))
_BTAT_FIELDS = tuple(f.name for f in fields(BtatScore))


def clean(text: str, *, multiline: bool = False) -> str:
    """Trim, and drop control characters (NUL cannot even be stored by PostgreSQL)."""
    keep = "\n" if multiline else ""
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch) != "Cc").strip()


# Scripts written without spaces between family and given name: Han, kana, Hangul.
_UNSPACED = ((0x1100, 0x11FF), (0x2E80, 0x30FF), (0x3130, 0x318F), (0x3400, 0x9FFF), (0xAC00, 0xD7AF),
             (0xF900, 0xFAFF), (0x20000, 0x2FFFF))


def _unspaced(text: str) -> bool:
    return any(low <= ord(ch) <= high for ch in text for low, high in _UNSPACED)


def search_text(row: Any, baby_names: Sequence[str]) -> str:
    """Folded names of parent and babies, a copy without apostrophes and hyphens, and phone digits.

    A Chinese, Japanese or Korean name is also kept whole, in both orders ("王小明", "小明王"): it is
    typed without a space, though it is stored as a given and a family name.
    """
    parts = [row.given_name, row.family_name, *baby_names]
    text = " ".join(fold(p) for p in parts if p)
    squeezed = re.sub(r"['\u2019\-]", "", text)  # so "obrien" finds "O'Brien"
    given, family = fold(row.given_name), fold(row.family_name)
    whole = f"{given}{family} {family}{given}" if given and family and _unspaced(given + family) else ""
    phone = digits(row.phone)
    return " ".join(p for p in (text, squeezed if squeezed != text else "", whole, phone) if p)


# -- practice -------------------------------------------------------------------------------------
PRACTICE_TEXT_FIELDS = ("name", "consultant_name", "credentials", "address", "phone", "email")


def practice_to_row(practice: Practice, row: PracticeRow) -> None:
    for name in PRACTICE_TEXT_FIELDS:
        setattr(row, name, clean(getattr(practice, name), multiline=name == "address"))
    row.settings = practice.settings.to_dict()
    row.fax = clean(practice.fax)
    row.logo = practice.logo
    row.identifiers = {k: clean(v) for k, v in to_data(practice.identifiers).items()}


class CoreRead:
    """A row read with Core and its children's rows, as the ``*_from_row`` functions read an ORM row: the columns
    by name, each relationship a list (``CoreRead(row, babies=[...], contacts=[...])``)."""

    def __init__(self, row: Any, **children: Sequence[Any]) -> None:
        self._row = row
        self.__dict__.update(children)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


def practice_from_row(row: PracticeRow) -> Practice:
    try:
        identifiers = from_data(BillingIdentifiers, row.identifiers or {})
    except FormatError:
        identifiers = BillingIdentifiers()
    return Practice(
        **{name: getattr(row, name) for name in PRACTICE_TEXT_FIELDS},
        settings=PracticeSettings.from_dict(row.settings),
        fax=row.fax,
        logo=row.logo,
        identifiers=identifiers,
        id=row.id,
        version=row.version,
    )


# -- clients --------------------------------------------------------------------------------------
def client_to_row(client: Client, row: ClientRow) -> None:
    row.given_name = clean(client.given_name)
    row.family_name = clean(client.family_name)
    row.date_of_birth = client.date_of_birth
    row.phone = clean(client.phone)
    row.address = clean(client.address, multiline=True)
    row.sort_name = fold(f"{row.family_name} {row.given_name}")
    h = client.history
    row.history_breast_surgery = clean(h.breast_surgery, multiline=True)
    row.history_previous_mastitis = h.previous_mastitis
    row.history_previous_breastfeeding = clean(h.previous_breastfeeding, multiline=True)
    row.history_medications = clean(h.medications, multiline=True)
    row.history_notes = clean(h.notes, multiline=True)
    row.history_conditions = list(dict.fromkeys(h.conditions))
    row.preferred_name = clean(client.preferred_name)
    row.language = clean(client.language)
    row.access_notes = clean(client.access_notes, multiline=True)
    row.insurance = {k: clean(v) for k, v in to_data(client.insurance).items()}
    row.consent_care = client.consents.care
    row.consent_photos = client.consents.photos
    row.status = client.status
    row.assigned_to = client.assigned_to
    row.contacts = [
        CareContactRow(
            id=uuid.uuid4(),
            ordinal=i,
            baby_ids=[str(b) for b in c.baby_ids],
            role=c.role,
            name=clean(c.name),
            practice=clean(c.practice),
            phone=clean(c.phone),
            fax=clean(c.fax),
            address=clean(c.address, multiline=True),
        )
        for i, c in enumerate(client.contacts)
    ]


def baby_to_row(baby: Baby, row: BabyRow, order: int) -> None:
    row.name = clean(baby.name)
    row.date_of_birth = baby.date_of_birth
    row.birth_weight_g = baby.birth_weight_g
    row.birth_order = order
    row.sex = baby.sex
    row.gestational_age_days = baby.gestational_age_days
    row.delivery_mode = baby.delivery_mode
    row.birth_time = baby.birth_time


def client_from_row(row: ClientRow) -> Client:
    return Client(
        given_name=row.given_name,
        family_name=row.family_name,
        date_of_birth=row.date_of_birth,
        phone=row.phone,
        address=row.address,
        babies=[
            Baby(
                name=b.name,
                date_of_birth=b.date_of_birth,
                birth_weight_g=b.birth_weight_g,
                sex=b.sex,
                gestational_age_days=b.gestational_age_days,
                delivery_mode=b.delivery_mode,
                birth_time=b.birth_time,
                id=b.id,
                version=b.version,
            )
            for b in row.babies
        ],
        history=LactationHistory(
            breast_surgery=row.history_breast_surgery,
            previous_mastitis=row.history_previous_mastitis,
            previous_breastfeeding=row.history_previous_breastfeeding,
            medications=row.history_medications,
            notes=row.history_notes,
            conditions=list(row.history_conditions),
        ),
        preferred_name=row.preferred_name,
        language=row.language,
        access_notes=row.access_notes,
        insurance=Insurance(**{k: str(v) for k, v in (row.insurance or {}).items() if k in _INSURANCE_FIELDS}),
        consents=Consents(care=row.consent_care, photos=row.consent_photos),
        status=row.status,
        contacts=[
            CareContact(
                name=c.name,
                role=c.role,
                practice=c.practice,
                phone=c.phone,
                fax=c.fax,
                address=c.address,
                baby_ids=_contact_babies(c.baby_ids, {b.id for b in row.babies}),
            )
            for c in row.contacts
        ],
        assigned_to=row.assigned_to,
        id=row.id,
        version=row.version,
    )


def _contact_babies(stored: list[str] | None, babies: set[uuid.UUID]) -> tuple[uuid.UUID, ...]:
    """The stored baby ids that are still the client's babies (a removed baby's link is dropped)."""
    out: list[uuid.UUID] = []
    for text in stored or []:
        try:
            baby_id = uuid.UUID(str(text))
        except ValueError:
            continue
        if baby_id in babies:
            out.append(baby_id)
    return tuple(out)


# -- visits ---------------------------------------------------------------------------------------
def visit_to_row(visit: Visit, row: VisitRow) -> None:
    """Copy ``visit`` onto ``row``, replacing its child rows (assessments keep their ids)."""
    row.visit_date = visit.visit_date
    row.visit_time = visit.visit_time
    row.location = visit.location
    row.reason = clean(visit.reason, multiline=True)
    finding = visit.breast_finding
    row.breast_concern = finding.concern if finding else None
    row.breast_side = finding.side if finding else None
    row.breast_signs = list(finding.signs) if finding else []
    for name in _PARENT_FIELDS:
        setattr(row, f"parent_{name}", getattr(visit.parent, name))
    row.feeding_plan = clean(visit.plan.feeding_plan, multiline=True)
    row.billing = to_data(visit.billing) if visit.billing is not None else None
    row.follow_up = visit.plan.follow_up

    existing = {a.baby_id: a for a in row.assessments}
    keep: list[BabyAssessmentRow] = []
    for a in visit.assessments:
        arow = existing.get(a.baby_id) or BabyAssessmentRow(id=a.id or uuid.uuid4(), baby_id=a.baby_id)
        assessment_to_row(a, arow)
        keep.append(arow)
    row.assessments = keep
    row.map_findings = [
        BreastMapFindingRow(
            id=uuid.uuid4(),
            ordinal=i,
            side=f.side,
            kind=f.kind,
            clock=f.clock,
            distance_cm=f.distance_cm,
            size_cm=f.size_cm,
            nipple_damage=f.nipple_damage,
        )
        for i, f in enumerate(visit.map_findings)
    ]
    row.breast_sides = [
        BreastSideExamRow(
            id=uuid.uuid4(),
            side=e.side,
            pain=e.pain,
            engorgement=e.engorgement,
            condition=e.condition,
        )
        for e in visit.breast_sides
    ]
    row.nipples = [
        NippleExamRow(id=uuid.uuid4(), **{f.name: getattr(e, f.name) for f in fields(NippleExam)})
        for e in visit.nipples
    ]
    row.plan_steps = [
        PlanStepRow(
            id=uuid.uuid4(),
            ordinal=i,
            key=step.key,
            text=clean(step.text, multiline=True),
            reason=clean(step.reason, multiline=True),
            source=clean(step.source),
            included=step.included,
            custom=step.custom,
        )
        for i, step in enumerate(visit.plan.steps)
    ]


def assessment_to_row(a: BabyAssessment, row: BabyAssessmentRow) -> None:
    row.weight_g = a.weight_g
    row.feeds_per_24h = a.feeds_per_24h
    row.weak_suckle = a.weak_suckle
    row.wet_diapers = a.wet_diapers
    row.dirty_diapers = a.dirty_diapers
    row.stool_colour = a.stool_colour
    row.urates, row.jaundice, row.lethargy, row.poor_feeding = a.urates, a.jaundice, a.lethargy, a.poor_feeding
    row.jaundice_onset_hours, row.dark_urine, row.formula_fed = a.jaundice_onset_hours, a.dark_urine, a.formula_fed
    tw = a.test_weight
    row.test_pre_g = tw.pre_g if tw else None
    row.test_post_g = tw.post_g if tw else None
    row.test_scale_resolution_g = tw.scale_resolution_g if tw else None
    row.test_clothing_unchanged = tw.clothing_unchanged if tw else None
    t = a.tongue
    row.tongue_tool = t.tool
    for name in _BTAT_FIELDS:
        setattr(row, f"btat_{name}", getattr(t.btat, name))
    row.hazelbaker_appearance = t.hazelbaker_appearance
    row.hazelbaker_function = t.hazelbaker_function
    row.hazelbaker_unclassified = t.hazelbaker_unclassified
    row.coryllos = t.coryllos
    row.kotlow_mm = t.kotlow_mm
    row.lip_tie = clean(t.lip_tie, multiline=True)
    row.referral = clean(t.referral, multiline=True)
    row.referral_date = t.referral_date
    row.feeding_plan = _feeding_plan_data(a.feeding_plan)
    row.feeds = [feed_to_row(f, i) for i, f in enumerate(a.feeds) if not f.is_blank()]


def feed_to_row(feed: FeedingObservation, ordinal: int) -> FeedingObservationRow:
    row = FeedingObservationRow(
        id=uuid.uuid4(),
        ordinal=ordinal,
        side=feed.side,
        positions_tried=list(feed.positions_tried),
        positions_worked=list(feed.positions_worked),
        effective_signs=list(feed.effective_signs),
        ineffective_signs=list(feed.ineffective_signs),
        nipple_after=feed.nipple_after,
        duration_min=feed.duration_min,
    )
    for name in _LATCH_FIELDS:
        setattr(row, f"latch_{name}", getattr(feed.latch, name))
    return row


def visit_from_row(row: VisitRow) -> Visit:
    finding = None
    if row.breast_concern and row.breast_side:
        finding = BreastFinding(
            concern=row.breast_concern,
            side=row.breast_side,
            signs=list(row.breast_signs),
        )
    return Visit(
        client_id=row.client_id,
        visit_date=row.visit_date,
        visit_time=row.visit_time,
        location=row.location,
        reason=row.reason,
        assessments=[assessment_from_row(a) for a in row.assessments],
        breast_finding=finding,
        map_findings=[
            BreastMapFinding(
                side=f.side,
                kind=f.kind,
                clock=f.clock,
                distance_cm=f.distance_cm,
                size_cm=f.size_cm,
                nipple_damage=f.nipple_damage,
            )
            for f in row.map_findings
        ],
        breast_sides=[
            BreastSideExam(
                side=e.side,
                pain=e.pain,
                engorgement=e.engorgement,
                condition=e.condition,
            )
            for e in sorted(row.breast_sides, key=lambda e: e.side)
        ],
        nipples=[
            NippleExam(**{f.name: getattr(e, f.name) for f in fields(NippleExam)})
            for e in sorted(row.nipples, key=lambda e: e.side)
        ],
        parent=ParentState(**{name: getattr(row, f"parent_{name}") for name in _PARENT_FIELDS}),
        plan=PlanEdits(
            steps=[
                ChosenStep(
                    key=s.key, text=s.text, reason=s.reason, source=s.source, included=s.included, custom=s.custom
                )
                for s in row.plan_steps
            ],
            feeding_plan=row.feeding_plan,
            follow_up=row.follow_up,
        ),
        billing=_billing(row.billing),
        status=row.status,
        id=row.id,
        version=row.version,
    )


def _billing(data: dict[str, Any] | None) -> VisitBilling | None:
    if data is None:
        return None
    try:
        return from_data(VisitBilling, data)
    except FormatError:  # written by a later version in a shape this one does not know: keep it unread
        return None


def _feeding_plan_data(plan: FeedingPlan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    data: dict[str, Any] = to_data(plan)
    data["notes"] = clean(plan.notes, multiline=True)
    return data


def feeding_plan_from_data(data: dict[str, Any] | None) -> FeedingPlan | None:
    if data is None:
        return None
    try:
        return from_data(FeedingPlan, data)
    except FormatError:  # written by a later version in a shape this one does not know: keep it unread
        return None


def assessment_from_row(a: BabyAssessmentRow) -> BabyAssessment:
    test_weight = None
    if a.test_pre_g is not None and a.test_post_g is not None:
        test_weight = TestWeight(
            pre_g=a.test_pre_g,
            post_g=a.test_post_g,
            scale_resolution_g=a.test_scale_resolution_g if a.test_scale_resolution_g is not None else 2.0,
            clothing_unchanged=bool(a.test_clothing_unchanged) if a.test_clothing_unchanged is not None else True,
        )
    return BabyAssessment(
        baby_id=a.baby_id,
        weight_g=a.weight_g,
        feeds=[
            FeedingObservation(
                side=f.side,
                positions_tried=list(f.positions_tried),
                positions_worked=list(f.positions_worked),
                effective_signs=list(f.effective_signs),
                ineffective_signs=list(f.ineffective_signs),
                nipple_after=f.nipple_after,
                latch=LatchScore(**{name: getattr(f, f"latch_{name}") for name in _LATCH_FIELDS}),
                duration_min=f.duration_min,
            )
            for f in a.feeds
        ],
        tongue=TongueAssessment(
            tool=a.tongue_tool,
            btat=BtatScore(**{name: getattr(a, f"btat_{name}") for name in _BTAT_FIELDS}),
            hazelbaker_appearance=a.hazelbaker_appearance,
            hazelbaker_function=a.hazelbaker_function,
            hazelbaker_unclassified=a.hazelbaker_unclassified,
            coryllos=a.coryllos,
            kotlow_mm=a.kotlow_mm,
            lip_tie=a.lip_tie,
            referral=a.referral,
            referral_date=a.referral_date,
        ),
        test_weight=test_weight,
        feeds_per_24h=a.feeds_per_24h,
        weak_suckle=a.weak_suckle,
        wet_diapers=a.wet_diapers,
        dirty_diapers=a.dirty_diapers,
        stool_colour=a.stool_colour,
        urates=a.urates,
        jaundice=a.jaundice,
        jaundice_onset_hours=a.jaundice_onset_hours,
        dark_urine=a.dark_urine,
        formula_fed=a.formula_fed,
        lethargy=a.lethargy,
        poor_feeding=a.poor_feeding,
        feeding_plan=feeding_plan_from_data(a.feeding_plan),
        id=a.id,
    )
