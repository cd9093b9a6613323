"""What documents make once per process and share: each thing made again from a changed input changes with it."""

from __future__ import annotations

import datetime as dt
import io

from doc_helpers import pdf_text
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from consultapp.documents.figures import kept_weight_chart, weight_chart_drawing
from consultapp.documents.kept_drawing import KeptDrawing, record
from consultapp.documents.letter import _letter_styles
from consultapp.documents.styles import FONT, Para, register_fonts, shared_stylesheet, stylesheet, user_text
from consultapp.domain.charts import WeightChart, weight_chart
from consultapp.domain.units import WeightUnit


def test_the_shared_stylesheet_is_built_once_with_the_styles_of_a_fresh_one() -> None:
    assert shared_stylesheet() is shared_stylesheet()
    assert shared_stylesheet(compact=True) is shared_stylesheet(compact=True) is not shared_stylesheet()
    for compact in (False, True):
        fresh, shared = stylesheet(compact=compact), shared_stylesheet(compact=compact)
        assert fresh.byName.keys() == shared.byName.keys()
        for name, style in fresh.byName.items():
            mine, theirs = dict(vars(style)), dict(vars(shared[name]))
            assert getattr(mine.pop("parent"), "name", None) == getattr(theirs.pop("parent"), "name", None)
            assert mine == theirs, name


def test_the_letter_changes_its_own_styles_not_the_shared_ones() -> None:
    before = shared_stylesheet()["Subheading"].fontSize
    letter = _letter_styles()
    assert letter["Subheading"].fontSize != before == shared_stylesheet()["Subheading"].fontSize


def test_user_text_markup_is_made_for_each_text() -> None:
    assert user_text("Ana & Co") == "Ana &amp; Co"
    assert user_text("Ana & Co") is user_text("Ana & Co")
    assert user_text("Ana < Co") == "Ana &lt; Co"
    assert user_text("Mia 🌸") != user_text("Mia")


# The weight chart, recorded once (documents/kept_drawing.py).

BORN = dt.date(2026, 11, 1)


def _chart(*grams: int) -> WeightChart:
    register_fonts()  # (a drawing measures its labels in the bundled fonts)
    return weight_chart(BORN, 3400, [(BORN + dt.timedelta(days=2 * n + 2), g) for n, g in enumerate(grams)])


def _pdf(*flowables: Flowable) -> bytes:
    buffer = io.BytesIO()
    styles = shared_stylesheet()
    story = [Para(user_text("Before the chart: Łódź 王"), styles["Body"]), *flowables, Para("After", styles["Body"])]
    SimpleDocTemplate(buffer, invariant=1).build(story)
    return buffer.getvalue()


def test_a_kept_drawing_writes_what_the_drawing_writes_byte_for_byte() -> None:
    chart = _chart(3300, 3250, 3380)
    expected = _pdf(weight_chart_drawing(chart, WeightUnit.G, "Weight of 美咲 🌼 Nguyễn", compact=True))
    kept = KeptDrawing(weight_chart_drawing(chart, WeightUnit.G, "Weight of 美咲 🌼 Nguyễn", compact=True))
    assert _pdf(kept) == expected  # recorded while drawn
    assert _pdf(kept) == expected  # drawn from what was recorded
    assert _pdf(kept, kept) == _pdf(*[weight_chart_drawing(chart, WeightUnit.G, "Weight of 美咲 🌼 Nguyễn",
                                                          compact=True) for _ in range(2)])


def test_a_changed_chart_is_drawn_anew() -> None:
    first = kept_weight_chart(_chart(3300, 3250), WeightUnit.G, "Your baby's weight", compact=True)
    assert kept_weight_chart(_chart(3300, 3250), WeightUnit.G, "Your baby's weight", compact=True) is first
    heavier = kept_weight_chart(_chart(3300, 3290), WeightUnit.G, "Your baby's weight", compact=True)
    in_pounds = kept_weight_chart(_chart(3300, 3250), WeightUnit.LB_OZ, "Your baby's weight", compact=True)
    retitled = kept_weight_chart(_chart(3300, 3250), WeightUnit.G, "Weight of Leo", compact=True)
    assert len({id(first), id(heavier), id(in_pounds), id(retitled)}) == 4
    assert "3250 g" in pdf_text(_pdf(first)) and "3290 g" in pdf_text(_pdf(heavier))
    assert "Weight of Leo" in pdf_text(_pdf(retitled)) and "7 lb" in pdf_text(_pdf(in_pounds))
    assert _pdf(heavier) == _pdf(weight_chart_drawing(_chart(3300, 3290), WeightUnit.G, "Your baby's weight",
                                                      compact=True))


def test_a_drawing_that_names_a_resource_is_drawn_by_reportlab_every_time() -> None:
    register_fonts()
    see_through = Drawing(100, 40, Rect(0, 0, 50, 20, fillColor=colors.Color(1, 0, 0, alpha=0.5)),
                          String(5, 25, "Half red", fontName=FONT, fontSize=9))
    assert record(see_through) is None
    kept = KeptDrawing(see_through)
    assert _pdf(kept) == _pdf(see_through) == _pdf(kept)


def test_a_kept_drawing_on_a_see_through_canvas_is_drawn_by_reportlab() -> None:
    def page(flowable: Flowable) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        canvas.setFillAlpha(0.5)  # (what renderPDF writes for an opaque colour depends on it)
        flowable.drawOn(canvas, 20, 20)
        canvas.save()
        return buffer.getvalue()

    kept = KeptDrawing(weight_chart_drawing(_chart(3300), WeightUnit.G))
    _pdf(kept)  # recorded
    expected = page(weight_chart_drawing(_chart(3300), WeightUnit.G))
    assert page(kept) == expected
    assert b"/gRLs" in expected  # (the transparency states the drawing's colours write on this canvas)


# Paragraph markup, parsed once in a shared style.


def test_a_paragraph_in_a_shared_style_is_parsed_once_and_gets_its_own_fragments() -> None:
    body = shared_stylesheet()["Body"]
    first, second = Para("<b>Feed</b> often", body), Para("<b>Feed</b> often", body)
    assert [f.text for f in first.frags] == [f.text for f in second.frags] == ["Feed", " often"]
    assert first.frags[0] is not second.frags[0]
    first.frags[0].text = "changed by layout"
    assert Para("<b>Feed</b> often", body).frags[0].text == "Feed"
    assert [f.text for f in Para("<i>Rest</i> often", body).frags] == ["Rest", " often"]
    assert Para("<b>Feed</b> often", shared_stylesheet()["Small"]).frags[0].fontSize == 9
    numbered = Para("Wait", body, bulletText="1.")
    assert numbered.bulletText == "1." and Para("Wait", body, bulletText="2.").bulletText == "2."


def test_a_changed_text_prints_its_own_words() -> None:
    body = shared_stylesheet()["Body"]
    assert "Feed often" in pdf_text(_pdf(Para("Feed often", body)))
    assert "Feed less" in pdf_text(_pdf(Para("Feed less", body)))
    fresh = stylesheet()["Body"]
    assert [f.text for f in Para("Feed often", fresh).frags] == ["Feed often"]


# Lines broken once per width (Para.wrap).


def _counting_breaks(para: Para) -> list[list[float]]:
    widths: list[list[float]] = []
    original = para.breakLines

    def breaking(wrap_widths: list[float]) -> object:
        widths.append(list(wrap_widths))
        return original(wrap_widths)

    para.breakLines = breaking  # type: ignore[method-assign]
    return widths


def test_a_paragraph_wrapped_again_at_the_same_width_keeps_its_lines_and_a_new_width_breaks_them_anew() -> None:
    register_fonts()
    text = user_text("Feed at the first signs of hunger, Nguyễn 王 & Co, " * 6)
    para = Para(text, shared_stylesheet()["Body"])
    breaks = _counting_breaks(para)
    first = para.wrap(300, 800)
    lines = para.blPara
    assert para.wrap(300, 100) == first and para.blPara is lines  # (the height does not change the break)
    assert len(breaks) == 1
    narrower = para.wrap(150, 800)
    assert len(breaks) == 2 and narrower[1] > first[1] and narrower[0] == 150
    assert para.wrap(300, 800) == first and len(breaks) == 3
    fresh = Para(text, shared_stylesheet()["Body"])
    assert fresh.wrap(300, 800) == first


def test_a_paragraph_given_a_new_style_or_text_between_wraps_breaks_its_lines_again() -> None:
    register_fonts()
    para = Para(user_text("Offer both breasts at each feed. " * 8), shared_stylesheet()["Body"])
    breaks = _counting_breaks(para)
    _, height = para.wrap(300, 800)
    para.style = shared_stylesheet()["Title"]
    _, bigger = para.wrap(300, 800)
    assert len(breaks) == 2 and bigger > height
    para.frags = Para("Short.", shared_stylesheet()["Title"]).frags
    _, one_line = para.wrap(300, 800)
    assert len(breaks) == 3 and one_line < bigger


def test_a_width_too_narrow_to_lay_out_is_not_kept() -> None:
    register_fonts()
    para = Para("Rest", shared_stylesheet()["Body"])
    assert para.wrap(0, 800)[1] == 0x7FFFFFFF
    assert para.wrap(0, 800)[1] == 0x7FFFFFFF
    assert para.wrap(100, 800)[0] == 100 and para.blPara is not None
