"""SQLAlchemy 2 typed models. Every record has a UUID key, created/updated times and a version."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from consultapp.domain.output import StoolColour
from consultapp.domain.photos import PhotoKind
from consultapp.domain.records import ClientStatus, ContactRole, Role, VisitStatus
from consultapp.domain.tongue import CoryllosType
from consultapp.domain.vocabulary import (
    BreastConcern,
    DeliveryMode,
    EffectiveSign,
    FindingKind,
    IneffectiveSign,
    Location,
    MaternalCondition,
    NippleDamage,
    NippleShape,
    NippleSign,
    Position,
    Sex,
    Side,
    Sign,
    SpectrumCondition,
    TongueTool,
)
from consultapp.store.types import StrEnumList, StrEnumType, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """UUID key, timestamps and an optimistic-concurrency version on every record."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # Who made the record and who last changed it (the consultant working; set by store/stamps.py).
    created_by: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[str] = mapped_column(String(200), default="")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # The version column makes every UPDATE conditional on the version that was read.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class PracticeRow(RecordMixin, Base):
    __tablename__ = "practice"

    name: Mapped[str] = mapped_column(String(200), default="")
    consultant_name: Mapped[str] = mapped_column(String(200), default="")
    credentials: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    fax: Mapped[str] = mapped_column(String(100), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    identifiers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    offline_max_days: Mapped[int] = mapped_column(Integer, default=14, server_default="14")


class ClientRow(RecordMixin, Base):
    __tablename__ = "client"

    given_name: Mapped[str] = mapped_column(String(300))
    family_name: Mapped[str] = mapped_column(String(300), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    # Lower-cased, accent-folded names of the parent and her babies plus phone digits, for search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(300), default="", index=True)
    history_breast_surgery: Mapped[str] = mapped_column(Text, default="")
    history_previous_mastitis: Mapped[bool] = mapped_column(Boolean, default=False)
    history_previous_breastfeeding: Mapped[str] = mapped_column(Text, default="")
    history_medications: Mapped[str] = mapped_column(Text, default="")
    history_notes: Mapped[str] = mapped_column(Text, default="")
    history_conditions: Mapped[list[MaternalCondition]] = mapped_column(StrEnumList(MaternalCondition), default=list)
    preferred_name: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(100), default="")
    access_notes: Mapped[str] = mapped_column(Text, default="")
    insurance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    consent_care: Mapped[dt.date | None] = mapped_column(Date)
    consent_photos: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ClientStatus] = mapped_column(StrEnumType(ClientStatus, 20), default=ClientStatus.ACTIVE)
    assigned_to: Mapped[uuid.UUID | None] = mapped_column(index=True)  # her consultant's id (offline caseload)

    babies: Mapped[list[BabyRow]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="BabyRow.birth_order"
    )
    visits: Mapped[list[VisitRow]] = relationship(back_populates="client", cascade="all, delete-orphan")
    contacts: Mapped[list[CareContactRow]] = relationship(
        cascade="all, delete-orphan", order_by="CareContactRow.ordinal", passive_deletes=True
    )


class BabyRow(RecordMixin, Base):
    __tablename__ = "baby"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    birth_weight_g: Mapped[int | None] = mapped_column(Integer)
    birth_order: Mapped[int] = mapped_column(SmallInteger, default=1)
    sex: Mapped[Sex | None] = mapped_column(StrEnumType(Sex, 20))
    gestational_age_days: Mapped[int | None] = mapped_column(SmallInteger)
    delivery_mode: Mapped[DeliveryMode | None] = mapped_column(StrEnumType(DeliveryMode, 30))
    birth_time: Mapped[dt.time | None] = mapped_column(Time)

    client: Mapped[ClientRow] = relationship(back_populates="babies")


class VisitRow(RecordMixin, Base):
    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_client_date", "client_id", "visit_date"),)

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    visit_date: Mapped[dt.date] = mapped_column(Date, index=True)
    visit_time: Mapped[dt.time | None] = mapped_column(Time)
    location: Mapped[Location] = mapped_column(StrEnumType(Location, 20), default=Location.HOME)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[VisitStatus] = mapped_column(StrEnumType(VisitStatus, 20), default=VisitStatus.DRAFT)
    breast_concern: Mapped[BreastConcern | None] = mapped_column(StrEnumType(BreastConcern, 30))
    breast_side: Mapped[Side | None] = mapped_column(StrEnumType(Side, 10))
    breast_signs: Mapped[list[Sign]] = mapped_column(StrEnumList(Sign), default=list)
    # The parent's state: one column each, so that later queries and trends can read them.
    parent_temperature_c: Mapped[float | None] = mapped_column(Float)
    parent_chills: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_flu_like: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_unrested: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_sudden_stop: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_long_gaps: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_pressure_on_breast: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_pumping: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_spreading_redness: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_confusion: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_fast_heart_rate: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_fluctuant_or_persisting_lump: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_worse_after_antibiotics: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_lump_after_episode: Mapped[bool] = mapped_column(Boolean, default=False)
    feeding_plan: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[dt.date | None] = mapped_column(Date, index=True)
    billing: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    finalized_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    finalized_by: Mapped[str] = mapped_column(String(200), default="")

    client: Mapped[ClientRow] = relationship(back_populates="visits")
    assessments: Mapped[list[BabyAssessmentRow]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )
    map_findings: Mapped[list[BreastMapFindingRow]] = relationship(
        cascade="all, delete-orphan", order_by="BreastMapFindingRow.ordinal"
    )
    breast_sides: Mapped[list[BreastSideExamRow]] = relationship(cascade="all, delete-orphan")
    nipples: Mapped[list[NippleExamRow]] = relationship(cascade="all, delete-orphan")
    plan_steps: Mapped[list[PlanStepRow]] = relationship(
        cascade="all, delete-orphan", order_by="PlanStepRow.ordinal"
    )
    amendments: Mapped[list[VisitAmendmentRow]] = relationship(
        cascade="all, delete-orphan", order_by="VisitAmendmentRow.at"
    )


class BabyAssessmentRow(RecordMixin, Base):
    __tablename__ = "baby_assessment"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    baby_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("baby.id", ondelete="CASCADE"), index=True)
    weight_g: Mapped[int | None] = mapped_column(Integer)
    feeds_per_24h: Mapped[int | None] = mapped_column(SmallInteger)
    weak_suckle: Mapped[bool] = mapped_column(Boolean, default=False)
    wet_diapers: Mapped[int | None] = mapped_column(SmallInteger)
    dirty_diapers: Mapped[int | None] = mapped_column(SmallInteger)
    stool_colour: Mapped[StoolColour | None] = mapped_column(StrEnumType(StoolColour, 20))
    urates: Mapped[bool] = mapped_column(Boolean, default=False)
    jaundice: Mapped[bool] = mapped_column(Boolean, default=False)
    jaundice_onset_hours: Mapped[int | None] = mapped_column(Integer)
    dark_urine: Mapped[bool] = mapped_column(Boolean, default=False)
    formula_fed: Mapped[bool] = mapped_column(Boolean, default=False)
    lethargy: Mapped[bool] = mapped_column(Boolean, default=False)
    poor_feeding: Mapped[bool] = mapped_column(Boolean, default=False)
    test_pre_g: Mapped[int | None] = mapped_column(Integer)
    test_post_g: Mapped[int | None] = mapped_column(Integer)
    test_scale_resolution_g: Mapped[float | None] = mapped_column(Float)
    test_clothing_unchanged: Mapped[bool | None] = mapped_column(Boolean)
    tongue_tool: Mapped[TongueTool] = mapped_column(StrEnumType(TongueTool, 10), default=TongueTool.BTAT)
    btat_tip: Mapped[int | None] = mapped_column(SmallInteger)
    btat_frenulum: Mapped[int | None] = mapped_column(SmallInteger)
    btat_lift: Mapped[int | None] = mapped_column(SmallInteger)
    btat_protrusion: Mapped[int | None] = mapped_column(SmallInteger)
    hazelbaker_appearance: Mapped[int | None] = mapped_column(SmallInteger)
    hazelbaker_function: Mapped[int | None] = mapped_column(SmallInteger)
    hazelbaker_unclassified: Mapped[bool] = mapped_column(Boolean, default=False)
    coryllos: Mapped[CoryllosType | None] = mapped_column(StrEnumType(CoryllosType, 5))
    kotlow_mm: Mapped[float | None] = mapped_column(Float)
    lip_tie: Mapped[str] = mapped_column(Text, default="")
    referral: Mapped[str] = mapped_column(Text, default="")
    referral_date: Mapped[dt.date | None] = mapped_column(Date)
    # The consultant's feeding plan for the baby (domain FeedingPlan as data); null: as the engine suggests.
    feeding_plan: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    visit: Mapped[VisitRow] = relationship(back_populates="assessments")
    feeds: Mapped[list[FeedingObservationRow]] = relationship(
        cascade="all, delete-orphan", order_by="FeedingObservationRow.ordinal"
    )


class FeedingObservationRow(RecordMixin, Base):
    """One observed feed of one baby at a visit, per side."""

    __tablename__ = "feeding_observation"

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("baby_assessment.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(SmallInteger, default=0)
    side: Mapped[Side | None] = mapped_column(StrEnumType(Side, 10))
    positions_tried: Mapped[list[Position]] = mapped_column(StrEnumList(Position), default=list)
    positions_worked: Mapped[list[Position]] = mapped_column(StrEnumList(Position), default=list)
    effective_signs: Mapped[list[EffectiveSign]] = mapped_column(StrEnumList(EffectiveSign), default=list)
    ineffective_signs: Mapped[list[IneffectiveSign]] = mapped_column(StrEnumList(IneffectiveSign), default=list)
    nipple_after: Mapped[NippleShape | None] = mapped_column(StrEnumType(NippleShape, 20))
    latch_latch: Mapped[int | None] = mapped_column(SmallInteger)
    latch_audible: Mapped[int | None] = mapped_column(SmallInteger)
    latch_nipple_type: Mapped[int | None] = mapped_column(SmallInteger)
    latch_comfort: Mapped[int | None] = mapped_column(SmallInteger)
    latch_hold: Mapped[int | None] = mapped_column(SmallInteger)
    duration_min: Mapped[int | None] = mapped_column(SmallInteger)


class BreastMapFindingRow(RecordMixin, Base):
    __tablename__ = "breast_map_finding"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(SmallInteger, default=0)
    side: Mapped[Side] = mapped_column(StrEnumType(Side, 10))
    kind: Mapped[FindingKind] = mapped_column(StrEnumType(FindingKind, 20))
    clock: Mapped[int] = mapped_column(SmallInteger)
    distance_cm: Mapped[float | None] = mapped_column(Float)
    size_cm: Mapped[float | None] = mapped_column(Float)
    nipple_damage: Mapped[NippleDamage | None] = mapped_column(StrEnumType(NippleDamage, 20))


class BreastSideExamRow(RecordMixin, Base):
    __tablename__ = "breast_side_exam"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    side: Mapped[Side] = mapped_column(StrEnumType(Side, 10))
    pain: Mapped[int | None] = mapped_column(SmallInteger)
    engorgement: Mapped[bool] = mapped_column(Boolean, default=False)
    condition: Mapped[SpectrumCondition | None] = mapped_column(StrEnumType(SpectrumCondition, 30))


class NippleExamRow(RecordMixin, Base):
    """One nipple at a visit: pain at latch and during the feed (0-10), the damage seen, refer signs."""

    __tablename__ = "nipple_exam"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    side: Mapped[Side] = mapped_column(StrEnumType(Side, 10))
    pain_at_latch: Mapped[int | None] = mapped_column(SmallInteger)
    pain_during_feed: Mapped[int | None] = mapped_column(SmallInteger)
    signs: Mapped[list[NippleSign]] = mapped_column(StrEnumList(NippleSign), default=list)
    pain_days: Mapped[int | None] = mapped_column(Integer)
    pus: Mapped[bool] = mapped_column(Boolean, default=False)
    not_healing: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanStepRow(RecordMixin, Base):
    """A care-plan step as the consultant left it (ticked or not, in her order, or her own)."""

    __tablename__ = "plan_step"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(SmallInteger, default=0)
    key: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    included: Mapped[bool] = mapped_column(Boolean, default=True)
    custom: Mapped[bool] = mapped_column(Boolean, default=False)


class VisitAmendmentRow(RecordMixin, Base):
    """A change made to a visit after it was marked final: when, by whom, and what changed."""

    __tablename__ = "visit_amendment"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    author: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class DraftRow(RecordMixin, Base):
    """Unsaved typing of an open visit, kept so a crash or power loss loses only seconds of work."""

    __tablename__ = "visit_draft"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[uuid.UUID | None] = mapped_column()
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class IssuedDocumentRow(RecordMixin, Base):
    """A document as it was handed over: the exact bytes, their hash, who and when."""

    __tablename__ = "issued_document"
    __table_args__ = (Index("ix_issued_document_client_issued", "client_id", "issued_at"),)

    kind: Mapped[str] = mapped_column(String(40))
    client_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visit.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    filename: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    issued_by: Mapped[str] = mapped_column(String(200), default="")


class PracticeHandoutRow(RecordMixin, Base):
    """A handout written or edited by the practice; shipped handouts stay read-only in resources/."""

    __tablename__ = "practice_handout"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AuditEntryRow(Base):
    """One entry of the append-only audit log; each carries the hash of the one before it.

    Entries name records by id only: an audit log outlives an erased client and must hold no
    name, date of birth or note.
    """

    __tablename__ = "audit_entry"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    user: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(30))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(64), default="")
    client_id: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # "sha256": an entry from before the chain was keyed; "hmac-sha256": keyed with the practice's audit key.
    alg: Mapped[str] = mapped_column(String(20), default="sha256")


class AuditHeadRow(Base):
    """The newest entry's number and hash: locked while an entry is added, so the chain stays a line."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class AuditKeyRow(Base):
    """The audit chain's HMAC-SHA-256 key, one row: as safe as the data in an encrypted file, readable on a server
    by the owner role (and its SECURITY DEFINER functions) only, never a consultant; in clear in a plain file."""

    __tablename__ = "audit_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[bytes] = mapped_column(LargeBinary)


class ConsultantRow(RecordMixin, Base):
    """A consultant of the practice (a user, with credentials and a role). On a server she logs in with her own
    database role (``db_role``), which the app knows her by; disabling her keeps her name on what she wrote."""

    __tablename__ = "consultant"

    name: Mapped[str] = mapped_column(String(200))
    credentials: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(StrEnumType(Role, 20), default=Role.CONSULTANT)
    db_role: Mapped[str | None] = mapped_column(String(63), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CareContactRow(RecordMixin, Base):
    """Another clinician of the family (paediatrician, physician...), for the parent or for one or more babies.

    ``baby_ids`` lists the ids (UUID text) of the babies this clinician sees; an id whose baby is gone is left
    out when read (store.mapping)."""

    __tablename__ = "care_contact"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    baby_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    ordinal: Mapped[int] = mapped_column(SmallInteger, default=0)
    role: Mapped[ContactRole] = mapped_column(StrEnumType(ContactRole, 30))
    name: Mapped[str] = mapped_column(String(300))
    practice: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    fax: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(Text, default="")


class PracticeCodeListRow(RecordMixin, Base):
    """The practice's own copy of a code list (its fees, its labels), with a version of its own."""

    __tablename__ = "practice_code_list"

    version_name: Mapped[str] = mapped_column(String(100), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class PhotoRow(RecordMixin, Base):
    """A visit's photo (stripped, oriented) and thumbnail; a baby's (``baby_id``) or the parent's (``side``);
    ``on_plan``: ticked for the family's care plan (never printed there otherwise)."""

    __tablename__ = "photo"
    __table_args__ = (Index("ix_photo_visit_ordinal", "visit_id", "ordinal"),)

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"))
    baby_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("baby.id", ondelete="SET NULL"))
    side: Mapped[Side | None] = mapped_column(StrEnumType(Side, 10))
    kind: Mapped[PhotoKind] = mapped_column(StrEnumType(PhotoKind, 20))
    caption: Mapped[str] = mapped_column(Text, default="")
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    mime: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    on_plan: Mapped[bool] = mapped_column(Boolean, default=False)


class OfflineDeviceRow(Base):
    """A laptop holding a consultant's offline copy (an admin revokes a lost one); written only by the server's
    device functions (store/offline/server_sql.py)."""

    __tablename__ = "offline_device"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    consultant_id: Mapped[uuid.UUID | None] = mapped_column()
    login: Mapped[str] = mapped_column(String(63))
    label: Mapped[str] = mapped_column(String(200), default="", server_default="")
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_contact_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


class OfflineAppliedRow(Base):
    """The key of one change a sync applied (its outbox entry's id): sending it again applies nothing."""

    __tablename__ = "offline_applied"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column()
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
