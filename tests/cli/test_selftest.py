"""``consultapp --self-test``: passes on a healthy installation, names what fails, never hides a failure."""

from __future__ import annotations

import io

import pytest

from consultapp.cli.selftest import DOCUMENTS, DocumentSample, Skipped, check_pdf, run_self_test


def _run(**kwargs: object) -> tuple[int, str]:
    out = io.StringIO()
    status = run_self_test(out, window=False, **kwargs)  # type: ignore[arg-type]
    return status, out.getvalue()


def test_a_healthy_installation_passes_every_check() -> None:
    status, text = _run()
    assert status == 0, text
    for name in ("resources", "database (plain)", "database (encrypted)", *(f"document: {d}" for d in DOCUMENTS)):
        assert f"ok   {name}:" in text
    assert text.rstrip().endswith(f"self-test passed: {3 + len(DOCUMENTS)} checks")


def test_a_renderer_that_raises_fails_the_self_test_and_is_named() -> None:
    def broken(sample: DocumentSample) -> bytes:
        raise RuntimeError("font missing")

    status, text = _run(documents={"care plan": DOCUMENTS["care plan"], "letter": broken}, encrypted=(False,))
    assert status == 1
    assert "ok   document: care plan:" in text
    assert "FAIL document: letter: RuntimeError: font missing" in text
    assert "self-test FAILED: document: letter" in text


def test_a_renderer_returning_something_that_is_not_a_pdf_fails() -> None:
    status, text = _run(documents={"junk": lambda sample: b"<html>"}, encrypted=(False,))
    assert status == 1 and "FAIL document: junk: ValueError: not a complete PDF" in text


def test_a_skipped_check_passes_unless_strict() -> None:
    def skipper(sample: DocumentSample) -> bytes:
        raise Skipped("not in this build")

    assert _run(documents={"x": skipper}, encrypted=(False,), strict=False)[0] == 0
    status, text = _run(documents={"x": skipper}, encrypted=(False,), strict=True)
    assert status == 1 and "skip document: x: not in this build" in text


def test_strict_mode_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTAPP_SELF_TEST_STRICT", "1")

    def skipper(sample: DocumentSample) -> bytes:
        raise Skipped("not in this build")

    assert _run(documents={"x": skipper}, encrypted=(False,))[0] == 1


def test_check_pdf_reads_the_pdf_back_with_pdfium() -> None:
    from consultapp.bench.probes import bare_reportlab_three_pages

    assert check_pdf(bare_reportlab_three_pages()).startswith("3 pages")
    with pytest.raises(ValueError):
        check_pdf(b"%PDF-1.4 truncated")


def test_self_test_command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from consultapp.cli import main, selftest

    calls: list[bool] = []
    monkeypatch.setattr(selftest, "run_self_test", lambda: calls.append(True) or 0)
    assert main(["self-test"]) == 0
    assert calls == [True]


def test_every_document_module_has_a_self_test_adapter() -> None:
    """A new module in consultapp/documents with ``render_bytes`` needs its entry in services.samples.DOCUMENTS."""
    import ast
    from pathlib import Path

    import consultapp.documents

    folder = Path(consultapp.documents.__file__).parent
    printable = sorted(
        path.stem
        for path in folder.glob("*.py")
        if any(
            isinstance(node, ast.FunctionDef) and node.name == "render_bytes"
            for node in ast.parse(path.read_text(encoding="utf-8")).body
        )
    )
    assert len(DOCUMENTS) >= len(printable), f"documents {printable} vs self-test adapters {sorted(DOCUMENTS)}"


def test_the_charts_check_draws_both_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    from consultapp.cli.selftest import check_charts

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert check_charts() == "2 charts drawn"
