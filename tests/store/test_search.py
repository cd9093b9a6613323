"""Client search: the SQLite trigram index and PostgreSQL's LIKE give what a plain scan gives."""

from __future__ import annotations

import random
import re

import pytest

from consultapp.domain.records import Baby, Client
from consultapp.domain.text import digits, fold
from consultapp.store.repository import Repository
from consultapp.store.transfer import erase_client

GIVEN = ["Nguyễn Thị", "Zoë", "Amara", "Ana", "Siobhán", "王", "فاطمة", "Ole", "Bo", "Emma 🌸", "<b>Ana"]
FAMILY = ["Ánh", "O'Brien-Šimić", "Okafor", "Silva", "Ní Bhriain", "秀英", "الحداد", "Øster", "Li", "& Co</b>"]
BABIES = ["Bé Minh", "Leo", "Isla", "Kai", "Noor", "李小龍", ""]


def reference(clients: list[Client], query: str) -> list[str]:
    """What search means, by brute force: every folded word is in a name (or the phone's digits)."""
    out = []
    for c in clients:
        text = " ".join(fold(p) for p in (c.given_name, c.family_name, *(b.name for b in c.babies)) if p)
        squeezed = re.sub(r"['\u2019\-]", "", text)
        hay = f"{text} {squeezed} {digits(c.phone)}"
        if all(w in hay for w in fold(query).split()):
            out.append(c.full_name)
    return sorted(out)


@pytest.fixture
def population(repo: Repository) -> list[Client]:
    rng = random.Random(7)
    clients = []
    for i in range(60):
        babies = [Baby(rng.choice(BABIES) or f"Baby{i}")]
        client = Client(rng.choice(GIVEN), rng.choice(FAMILY), phone=f"555 01{i:02d}", babies=babies)
        clients.append(repo.save_client(client))
    return clients


QUERIES = ["", "a", "an", "ana", "nguyen", "NGUYỄN thi", "obrien", "o'brien", "simic", "šimić", "王", "秀英",
           "李小龍", "فاطمة", "oster", "øster", "bé", "be minh", "555 0107", "0107", "<b>", "&", "🌸", "zz", "li ole",
           "%", "_", "bhriain", "ní"]


@pytest.mark.parametrize("query", QUERIES)
def test_search_matches_a_plain_scan(repo: Repository, population: list[Client], query: str) -> None:
    found = sorted(c.full_name for c in repo.search_clients(query, limit=1000))
    assert found == reference(population, query)


def test_the_index_follows_edits_and_erasures(repo: Repository, population: list[Client]) -> None:
    target = population[0]
    assert target.id is not None
    target.given_name, target.family_name = "Renamed", "Qwxyz"
    repo.save_client(target)
    assert [c.id for c in repo.search_clients("qwxyz")] == [target.id]
    erase_client(repo.db, target.id)
    assert repo.search_clients("qwxyz") == []
