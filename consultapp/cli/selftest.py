"""``consultapp --self-test``: prove an installation (wheel or frozen app) has everything it needs at run time.

It checks the shipped resources, creates a temporary database (plain, then encrypted), runs the
migrations on it, fills it with a synthetic family, renders every document in ``DOCUMENTS`` and
reads each PDF back with PDFium (the preview's engine), builds the main window off screen and draws
the charts.
It exits 0 only if every check passed; each check prints one line.

Adding a document: write an adapter ``(DocumentSample) -> bytes`` in ``consultapp/services/samples.py`` and
add it to ``DOCUMENTS`` there; the benchmark (``consultapp bench``) times every document listed there too.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from consultapp import __version__
from consultapp.domain.handouts import load_shipped
from consultapp.runtime.resources import resources_dir
from consultapp.services.samples import DOCUMENTS, DocumentSample, Renderer, fill_sample
from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import HEAD_REVISION, current_revision, open_database
from consultapp.store.facade import Store

__all__ = ["DOCUMENTS", "CheckResult", "DocumentSample", "Renderer", "Skipped", "check_pdf", "run_self_test"]

SELF_TEST_PASSPHRASE = "self-test passphrase"


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float
    skipped: bool = False


class Skipped(Exception):
    """A check that cannot run in this installation; reported, but not a failure."""


# -- checks ---------------------------------------------------------------------------------------
def check_resources() -> str:
    root = resources_dir()
    fonts = sorted(p.name for p in (root / "fonts").glob("*.ttf"))
    for needed in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NanumGothic.ttf", "DroidSansFallbackFull.ttf",
                   "Symbola.ttf"):
        if needed not in fonts:
            raise FileNotFoundError(f"font {needed} missing from {root / 'fonts'}")
    handouts = load_shipped((root / "handouts").glob("*.toml"))
    if not handouts:
        raise FileNotFoundError(f"no handouts in {root / 'handouts'}")
    code_files = sorted((root / "codes").glob("*.toml"))
    if not code_files:
        raise FileNotFoundError(f"no code lists in {root / 'codes'}")
    for path in code_files:
        with path.open("rb") as f:
            tomllib.load(f)
    return f"{len(fonts)} fonts, {len(handouts)} handouts, {len(code_files)} code lists in {root}"


def check_database(folder: Path, *, encrypted: bool) -> tuple[str, DocumentSample | None]:
    """Create, migrate, fill, close and reopen a database; return the sample family in the reopened one."""
    path = folder / ("encrypted.db" if encrypted else "plain.db")
    # The key derivation is the real one at its cheapest cost: this checks the code and native
    # libraries, not the strength of a passphrase.
    db = open_database(path, passphrase=SELF_TEST_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS) if encrypted else \
        open_database(path)
    try:
        if db.encrypted != encrypted:
            raise RuntimeError(f"expected an {'encrypted' if encrypted else 'plain'} database")
        sample = fill_sample(Store(db))
    finally:
        db.close()
    reopened = open_database(path, create=False, passphrase=SELF_TEST_PASSPHRASE if encrypted else None)
    revision = current_revision(reopened.engine)
    if revision != HEAD_REVISION:
        reopened.close()
        raise RuntimeError(f"schema at {revision}, expected {HEAD_REVISION}")
    store = Store(reopened)
    clients = store.count_clients()
    store.get_visit(sample.visit_id)
    detail = f"migrated to {revision}, {clients} clients written and read back"
    return detail, DocumentSample(store=store, client_id=sample.client_id, visit_id=sample.visit_id)


def check_pdf(data: bytes) -> str:
    """A PDF PDFium can open and draw (the app's preview and printing use it)."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise ValueError("not a complete PDF")
    import pypdfium2  # (PDFium is loaded only to read a PDF back)

    pdf = pypdfium2.PdfDocument(data)
    try:
        pages = len(pdf)
        if pages < 1:
            raise ValueError("the PDF has no pages")
        page = pdf[0]
        bitmap = page.render(scale=0.5)
        width, height = bitmap.width, bitmap.height
        bitmap.close()
        page.close()
    finally:
        pdf.close()
    if width < 10 or height < 10:
        raise ValueError("the first page drew as an empty image")
    return f"{pages} page{'s' if pages != 1 else ''}, {len(data) // 1024} KiB"


def check_window(sample: DocumentSample) -> str:
    """Build the main window off screen on the sample database and draw it (Qt plugins, styles, fonts)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # lazy: Qt loads only for this check (the command line never imports it otherwise)
    from consultapp import app

    return app.draw_window_offscreen(sample.store)


def check_charts() -> str:
    """Draw the weight chart and the score trends off screen, as a client's page does (QPainter), and look
    for each point in the picture: the frozen app's Qt (raster painting, fonts, pixmaps) draws its charts."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # lazy: Qt and the charts load only for this check (the command line never imports them otherwise)
    from consultapp import app

    return app.draw_charts_offscreen()


# -- running --------------------------------------------------------------------------------------
@dataclass
class SelfTest:
    """Runs named checks, remembering each outcome; a failing check never stops the others."""

    out: TextIO
    results: list[CheckResult]

    def run(self, name: str, check: Callable[[], str]) -> bool:
        start = time.perf_counter()
        skipped = False
        try:
            detail = check()
            ok = True
        except Skipped as exc:
            detail, ok, skipped = str(exc), True, True
        except Exception as exc:  # every failure is reported, whatever it is
            detail = f"{type(exc).__name__}: {exc}"
            ok = False
            if os.environ.get("CONSULTAPP_SELF_TEST_TRACEBACK"):
                traceback.print_exc(file=self.out)
        result = CheckResult(name, ok, detail, time.perf_counter() - start, skipped)
        self.results.append(result)
        label = "skip" if skipped else "ok  " if ok else "FAIL"
        self.out.write(f"{label} {name}: {detail} ({result.seconds * 1000:.0f} ms)\n")
        self.out.flush()
        return ok


@contextmanager
def _scratch_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="consultapp-self-test-") as folder:
        yield Path(folder)


STRICT_ENV = "CONSULTAPP_SELF_TEST_STRICT"
"""Set to 1 (as packaging/self-test-frozen.sh does) to count a skipped check as a failure."""


def run_self_test(
    out: TextIO | None = None,
    *,
    documents: dict[str, Renderer] | None = None,
    encrypted: Sequence[bool] = (False, True),
    window: bool = True,
    strict: bool | None = None,
) -> int:
    """Run every check; return 0 when all passed (skips allowed unless ``strict``), 1 otherwise."""
    out = out or sys.stdout
    if strict is None:
        strict = os.environ.get(STRICT_ENV) == "1"
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    out.write(f"ConsultApp {__version__}{frozen} self-test, Python {sys.version.split()[0]}, {dt.date.today()}\n")
    test = SelfTest(out, [])
    test.run("resources", check_resources)
    with _scratch_folder() as folder:
        samples: list[DocumentSample] = []
        for enc in encrypted:
            kind = "encrypted" if enc else "plain"

            def database(enc: bool = enc) -> str:
                detail, sample = check_database(folder, encrypted=enc)
                if sample is not None:
                    samples.append(sample)
                return detail

            test.run(f"database ({kind})", database)
        try:
            if samples:
                sample = samples[0]
                for name, render in (DOCUMENTS if documents is None else documents).items():
                    test.run(f"document: {name}", functools.partial(_render_and_check, render, sample))
                if window:
                    test.run("main window", lambda: check_window(sample))
                    test.run("charts", check_charts)
            else:
                test.run("documents", _no_database)
        finally:
            for s in samples:
                s.store.db.close()
    failed = [r.name for r in test.results if not r.ok or (strict and r.skipped)]
    if failed:
        out.write(f"self-test FAILED: {', '.join(failed)}\n")
        return 1
    out.write(f"self-test passed: {len(test.results)} checks\n")
    return 0


def _render_and_check(render: Renderer, sample: DocumentSample) -> str:
    return check_pdf(render(sample))


def _no_database() -> str:
    raise RuntimeError("no database could be created, so no document was rendered")
