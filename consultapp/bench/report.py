"""Benchmark figures against the budget of PRODUCT.md: one table, the same as JSON, and the exit status."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Budget:
    """A limit from PRODUCT.md: on the figure itself (``max``) or on its ratio to the baseline (``ratio``)."""

    kind: Literal["max", "ratio"]
    limit: float

    def describe(self, unit: str) -> str:
        if self.kind == "ratio":
            return f"<= {self.limit:g}x baseline"
        return f"<= {self.limit:g} {unit}"


@dataclass(frozen=True)
class Figure:
    """One line of the table: a median over repeated runs, and the baseline measured in the same run."""

    name: str
    unit: str
    value: float | None
    baseline: float | None = None
    baseline_name: str = ""
    budget: Budget | None = None
    runs: int = 0
    note: str = ""
    samples: tuple[float, ...] = field(default=(), repr=False)
    clients: int | None = None
    """The practice's size the figure was measured on (None: it does not depend on one)."""

    @property
    def p95(self) -> float | None:
        """The 95th percentile of the samples (None with fewer than two)."""
        return percentile(self.samples, 95) if len(self.samples) >= 2 else None

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        """True or False against the budget; None when there is no budget to meet."""
        if self.budget is None:
            return None
        if self.value is None:
            return False  # a budgeted figure that could not be measured is a miss
        if self.budget.kind == "ratio":
            return self.ratio is not None and self.ratio <= self.budget.limit
        return self.value <= self.budget.limit


def median(samples: Sequence[float]) -> float:
    if not samples:
        raise ValueError("no samples")
    return statistics.median(samples)


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile, interpolated between the two nearest ranks (numpy's default method)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f} {unit}"
    if abs(value) >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def verdict(figure: Figure) -> str:
    passed = figure.passed
    return "-" if passed is None else "pass" if passed else "FAIL"


HEADERS = ("figure", "clients", "median", "p95", "baseline", "ratio", "budget", "result")


def machine_lines(meta: dict[str, Any]) -> list[str]:
    """What the figures were measured on, printed under the table (ratios travel; the load says how quiet)."""
    machine = meta.get("machine", {})
    load = machine.get("load_average")
    parts = [
        f"{machine.get('cpu_model', '?')}, {machine.get('cores', meta.get('cpus', '?'))} cores",
        f"load average {' / '.join(f'{x:.2f}' for x in load)} at start" if load else "",
        f"{machine.get('load_average_end', [0])[0]:.2f} at end" if machine.get("load_average_end") else "",
    ]
    versions = ", ".join(
        f"{name} {machine[key]}"
        for name, key in (
            ("Python", "python"),
            ("Qt", "qt"),
            ("PySide6", "pyside6"),
            ("SQLite", "sqlite"),
            ("PostgreSQL", "postgresql"),
        )
        if machine.get(key)
    )
    return ["; ".join(p for p in parts if p), versions]


def table(figures: Sequence[Figure]) -> str:
    """A plain-text table (Markdown pipe syntax, so it can be pasted into an issue)."""
    rows = [HEADERS]
    for f in figures:
        baseline = _number(f.baseline, f.unit)
        if f.baseline is not None and f.baseline_name:
            baseline = f"{baseline} ({f.baseline_name})"
        rows.append(
            (
                f.name + (f" [{f.note}]" if f.note else ""),
                "-" if f.clients is None else f"{f.clients:,}",
                _number(f.value, f.unit),
                _number(f.p95, f.unit),
                baseline,
                "-" if f.ratio is None else f"{f.ratio:.2f}x",
                "-" if f.budget is None else f.budget.describe(f.unit),
                verdict(f),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def to_json(figures: Sequence[Figure], meta: dict[str, Any] | None = None) -> str:
    items = []
    for f in figures:
        item = asdict(f)
        item["samples"] = list(f.samples)
        item["p95"] = f.p95
        item["ratio"] = f.ratio
        item["passed"] = f.passed
        items.append(item)
    return json.dumps({"meta": meta or {}, "figures": items, "passed": exit_status(figures) == 0}, indent=2)


def exit_status(figures: Sequence[Figure]) -> int:
    """0 when every budget is met, 1 when any is missed (or could not be measured)."""
    return 1 if any(f.passed is False for f in figures) else 0
