"""Each baby's feeding plan on the care plan: "Feeding plan for <name>", why, then what to do (parent's words)."""

from __future__ import annotations

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable, KeepTogether

from consultapp.documents.styles import Para, user_text
from consultapp.domain.careplan import CarePlan


def feeding_plan_story(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    """A block per baby with a plan to print, in the order the babies were assessed; nothing for the others."""
    story: list[Flowable] = []
    for baby in plan.baby_feeding_plans:
        if not baby.lines:
            continue
        parts: list[Flowable] = [Para(user_text(baby.title), styles["Subheading"])]
        if baby.why:
            parts.append(Para(f"<b>Why:</b> {user_text(baby.why)}", styles["Body"]))
        bullets = [Para(user_text(line), styles["Bullet"], bulletText="•") for line in baby.lines]
        # The heading and the first step stay together; a long plan may still break after them.
        story += [KeepTogether([*parts, *bullets[:1]]), *bullets[1:]]
    return story
