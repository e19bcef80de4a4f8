"""Shared pieces of the CI stages that run the system as an operator does: processes started
with the production settings, a loopback SMTP server, HTTP helpers, loud failures.

Stage scripts import it from .ci/stages; they run from the project root with .venv installed.
"""

from __future__ import annotations

import mailbox
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
LOGS = ROOT / ".ci-logs"
PG = os.environ.get("STAGE_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("STAGE_REDIS", "redis://127.0.0.1:6379")


class StageFailure(AssertionError):
    pass


def fail(message: str):
    raise StageFailure(message)


def step(message: str) -> None:
    print(f"-- {message}", flush=True)


def wait_for(what: str, check, timeout: float = 60.0, every: float = 0.5):
    """Poll ``check`` until it returns something truthy; fail loudly after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception as error:  # the thing is not up yet
            last = error
        if last and not isinstance(last, Exception):
            return last
        time.sleep(every)
    fail(f"timed out after {timeout:.0f}s waiting for {what} (last: {last!r})")


def psql(database_url: str, sql: str) -> str:
    result = subprocess.run(["psql", database_url, "-qtAc", sql], capture_output=True, text=True, check=True)  # noqa: S603, S607
    return result.stdout.strip()


def create_database(name: str) -> str:
    psql(f"{PG}/postgres", f'DROP DATABASE IF EXISTS "{name}"')
    psql(f"{PG}/postgres", f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def drop_database(name: str) -> None:
    try:
        psql(f"{PG}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except subprocess.CalledProcessError as error:
        print(f"(could not drop {name}: {error.stderr})")


def flush_redis(*indexes: int) -> None:
    import redis

    for index in indexes:
        redis.Redis.from_url(f"{REDIS}/{index}").flushdb()


def production_env(**overrides) -> dict:
    """The environment of a production deployment, with the given differences."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "CELERY_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        PORTAL_DOMAIN="localhost",
        SECURE_SSL_REDIRECT="false",  # the stage talks plain HTTP on loopback, as behind a TLS proxy
        SECURE_COOKIES="false",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


class Process:
    """One long-running process of the stack, its output in .ci-logs/<name>.log."""

    def __init__(self, name: str, argv: list[str], env: dict):
        self.name, self.argv, self.env = name, argv, env
        self.popen: subprocess.Popen | None = None

    def start(self) -> Process:
        LOGS.mkdir(exist_ok=True)
        log = open(LOGS / f"{self.name}.log", "a")
        log.write(f"\n==== start {' '.join(self.argv)}\n")
        log.flush()
        self.popen = subprocess.Popen(  # noqa: S603 - our own fixed command lines
            self.argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def stop(self, timeout: float = 30.0) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None


def manage(env: dict, *args: str, **kwargs) -> str:
    argv = [str(VENV / "python"), "manage.py", *args]
    result = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, **kwargs)  # noqa: S603
    if result.returncode:
        fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def gunicorn(name: str, port: int, env: dict) -> Process:
    return Process(
        name,
        [
            str(VENV / "gunicorn"),
            "-c",
            "python:portal.gunicorn",
            "portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "60",
        ],
        env,
    )


def worker(name: str, env: dict) -> Process:
    return Process(
        name, [str(VENV / "celery"), "-A", "portal", "worker", "--pool=solo", "--loglevel=info", "-n", f"{name}@%h"], env
    )


def beat(name: str, env: dict) -> Process:
    return Process(name, [str(VENV / "celery"), "-A", "portal", "beat", "--loglevel=info"], env)


def smtp_server(port: int, maildir: Path) -> Process:
    return Process(
        "smtp",
        [
            str(VENV / "python"),
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        dict(os.environ),
    )


def mails_to(maildir: Path, address: str) -> list:
    if not maildir.exists():
        return []
    return [message for message in mailbox.Maildir(str(maildir), create=False) if address in (message.get("To") or "")]


def wait_healthy(base: str, timeout: float = 90.0) -> None:
    wait_for(f"{base}/healthz", lambda: requests.get(f"{base}/healthz", timeout=5).status_code == 200, timeout)


def post_form(session: requests.Session, url: str, data: dict, files=None) -> requests.Response:
    """GET the form page for its CSRF cookie and token, then POST it as a browser would."""
    page = session.get(url, timeout=30)
    if page.status_code != 200:
        fail(f"GET {url}: {page.status_code}")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not match:
        fail(f"no CSRF token on {url}")
    return session.post(
        url, data={"csrfmiddlewaretoken": match.group(1), **data}, files=files, headers={"Referer": url}, timeout=60
    )


def run(main) -> None:
    try:
        main()
    except StageFailure as error:
        print(f"STAGE FAILED: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
