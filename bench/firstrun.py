"""The first `make run` on a fresh clone: seconds to each stage and to the first page (issue 18.5).

    .venv/bin/python bench/firstrun.py                      # the issue's start (060a8df) against HEAD
    .venv/bin/python bench/firstrun.py --baseline REV --rounds 2 --port 8077

Each run clones this repository into a temporary directory, checks out the commit, starts
`make run PORT=…` there (a new .venv, a new SQLite database, the demo, the server) and polls
http://localhost:PORT/ until it answers 200. The stage lines `make run` prints ("==> [1/4]" …)
are time-stamped as they arrive, so the figures are: the virtualenv, install, migrate, demo and
server stages, and the total to the first page. The baseline and the new code alternate, round by
round, in the same minutes, and the medians are compared: the goal is the new total at ≤ 0.6× the
baseline's. Caches outside the clone (pip's, uv's) are whatever the machine holds: run a round
first to warm them, as "with a warm cache" means. PIP_FIND_LINKS is passed through, so a local
wheelhouse (`pip download -d DIR -r requirements.txt`) can stand in for a warm pip cache on a
machine whose pip keeps none.

Measured on the shared 2-core machine, 2026-12-08 (slow that day: a Python loop of 10⁷ additions
took 1.65 s; load average below 1.5; the baseline's wheels from a local wheelhouse, since pip kept no
cache there). Seconds, baseline 060a8df → 0ac0b6f:
- round 1: venv 6.1 → 1.0, install 40.5 → 4.1, migrate 68.0 → 18.2, demo 79.1 → 48.1, server 17.8 → 7.5;
  total 211.7 → 78.9 s (0.37×: the goal holds).
- round 2, the baseline alone (the new code's run was lost): venv 7.6, install 44.9, migrate 72.0,
  demo 69.2, server 16.7; total 210.5 s.
These two rounds were timed by the same steps in a shell script; this script was written after them.
- this script, code against itself (4247c7a, whose changes are the README's only, against 5d4742d):
  72.5 and 85.3 s (the demo 48.6 and 57.4 s). So on this machine one run differs from the next by up to
  about 18%. Use several rounds (--rounds 3) when the ratio is close to the goal.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("venv", "install", "migrate", "demo", "server")
TIMEOUT = 1200  # seconds: pip downloading everything on a slow machine


def first_run(rev: str, port: int) -> dict[str, float]:
    """Seconds from the start of `make run` in a fresh clone of ``rev`` to each stage and to the first page."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-firstrun-"))
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(workdir)], check=True)
        subprocess.run(["git", "checkout", "--quiet", rev], cwd=workdir, check=True)
        env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")}
        marks: dict[str, float] = {}
        started = time.monotonic()
        make = subprocess.Popen(
            ["make", "run", f"PORT={port}"], cwd=workdir, env=env, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
        )

        def read() -> None:
            for line in make.stdout:
                for n, stage in enumerate(STAGES[1:], start=1):
                    if f"==> [{n}/4]" in line and stage not in marks:
                        marks[stage] = time.monotonic() - started

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            while not _answers(port):
                if make.poll() is not None:
                    raise RuntimeError(f"make run stopped (exit {make.returncode}) before the first page, at {rev}")
                if time.monotonic() - started > TIMEOUT:
                    raise RuntimeError(f"no first page after {TIMEOUT} s at {rev}")
                time.sleep(0.2)
            marks["page"] = time.monotonic() - started
        finally:
            os.killpg(make.pid, signal.SIGTERM)
            try:
                make.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(make.pid, signal.SIGKILL)
        # Each stage lasts until the next one starts; the server until the first page.
        order = [0.0] + [marks.get(stage, float("nan")) for stage in STAGES[1:]] + [marks["page"]]
        figures = {stage: order[n + 1] - order[n] for n, stage in enumerate(STAGES)}
        figures["total"] = marks["page"]
        return figures
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="060a8df", help="the commit to compare with (default: the issue's start)")
    parser.add_argument("--rev", default="HEAD", help="the commit measured (default: HEAD)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--port", type=int, default=8077)
    args = parser.parse_args()
    if _answers(args.port):
        sys.exit(f"port {args.port} already answers: stop that server or pass --port")
    revs = {"baseline": args.baseline, "new": args.rev}
    runs: dict[str, list[dict[str, float]]] = {"baseline": [], "new": []}
    print(f"{'round':>5} {'code':>9} " + " ".join(f"{stage:>8}" for stage in (*STAGES, "total")))
    for round_ in range(1, args.rounds + 1):
        for name in ("baseline", "new") if round_ % 2 else ("new", "baseline"):
            figures = first_run(revs[name], args.port)
            runs[name].append(figures)
            print(f"{round_:>5} {name:>9} " + " ".join(f"{figures[key]:>7.1f}s" for key in (*STAGES, "total")), flush=True)
    medians = {name: {key: statistics.median(run[key] for run in done) for key in (*STAGES, "total")} for name, done in runs.items()}
    for name in ("baseline", "new"):
        print(f"{'median':>5} {name:>9} " + " ".join(f"{medians[name][key]:>7.1f}s" for key in (*STAGES, "total")))
    ratio = medians["new"]["total"] / medians["baseline"]["total"]
    print(f"first page: {medians['new']['total']:.1f} s against {medians['baseline']['total']:.1f} s at {args.baseline}: "
          f"{ratio:.2f}x (goal <= 0.6x: {'holds' if ratio <= 0.6 else 'MISSED'})")


if __name__ == "__main__":
    main()
