"""One wording per practice (issue 18 point 3): both topics set together, read back as one."""

from __future__ import annotations

import pytest

from consultapp.domain.records import PracticeSettings
from consultapp.domain.vocabulary import PlanVariant


@pytest.mark.parametrize("variant", list(PlanVariant))
def test_with_wording_sets_both_topics(variant: PlanVariant) -> None:
    mixed = PracticeSettings(clogged_duct_variant=PlanVariant.ABM36, mastitis_variant=PlanVariant.SOURCE_DOCUMENT)
    chosen = mixed.with_wording(variant)
    assert chosen.clogged_duct_variant is chosen.mastitis_variant is variant
    assert chosen.wording is variant
    assert chosen.thresholds == mixed.thresholds and chosen.paper == mixed.paper


def test_the_source_document_is_the_default() -> None:
    assert PracticeSettings().wording is PlanVariant.SOURCE_DOCUMENT
