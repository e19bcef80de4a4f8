"""Stage 20: two deployments federated for real (issue 12.3).

The provincial store is one deployment (gunicorn, its own PostgreSQL database); a district
running its own server is another (gunicorn, a Celery worker, one beat, its own database) that
points at it with PROVINCE_STORE_URL and a key the store's operator issued (`manage.py
store_token`). Directory, board and speech changes made on the district arrive at the store once,
in order, with their provenance, read back over the store's public API. The store stopped while
the district changes more, then started: beat's retry job delivers everything, nothing twice. A
worker with a wrong key is refused and the entries stay pending until the right key is back.
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
    manage,
    production_env,
    psql,
    run,
    step,
    wait_for,
    wait_healthy,
    worker,
)

STORE_PORT = int(os.environ.get("FEDERATION_STORE_PORT", "8120"))
DISTRICT_PORT = int(os.environ.get("FEDERATION_DISTRICT_PORT", "8121"))
STORE_DB = f"h12_store_{os.getpid()}"
DISTRICT_DB = f"h12_district_{os.getpid()}"
REDIS_DBS = (4, 5, 6, 7)
BEAT_SECONDS = 2

# The store knows the whole province; the district's server holds the district and its communes.
STORE_SEED = """
from intranet.units.models import Unit
tinh = Unit.add_root(instance=Unit(code="tinh", name="Tỉnh Thử Nghiệm", short_name="Tỉnh", kind=Unit.Kind.PROVINCE))
huyen = tinh.add_child(instance=Unit(code="phongdien", name="Thị xã Phong Điền", short_name="Phong Điền", kind=Unit.Kind.DISTRICT))
huyen.add_child(instance=Unit(code="phongthu", name="Xã Phong Thu", short_name="Phong Thu", kind=Unit.Kind.COMMUNE))
"""
DISTRICT_SEED = """
from intranet.units.models import Unit
huyen = Unit.add_root(instance=Unit(code="phongdien", name="Thị xã Phong Điền", short_name="Phong Điền", kind=Unit.Kind.DISTRICT))
huyen.add_child(instance=Unit(code="phongthu", name="Xã Phong Thu", short_name="Phong Thu", kind=Unit.Kind.COMMUNE))
"""
# Officers' changes on the district, as the desk and the admin save them (signals write the outbox).
CHANGES = """
import datetime as dt
from django.contrib.auth import get_user_model
from intranet.boards.models import Board, BoardMember
from intranet.directory.models import Person
from intranet.speeches.models import Speech
from intranet.units.models import Unit
huyen, xa = Unit.objects.get(code="phongdien"), Unit.objects.get(code="phongthu")
editor, _ = get_user_model().objects.get_or_create(username="vanthu", defaults={"first_name": "Hạnh", "last_name": "Dương Thị"})
ROUND = "__ROUND__"
if ROUND == "first":
    for n, name in enumerate(["Hồ Văn Xã", "Lê Thị Thu"]):
        person = Person(unit=xa, full_name=name, position="Chuyên viên", email=f"cb{n}@phongthu.test",
                        birth_date=dt.date(1985, 6, 15), home_address="12 Lê Lợi")
        person._changed_by = editor
        person.save()
    first = Person.objects.get(full_name="Hồ Văn Xã")
    first.position = "Phó Chủ tịch"
    first._changed_by = editor
    first.save()
    board = Board(name="Ban Chỉ đạo chuyển đổi số thị xã", decision_number="15/QĐ-UBND", decision_date=dt.date(2026, 11, 20),
                  standing_unit=huyen, functions="<p>Chỉ đạo, điều phối.</p>", live=False)
    board.save()
    BoardMember.objects.create(board=board, person=first, role="Trưởng ban")
    board.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    speech = Speech(unit=huyen, title="Phát biểu khai mạc hội nghị chuyển đổi số", date=dt.date(2026, 12, 1),
                    text="<p>Kính thưa các đồng chí…</p>", owner=editor, live=False)
    speech.save()
    speech.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
elif ROUND == "store down":
    first = Person.objects.get(full_name="Hồ Văn Xã")
    for position in ("Chủ tịch", "Bí thư"):
        first.position = position
        first._changed_by = editor
        first.save()
    Person.objects.create(unit=huyen, full_name="Tôn Thất Long", position="Chánh Văn phòng", email="long@phongdien.test")
    speech = Speech.objects.get()
    speech.event = "Hội nghị chuyển đổi số thị xã"
    speech.save()
    speech.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
elif ROUND == "wrong key":
    Person.objects.create(unit=xa, full_name="Nguyễn Thị Khóa", position="Văn thư", email="khoa@phongthu.test")
"""


def main():
    tmp = Path(tempfile.mkdtemp(prefix="h12-federation-"))
    store_db, district_db = create_database(STORE_DB), create_database(DISTRICT_DB)
    flush_redis(*REDIS_DBS)
    common = {"EXTRA_ALLOWED_HOSTS": "127.0.0.1"}
    store_env = production_env(
        DATABASE_URL=store_db, CELERY_BROKER_URL=f"{REDIS}/6", REDIS_URL=f"{REDIS}/7", MEDIA_ROOT=tmp / "store-media", **common
    )
    store_base = f"http://127.0.0.1:{STORE_PORT}"
    processes = []
    try:
        step("the provincial store: migrate, its unit tree, a key for the district's server")
        manage(store_env, "migrate", "--noinput")
        manage(store_env, "shell", "-c", STORE_SEED)
        key = manage(store_env, "store_token", "phongdien", "--label", "máy chủ thị xã Phong Điền").strip()
        if len(key) < 32:
            fail(f"store_token printed no key: {key!r}")

        def district_env(token: str) -> dict:
            return production_env(
                DATABASE_URL=district_db, CELERY_BROKER_URL=f"{REDIS}/4", REDIS_URL=f"{REDIS}/5",
                MEDIA_ROOT=tmp / "district-media", PROVINCE_STORE_URL=store_base, PROVINCE_STORE_TOKEN=token,
                STORE_SYNC_BACKOFF_SECONDS=1, BEAT_EVERY_SECONDS=BEAT_SECONDS, BEAT_EVERY_JOBS="store-sync-retry", **common,
            )

        env = district_env(key)
        step("the district's deployment: migrate, its district and commune")
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", DISTRICT_SEED)

        store = gunicorn("store-web", STORE_PORT, store_env).start()
        district = gunicorn("district-web", DISTRICT_PORT, env).start()
        work = worker("district-worker", env).start()
        clock = beat("district-beat", env).start()
        processes += [store, district, work, clock]
        wait_healthy(store_base)
        wait_healthy(f"http://127.0.0.1:{DISTRICT_PORT}")

        def outbox(where: str = "") -> list[tuple]:
            query = f"SELECT channel, record_id, version, status, unit_code, last_error FROM store_outboxentry {where} ORDER BY 1, 2, 3"  # noqa: S608 - fixed text
            rows = psql(district_db, query)
            return [tuple(row.split("|")) for row in rows.splitlines() if row]

        def pending() -> list[tuple]:
            return outbox("WHERE status = 'pending'")

        def all_delivered(what: str, timeout: float = 60.0) -> None:
            wait_for(what, lambda: not pending(), timeout)

        def store_api(channel: str) -> dict[str, dict]:
            response = requests.get(f"{store_base}/api/v1/store/{channel}/", params={"page_size": 100}, timeout=30)
            if response.status_code != 200:
                fail(f"store API {channel}: {response.status_code} {response.text[:300]}")
            return {record["id"]: record for record in response.json()["results"]}

        def exactly_once() -> None:
            """Every version the district wrote arrived once (a receipt each), and in version order."""
            sent = {(ch, rid, int(v)) for ch, rid, v, *_rest in outbox()}
            receipts = psql(store_db, "SELECT channel, record_id, version FROM store_storereceipt ORDER BY id")
            received = [(ch, rid, int(v)) for ch, rid, v in (row.split("|") for row in receipts.splitlines() if row)]
            if len(received) != len(set(received)):
                fail("a change arrived twice at the store")
            if set(received) != sent:
                fail(f"the store's receipts differ from what was sent: missing {sent - set(received)}, extra {set(received) - sent}")
            last: dict[tuple[str, str], int] = {}
            for channel, record_id, version in received:
                if version <= last.get((channel, record_id), 0):
                    fail(f"{channel}/{record_id}: version {version} arrived after version {last[(channel, record_id)]}")
                last[(channel, record_id)] = version
            held = psql(store_db, "SELECT channel, record_id, version FROM store_storerecord")
            for channel, record_id, version in (row.split("|") for row in held.splitlines() if row):
                if (channel, record_id) in last and int(version) != last[(channel, record_id)]:
                    fail(f"{channel}/{record_id}: the store holds version {version}, the district's last is {last[(channel, record_id)]}")

        step("officers change the directory, a board and a speech: each arrives once, in order, with provenance")
        manage(env, "shell", "-c", CHANGES.replace("__ROUND__", "first"))
        all_delivered("the district's first changes at the store")
        exactly_once()
        people = {record["data"]["full_name"]: record for record in store_api("people").values()}
        first = people.get("Hồ Văn Xã")
        if first is None or first["data"]["position"] != "Phó Chủ tịch" or first["provenance"]["version"] != 2:
            fail(f"the store's copy of Hồ Văn Xã is not the district's last version: {first}")
        if first["provenance"]["source_unit"] != "phongthu" or "Dương Thị Hạnh" not in first["provenance"]["author"]:
            fail(f"provenance lost: {first['provenance']}")
        if "birth_date" in first["data"] or "home_address" in first["data"]:
            fail("personal data reached the store's anonymous API")
        boards = [record for record in store_api("boards").values() if record["data"].get("decision_number") == "15/QĐ-UBND"]
        if len(boards) != 1 or boards[0]["provenance"]["source_unit"] != "phongdien":
            fail(f"the board did not arrive once: {boards}")
        if not any(record["data"].get("title") == "Phát biểu khai mạc hội nghị chuyển đổi số" for record in store_api("speeches").values()):
            fail("the speech did not arrive")

        step("the store stopped, more changes: they wait; the store started: beat's retry delivers them, nothing twice")
        store.stop()
        worker_log = LOGS / "district-worker.log"
        seen = len(worker_log.read_text())
        manage(env, "shell", "-c", CHANGES.replace("__ROUND__", "store down"))
        waiting = wait_for("changes waiting for the stopped store", lambda: [row for row in pending() if row[5]], 60)
        if not any("Connection" in row[5] for row in waiting):
            fail(f"pending entries without the connection error: {waiting}")
        time.sleep(BEAT_SECONDS * 2)  # beat keeps retrying meanwhile; nothing is dropped
        if not pending():
            fail("changes left the outbox while the store was down")
        store = gunicorn("store-web", STORE_PORT, store_env).start()
        processes.append(store)
        wait_healthy(store_base)
        all_delivered("the changes made while the store was down", timeout=120)
        if not re.search(r"retry_pending_task\[[^]]+\] succeeded in [0-9.]+s: [1-9]", worker_log.read_text()[seen:]):
            fail("the changes made while the store was down were not delivered by the retry job beat fires")
        exactly_once()
        people = {record["data"]["full_name"]: record for record in store_api("people").values()}
        if people["Hồ Văn Xã"]["data"]["position"] != "Bí thư" or people["Hồ Văn Xã"]["provenance"]["version"] != 4:
            fail(f"after the outage the store does not hold the last version: {people['Hồ Văn Xã']}")
        if "Tôn Thất Long" not in people:
            fail("a person added while the store was down never arrived")
        speeches = [record for record in store_api("speeches").values() if record["data"].get("event") == "Hội nghị chuyển đổi số thị xã"]
        if len(speeches) != 1:
            fail("the speech's change made while the store was down did not arrive")

        step("a worker with a wrong key: the store refuses, the change stays pending; the right key delivers it")
        work.stop()
        clock.stop()
        wrong = worker("district-worker-wrong-key", district_env("khoa-sai")).start()
        wrong_clock = beat("district-beat-wrong-key", district_env("khoa-sai")).start()
        processes += [wrong, wrong_clock]
        manage(env, "shell", "-c", CHANGES.replace("__ROUND__", "wrong key"))
        refused = wait_for("the wrong key's refusal", lambda: [row for row in pending() if "401" in row[5]], 60)
        if len(refused) != 1:
            fail(f"expected one refused entry: {refused}")
        if psql(store_db, "SELECT count(*) FROM store_storerecord WHERE payload->>'full_name' = 'Nguyễn Thị Khóa'") != "0":
            fail("the store took a change sent with a wrong key")
        wrong.stop()
        wrong_clock.stop()
        work = worker("district-worker", env).start()
        clock = beat("district-beat", env).start()
        processes += [work, clock]
        all_delivered("the refused change, with the right key back", timeout=120)
        exactly_once()
        if "Nguyễn Thị Khóa" not in {record["data"]["full_name"] for record in store_api("people").values()}:
            fail("the refused change never arrived with the right key")
        for process in (store, district, work, clock):
            if not process.alive():
                fail(f"{process.name} died (see .ci-logs/{process.name}.log)")
        step(f"federation walk passed ({len(outbox())} changes, each received once)")
    finally:
        for process in reversed(processes):
            process.stop()
        drop_database(STORE_DB)
        drop_database(DISTRICT_DB)
        flush_redis(*REDIS_DBS)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    run(main)
