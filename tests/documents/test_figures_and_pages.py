"""Care-plan pictures (breast map, weight chart), the page templates (logo, paper, page numbers)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from doc_helpers import (
    CLOGGED,
    EARLIER,
    LUMP_AT_2,
    MASTITIS,
    PRACTICE,
    folded,
    make_client,
    make_visit,
    page_sizes,
    pdf_text,
    right_to_left,
)
from PIL import Image
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.pagesizes import A4, LETTER

from consultapp.documents import careplan
from consultapp.documents.figures import MAP_NOTE, breast_map_drawing, weight_chart_drawing
from consultapp.documents.templates import logo_flowable, page_size
from consultapp.domain import plan_figures
from consultapp.domain.breastmap import clock_to_point
from consultapp.domain.careplan import SECTION_MASTITIS, build_care_plan
from consultapp.domain.charts import weight_chart
from consultapp.domain.records import BreastMapFinding
from consultapp.domain.units import WeightUnit
from consultapp.domain.vocabulary import FindingKind, Side


def plan_pdf(visit_kwargs: dict[str, object] | None = None, earlier: dict | None = None, **render: object) -> bytes:
    client = make_client()
    visit = make_visit(**(visit_kwargs or {}))  # type: ignore[arg-type]
    plan = build_care_plan(PRACTICE, client, visit, earlier_weighings=earlier)
    plan = dataclasses.replace(plan, figures=plan_figures.figures_for_visit(client, visit, PRACTICE.settings, earlier))
    return careplan.render_bytes(plan, invariant=True, **render)  # type: ignore[arg-type]


def strings(drawing: Drawing) -> list[String]:
    found: list[String] = []

    def walk(node: object) -> None:
        if isinstance(node, String):
            found.append(node)
        for child in getattr(node, "contents", []):
            walk(child)

    walk(drawing)
    return found


def test_breast_map_printed_when_findings_were_placed() -> None:
    text = pdf_text(plan_pdf({"finding": MASTITIS, "map_findings": (LUMP_AT_2,)}))
    assert "Your right breast" in text and "Your left breast" in text
    assert MAP_NOTE in text
    assert "1 Lump" in text  # the legend: number and kind


def test_no_breast_map_without_placed_findings() -> None:
    text = pdf_text(plan_pdf({"finding": MASTITIS}))
    assert "Your right breast" not in text and MAP_NOTE not in text


def test_map_puts_her_right_breast_on_the_left_and_the_finding_at_its_clock_position() -> None:
    finding = BreastMapFinding(Side.LEFT, FindingKind.LUMP, 3, 10)
    drawing = breast_map_drawing([finding])
    captions = {s.text: s.x for s in strings(drawing) if "breast" in s.text}
    assert captions["Your right breast"] < captions["Your left breast"]
    number = next(s for s in strings(drawing) if s.text == "1")
    # 3 o'clock on her left breast: right of that breast's centre, at the nipple's height.
    assert number.x > captions["Your left breast"]
    point = clock_to_point(3, 10)
    assert (point.x, point.y) == (1.0, 0.0)


def test_weight_chart_printed_from_two_weighings() -> None:
    text = pdf_text(plan_pdf(earlier=EARLIER))
    assert "Your baby's weight" in text
    assert "Days since birth" in text and "Birth weight" in text and "7% below" in text and "10% below" in text


def test_weight_chart_needs_a_date_of_birth_and_two_weighings() -> None:
    client = make_client()
    visit = make_visit()
    assert len(plan_figures.figures_for_visit(client, visit, PRACTICE.settings).weight_charts) == 1  # birth + today
    client.babies[0].birth_weight_g = None
    assert plan_figures.figures_for_visit(client, visit, PRACTICE.settings).weight_charts == ()  # one weighing
    assert len(plan_figures.figures_for_visit(client, visit, PRACTICE.settings, EARLIER).weight_charts) == 1
    client.babies[0].date_of_birth = None
    assert plan_figures.figures_for_visit(client, visit, PRACTICE.settings, EARLIER).weight_charts == ()


def test_weight_chart_uses_the_shared_chart_data_and_the_practice_unit() -> None:
    chart = weight_chart(dt.date(2026, 11, 20), 3400, [(dt.date(2026, 11, 23), 3150), (dt.date(2026, 11, 26), 3060)])
    labels = [s.text for s in strings(weight_chart_drawing(chart, WeightUnit.LB_OZ, "Leo"))]
    assert any("lb" in label and "oz" in label for label in labels)
    assert "Leo" in labels
    grams = [s.text for s in strings(weight_chart_drawing(chart, WeightUnit.G))]
    assert "3060 g" in grams  # the last weighing is labelled


def test_only_a_clogged_duct_gives_no_mastitis_section() -> None:
    text = pdf_text(plan_pdf({"finding": CLOGGED}))
    assert "Clearing the clogged duct" in text
    assert SECTION_MASTITIS not in text


def test_care_plan_with_figures_invariant_build_is_byte_identical() -> None:
    kwargs = {"finding": MASTITIS, "map_findings": (LUMP_AT_2,)}
    assert plan_pdf(kwargs, EARLIER) == plan_pdf(kwargs, EARLIER)
    assert plan_pdf(kwargs, EARLIER) != plan_pdf(kwargs)


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("Letter", LETTER), (" LETTER ", LETTER)])
def test_paper_sizes(paper: str, size: tuple[float, float]) -> None:
    assert page_size(paper) == size
    width, height = page_sizes(plan_pdf(pagesize=page_size(paper)))[0]
    assert (round(width), round(height)) == (round(size[0]), round(size[1]))


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="A4 or Letter"):
        page_size("legal")


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (29, 92, 99)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_logo_is_printed_in_the_letterhead_and_scaled_to_fit() -> None:
    data = plan_pdf(logo=png(400, 100))
    assert b"/Subtype /Image" in data
    assert "Harbour Lactation Care" in pdf_text(data)
    wide = logo_flowable(png(2000, 100))
    tall = logo_flowable(png(100, 2000))
    assert wide.drawWidth <= 38 * 72 / 25.4 + 0.01 and tall.drawHeight <= 18 * 72 / 25.4 + 0.01


def test_a_broken_logo_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a PNG or JPEG"):
        logo_flowable(b"not an image")


def test_practice_name_in_arabic_in_the_letterhead() -> None:
    practice = dataclasses.replace(PRACTICE, name="عيادة الرضاعة")
    plan = build_care_plan(practice, make_client(), make_visit())
    data = careplan.render_bytes(plan, invariant=True)
    assert folded("عيادة الرضاعة") in folded(pdf_text(data))
    assert right_to_left(data, "عيادة")
