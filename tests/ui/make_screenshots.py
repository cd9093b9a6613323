"""Screenshots of every screen at 1366x768 on demo data, for a person to look at (not a test).

    consultapp demo --db /tmp/shots.db --clients 30
    QT_QPA_PLATFORM=offscreen python tests/ui/make_screenshots.py /tmp/shots.db /tmp/shots
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from consultapp.store.db import open_database  # noqa: E402
from consultapp.store.facade import Store  # noqa: E402
from consultapp.ui.dialogs import Dialogs  # noqa: E402
from consultapp.ui.shell.window import MainWindow  # noqa: E402
from consultapp.ui.tasks import SyncPool  # noqa: E402


class NoDialogs(Dialogs):
    def ask_restore_draft(self, parent, description):  # type: ignore[no-untyped-def]
        return "later"


def main(db_path: str, out: str, width: int = 1366, height: int = 768) -> None:
    app = QApplication.instance() or QApplication([])
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    repo = Store(open_database(db_path))
    window = MainWindow(repo, dialogs=NoDialogs(), pool=SyncPool())
    window.resize(width, height)
    window.show()

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(folder / f"{name}-{width}x{height}.png"))

    # The richest client: most visits, with a breast finding if possible.
    summaries = repo.search_clients("")
    best = max(summaries, key=lambda s: (len(repo.visits_for_client(s.id)), len(s.baby_names)))
    window.home.set_clients(summaries, select=best.id)
    shot("01-home")
    window.on_edit_client()
    shot("02-client")
    visits = repo.visits_for_client(best.id)
    rich = next((v for v in visits if repo.get_visit(v.id).map_findings), visits[0])
    window.client_editor.load(None)
    window.show_home()
    window.on_open_visit(rich.id)
    for index in range(7):
        window.visit_editor.show_section(index, focus=True)
        shot(f"03-visit-{index + 1}")
    window.visit_editor.plan.preview_button.click()
    shot("04-preview")
    view = window.preview_page.view
    for number, label in enumerate(view.page_labels[1:], start=2):
        view.verticalScrollBar().setValue(label.y())
        shot(f"04-preview-page{number}")
    window.on_preview_back()
    window.on_back_home()
    window.on_history()
    shot("05-history")
    window.on_back_home()
    window.on_settings()
    shot("06-settings")
    twins = next((s for s in summaries if len(s.baby_names) > 1), None)
    if twins is not None:
        window.on_back_home()
        window.home.set_clients(summaries, select=twins.id)
        window.on_new_visit()
        window.visit_editor.show_section(2, focus=True)
        shot("07-twins-feeding")
        window.visit_editor.show_section(1, focus=True)
        shot("07-twins-weights")
    window.visit_flow.leave()
    window.hide()


if __name__ == "__main__":
    size = [int(x) for x in sys.argv[3].split("x")] if len(sys.argv) > 3 else [1366, 768]
    main(sys.argv[1], sys.argv[2], *size)
