"""The records a consultant keeps, as plain dataclasses the forms edit and the documents read.

Split by kind: ``practice`` (letterhead, settings, consultants), ``client`` (the parent and her babies),
``assessment`` and ``breast`` (what was observed), ``visit`` (the visit itself, its plan edits and status),
``billing`` (a visit's superbill codes), ``views`` (list rows) and ``documents`` (amendments, drafts, issued
documents). Import the names from here.
"""

from __future__ import annotations

from consultapp.domain.records.assessment import BabyAssessment, FeedingObservation, TestWeight, TongueAssessment
from consultapp.domain.records.billing import BillingLine, ServiceEntry, VisitBilling
from consultapp.domain.records.breast import BreastFinding, BreastMapFinding, BreastSideExam, NippleExam
from consultapp.domain.records.client import (
    Baby,
    CareContact,
    Client,
    ClientStatus,
    Consents,
    ContactRole,
    Insurance,
    LactationHistory,
)
from consultapp.domain.records.documents import Amendment, Draft, FieldChange, IssuedDocument
from consultapp.domain.records.feeding_plan import ExpressMethod, FeedingPlan, Supplement, SupplementMethod
from consultapp.domain.records.practice import BillingIdentifiers, Consultant, Practice, PracticeSettings, Role
from consultapp.domain.records.views import ClientSummary, EarlierWeighings, VisitRecords, VisitSummary
from consultapp.domain.records.visit import ChosenStep, ParentState, PlanEdits, Visit, VisitStatus

__all__ = [
    "Amendment",
    "Baby",
    "BabyAssessment",
    "BillingIdentifiers",
    "BillingLine",
    "BreastFinding",
    "BreastMapFinding",
    "BreastSideExam",
    "CareContact",
    "ChosenStep",
    "Client",
    "ClientStatus",
    "ClientSummary",
    "EarlierWeighings",
    "Consents",
    "Consultant",
    "ContactRole",
    "Draft",
    "ExpressMethod",
    "FeedingObservation",
    "FeedingPlan",
    "FieldChange",
    "Insurance",
    "IssuedDocument",
    "LactationHistory",
    "NippleExam",
    "ParentState",
    "PlanEdits",
    "Practice",
    "PracticeSettings",
    "Role",
    "ServiceEntry",
    "Supplement",
    "SupplementMethod",
    "TestWeight",
    "TongueAssessment",
    "Visit",
    "VisitBilling",
    "VisitStatus",
    "VisitRecords",
    "VisitSummary",
]
