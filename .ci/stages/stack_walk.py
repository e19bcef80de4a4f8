"""Stage 10: the production stack as an operator runs it, walked over HTTP.

PostgreSQL (a database of its own), Redis (DB indexes 1-3), gunicorn with
portal.settings.production, one Celery worker, one beat on the fast schedule
(BEAT_EVERY_SECONDS) and an SMTP server on loopback (aiosmtpd) that keeps every mail.
The walk: a citizen's question -> the acknowledgement arrives; the worker stopped, more
questions, the worker started -> every mail arrives exactly once; the web's broker URL at a
dead port while a citizen asks -> the question is saved and its mail delivered later by the
retry job beat fires. Any missing or duplicated mail fails the stage.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import requests
from stacklib import (
    LOGS,
    REDIS,
    beat,
    create_database,
    drop_database,
    fail,
    flush_redis,
    gunicorn,
    mails_to,
    manage,
    post_form,
    production_env,
    psql,
    run,
    smtp_server,
    step,
    wait_for,
    wait_healthy,
    worker,
)

WEB_PORT = int(os.environ.get("STACK_WEB_PORT", "8110"))
SMTP_PORT = int(os.environ.get("STACK_SMTP_PORT", "8125"))
DEAD_PORT = int(os.environ.get("STACK_DEAD_PORT", "8199"))  # nothing listens here
DB_NAME = os.environ.get("STACK_DB", f"h12_stack_{os.getpid()}")
BEAT_SECONDS = 3

SEED = """
from intranet.units.models import Unit
from intranet.units.services import provision_site
if not Unit.objects.exists():
    unit = Unit.add_root(instance=Unit(code="tinh", name="Tỉnh Thử Nghiệm", short_name="Tỉnh", kind=Unit.Kind.PROVINCE, has_site=True))
    provision_site(unit)
"""


def _logged(log: Path, request_id: str) -> bool:
    """A JSON log line of that request: its id, the warning Django logs for a 404."""
    import json

    for line in log.read_text(errors="replace").splitlines():
        if request_id in line and line.startswith("{"):
            entry = json.loads(line)
            if entry.get("request_id") == request_id and entry.get("level") == "WARNING":
                return True
    return False


def main():
    tmp = Path(tempfile.mkdtemp(prefix="h12-stack-"))
    maildir = tmp / "maildir"
    database = create_database(DB_NAME)
    flush_redis(1, 2, 3)
    env = production_env(
        DATABASE_URL=database,
        CELERY_BROKER_URL=f"{REDIS}/1",
        REDIS_URL=f"{REDIS}/2",
        CELERY_RESULT_BACKEND=f"{REDIS}/3",
        EMAIL_URL=f"smtp://127.0.0.1:{SMTP_PORT}",
        MEDIA_ROOT=tmp / "media",
        EXTRA_ALLOWED_HOSTS="127.0.0.1",
        CASES_QUESTION_RATE="1000/h",
        BEAT_EVERY_SECONDS=BEAT_SECONDS,
        BEAT_EVERY_JOBS="retry-pending-emails,store-sync-retry,publish-scheduled",
    )
    processes = []
    try:
        step("migrate (writes the beat schedule), collectstatic, seed the province")
        manage(env, "migrate", "--noinput")
        jobs = int(
            psql(database, "SELECT count(*) FROM django_celery_beat_periodictask WHERE enabled AND name NOT LIKE 'celery.%'")
        )
        if jobs < 10:
            fail(f"migrate wrote {jobs} periodic tasks")
        # Production defaults as shipped (HTTPS redirect, HSTS, secure cookies): not even a warning.
        shipped = {key: value for key, value in env.items() if key not in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES")}
        manage(shipped, "check", "--deploy", "--fail-level", "WARNING")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "shell", "-c", SEED)

        smtp = smtp_server(SMTP_PORT, maildir).start()
        web = gunicorn("web", WEB_PORT, env).start()
        work = worker("worker", env).start()
        clock = beat("beat", env).start()
        processes += [smtp, web, work, clock]
        base = f"http://127.0.0.1:{WEB_PORT}"
        wait_healthy(base)
        home = requests.get(base + "/", timeout=30)
        if home.status_code != 200 or "DEBUG = True" in home.text:
            fail(f"home page: {home.status_code}")
        if "script-src 'self'" not in home.headers.get("Content-Security-Policy", ""):
            fail(f"home page without its Content-Security-Policy: {home.headers}")
        missing = requests.get(base + "/khong-co-trang-nay/", timeout=30, headers={"X-Request-ID": "stack-walk-404"})
        if missing.status_code != 404:
            fail("an unknown page is not a plain 404 (DEBUG on?)")
        step("gunicorn's log: JSON lines carrying the request id")
        wait_for("the 404's JSON log line with its request id", lambda: _logged(LOGS / "web.log", "stack-walk-404"), 15)

        def ask(n: int) -> str:
            response = post_form(
                requests.Session(),
                f"{base}/hoi-dap/gui-cau-hoi/",
                {
                    "name": f"Nguyễn Văn Dân {n}",
                    "email": f"dan{n}@example.test",
                    "phone": "",
                    "address": "",
                    "field": "hanh-chinh",
                    "title": f"Câu hỏi số {n} về thủ tục",
                    "question": "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ cần những giấy tờ gì?",
                },
            )
            code = re.search(r'class="tracking-code">([^<]+)<', response.text)
            if response.status_code != 200 or not code:
                fail(f"question {n} not accepted: {response.status_code} {response.text[:500]}")
            return code.group(1)

        def arrived(n: int, code: str, timeout: float = 60.0) -> None:
            wait_for(f"the acknowledgement of question {n}", lambda: mails_to(maildir, f"dan{n}@example.test"), timeout)
            mails = mails_to(maildir, f"dan{n}@example.test")
            parts = [part for part in mails[0].walk() if part.get_content_type() in ("text/plain", "text/html")]
            if len(parts) != 2:
                fail(f"mail {n} has not both a plain-text and an HTML part: {[p.get_content_type() for p in mails[0].walk()]}")
            if any(code not in part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8") for part in parts):
                fail(f"mail {n} does not carry its code {code} in both parts")

        step("a citizen asks a question: the acknowledgement arrives at the SMTP server")
        codes = {1: ask(1)}
        arrived(1, codes[1])

        step("the worker stopped, two more questions, the worker started: both mails arrive")
        work.stop()
        codes[2], codes[3] = ask(2), ask(3)
        time.sleep(BEAT_SECONDS * 2)  # beat keeps firing the retry job meanwhile: still queued, not lost
        if mails_to(maildir, "dan2@example.test") or mails_to(maildir, "dan3@example.test"):
            fail("mail sent with no worker running?")
        work.start()
        arrived(2, codes[2])
        arrived(3, codes[3])

        step("the web's broker URL at a dead port: the question is saved, beat's retry job delivers its mail")
        worker_log = Path(__file__).resolve().parents[2] / ".ci-logs" / "worker.log"
        seen = len(worker_log.read_text())
        web.stop()
        cut_off = gunicorn("web-dead-broker", WEB_PORT, {**env, "CELERY_BROKER_URL": f"redis://127.0.0.1:{DEAD_PORT}/1"}).start()
        processes.append(cut_off)
        wait_for("the web with a dead broker", lambda: requests.get(base + "/", timeout=5).status_code == 200, 90)
        codes[4] = ask(4)
        if not re.fullmatch(r"[A-Z0-9-]+", codes[4]):
            fail(f"odd tracking code {codes[4]!r}")
        saved = psql(database, f"SELECT count(*) FROM cases_case WHERE code = '{codes[4]}'")  # noqa: S608 - checked above
        if saved != "1":
            fail(f"question 4 ({codes[4]}) not saved: {saved}")
        arrived(4, codes[4], timeout=90)
        if not re.search(r"retry_pending_emails\[[^]]+\] succeeded in [0-9.]+s: 1", worker_log.read_text()[seen:]):
            fail("question 4's mail was not delivered by the retry job beat fires")

        step(f"a few beat cycles later: every mail exactly once ({len(codes)} questions)")
        time.sleep(BEAT_SECONDS * 3)
        for n in codes:
            count = len(mails_to(maildir, f"dan{n}@example.test"))
            if count != 1:
                fail(f"question {n}: {count} acknowledgements at the SMTP server, expected exactly 1")
        pending = psql(database, "SELECT count(*) FROM notifications_outgoingemail WHERE status <> 'sent'")
        if pending != "0":
            fail(f"{pending} emails not sent")
        for process in processes:
            if process.name != "web" and process.name != "web-dead-broker" and not process.alive():
                fail(f"{process.name} died (see .ci-logs/{process.name}.log)")
        step("stack walk passed")
    finally:
        for process in reversed(processes):
            process.stop()
        drop_database(DB_NAME)
        flush_redis(1, 2, 3)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    run(main)
