"""Saved and issued files carry no client's name by default (issue 14, point 9), and never a path (point 12).

The review found issued PDFs and exports named after the family (``care-plan-2026-11-20-Okafor.pdf``): a
file name is read where the content is not (a folder listing, a mail attachment, another user of the
computer). The save-as offers ``care-plan-<date>-<short id>.pdf``; she may still type a name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from factories import make_client, make_visit
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs

from consultapp.services.documents import document_file_name
from consultapp.services.visits import issue_care_plan
from consultapp.store.facade import Store
from consultapp.ui.documents_flow import DocumentActions, Shown

FAMILY = "Quillfeather"


@dataclasses.dataclass
class RecordingDialogs(FakeDialogs):
    suggested: list[Path] = dataclasses.field(default_factory=list)

    def ask_save_pdf(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        self.suggested.append(suggested)
        return self.save_to


def test_a_care_plan_and_a_letter_are_offered_and_kept_without_the_family_name(
    qtbot: QtBot, gui_repo: Store, tmp_path: Path
) -> None:
    client = gui_repo.save_client(make_client("Zephyrine", FAMILY, baby="Oriel"))
    visit = gui_repo.save_visit(make_visit(client, dt.date(2026, 12, 2)))
    assert visit.id is not None and client.id is not None
    issued, data = issue_care_plan(gui_repo, visit.id, issued_by="Jo")
    assert re.fullmatch(r"care-plan-2026-12-02-[0-9a-f]{8}\.pdf", issued.filename)
    assert FAMILY not in issued.filename
    assert FAMILY not in document_file_name("letter", dt.date(2026, 12, 2), client.id)

    dialogs = RecordingDialogs(save_to=tmp_path / "chosen.pdf")
    parent = QWidget()
    qtbot.addWidget(parent)
    DocumentActions(gui_repo, dialogs).save(parent, Shown("Care plan", data, issued.filename, visit.id, issued), "Jo")
    assert dialogs.suggested[-1].name == issued.filename


def test_an_older_name_with_the_family_or_a_path_is_never_offered(
    qtbot: QtBot, gui_repo: Store, tmp_path: Path
) -> None:
    client = gui_repo.save_client(make_client("Zephyrine", FAMILY, baby="Oriel"))
    assert client.id is not None
    dialogs = RecordingDialogs(save_to=tmp_path / "chosen.pdf")
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = DocumentActions(gui_repo, dialogs)
    for stored in (f"care-plan-2026-11-20-{FAMILY}.pdf", "../../../tmp/x.pdf", "..\\..\\evil.pdf"):
        old = gui_repo.issue_document(
            kind="letter",
            content=b"%PDF-1.4",
            title="Letter",
            filename=stored,
            issued_by="Jo",
            client_id=client.id,
            visit_id=None,
        )
        actions.save(parent, Shown("Letter", b"%PDF-1.4", old.filename, None, old), "Jo")
        offered = dialogs.suggested[-1]
        assert FAMILY not in offered.name and ".." not in str(offered) and "\\" not in offered.name
        assert offered.parent == dialogs.suggested[0].parent  # the documents folder, never another
        assert re.fullmatch(r"letter-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.pdf", offered.name)
    # A document not issued yet, whose name came from anywhere: its base name only.
    actions.save(parent, Shown("Preview", b"%PDF-1.4", "../../../tmp/x.pdf"), "Jo")
    assert dialogs.suggested[-1].name == "x.pdf" and dialogs.suggested[-1].parent == dialogs.suggested[0].parent
