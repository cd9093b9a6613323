"""SQLAlchemy 2 typed models. Every record has a UUID key, created/updated times and a version."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, MetaData, SmallInteger, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from consultapp.store.types import UTCDateTime, utcnow

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

    babies: Mapped[list[BabyRow]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="BabyRow.birth_order"
    )
    visits: Mapped[list[VisitRow]] = relationship(back_populates="client", cascade="all, delete-orphan")


class BabyRow(RecordMixin, Base):
    __tablename__ = "baby"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    birth_weight_g: Mapped[int | None] = mapped_column(Integer)
    birth_order: Mapped[int] = mapped_column(SmallInteger, default=1)

    client: Mapped[ClientRow] = relationship(back_populates="babies")


class VisitRow(RecordMixin, Base):
    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_client_date", "client_id", "visit_date"),)

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    visit_date: Mapped[dt.date] = mapped_column(Date, index=True)
    location: Mapped[str] = mapped_column(String(20), default="home")
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    breast_concern: Mapped[str | None] = mapped_column(String(30))
    breast_side: Mapped[str | None] = mapped_column(String(10))
    breast_signs: Mapped[list[str]] = mapped_column(JSON, default=list)

    client: Mapped[ClientRow] = relationship(back_populates="visits")
    assessments: Mapped[list[BabyAssessmentRow]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )


class BabyAssessmentRow(RecordMixin, Base):
    __tablename__ = "baby_assessment"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    baby_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("baby.id", ondelete="CASCADE"), index=True)
    weight_g: Mapped[int | None] = mapped_column(Integer)
    positions: Mapped[list[str]] = mapped_column(JSON, default=list)
    latch_latch: Mapped[int | None] = mapped_column(SmallInteger)
    latch_audible: Mapped[int | None] = mapped_column(SmallInteger)
    latch_nipple_type: Mapped[int | None] = mapped_column(SmallInteger)
    latch_comfort: Mapped[int | None] = mapped_column(SmallInteger)
    latch_hold: Mapped[int | None] = mapped_column(SmallInteger)
    btat_tip: Mapped[int | None] = mapped_column(SmallInteger)
    btat_frenulum: Mapped[int | None] = mapped_column(SmallInteger)
    btat_lift: Mapped[int | None] = mapped_column(SmallInteger)
    btat_protrusion: Mapped[int | None] = mapped_column(SmallInteger)

    visit: Mapped[VisitRow] = relationship(back_populates="assessments")
