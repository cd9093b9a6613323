"""The codes chosen for a visit's superbill: diagnoses and services per person."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass
class ServiceEntry:
    """A procedure (CPT/HCPCS) code billed, with units and the fee per unit (text, e.g. "95.00"; "" = list fee)."""

    code: str
    units: int = 1
    fee: str = ""


@dataclass
class BillingLine:
    """One person on the superbill: the parent (baby_id None) or one baby, with codes."""

    baby_id: uuid.UUID | None = None
    diagnoses: list[str] = field(default_factory=list)
    services: list[ServiceEntry] = field(default_factory=list)


@dataclass
class VisitBilling:
    """The codes chosen for a visit's superbill, and the code list version they come from."""

    code_list_version: str = ""
    lines: list[BillingLine] = field(default_factory=list)
