"""Command line: tools for running and shipping the app (self-test, benchmark)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction, *, add_db: Callable[..., None]) -> dict[str, Handler]:  # type: ignore[type-arg]
    return {}
