"""Requests per second for the portal home and an article, against a static file served by
the same server, printed as ratios (1.00 = as fast as a static file).

Usage (after ``make demo``; uses the same DATABASE_URL as the site):
    .venv/bin/python bench/pages.py [--seconds 5] [--concurrency 4] [--port 8765]

It starts gunicorn on 127.0.0.1, warms each URL once, then hammers each URL for the
given time with the given number of client threads. Run it with PAGE_CACHE_SECONDS=0
in the environment to see the pages without the anonymous page cache.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "localhost"


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, headers={"Host": HOST}, timeout=10).status_code < 500:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def rate(url: str, seconds: float, concurrency: int) -> float:
    done = [0] * concurrency
    stop = time.monotonic() + seconds

    def worker(slot: int) -> None:
        session = requests.Session()
        while time.monotonic() < stop:
            response = session.get(url, headers={"Host": HOST}, timeout=10)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            done[slot] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings.dev")}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "-b", f"127.0.0.1:{args.port}", "-w", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(base + "/static/css/site.css")
        feed = requests.get(base + "/rss/", headers={"Host": HOST}, timeout=10).text
        links = re.findall(r"<link>http://[^/]+(/tin-tuc/[^<]+)</link>", feed)
        if not links:
            raise SystemExit("no article on the portal: run `manage.py load_demo` first")
        urls = {"tệp tĩnh (css)": "/static/css/site.css", "trang chủ Cổng": "/", "một bài viết": links[0]}
        for path in urls.values():
            requests.get(base + path, headers={"Host": HOST}, timeout=30)  # warm: renditions, caches
        results = {name: rate(base + path, args.seconds, args.concurrency) for name, path in urls.items()}
        static = results["tệp tĩnh (css)"]
        print(f"{'URL':<20} {'yêu cầu/giây':>14} {'so với tệp tĩnh':>16}")
        for name, value in results.items():
            print(f"{name:<20} {value:>14.1f} {value / static:>16.2f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
