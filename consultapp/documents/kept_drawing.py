"""A drawing recorded once as the PDF operators ReportLab writes for it, and drawn again from them.

``renderPDF`` walks a drawing node by node, working out each node's state changes and writing its operators:
about 3 ms for a weight chart of 40 weighings, on every render of the same chart. ``KeptDrawing`` records what
``renderPDF`` writes for a drawing once: the operators of its lines, shapes, colours and transforms as they are,
and as calls what depends on the document (``setFont`` and ``drawString``: their operators name the document's
font subsets) or keeps the canvas's own state (``saveState``, ``restoreState``). Drawn, it appends the kept
operators and makes the calls on the document's canvas: the same operators, in the same order, as ``renderPDF``
would write, byte for byte.

A drawing whose operators name a resource (a transparency state, an image, a colour space: any ``/Name``) is not
kept, and neither is one drawn on a canvas whose transparency is not the default: both are drawn by ``renderPDF``
every time.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas, ExtGState
from reportlab.platypus import Flowable

Step = str | tuple[str, tuple[Any, ...], dict[str, Any]]
"""Operators to append as they are, or a call (method name, arguments) to make on the document's canvas."""

CALLS = frozenset({"setFont", "drawString", "saveState", "restoreState"})
"""What is made as a call on each document's canvas rather than kept as operators."""


class _Recorder:
    """The canvas ``renderPDF`` draws on while a drawing is recorded: each call is made on a scratch canvas and
    the operators it writes are kept, except for ``CALLS``, kept as calls (text is not drawn on the scratch)."""

    def __init__(self) -> None:
        self._scratch = Canvas(io.BytesIO())
        self.steps: list[Step] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._scratch, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            if name in CALLS:
                self.steps.append((name, args, kwargs))
                if name == "drawString":
                    return None
                return value(*args, **kwargs)
            code: list[str] = self._scratch._code
            start = len(code)
            result = value(*args, **kwargs)
            self.steps.extend(code[start:])
            return result

        return call


def record(drawing: Drawing) -> list[Step] | None:
    """What ``renderPDF.draw(drawing, canvas, 0, 0)`` writes, as steps; None when it names a resource."""
    recorder = _Recorder()
    renderPDF.draw(drawing, recorder, 0, 0)
    if any(isinstance(step, str) and "/" in step for step in recorder.steps):
        return None
    return recorder.steps


def _default_transparency(canvas: Any) -> bool:
    state = getattr(canvas, "_extgstate", None)
    values = getattr(state, "_d", None)
    return isinstance(values, dict) and all(ExtGState.defaults.get(k) == v for k, v in values.items())


class KeptDrawing(Flowable):  # type: ignore[misc]  # ReportLab has no type stubs here: its classes are Any
    """A ``Drawing`` as a flowable, drawn from what was recorded the first time (see the module docstring).

    The drawing must not change once kept. Recorded per ``rl_config.invariant`` (which orders ``renderPDF``'s
    state changes).
    """

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.wrap(0, 0)
        self.hAlign, self.vAlign = drawing.hAlign, drawing.vAlign
        self._steps: dict[bool, list[Step] | None] = {}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        invariant = bool(rl_config.invariant)
        if invariant not in self._steps:
            self._steps[invariant] = record(self.drawing)
        steps = self._steps[invariant]
        if steps is None or not _default_transparency(canvas):
            renderPDF.draw(self.drawing, canvas, 0, 0)
            return
        code = canvas._code
        for step in steps:
            if isinstance(step, str):
                code.append(step)
            else:
                name, args, kwargs = step
                getattr(canvas, name)(*args, **kwargs)
