"""Every list in the app is a Qt model that passes Qt's own model checks (QAbstractItemModelTester)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from pytestqt.modeltest import ModelTester

from consultapp.domain.careplan import PlanStep
from consultapp.domain.records import (
    Amendment,
    BreastMapFinding,
    ChosenStep,
    ClientSummary,
    FieldChange,
    IssuedDocument,
    VisitSummary,
)
from consultapp.domain.vocabulary import FindingKind, Location, NippleDamage, Side
from consultapp.ui.history import TimelineTableModel
from consultapp.ui.history_data import TimelineRow
from consultapp.ui.models import (
    AgendaTableModel,
    AmendmentTableModel,
    ClientTableModel,
    DocumentTableModel,
    VisitTableModel,
)
from consultapp.ui.visit.map_model import MapFindingModel
from consultapp.ui.visit.plan_model import PlanStepModel

TODAY = dt.date(2026, 3, 14)
NOW = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


def visits(n: int) -> list[VisitSummary]:
    return [VisitSummary(uuid.uuid4(), uuid.uuid4(), f"Parent {i}", TODAY - dt.timedelta(days=i), Location.HOME,
                         f"Reason {i}") for i in range(n)]


def test_client_and_visit_models(qtmodeltester: ModelTester) -> None:
    clients = ClientTableModel()
    clients.set_rows([ClientSummary(uuid.uuid4(), "Nguyễn Thị Ánh", None, "555", ("Bé Minh", "Bé An"), TODAY)])
    qtmodeltester.check(clients, force_py=True)
    clients.set_rows([])
    qtmodeltester.check(clients, force_py=True)
    for model in (VisitTableModel(), AgendaTableModel()):
        model.set_rows(visits(3))
        qtmodeltester.check(model, force_py=True)


def test_the_client_model_pages_in_rows(qtmodeltester: ModelTester) -> None:
    everyone = [ClientSummary(uuid.uuid4(), f"Client {i:03d}", None, "", (), None) for i in range(25)]
    asked: list[str] = []

    def more(last: ClientSummary) -> tuple[list[ClientSummary], bool]:
        asked.append(last.full_name)
        start = everyone.index(last) + 1
        return everyone[start:start + 10], start + 10 < len(everyone)

    clients = ClientTableModel()
    told: list[bool] = []
    clients.paging_changed.connect(lambda: told.append(clients.has_more()))
    clients.set_rows(everyone[:10], more)
    assert clients.canFetchMore() and clients.has_more()
    qtmodeltester.check(clients, force_py=True)  # (it fetches more, as a view does)
    while clients.canFetchMore():
        clients.fetchMore()
    assert [clients.record(r) for r in range(clients.rowCount())] == everyone
    assert asked[:2] == ["Client 009", "Client 019"] and not clients.has_more() and told[-1] is False
    assert clients.data(clients.index(24, ClientTableModel.COL_NAME)) == "Client 024"

    clients.set_rows(everyone[:10], lambda _last: None)  # a page that cannot be read stops the paging
    clients.fetchMore()
    assert clients.page_failed and not clients.canFetchMore() and clients.rowCount() == 10


def test_amendment_document_and_timeline_models(qtmodeltester: ModelTester) -> None:
    amendments = AmendmentTableModel()
    amendments.set_rows([Amendment(NOW, "Rosa", "Scale re-zeroed", (FieldChange("assessments.0.weight_g", 1, 2),))])
    qtmodeltester.check(amendments, force_py=True)
    documents = DocumentTableModel()
    documents.set_rows([IssuedDocument(uuid.uuid4(), "careplan", None, None, "Care plan", "a.pdf", "00", 2048, NOW,
                                       "Rosa")])
    qtmodeltester.check(documents, force_py=True)
    timeline = TimelineTableModel()
    timeline.set_rows([TimelineRow(uuid.uuid4(), TODAY, Location.OFFICE, "Check", "3100 g", "7/10", "5/8", True,
                                   TODAY + dt.timedelta(days=7))])
    qtmodeltester.check(timeline, force_py=True)


def test_map_finding_model_with_inserts_and_removals(qtmodeltester: ModelTester) -> None:
    model = MapFindingModel()
    qtmodeltester.check(model, force_py=True)
    model.append(BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, 3.0, 1.5))
    model.append(BreastMapFinding(Side.RIGHT, FindingKind.NIPPLE_DAMAGE, 12, 0.0, None, NippleDamage.CRACK))
    model.remove(0)
    model.set_findings([BreastMapFinding(Side.RIGHT, FindingKind.BLEB, 6, None)])
    assert model.rowCount() == 1


def test_plan_step_model_through_ticks_moves_additions_and_new_suggestions(qtmodeltester: ModelTester) -> None:
    suggested = [PlanStep(f"Step {i}", f"because {i}", "source", key=f"k{i}", section="S") for i in range(4)]
    model = PlanStepModel()
    model.load([], suggested)
    qtmodeltester.check(model, force_py=True)
    assert model.edits() == []  # untouched: "as suggested"
    model.set_included(1, False)
    assert model.move(0, 1) == 1
    assert model.move(3, -1) == 2
    row = model.add_custom("Call me on Friday", after=0)
    assert model.rows()[row].custom
    engine_row = next(i for i, r in enumerate(model.rows()) if not r.custom)
    assert not model.remove(engine_row)  # the engine's steps are unticked, never removed
    model.set_suggested([*suggested, PlanStep("Step 4", "new finding", "source", key="k4", section="S")])
    keys = [c.key for c in model.edits()]
    assert "k4" in keys and len(keys) == len(set(keys))
    assert [c for c in model.edits() if c.key == "k1"] == [ChosenStep("k1", "Step 1", "because 1", "source", False)]
    assert model.remove(row)


def test_a_model_gives_cell_or_cells_and_gets_the_other() -> None:
    """``RecordTableModel``: a subclass that works out a whole row (``cells``) answers one cell from it, and
    one that answers a cell at a time gets whole rows; giving neither is an error, not a silent blank."""
    from consultapp.ui.models import RecordTableModel

    class ByRow(RecordTableModel[tuple[str, str]]):
        HEADERS = ("A", "B")

        def cells(self, row: tuple[str, str]) -> tuple[str, ...]:
            return row

    class ByCell(RecordTableModel[tuple[str, str]]):
        HEADERS = ("A", "B")

        def cell(self, row: tuple[str, str], column: int) -> str:
            return row[column].upper()

    class Neither(RecordTableModel[tuple[str, str]]):
        HEADERS = ("A", "B")

    assert ByRow().cell(("x", "y"), 1) == "y" and ByRow().cell(("x", "y"), 5) == ""
    assert ByCell().cells(("x", "y")) == ("X", "Y")
    with pytest.raises(NotImplementedError):
        Neither().cell(("x", "y"), 0)
