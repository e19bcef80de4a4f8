"""The editors' screens of both sections are Vietnamese, like the rest of the admin (issue 14)."""

import re

import pytest
from django.urls import reverse

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import UserFactory
from tests.factories.sections import calendar_week, comment, draft
from tests.portal.home.test_admin_language import ENGLISH_LABELS, SNIPPET_ENGLISH, _visible_text

pytestmark = pytest.mark.django_db


def test_the_week_editor_and_the_comment_screens_show_no_english_label(client, sites):
    _tinh, phuxuan, _ = sites
    board = UserFactory(username="bbt_px")
    grant_role(board, phuxuan, Role.UNIT_BOARD)
    week = calendar_week(phuxuan, entries=[{"day": 0, "content": "Giao ban"}])
    held = comment(draft(phuxuan), approved=False)
    client.force_login(board)
    screens = {
        "week editor": reverse("wagtailadmin_pages:edit", args=[week.pk]),
        "new week": reverse("wagtailadmin_pages:add", args=["calendars", "workcalendarweekpage", week.get_parent().pk]),
        "new draft": reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", held.page.get_parent().pk]),
        "comments": reverse("wagtailsnippets_consultations_comment:list"),
        "one comment": reverse("wagtailsnippets_consultations_comment:edit", args=[held.pk]),
    }
    for where, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, where
        text = _visible_text(response.content.decode())
        found = [label for label in [*ENGLISH_LABELS, *SNIPPET_ENGLISH] if re.search(rf"(?<![\w/]){re.escape(label)}(?![\w/])", text)]
        assert found == [], (where, found)
    assert "Chờ duyệt" in _visible_text(client.get(screens["comments"]).content.decode())
