"""Issue 16 point 3: every URL pattern, as every role of Sở Tư pháp, against Phú Xuân's objects.

One test per role walks all patterns (``tests/security/matrix.py``) and lists every failure:
no 500, no body showing Phú Xuân's private marker, no POST changing the database. The dataset
is built once for the module, inside a transaction rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import UserFactory
from tests.factories.accounts import enrol_second_factor
from tests.security import matrix
from tests.security.conftest import build_two_units

pytestmark = pytest.mark.django_db  # pytest-django creates the test database only for marked tests

ROLES = ["anonymous", "contributor", "specialist", "unit_board", "leader", "sysadmin"]


def _dataset() -> SimpleNamespace:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query
    from wagtail.models import Collection, Locale, Page, Workflow
    from wagtail.models.sites import Site
    from wagtail_localize.models import TranslationSource

    from intranet.cases import services as cases
    from intranet.cover.models import Delegation, Leave
    from intranet.desk.models import SharedApplication
    from intranet.notifications.models import Notification
    from intranet.programs.models import (
        PeriodicReport,
        ProgramTask,
        ProvinceProgram,
        ProvinceReport,
        Registration,
        RegistrationItem,
    )
    from intranet.speeches.models import Speech
    from intranet.store.models import OutboxEntry, StoreRecord
    from portal.news.models import ArticlePage
    from tests.factories.moderation import submitted
    from tests.factories.news import image, news_index
    from tests.factories.sections import comment, draft

    marker = matrix.MARKER
    world = build_two_units(marker)
    a, b = world.stp, world.phuxuan
    users = {
        "contributor": UserFactory(username="ctv_stp"),
        "specialist": world.users.stp_specialist,
        "unit_board": world.users.stp_board,
        "leader": world.users.stp_leader,
        "sysadmin": UserFactory(username="quantri_matrix"),
    }
    grant_role(users["contributor"], a, Role.CONTRIBUTOR)
    grant_role(users["sysadmin"], world.tinh, Role.SYSADMIN)
    b_specialist = UserFactory(username="cv_phuxuan")
    grant_role(b_specialist, b, Role.SPECIALIST)

    # Live snippets whose unpublished draft revision is private.
    for obj, attr in ((world.speech, "title"), (world.board, "name")):
        setattr(obj, attr, f"{getattr(obj, attr)} {marker}")
        obj.save_revision(user=world.users.px_board)
        obj.refresh_from_db()
    now = timezone.now()
    case = cases.open_case("it", title=f"Sự cố riêng {marker}", body=f"Nội dung {marker}", origin=b, reporter=b_specialist)
    item = submitted(b, f"Tin đề nghị {marker}")
    program = ProvinceProgram.objects.create(period_kind="month", year=now.year, month=now.month, status=ProvinceProgram.Status.ISSUED,
                                             issued_at=now, report_due_at=now + dt.timedelta(days=30))
    task = ProgramTask.objects.create(program=program, unit=b, title=f"Nhiệm vụ {marker}", assignee=b_specialist)
    registration = Registration.objects.create(unit=b, year=now.year, month=now.month, submitted_by=b_specialist)
    RegistrationItem.objects.create(registration=registration, title=f"Nội dung đăng ký {marker}")
    report = PeriodicReport.objects.create(unit=b, year=now.year, month=now.month, content=f"Báo cáo {marker}", due_at=now,
                                           submitted_by=b_specialist)
    # The province's draft report quotes Phú Xuân's: only the province office reads it.
    ProvinceReport.objects.create(year=now.year, month=now.month, content=f"Dự thảo báo cáo của tỉnh {marker}")
    delegation = Delegation.objects.create(unit=b, role=Role.UNIT_BOARD, delegator=world.users.px_board, delegate=b_specialist,
                                           starts_on=now.date(), ends_on=now.date(), reason=f"Ủy quyền {marker}")
    leave = Leave.objects.create(person=b_specialist, unit=b, substitute=world.users.px_board, starts_on=now.date(), ends_on=now.date(),
                                 reason=f"Nghỉ phép {marker}")
    personal = {"full_name": world.officer.full_name, "home_address": marker}
    record = StoreRecord.objects.create(channel="people", record_id="px-1", unit_code=b.code, source_unit_code=b.code, version=1,
                                        payload=personal, changed_at=now)
    outbox = OutboxEntry.objects.create(unit=b, unit_code=b.code, channel="people", record_id="px-1", version=1, payload=personal,
                                        changed_at=now)
    notification = Notification.objects.create(recipient=world.users.px_board, kind="assignment", title=f"Thông báo {marker}")
    SharedApplication.objects.create(name="Một cửa", url="https://motcua.example.gov.vn/", sort_order=1)
    redirect = Redirect.objects.create(old_path="/cu", redirect_link="https://example.gov.vn/")
    query = Query.get("phát biểu")
    collection = Collection.objects.get(name=b.name) if Collection.objects.filter(name=b.name).exists() else Collection.get_first_root_node()
    picture = image("Ảnh Phú Xuân", collection=collection)
    document = _document(collection)
    secret = Page.objects.get(pk=world.secret.pk).specific
    secret.save_revision(user=world.users.px_board)
    workflow = Workflow.objects.filter(active=True).first()
    workflow_state = workflow.start(secret, world.users.px_board)
    session = EditingSession.objects.create(user=world.users.px_board, content_type=ContentType.objects.get_for_model(Speech),
                                            object_id=str(world.speech.pk), last_seen_at=now)
    source, _created = TranslationSource.get_or_create_from_instance(secret)
    # A citizen's comment on Phú Xuân's draft, waiting for its officers: their e-mail and text are private until approved.
    held = comment(draft(b, "Dự thảo Phú Xuân"), approved=False, name=f"Người góp ý {marker}", email="rieng@example.vn",
                   content=f"Góp ý chờ duyệt {marker}")
    objects = {
        "units.Unit": b,
        "accounts.User": world.users.px_board,
        "directory.Person": world.officer,
        "speeches.Speech": world.speech,
        "boards.Board": world.board,
        "wagtailcore.Page": Page.objects.get(pk=world.secret.pk),  # a state secret, never live
        "cases.Case": case,
        "moderation.ModerationItem": item,
        "programs.ProgramTask": task,
        "cover.Delegation": delegation,
        "cover.Leave": leave,
        "programs.Registration": registration,
        "programs.PeriodicReport": report,
        "store.StoreRecord": record,
        "store.OutboxEntry": outbox,
        "notifications.Notification": notification,
        "wagtailimages.Image": picture,
        "wagtaildocs.Document": document,
        "wagtailcore.Collection": collection,
        "otp_totp.TOTPDevice": enrol_second_factor(world.users.px_board),
        "consultations.Comment": held,
    }
    return SimpleNamespace(
        world=world, users=users, unit_b=b, objects=objects, page_model=Page, settings_model=_a_settings_model(),
        page=objects["wagtailcore.Page"], news_index=news_index(b), image=picture, document=document, collection=collection,
        workflow=workflow, task=workflow.tasks.first(), workflow_state=workflow_state, task_state=workflow_state.current_task_state,
        editing_session=session, translation_source=source,
        string_segment=source.stringsegment_set.first(), overridable_segment=source.overridablesegment_set.first(), redirect=redirect, query=query,
        site=Site.objects.get(root_page__in=Page.objects.ancestor_of(world.secret)), locale=Locale.get_default(),
        article_model=ArticlePage,
    )


def _document(collection):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(title="Văn bản Phú Xuân", collection=collection,
                                               file=ContentFile(b"%PDF-1.4 matrix", name="phuxuan.pdf"))


def _a_settings_model():
    from wagtail.contrib.settings.registry import registry

    return next(iter(registry), None) or apps.get_model("units.Unit")


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        with transaction.atomic():
            built = _dataset()
            built.media_root = media_root
            built.counted_tables = _counted_tables()
            yield built
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def entries():
    return matrix.url_entries()


# Bookkeeping a refused request may legitimately write: sessions, login attempts, logs.
BOOKKEEPING = {"sessions.Session", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog", "wagtailcore.ModelLogEntry",
               "wagtailcore.PageLogEntry", "wagtailadmin.EditingSession", "wagtailsearch.IndexEntry",
               "wagtailusers.UserProfile"}  # created on a user's first admin request


def _counted_tables() -> list[tuple[str, str]]:
    return [(model._meta.label, model._meta.db_table) for model in apps.get_models()
            if model._meta.label not in BOOKKEEPING and not model._meta.proxy and model._meta.managed]


def snapshot(data) -> dict:
    """Row counts of every table (one query) and the fields of each of Phú Xuân's objects."""
    tables = data.counted_tables
    with connection.cursor() as cursor:
        # Table names from the models' own meta, quoted: no outside input.
        counts_sql = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})" for _l, table in tables)  # noqa: S608
        cursor.execute(f"SELECT {counts_sql}")  # noqa: S608
        counts = dict(zip([label for label, _t in tables], cursor.fetchone(), strict=True))
    objects = {label: list(type(obj)._default_manager.filter(pk=obj.pk).values()) for label, obj in data.objects.items()}
    return {"counts": counts, "objects": objects}


def _difference(before: dict, after: dict) -> str:
    changed = [label for label, count in after["counts"].items() if before["counts"].get(label) != count]
    changed += [f"{label} #{before['objects'][label][0]['id'] if before['objects'][label] else '?'}"
                for label in after["objects"] if before["objects"][label] != after["objects"][label]]
    return ", ".join(changed)


class _Undo(Exception):
    pass


def _body(response) -> str:
    if getattr(response, "streaming", False):
        # The test client closes the response once read; closing it again would end the database connection.
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", "replace")


def request(client, method: str, url: str, data, *, checks_writes: bool):
    """(status, body, what changed) for one request, undone afterwards so the walk stays independent."""
    result = {}
    try:
        with transaction.atomic():
            before = snapshot(data) if checks_writes else None
            try:
                response = getattr(client, method)(url, secure=True)
                result.update(status=response.status_code, body=_body(response))
            except Exception as error:  # a 500 as the test client raises it
                result.update(status=500, body=f"{type(error).__name__}: {error}")
            if checks_writes and result["status"] != 500:
                result["changed"] = _difference(before, snapshot(data))
            raise _Undo
    except _Undo:
        pass
    return result


def walk_as(client, data, entries, *, sees_all: bool) -> list[str]:
    failures = []
    for entry in entries:
        if entry.declared == "SKIP":
            continue
        filled = matrix.fill(entry, data)
        if filled is None:
            continue  # reported by test_every_pattern_is_covered_or_declared
        args, kwargs = filled
        url = matrix.build_url(entry, args, kwargs)
        # POST where Phú Xuân's objects are named; the system administrator may change them, so for
        # them an empty POST need only be answered (a form with its errors), never a 500.
        methods = ["get", "post"] if kwargs and entry.declared != "PUBLIC" else ["get"]
        for method in methods:
            result = request(client, method, url, data, checks_writes=method == "post" and not sees_all)
            where = f"{method.upper()} {url} ({entry.key})"
            if result["status"] >= 500:
                failures.append(f"{where}: {result['status']} {result['body'][:300]}")
            elif sees_all:
                continue
            elif matrix.MARKER in result["body"]:
                failures.append(f"{where}: {result['status']} shows Phú Xuân's private data")
            elif result.get("changed"):
                failures.append(f"{where}: {result['status']} changed {result['changed']}")
    return failures


def test_every_pattern_is_covered_or_declared(data, entries):
    problems = matrix.uncovered(entries, data)
    assert not problems, "URL patterns the permission matrix does not reach:\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_no_role_of_another_unit_sees_or_changes_phu_xuan(data, entries, role, settings):
    settings.MEDIA_ROOT = data.media_root  # the dataset's image and document files
    cache.clear()
    logging.disable(logging.WARNING)  # refusals log a traceback each; the report below says what matters
    client = Client()
    if role != "anonymous":
        client.force_login(data.users[role])
    try:
        failures = walk_as(client, data, entries, sees_all=role == "sysadmin")
    finally:
        logging.disable(logging.NOTSET)
    assert not failures, f"{len(failures)} failures as {role}:\n" + "\n".join(failures)


def test_a_new_pattern_fails_the_matrix_until_it_is_scoped_or_declared(data):
    problems = matrix.uncovered(matrix.url_entries("tests.security.matrix_urls"), data)
    assert len(problems) == 1
    assert problems[0].startswith("matrix_unscoped (thu-nghiem/<int:pk>/)")
    assert "SUBJECTS" in problems[0] and "PUBLIC or SKIP" in problems[0]
    matrix.PUBLIC["matrix_unscoped"] = "declared for this test"
    try:
        assert matrix.uncovered(matrix.url_entries("tests.security.matrix_urls"), data) == []
    finally:
        del matrix.PUBLIC["matrix_unscoped"]


def test_a_view_showing_another_units_private_data_fails_the_walk(data, settings):
    settings.ROOT_URLCONF = "tests.security.matrix_urls"
    leaky = [entry for entry in matrix.url_entries("tests.security.matrix_urls") if entry.key == "matrix_leaky_person"]
    client = Client()
    client.force_login(data.users["leader"])
    failures = walk_as(client, data, leaky, sees_all=False)
    assert failures == [f"GET /thu-nghiem/dia-chi/{data.world.officer.pk}/ (matrix_leaky_person): 200 shows Phú Xuân's private data"]
