"""Issue 16: another unit's draft and secret pages stay out of the page chooser and the move confirmation."""

from django.urls import reverse

from tests.factories.news import news_index


def test_the_page_chooser_search_never_lists_another_units_secret_draft(client, two_units):
    search = reverse("wagtailadmin_choose_page_search")
    client.force_login(two_units.users.stp_board)
    assert "Kế hoạch mật" not in client.get(search, {"q": "mật"}).content.decode()
    assert "Tin Sở Tư pháp" in client.get(search, {"q": "Tư pháp"}).content.decode()
    client.force_login(two_units.users.px_board)
    assert "Kế hoạch mật Phú Xuân" in client.get(search, {"q": "mật"}).content.decode()


def test_the_page_chooser_browse_shows_another_units_live_pages_only(client, two_units):
    index = news_index(two_units.phuxuan)
    client.force_login(two_units.users.stp_board)
    browse = reverse("wagtailadmin_choose_page_child", args=[index.pk])
    assert "Kế hoạch mật" not in client.get(browse).json()["html"]
    client.force_login(two_units.users.px_board)
    assert "Kế hoạch mật Phú Xuân" in client.get(browse).json()["html"]


def test_the_move_confirmation_refuses_another_units_pages(client, two_units):
    client.force_login(two_units.users.stp_board)
    into_phuxuan = reverse("wagtailadmin_pages:move_confirm", args=[two_units.stp_news.pk, news_index(two_units.phuxuan).pk])
    response = client.get(into_phuxuan)
    assert response.status_code in (302, 403)
    moving_theirs = client.get(reverse("wagtailadmin_pages:move_confirm", args=[two_units.secret.pk, news_index(two_units.stp).pk]))
    assert moving_theirs.status_code in (302, 403, 404)  # another unit's secret draft: not even found
    assert "Kế hoạch mật" not in moving_theirs.content.decode()
    two_units.stp_news.refresh_from_db()
    assert two_units.stp_news.get_parent().pk == news_index(two_units.stp).pk


def test_the_page_chooser_refuses_to_browse_into_another_units_secret_draft(client, two_units):
    browse = reverse("wagtailadmin_choose_page_child", args=[two_units.secret.pk])
    client.force_login(two_units.users.stp_board)
    response = client.get(browse)
    assert response.status_code == 404
    assert "Kế hoạch mật" not in response.content.decode()
    client.force_login(two_units.users.px_board)
    assert "Kế hoạch mật Phú Xuân" in client.get(browse).json()["html"]


def test_the_page_types_report_is_for_system_administrators_only(client, two_units):
    from intranet.accounts.models import Role
    from intranet.accounts.services import grant_role
    from tests.factories import UserFactory

    report = reverse("wagtailadmin_reports:page_types_usage")
    client.force_login(two_units.users.stp_board)
    response = client.get(report)
    assert response.status_code in (302, 403)
    assert "Kế hoạch mật" not in response.content.decode()
    admin = UserFactory(username="quantri")
    grant_role(admin, two_units.tinh, Role.SYSADMIN)
    client.force_login(admin)
    assert client.get(report).status_code == 200


def _system_administrator(two_units):
    from intranet.accounts.models import Role
    from intranet.accounts.services import grant_role
    from tests.factories import UserFactory

    admin = UserFactory(username="quantri_tinh")
    grant_role(admin, two_units.tinh, Role.SYSADMIN)
    return admin


def test_approving_a_secret_page_in_its_workflow_is_refused_with_the_reason(client, two_units):
    from django.contrib.messages import get_messages
    from wagtail.models import Page, Workflow

    secret = Page.objects.get(pk=two_units.secret.pk).specific
    secret.save_revision(user=two_units.users.px_board)
    workflow_state = Workflow.objects.filter(active=True).first().start(secret, two_units.users.px_board)
    client.force_login(_system_administrator(two_units))
    approve = reverse("wagtailadmin_pages:workflow_action", args=[secret.pk, "approve", workflow_state.current_task_state.pk])
    response = client.post(approve, HTTP_REFERER="/quan-tri/")
    assert response.status_code == 302
    assert any("Mật" in str(message) for message in get_messages(response.wsgi_request))
    secret.refresh_from_db()
    assert not secret.live


def test_copying_a_page_without_a_destination_asks_for_one(client, two_units):
    from django.contrib.messages import get_messages

    client.force_login(_system_administrator(two_units))
    copy = reverse("wagtailadmin_pages:copy", args=[two_units.stp_news.pk])
    response = client.post(copy, {})
    assert response.status_code == 302
    assert "Hãy chọn trang cha cho bản sao." in [str(message) for message in get_messages(response.wsgi_request)]
    assert two_units.stp_news.get_parent().get_children().count() == 1
