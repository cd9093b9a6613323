"""Deterministic, synthetic demo families (no real people), each a small clinical story whose findings match its reason.

The stories follow CLINICAL.md: a clogged duct (the lump on the breast map at the side and clock position the reason
names), mastitis (38.5 °C or more with breast signs), a tongue tie (BTAT 5 or less and a referral), a baby losing
weight on a supplement plan, a late-preterm baby, twins (twin positions only for them), sore cracked nipples,
engorgement, supply questions and a return to work. Weights follow a curve for the day of life (a loss to day 2-3,
birth weight back by day 6-9, then 25-38 g a day); diapers meet the norm for the day of life unless the story is
about low intake (``stories``). The first families tell every story once before any story repeats.

Dates are relative to ``today``: the first family is seen today, the second has an overdue follow-up, and so on in
``TIMINGS``. Everything is drawn from one ``random.Random(seed)`` in an order that does not depend on ``today``, so
the same seed gives the same ids on any day and the same data, byte for byte, for the same ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from consultapp.domain.demo.stories import TELLERS, Family, new_uuid
from consultapp.domain.records import CareContact, Client, ClientStatus, Consents, Practice, Visit

# -- names and words (the benchmark's generator, consultapp.bench.practice, draws from these too) -------------
GIVEN_NAMES = (
    "Amara", "Sofia", "Mei", "Aisha", "Olivia", "Priya", "Zoë", "Fatima", "Hana", "Lucía", "Ngozi", "Emma",
    "Yuki", "Leila", "Chloé", "Ana", "Thảo", "Ingrid", "Maya", "Noor", "Grace", "Elif", "Camila", "Sarah",
    "Aroha", "Isabel", "Kateryna", "Joanna", "Siobhán", "Rania",
)
FAMILY_NAMES = (
    "Okafor", "García", "Chen", "Nguyễn", "Smith", "Patel", "Müller", "Haddad", "Kowalski", "Tanaka",
    "O'Brien", "Rossi", "Novák", "Johansson", "Silva", "Kim", "Mensah", "Dubois", "Ivanova", "Cohen",
    "Hernández", "Yılmaz", "Murphy", "Nakamura", "Abebe", "Lindqvist", "Costa", "Šimić", "Walker", "Fernández",
)
BABY_NAMES = (
    "Noah", "Ava", "Leo", "Mia", "Kai", "Ella", "Omar", "Lina", "Theo", "Isla", "Yusuf", "Aria", "Finn",
    "Zara", "Ezra", "Nia", "Luca", "Ivy", "Sami", "Rose", "Tomás", "Mila", "Arjun", "Elena", "Ren",
)
STREETS = ("Elm Street", "Harbour Road", "Mill Lane", "Station Avenue", "Orchard Close", "Park Terrace")
REASONS = (
    "Sore nipples and a shallow latch",
    "Baby not gaining weight; check feeding",
    "Painful lump in the breast",
    "Engorgement, day 4",
    "Questions about milk supply",
    "Tongue-tie assessment",
    "Follow-up after last visit",
    "Return to work: planning feeds",
)
"""Reasons of the benchmark's generator (its visits carry no findings); the demo words its own from its stories."""

# Names in other scripts and with punctuation: the demo's families use these as well as the lists above.
CJK_NAMES = (("美玲", "陈"), ("さくら", "佐藤"), ("서연", "김"), ("芳", "王"), ("陽菜", "高橋"))
CJK_BABY_NAMES = ("美咲", "陽翔", "小宝", "지우", "悠真")
ARABIC_NAMES = (("فاطمة", "حداد"), ("مريم", "الأحمد"), ("ليلى", "منصور"), ("نور", "الخوري"))
ARABIC_BABY_NAMES = ("يوسف", "سلمى", "آدم", "زين")
APOSTROPHE_FAMILY_NAMES = ("O'Brien", "D'Souza", "N'Diaye", "O'Connor", "D'Angelo")
NAME_STYLES = ("accented", "cjk", "arabic", "apostrophe", "ampersand", "plain")
_STYLE_WEIGHTS = (3, 1, 1, 1, 1, 5)
PAEDIATRICIANS = ("Dr Amal Rahman", "Dr Peter Lindqvist", "Dr Grace Mensah", "Dr Tomasz Wójcik", "Dr Hana Kobayashi")

DEMO_PRACTICE = Practice(
    name="Riverside Lactation Care (demo)",
    consultant_name="Jo Example",
    credentials="IBCLC",
    address="1 Demo Street, Sampletown",
    phone="555-0100",
    email="hello@example.org",
)

ANCHOR_DATE = dt.date(2026, 6, 1)
"""The fixed date the benchmark's generator counts from (its data stays identical from run to run); the demo
counts from ``today``."""

STORIES = (
    "lump", "mastitis", "tongue_tie", "slow_weight", "late_preterm", "twins", "sore_nipples", "engorgement",
    "supply", "return_to_work",
)
_STORY_WEIGHTS = (3, 2, 2, 2, 1, 1, 3, 2, 3, 2)
TIMINGS = ("today", "overdue", "upcoming", "past", "today", "upcoming", "overdue", "past")
"""Where each family's last visit lies, family by family: today; in the past with its follow-up date passed
(overdue); in the past with the follow-up today or later (upcoming); or long past, the family discharged."""


@dataclass(frozen=True)
class DemoFamily:
    client: Client
    visits: tuple[Visit, ...]


# -- families -------------------------------------------------------------------------------------------------
def _names(rng: random.Random, style: str) -> tuple[str, str, tuple[str, ...]]:
    """Given name, family name and the baby names to draw from, in the style's script and punctuation."""
    if style == "cjk":
        given, family = rng.choice(CJK_NAMES)
        return given, family, CJK_BABY_NAMES
    if style == "arabic":
        given, family = rng.choice(ARABIC_NAMES)
        return given, family, ARABIC_BABY_NAMES
    if style == "accented":
        given = rng.choice([n for n in GIVEN_NAMES if not n.isascii()])
        return given, rng.choice([n for n in FAMILY_NAMES if not n.isascii()]), BABY_NAMES
    given = rng.choice(GIVEN_NAMES)
    if style == "apostrophe":
        return given, rng.choice(APOSTROPHE_FAMILY_NAMES), BABY_NAMES
    if style == "ampersand":
        one, other = rng.sample(FAMILY_NAMES, k=2)
        return given, f"{one} & {other}", BABY_NAMES
    return given, rng.choice([n for n in FAMILY_NAMES if n.isascii()]), BABY_NAMES


def _last_visit(rng: random.Random, timing: str, gap: int, today: dt.date) -> tuple[dt.date, dt.date | None]:
    """The last visit's date and its follow-up date, for the family's timing (draws the same on any day)."""
    back = rng.randint(1, 10)
    if timing == "today":
        return today, today + dt.timedelta(days=gap)
    if timing == "overdue":
        last = today - dt.timedelta(days=gap + back)
    elif timing == "upcoming":
        last = today - dt.timedelta(days=min(back, gap))
    else:  # past: the family was discharged at its last visit
        return today - dt.timedelta(days=7 * back), None
    return last, last + dt.timedelta(days=gap)


def _family(rng: random.Random, story: str, style: str, timing: str, today: dt.date, photos: bool) -> DemoFamily:
    given, family_name, baby_names = _names(rng, style)
    f = Family(rng, closing=timing == "past", client_id=new_uuid(rng))
    TELLERS[story](f, baby_names)
    last, follow_up = _last_visit(rng, timing, f.gap, today)
    birth = last - dt.timedelta(days=f.ages[-1])
    for baby in f.babies:
        baby.date_of_birth = birth
    for visit, age in zip(f.visits, f.ages, strict=True):
        visit.visit_date = birth + dt.timedelta(days=age)
        for a in visit.assessments:
            if a.tongue.referral:
                a.tongue.referral_date = visit.visit_date
    for earlier, later in zip(f.visits, f.visits[1:], strict=False):
        earlier.plan.follow_up = later.visit_date
    f.visits[-1].plan.follow_up = follow_up
    doctor = rng.choice(PAEDIATRICIANS)
    if rng.random() < 0.7:  # the paediatrician of each baby (one contact per baby, as the record holds them)
        f.contacts += [CareContact(doctor, practice="Sampletown Children's Clinic", phone="555-0142", fax="555-0143",
                                   baby_ids=(b.id,) if b.id else ()) for b in f.babies]
    if rng.random() < 0.4:
        f.history.previous_breastfeeding = f"Breastfed her first child for {rng.randint(2, 14)} months"
    first = f.visits[0].visit_date
    mother_age = rng.randint(21, 41)
    client = Client(
        given_name=given,
        family_name=family_name,
        date_of_birth=dt.date(birth.year - mother_age, rng.randint(1, 12), rng.randint(1, 28)),
        phone=f"555-{rng.randint(100, 999):03d}-{rng.randint(0, 9999):04d}",
        address=f"{rng.randint(1, 240)} {rng.choice(STREETS)}, Sampletown",
        babies=f.babies,
        history=f.history,
        consents=Consents(care=first, photos=first if photos else None),
        status=ClientStatus.DISCHARGED if follow_up is None else ClientStatus.ACTIVE,
        contacts=f.contacts,
        id=f.client_id,
    )
    return DemoFamily(client, tuple(f.visits))


def demo_families(count: int, seed: int = 1, today: dt.date | None = None) -> Iterator[DemoFamily]:
    """Yield ``count`` synthetic families, each a small clinical story of 1-4 visits dated around ``today``.

    The first ``len(STORIES)`` families tell every story once (in an order drawn from ``seed``), the first
    ``len(NAME_STYLES)`` use every name style once; family ``i`` has the timing ``TIMINGS[i % len(TIMINGS)]``
    (so the first is seen today and the second has an overdue follow-up), and every other family gave
    consent to photos. The same ``seed`` and ``today`` give the same families, byte for byte.
    """
    today = today or dt.date.today()
    rng = random.Random(seed)
    stories = rng.sample(STORIES, k=len(STORIES))
    styles = rng.sample(NAME_STYLES, k=len(NAME_STYLES))
    for i in range(count):
        story = stories[i] if i < len(stories) else rng.choices(STORIES, weights=_STORY_WEIGHTS)[0]
        style = styles[i] if i < len(styles) else rng.choices(NAME_STYLES, weights=_STYLE_WEIGHTS)[0]
        yield _family(rng, story, style, TIMINGS[i % len(TIMINGS)], today, photos=i % 2 == 0)
