"""The benchmark's photo figures: a visit with 20 photos of about 5 MB each, opened in the visit editor.

The practice (one family with photo consent, one visit, 20 synthetic camera-sized photos) is made once in
the bench cache. ``photo_figures`` times, in a process of its own (``python -m consultapp.bench.photos``):

- opening the visit in the editor until all 20 thumbnails show, against its store reads (the visit as the
  documents read it, its photo list and the 20 thumbnails): the open-client budget's ratio applies;
- keeping one more 5 MB photo (prepared: stripped, oriented, scaled; then stored), for information.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from consultapp.bench.report import Budget, Figure

PHOTOS = 20
PHOTO_PRACTICE = "photos-v1.db"
OPEN_BUDGET = Budget("ratio", 6.0)  # PRODUCT.md: the open-client ratio


def camera_photo(seed: int, size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A synthetic photo of about 5 MB: coarse noise (it compresses like a real photo, not like a flat image)."""
    from PIL import Image  # lazy: Pillow loads only for the photo figures

    rng = random.Random(seed)
    small = Image.frombytes("RGB", (size[0] // 4, size[1] // 4), rng.randbytes(size[0] // 4 * size[1] // 4 * 3))
    out = io.BytesIO()
    small.resize(size).save(out, "JPEG", quality=92)
    return out.getvalue()


def ensure_photo_practice(folder: Path) -> tuple[Path, uuid.UUID]:
    """The cached photo practice and its visit (made once: about a minute)."""
    # lazy: the store, the services and Pillow load only for the photo figures
    from consultapp.domain.photos import PhotoSubject
    from consultapp.domain.records import Baby, Client, Consents, Visit
    from consultapp.services.photos import PhotoSource, add_photos
    from consultapp.store.db import open_database
    from consultapp.store.facade import Store

    folder.mkdir(parents=True, exist_ok=True)
    path, marker = folder / PHOTO_PRACTICE, folder / (PHOTO_PRACTICE + ".visit")
    if path.exists() and marker.exists():
        return path, uuid.UUID(marker.read_text(encoding="ascii").strip())
    path.unlink(missing_ok=True)
    db = open_database(path)
    try:
        store = Store(db)
        day = dt.date(2026, 11, 26)
        client = store.save_client(Client("Bench", "Photos", babies=[Baby("Twenty", date_of_birth=day)],
                                          consents=Consents(care=day, photos=day)))
        assert client.id is not None
        visit = store.save_visit(Visit(client.id, day, reason="Tongue and latch photos"))
        assert visit.id is not None
        subject = PhotoSubject(baby_id=client.babies[0].id)
        for n in range(PHOTOS):
            add_photos(store, visit.id, [PhotoSource(camera_photo(n), f"IMG_{n:04d}.jpg")], subject=subject)
    finally:
        db.close()
    marker.write_text(str(visit.id), encoding="ascii")
    return path, visit.id


def run_probe(request: dict[str, Any]) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # lazy: Qt loads in the probe's own process, once QT_QPA_PLATFORM is set (off screen)
    from consultapp import app as entry
    from consultapp.store.db import open_database
    from consultapp.store.facade import Store
    from consultapp.ui.shell.window import MainWindow

    qt_app = entry.create_application()
    visit_id = uuid.UUID(request["visit_id"])
    db = open_database(request["db"], create=False)
    try:
        store = Store(db)
        reads = [_timed(lambda: _store_reads(store, visit_id)) for _ in range(int(request.get("repeat", 7)))]
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        qt_app.processEvents()
        opens = []
        for _ in range(int(request.get("repeat", 7))):
            window.show_home()
            qt_app.processEvents()
            start = time.perf_counter()
            window.clients.on_open_visit(visit_id)
            editor = window.visit_editor
            editor.show_section(len(editor.sections) - 1, focus=False)  # the photos
            model = editor.photos.panel.model
            for _spin in range(20_000):  # until every thumbnail shows (bounded: a few seconds at most)
                qt_app.processEvents()
                if model.rowCount() == PHOTOS and not model.missing_thumbnails():
                    break
                time.sleep(0.0005)
            opens.append((time.perf_counter() - start) * 1000)
            window.photo_controller._thumbs.clear()  # (each open reads its thumbnails afresh)
        saves = [_timed(lambda: _save_one(store, visit_id)) for _ in range(3)]
        window.close()
        qt_app.processEvents()
    finally:
        db.close()
    return {"open_ms": opens, "store_ms": reads, "save_ms": saves}


def _store_reads(store: Any, visit_id: uuid.UUID) -> None:
    store.visit_records(visit_id)
    photos = store.photos_for_visit(visit_id)
    store.photo_thumbnails([p.id for p in photos])


def _save_one(store: Any, visit_id: uuid.UUID) -> None:
    # lazy: the services and Pillow load only for the photo figures
    from consultapp.domain.photos import PhotoSubject
    from consultapp.services.photos import PhotoSource, add_photos

    (kept,) = add_photos(store, visit_id, [PhotoSource(camera_photo(99), "one.jpg")], subject=PhotoSubject())
    store.delete_photo(kept.id)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def photo_figures(cache: Path, progress: Callable[[str], None] = lambda _m: None) -> list[Figure]:
    """The photo figures, measured in a process of their own."""
    progress("photo practice: 20 photos of about 5 MB")
    path, visit_id = ensure_photo_practice(cache)
    with tempfile.TemporaryDirectory(prefix="consultapp-bench-") as folder:
        req, res = Path(folder) / "request.json", Path(folder) / "result.json"
        req.write_text(json.dumps({"db": str(path), "visit_id": str(visit_id)}), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "consultapp.bench.photos", str(req), str(res)],
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True,
                              timeout=600)
        if done.returncode != 0 or not res.exists():
            last = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            return [Figure("open a visit with 20 photos", "ms", None, note=f"probe failed: {last[0]}"[:80])]
        result = json.loads(res.read_text(encoding="utf-8"))
    opens, reads, saves = result["open_ms"], result["store_ms"], result["save_ms"]
    return [
        Figure("open a visit with 20 photos (editor, thumbnails)", "ms", statistics.median(opens),
               baseline=statistics.median(reads), baseline_name="store reads + thumbnails", budget=OPEN_BUDGET,
               runs=len(opens), samples=tuple(opens)),
        Figure("keep one 5 MB photo (prepare and store)", "ms", statistics.median(saves), runs=len(saves)),
    ]


def main(argv: list[str]) -> int:
    request = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[1]).write_text(json.dumps(run_probe(request)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
