"""Time processes to their "ready" line, from a small launcher: ``python -m consultapp.bench.launch REQUEST.json``.

Linux keeps a process's peak memory across exec, so a child forked from the (large) benchmark
process would report the benchmark's own peak. Spawned from this small launcher, the app and
the baseline report their own. Prints one JSON object: per command, ready times and peaks.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def run_until_ready(command: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Spawn ``command`` and time it to its "ready" line (and "listed", "searchable", if it says so) until it exits.

    Also reads its peak memory. A process still running at ``timeout`` is killed.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    marks: dict[str, float] = {}
    deadline = start + timeout
    finished = False
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while (left := deadline - time.perf_counter()) > 0 and sel.select(timeout=left):
            line = proc.stdout.readline()
            if not line:
                finished = True  # the process closed its output: it is exiting
                break
            word = line.strip()
            if word in ("ready", "listed", "searchable") and word not in marks:
                marks[word] = time.perf_counter() - start
    if not finished:
        proc.kill()  # (not poll(): that would reap the process before wait4 reads its memory)
    peak: float | None = None
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # KiB on Linux
    else:  # pragma: no cover - Windows
        proc.wait()
    proc.stdout.close()
    return {
        "ready_s": marks.get("ready"),
        "listed_s": marks.get("listed"),
        "searchable_s": marks.get("searchable"),
        "peak_rss_mb": peak,
        "returncode": proc.returncode,
    }


def main(argv: list[str]) -> int:
    request = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    # The request's environment is the whole environment (not laid over this process's): a variable
    # it leaves out, such as PYTHONDONTWRITEBYTECODE, must stay out.
    env = dict(request["env"]) if "env" in request else dict(os.environ)
    timeout = float(request.get("timeout", 60))
    commands: dict[str, dict[str, Any]] = request["commands"]
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in commands}
    for spec in commands.values():  # one unmeasured warm-up each: the disk cache
        run_until_ready(spec["argv"], {**env, **spec.get("env", {})}, timeout)
    for _ in range(int(request.get("runs", 5))):
        for name, spec in commands.items():  # alternated, so that drift hits both alike
            results[name].append(run_until_ready(spec["argv"], {**env, **spec.get("env", {})}, timeout))
    sys.stdout.write(json.dumps(results) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
