"""A writer process for the crash-safety test: saves visits forever, acknowledging each saved one.

Run as ``python crash_writer.py DB PASSPHRASE CLIENT_ID BABY_ID BABY_ID``; prints ``ACK <visit id>``
after each save returns (what the app would tell the user as "Saved").
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import BabyAssessment, FeedingObservation, TongueAssessment, Visit
from consultapp.domain.vocabulary import Position, Side
from consultapp.store.db import open_database
from consultapp.store.facade import Store


def main() -> None:
    path, passphrase, client, *babies = sys.argv[1:]
    repo = Store(open_database(path, create=False, passphrase=passphrase))
    n = 0
    while True:
        n += 1
        visit = Visit(
            uuid.UUID(client),
            dt.date(2026, 11, 26),
            reason=f"crash test {n}",
            assessments=[
                BabyAssessment(
                    uuid.UUID(b),
                    weight_g=3000 + n,
                    feeds=[FeedingObservation(Side.LEFT, [Position.FOOTBALL], latch=LatchScore(2, 2, 2, 2, 2))],
                    tongue=TongueAssessment(btat=BtatScore(2, 2, 2, 2)),
                )
                for b in babies
            ],
        )
        saved = repo.save_visit(visit)
        print(f"ACK {saved.id}", flush=True)


if __name__ == "__main__":
    main()
