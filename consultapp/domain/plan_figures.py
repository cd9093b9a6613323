"""The care plan's pictures, now in ``consultapp.domain.careplan.figures``; this module keeps the old import path."""

from __future__ import annotations

from consultapp.domain.careplan.figures import NO_FIGURES, BabyChart, CarePlanFigures, figures_for_visit

__all__ = ["NO_FIGURES", "BabyChart", "CarePlanFigures", "figures_for_visit"]
