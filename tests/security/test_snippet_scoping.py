"""Issue 16: another unit's snippets are out of reach in every admin view, not only edit."""

import re

import pytest
from django.urls import reverse

from intranet.boards.models import Board
from intranet.speeches.models import Speech


def _refused(response) -> bool:
    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard with a message.
    return response.status_code in (302, 403, 404) and b"B\xc3\xad M\xe1\xba\xadt" not in response.content


def _compare_url(person):
    return reverse("wagtailsnippets_directory_person:revisions_compare", args=[person.pk, "earliest", "latest"])


def test_another_units_board_is_refused_the_revision_compare_of_a_person(client, two_units):
    client.force_login(two_units.users.stp_board)
    response = client.get(_compare_url(two_units.officer))
    assert _refused(response)
    assert "Đường Cũ" not in response.content.decode()


def test_the_units_own_board_compares_a_persons_revisions(client, two_units):
    client.force_login(two_units.users.px_board)
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(_compare_url(two_units.officer)).content.decode()))
    assert "Địa chỉ nhà riêng: 99 77 Đường Cũ Bí Mật Mới Bí Mật" in page  # the diff marks the changed words


@pytest.mark.parametrize("name", ["history", "usage", "edit", "revert"])
def test_another_units_board_is_refused_every_object_view_of_a_person(client, two_units, name):
    person = two_units.officer
    revision = person.revisions.order_by("pk").first()
    urls = {
        "history": reverse("wagtailsnippets_directory_person:history", args=[person.pk]),
        "usage": reverse("wagtailsnippets_directory_person:usage", args=[person.pk]),
        "edit": reverse("wagtailsnippets_directory_person:edit", args=[person.pk]),
        "revert": reverse("wagtailsnippets_directory_person:revisions_revert", args=[person.pk, revision.pk]),
    }
    client.force_login(two_units.users.stp_board)
    assert _refused(client.get(urls[name]))


@pytest.mark.parametrize("kind", ["speech", "board"])
def test_another_unit_cannot_unpublish_a_speech_or_a_board(client, two_units, kind):
    obj = two_units.speech if kind == "speech" else two_units.board
    namespace = "wagtailsnippets_speeches_speech" if kind == "speech" else "wagtailsnippets_boards_board"
    url = reverse(f"{namespace}:unpublish", args=[obj.pk])
    for user in (two_units.users.stp_board, two_units.users.stp_leader, two_units.users.stp_specialist):
        client.force_login(user)
        assert _refused(client.get(url))
        assert _refused(client.post(url))
    model = Speech if kind == "speech" else Board
    assert model.objects.get(pk=obj.pk).live


def test_the_units_own_board_unpublishes_its_speech(client, two_units):
    client.force_login(two_units.users.px_board)
    response = client.post(reverse("wagtailsnippets_speeches_speech:unpublish", args=[two_units.speech.pk]))
    assert response.status_code == 302
    assert not Speech.objects.get(pk=two_units.speech.pk).live


@pytest.mark.parametrize("kind", ["speech", "board"])
def test_another_unit_is_refused_the_unschedule_and_compare_of_a_speech_or_board(client, two_units, kind):
    obj = two_units.speech if kind == "speech" else two_units.board
    namespace = "wagtailsnippets_speeches_speech" if kind == "speech" else "wagtailsnippets_boards_board"
    revision = obj.revisions.first()
    client.force_login(two_units.users.stp_board)
    assert _refused(client.get(reverse(f"{namespace}:revisions_unschedule", args=[obj.pk, revision.pk])))
    assert _refused(client.post(reverse(f"{namespace}:revisions_unschedule", args=[obj.pk, revision.pk])))
    assert _refused(client.get(reverse(f"{namespace}:revisions_compare", args=[obj.pk, "earliest", "latest"])))


def test_the_speech_chooser_offers_live_speeches_and_the_users_own_never_another_units_drafts(client, two_units):
    choose = reverse("wagtailsnippetchoosers_speeches_speech:choose_results")
    client.force_login(two_units.users.stp_board)
    listing = client.get(choose).content.decode()
    assert "Phát biểu Phú Xuân" in listing
    assert "Dự thảo riêng Phú Xuân" not in listing
    assert "Dự thảo riêng" not in client.get(choose, {"q": "Dự thảo"}).content.decode()
    assert client.get(reverse("wagtailsnippetchoosers_speeches_speech:chosen", args=[two_units.draft.pk])).status_code == 404
    client.force_login(two_units.users.px_board)
    assert "Dự thảo riêng Phú Xuân" in client.get(choose).content.decode()
