"""Requests per second of the portal's pages, and a gunicorn worker's memory, as ratios (issue 18.1, 18.6).

Usage (after ``make demo``; wrk from Debian: ``apt-get install wrk``):
    .venv/bin/python bench/pages.py [--seconds 5] [--rounds 3] [--peer http://127.0.0.1:8801 --peer-pid PID]

What it does, so the figures can be trusted:
- gunicorn with ``portal.settings.production`` (DEBUG off, static files collected and served by
  whitenoise), 2 workers, on the demo database (DATABASE_URL, default the embedded ``db.sqlite3``)
  with the cache in Redis (``BENCH_REDIS_URL``, default DB 5), as a province runs it. Two servers:
  one with the anonymous page cache (cached pages), one without (every page rendered).
- wrk (``-t2 -c8``, a C load generator, not a Python client that would be the bottleneck) drives
  each URL for ``--seconds``; the servers are alternated over ``--rounds`` rounds and the medians
  are compared. Non-2xx answers or socket errors fail the run instead of being counted.
- Goals: cached article and home ≥ 0.8× the static file of the same gunicorn; uncached article and
  home ≥ 1.5× wagtail/bakerydemo's blog page and home (``--peer``, a bakerydemo served by gunicorn
  with 2 workers on the same machine) or, without a peer, ≥ 1.5× the figures this issue started
  from (below); a worker's RSS after warm-up ≤ 1.2× bakerydemo's (``--peer-pid``, its gunicorn
  master) or ≤ 1.2× the 141 MB measured for bakerydemo then.

Figures at the issue's start (wrk -t2 -c8, 2 workers, SQLite): static CSS 2,314 rps; cached
article 486 (0.22×), home 0.19×; uncached article 56 rps against bakerydemo's blog page 44 (1.13×);
worker RSS ~168 MB against bakerydemo's ~141 MB.

Measured 2026-12-07 on the shared 2-core machine (other sessions' tests running), SQLite, Redis,
bakerydemo (8e2b625, Wagtail 7.4, its production settings with Redis) as the peer, medians of
3 alternated rounds of 5 s:
- at the session's start: static 3,394 rps; cached home 0.45×, article 0.45× the static file;
  uncached home 3.07×, article 1.18× bakerydemo's; worker RSS 189 MB against its 168 MB (1.13×).
- one Redis client per process, counts in one round trip, visits pushed every 2 s, the CSP
  header built once: cached home 0.70×, article 0.68× (in process: a hit 923 → 340 µs).
- each process's own copy for a second (PAGE_CACHE_LOCAL_SECONDS): static 4,063 rps; cached
  home 0.99×, article 0.98×; uncached home 1.82×, article 1.21× bakerydemo's (92 against 76
  rps: not met); worker RSS 181 MB against 170 MB (1.06×).
- with the SQLite connection kept between requests and its larger page cache (issue 18.2's
  change), on a quiet machine: static 3,962 rps; cached home 1.01×, article 0.99×; uncached home
  2.06×, article 1.61× bakerydemo's (111 against 69 rps); worker RSS 184 MB against 170 MB
  (1.08×). Every goal holds.

To serve bakerydemo as the peer (its own checkout and venv, e.g. from ``fetch wagtail/bakerydemo``):
    cd bakerydemo && .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_initial_data
    DJANGO_SETTINGS_MODULE=bakerydemo.settings.production SECRET_KEY=x ALLOWED_HOSTS='*' \\
        .venv/bin/gunicorn bakerydemo.wsgi -w 2 -b 127.0.0.1:8801 --pid /tmp/bakery.pid
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "localhost"
BASELINE = {"uncached article": 56.0, "uncached home": 56.0 * 0.19 / 0.22, "rss_mb": 141.0}


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, headers={"Host": HOST}, timeout=10).status_code < 500:
                return
        except requests.RequestException:  # not listening yet, or its workers still booting
            pass
        time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def wrk(url: str, seconds: float, host: str | None = HOST) -> float:
    """Requests per second wrk measured; any non-2xx/3xx answer or socket error fails the run."""
    argv = ["wrk", "-t2", "-c8", f"-d{max(1, round(seconds))}s", "--latency", url]
    if host:
        argv[1:1] = ["-H", f"Host: {host}"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout  # noqa: S603
    if "Non-2xx or 3xx responses" in out or "Socket errors" in out:
        raise SystemExit(f"{url} failed under load:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def production_env(port_cache: bool) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "CELERY_BROKER_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "ERROR",
    }
    if not port_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    return env


def gunicorn(port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own command line
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "python:portal.gunicorn", "portal.wsgi",
         "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "error"],
        cwd=ROOT, env=env,
    )  # fmt: skip


def worker_rss_mb(master_pid: int) -> float:
    """The largest resident set of the master's worker processes, in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return max(sizes)


def article_path(base: str) -> str:
    feed = requests.get(base + "/rss/", headers={"Host": HOST}, timeout=30).text
    links = re.findall(r"<link>http://[^/]+(/tin-tuc/[^<]+)</link>", feed)
    if not links:
        raise SystemExit("no article on the portal: run `make demo` first")
    return links[0]


def peer_paths(peer: str) -> dict[str, str]:
    blog_index = requests.get(peer + "/blog/", timeout=30).text
    post = re.search(r'href="(/blog/[^"/]+/)"', blog_index)
    if not post:
        raise SystemExit(f"no blog page at {peer}/blog/: load bakerydemo's initial data")
    return {"peer home": "/", "peer article": post.group(1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--peer", help="base URL of a bakerydemo served by gunicorn with 2 workers")
    parser.add_argument("--peer-pid", type=int, help="that gunicorn's master pid, for its workers' memory")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")

    subprocess.run(  # noqa: S603
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=production_env(True), check=True,
    )  # fmt: skip
    cached_port, uncached_port = args.port, args.port + 1
    servers = [gunicorn(cached_port, production_env(True)), gunicorn(uncached_port, production_env(False))]
    cached, uncached = f"http://127.0.0.1:{cached_port}", f"http://127.0.0.1:{uncached_port}"
    try:
        for base in (cached, uncached):
            wait_for(base + "/healthz")
        article = article_path(uncached)
        urls = {
            "static file": (cached, "/static/css/site.css", HOST),
            "cached home": (cached, "/", HOST),
            "cached article": (cached, article, HOST),
            "uncached home": (uncached, "/", HOST),
            "uncached article": (uncached, article, HOST),
        }
        if args.peer:
            urls.update({name: (args.peer, path, None) for name, path in peer_paths(args.peer).items()})
        for base, path, host in urls.values():  # warm: templates, renditions, the page cache
            for _ in range(3):
                requests.get(base + path, headers={"Host": host} if host else {}, timeout=60)
        figures: dict[str, list[float]] = {name: [] for name in urls}
        for round_ in range(args.rounds):
            order = list(urls) if round_ % 2 == 0 else list(reversed(urls))  # alternate A/B
            for name in order:
                base, path, host = urls[name]
                figures[name].append(wrk(base + path, args.seconds, host))
        rps = {name: statistics.median(values) for name, values in figures.items()}
        rss = worker_rss_mb(servers[1].pid)
        peer_rss = worker_rss_mb(args.peer_pid) if args.peer_pid else None
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)

    static = rps["static file"]
    print(f"wrk -t2 -c8, {args.seconds:g} s × {args.rounds} alternated rounds, medians")
    print(f"{'URL':<18} {'req/s':>9}  {'× static':>8}")
    for name, value in rps.items():
        print(f"{name:<18} {value:>9.1f}  {value / static:>8.2f}")

    def against(name: str, peer_name: str) -> tuple[float, str]:
        if args.peer:
            return rps[name] / rps[peer_name], "bakerydemo now"
        return rps[name] / BASELINE[name], "the issue's start"

    goals = [  # label, ratio, target, whether the ratio must reach the target (else stay under it)
        ("cached home ≥ 0.8× static", rps["cached home"] / static, 0.8, True),
        ("cached article ≥ 0.8× static", rps["cached article"] / static, 0.8, True),
    ]
    for name, peer_name in (("uncached home", "peer home"), ("uncached article", "peer article")):
        ratio, versus = against(name, peer_name)
        goals.append((f"{name} ≥ 1.5× {versus}", ratio, 1.5, True))
    reference, versus = (peer_rss, "bakerydemo now") if peer_rss else (BASELINE["rss_mb"], "bakerydemo at the issue's start")
    print(f"worker RSS after warm-up: {rss:.0f} MB" + (f", bakerydemo {peer_rss:.0f} MB" if peer_rss else ""))
    goals.append((f"worker RSS ≤ 1.2× {versus} ({reference:.0f} MB)", rss / reference, 1.2, False))
    for label, value, target, reach in goals:
        held = value >= target if reach else value <= target
        print(f"{'OK ' if held else 'NO '} {label}: {value:.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
