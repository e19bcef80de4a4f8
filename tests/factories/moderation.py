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
