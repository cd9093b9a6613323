"""Command line: tools for running and shipping the app (self-test, benchmark)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.cli.common import CliError

if TYPE_CHECKING:
    from consultapp.cli.common import AddDb, Handler, Subparsers


def register(sub: Subparsers, *, add_db: AddDb) -> dict[str, Handler]:
    sub.add_parser(
        "self-test",
        help="check this installation: resources, a temporary database, every document, the window; exit 0 if all work",
    )

    bench = sub.add_parser(
        "bench",
        help="benchmark against the performance budget on a synthetic 50,000-client practice (cached)",
    )
    bench.add_argument("--json", metavar="FILE", help="also write the table as JSON to FILE")
    bench.add_argument("--regenerate", action="store_true", help="generate the practice again (and time it)")
    bench.add_argument("--cache", metavar="DIR", help="where the generated practice is kept (default: user cache)")
    bench.add_argument("--clients", type=int, help="one smaller practice, for trying the benchmark out")
    bench.add_argument(
        "--sizes",
        metavar="N,N,...",
        help="the practice sizes to measure, in clients (default 50000; the curve: 5000,50000,500000)",
    )
    bench.add_argument("--runs", type=int, default=7, help="cold starts of each process (default 7)")
    bench.add_argument("--repeat", type=int, default=15, help="repetitions of each in-process timing (default 15)")
    bench.add_argument(
        "--pg",
        metavar="URL",
        default=os.environ.get("CONSULTAPP_BENCH_PG_URL"),
        help="also measure search and open client on this PostgreSQL server (at 50,000 and 500,000 clients, "
        "where --sizes has them), a group practice of consultants searching and saving at once, and an offline "
        "copy (taking a 200-client caseload, syncing 50 visits)",
    )
    bench.add_argument("--consultants", type=int, default=30, help="the group practice's size (default 30)")
    bench.add_argument(
        "--no-photos",
        action="store_true",
        help="leave out the visit with 20 photos of about 5 MB (its practice is made once)",
    )
    bench.add_argument("--rounds", type=int, default=20, help="searches and saves of each consultant (default 20)")
    bench.add_argument(
        "--app",
        metavar="COMMAND",
        help="start this (e.g. the frozen app) for the cold start instead of 'python -m consultapp'",
    )
    bench.add_argument(
        "--frozen",
        metavar="FOLDER",
        help="report the size of this frozen app folder (the download) without timing its start "
        "(--app pointing into one does both)",
    )
    return {"self-test": cmd_self_test, "bench": cmd_bench}


def cmd_self_test(args: argparse.Namespace) -> int:
    # lazy: the self-test's checks load the store and the documents only when it runs
    from consultapp.cli.selftest import run_self_test

    return run_self_test()


def cmd_bench(args: argparse.Namespace) -> int:
    # lazy: the benchmark's code loads only for `consultapp bench`
    from consultapp.bench.practice import FULL, PracticeSize
    from consultapp.bench.report import exit_status, machine_lines, table, to_json
    from consultapp.bench.run import GROWTH_FROM, GROWTH_TO, BenchOptions, practice_size, run_benchmark

    if args.runs < 1 or args.repeat < 1:
        raise CliError("--runs and --repeat must be at least 1.")
    if args.consultants < 1 or args.rounds < 1:
        raise CliError("--consultants and --rounds must be at least 1.")
    sizes: tuple[PracticeSize, ...] = (FULL,)
    if args.clients is not None:
        if not 100 <= args.clients <= FULL.clients:
            raise CliError(f"--clients must be between 100 and {FULL.clients}.")
        sizes = (PracticeSize(clients=args.clients, babies=args.clients * 6 // 5, visits=args.clients * 5),)
    if args.sizes is not None:
        sizes = tuple(practice_size(n) for n in _sizes(args.sizes))
    counts = [s.clients for s in sizes]
    pg_sizes = tuple(n for n in counts if n in (GROWTH_FROM, GROWTH_TO)) or (max(counts),)
    out = Path(args.json).expanduser() if args.json else None
    if out is not None:
        _check_writable(out)  # before the benchmark's minutes, not after
    frozen = Path(args.frozen).expanduser() if args.frozen else None
    if frozen is not None and not (frozen / "_internal").is_dir():
        raise CliError(f"{frozen} is not a frozen app folder (the one holding the executable and _internal/).")
    options = BenchOptions(
        sizes=sizes,
        cache=Path(args.cache).expanduser() if args.cache else None,
        regenerate=args.regenerate,
        cold_runs=args.runs,
        repeat=args.repeat,
        app=shlex.split(args.app) if args.app else None,
        pg_url=args.pg,
        pg_sizes=pg_sizes,
        load_consultants=args.consultants,
        load_rounds=args.rounds,
        photos=not args.no_photos,
        frozen=frozen,
    )
    figures, meta = run_benchmark(options, progress=lambda msg: print(f"bench: {msg}", file=sys.stderr, flush=True))
    print(table(figures))
    print()
    for line in machine_lines(meta):
        print(line)
    print(f"{meta['cpus']} CPUs, Python {meta['python']}, {meta['seconds']} s in all")
    if out is not None:
        try:
            out.write_text(to_json(figures, meta) + "\n", encoding="utf-8")
        except OSError as exc:
            raise CliError(f"Cannot write {out}: {exc.strerror or exc}") from exc
    status = exit_status(figures)
    if status:
        print("bench: a budget was missed", file=sys.stderr)
    return status


def _sizes(text: str) -> list[int]:
    """``5000,50000,500000``: practice sizes in clients, each at least 100 (the 40-visit clients need room)."""
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise CliError(
            f"--sizes takes client counts separated by commas, e.g. 5000,50000,500000; not {text!r}."
        ) from None
    if not sizes or any(not 100 <= n <= 2_000_000 for n in sizes):
        raise CliError("--sizes: each size must be between 100 and 2000000 clients.")
    return sorted(set(sizes))


def _check_writable(out: Path) -> None:
    """Refuse a --json file that cannot be written, trying it as the write will (nothing is changed)."""
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name for the JSON.")
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.")
    existed = out.exists()
    try:
        with out.open("ab"):  # appends nothing: an existing file keeps its content
            pass
    except OSError as exc:
        raise CliError(f"Cannot write {out}: {exc.strerror or exc}") from exc
    if not existed:
        out.unlink(missing_ok=True)
