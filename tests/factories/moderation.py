"""People of QT-07 in a unit, and items entering it."""

from __future__ import annotations

from dataclasses import dataclass

from intranet.accounts.models import Role, User
from intranet.accounts.services import grant_role
from intranet.moderation import services
from intranet.moderation.models import ModerationItem
from intranet.units.models import Unit
from portal.news.models import ArticlePage
from tests.factories.accounts import UserFactory
from tests.factories.news import news_index


@dataclass
class Desk:
    """Who does what in one unit's QT-07."""

    unit: Unit
    officer: User  # công chức Văn hóa
    officer2: User
    leader: User
    it: User
    board: User


def desk(unit: Unit) -> Desk:
    def person(role, first, **kwargs):
        user = UserFactory(first_name=first, last_name=unit.short_name or unit.code)
        grant_role(user, unit, role, **kwargs)
        return user

    return Desk(
        unit=unit,
        officer=person(Role.CULTURE_OFFICER, "Văn hóa"),
        officer2=person(Role.CULTURE_OFFICER, "Văn hóa hai"),
        leader=person(Role.LEADER, "Lãnh đạo", is_head=True),
        it=person(Role.IT_STAFF, "CNTT"),
        board=person(Role.UNIT_BOARD, "Biên tập"),
    )


def draft_article(unit: Unit, title: str = "Tin đề nghị đăng", **fields) -> ArticlePage:
    page = ArticlePage(title=title, slug=fields.pop("slug", f"de-nghi-{ArticlePage.objects.count() + 1}"), live=False,
                       body="<p>Nội dung đề nghị đăng.</p>", **fields)
    news_index(unit).add_child(instance=page)
    page.save_revision()
    return page


def submitted(unit: Unit, title: str = "Tin đề nghị đăng", *, email: str = "congdan@example.vn", **fields) -> ModerationItem:
    return services.receive(draft_article(unit, title, **fields), submitter_name="Nguyễn Văn Dân", submitter_email=email)


def items_at_step(unit: Unit, number: int, step: str, *, start: int = 0) -> list[ModerationItem]:
    """``number`` items of ``unit`` waiting at ``step``, due one hour apart, in bulk (the desk reads them, the engine is not run).

    Each needs a page of its own: plain pages are written straight under the tree's root (paths computed
    as treebeard does), so 1,000 items cost a few statements."""
    import datetime as dt
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    root = Page.get_first_root_node()
    last = root.get_last_child()
    first = (Page._str2int(last.path[-Page.steplen:]) if last else 0) + 1
    kind, locale, now = ContentType.objects.get_for_model(Page), Locale.get_default(), timezone.now()
    pages = Page.objects.bulk_create([
        Page(title=f"Tin chờ kiểm duyệt số {n:04d}", draft_title=f"Tin chờ kiểm duyệt số {n:04d}", slug=f"tin-cho-kiem-duyet-{uuid.uuid4().hex[:12]}",
             content_type=kind, locale=locale, translation_key=uuid.uuid4(), live=False, depth=root.depth + 1,
             path=Page._get_path(root.path, root.depth + 1, first + offset), url_path=f"/tin-cho-kiem-duyet-{first + offset}/")
        for offset, n in enumerate(range(start, start + number))
    ], batch_size=500)
    Page.objects.filter(pk=root.pk).update(numchild=root.numchild + number)
    return ModerationItem.objects.bulk_create([
        ModerationItem(page=page, unit=unit, title=page.title, received_at=now, step=step, step_started_at=now,
                       step_due_at=now + dt.timedelta(hours=n + 1))
        for n, page in zip(range(start, start + number), pages, strict=True)
    ], batch_size=500)
