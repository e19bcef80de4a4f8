import pytest
from wagtail.models import Site

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.units.models import Unit, UnitEvent
from tests.factories import UserFactory, province, unit_with_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def tinh():
    return province()


@pytest.fixture
def admin_client(client, tinh):
    admin = UserFactory(username="quantri")
    grant_role(admin, tinh, Role.SYSADMIN)
    client.force_login(admin)
    return client


def test_the_admin_lists_units_in_vietnamese(admin_client, tinh):
    unit_with_site(tinh, code="sotc", name="Sở Tài chính")
    response = admin_client.get("/quan-tri/units/")
    assert response.status_code == 200
    assert "Sở Tài chính" in response.text and "Tên miền" in response.text
    assert admin_client.post(f"/quan-tri/units/delete/{tinh.pk}/").status_code in (302, 403)
    assert Unit.objects.filter(pk=tinh.pk).exists()


def test_founding_a_unit_in_the_admin_gives_it_a_site(admin_client, tinh):
    response = admin_client.post(
        "/quan-tri/units/new/",
        {"parent": tinh.pk, "code": "sodl", "name": "Sở Du lịch", "kind": "department", "has_site": "on",
         "decision_number": "7/QĐ-UBND", "decision_date": "2026-03-02"},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="sodl")
    assert Site.objects.get(hostname="sodl.localhost").root_page.specific.unit == unit
    assert unit.events.get().decision_number == "7/QĐ-UBND"


def test_a_bad_code_in_the_admin_is_refused_in_vietnamese_and_nothing_is_created(admin_client, tinh):
    response = admin_client.post(
        "/quan-tri/units/new/",
        {"parent": tinh.pk, "code": "Sở Du Lịch", "name": "Sở Du lịch", "kind": "department",
         "decision_number": "7/QĐ-UBND", "decision_date": "2026-03-02"},
    )
    assert response.status_code == 200
    assert "Mã đơn vị" in response.text and "không hợp lệ" in response.text
    assert not Unit.objects.filter(name="Sở Du lịch").exists()


def test_merging_in_the_admin_records_the_decision(admin_client, tinh):
    old = unit_with_site(tinh, code="phuonga", name="Phường A", kind=Unit.Kind.COMMUNE)
    new = unit_with_site(tinh, code="phuongb", name="Phường B", kind=Unit.Kind.COMMUNE)
    response = admin_client.post(f"/quan-tri/units/merge/{old.pk}/", {"successor": new.pk, "decision_number": "9/NQ-HĐND", "decision_date": "2026-04-01"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.successor == new and old.events.get(kind=UnitEvent.Kind.MERGE).decision_number == "9/NQ-HĐND"


def test_the_unit_tree_is_searched_by_name_and_code(admin_client, tinh):
    unit_with_site(tinh, code="thuanhoa", name="Phường Thuận Hóa", kind=Unit.Kind.COMMUNE)
    unit_with_site(tinh, code="phuxuan", name="Phường Phú Xuân", kind=Unit.Kind.COMMUNE)
    for query in ("Thuận Hóa", "thuanhoa"):
        for url in ("/quan-tri/units/", "/quan-tri/units/results/"):
            response = admin_client.get(url, {"q": query})
            assert response.status_code == 200, (url, query)
            assert "Phường Thuận Hóa" in response.text and "Phường Phú Xuân" not in response.text


def test_the_merge_screen_says_what_moves_and_the_administrator_goes_on_in_the_successor(admin_client, tinh):
    old = unit_with_site(tinh, code="phuonga", name="Phường A", kind=Unit.Kind.COMMUNE)
    new = unit_with_site(tinh, code="phuongb", name="Phường B", kind=Unit.Kind.COMMUNE)
    grant_role(UserFactory(), old, Role.CULTURE_OFFICER)
    edit = admin_client.get(f"/quan-tri/units/edit/{old.pk}/")
    assert f'href="/quan-tri/units/merge/{old.pk}/"' in edit.text and "Sáp nhập" in edit.text
    form = admin_client.get(f"/quan-tri/units/merge/{old.pk}/").text
    assert "Cán bộ và vai trò (1 người)" in form and "0 hồ sơ, 0 tin bài QT-07, 0 nhiệm vụ chương trình công tác" in form
    assert "không hoàn tác được" in form and "— Chọn đơn vị tiếp nhận —" in form
    assert form.index('name="successor"') < form.index('name="decision_number"')
    response = admin_client.post(f"/quan-tri/units/merge/{old.pk}/", {"successor": new.pk, "decision_number": "9/NQ-HĐND", "decision_date": "2026-04-01"})
    assert response["Location"] == f"/quan-tri/units/edit/{new.pk}/"
    assert "Sáp nhập" not in admin_client.get(f"/quan-tri/units/edit/{old.pk}/").text  # a dissolved unit offers no operation


def test_an_editor_cannot_open_the_unit_admin_or_merge(client, tinh):
    unit = unit_with_site(tinh, code="sotc", name="Sở Tài chính")
    editor = UserFactory()
    grant_role(editor, unit, Role.UNIT_BOARD)
    client.force_login(editor)
    assert client.get("/quan-tri/units/").status_code in (302, 403)
    response = client.post(f"/quan-tri/units/merge/{unit.pk}/", {"successor": tinh.pk, "decision_number": "1", "decision_date": "2026-01-01"})
    assert response.status_code in (302, 403)
    unit.refresh_from_db()
    assert unit.successor is None


def test_an_administrator_enters_a_day_off_and_deadlines_move(admin_client):
    import datetime as dt

    from intranet.workdays.calendar import LOCAL_TZ, due

    start = dt.datetime(2026, 6, 10, 8, 0, tzinfo=LOCAL_TZ)
    response = admin_client.post("/quan-tri/calendar_days/new/", {"date": "2026-06-11", "kind": "off", "name": "Nghỉ bù"})
    assert response.status_code == 302
    assert due(start, 1) == dt.datetime(2026, 6, 12, 8, 0, tzinfo=LOCAL_TZ)


def test_splitting_in_the_admin_founds_the_new_units_with_sites_and_records_the_decision(admin_client, tinh):
    old = unit_with_site(tinh, code="phuongc", name="Phường C", kind=Unit.Kind.COMMUNE)
    assert "Chia tách" in admin_client.get(f"/quan-tri/units/edit/{old.pk}/").text
    response = admin_client.post(
        f"/quan-tri/units/split/{old.pk}/",
        {"new_units": "phuongc1; Phường C Một\nphuongc2; Phường C Hai", "dissolve": "on",
         "decision_number": "12/NQ-HĐND", "decision_date": "2026-05-04"},
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == Unit.Status.DISSOLVED
    created = Unit.objects.filter(code__in=["phuongc1", "phuongc2"]).order_by("code")
    assert [u.name for u in created] == ["Phường C Một", "Phường C Hai"]
    assert all(u.get_parent() == tinh and u.kind == Unit.Kind.COMMUNE for u in created)
    assert Site.objects.filter(hostname="phuongc1.localhost").exists()
    event = old.events.get(kind=UnitEvent.Kind.SPLIT)
    assert event.decision_number == "12/NQ-HĐND" and set(event.related_units.all()) == set(created)


def test_a_bad_split_is_refused_line_by_line_in_vietnamese_and_nothing_changes(admin_client, tinh):
    old = unit_with_site(tinh, code="phuongd", name="Phường D", kind=Unit.Kind.COMMUNE)
    response = admin_client.post(
        f"/quan-tri/units/split/{old.pk}/",
        {"new_units": "Phường D Một\nphuongd; Phường D Hai\nPD 3; Phường D Ba", "dissolve": "on",
         "decision_number": "12/NQ-HĐND", "decision_date": "2026-05-04"},
    )
    assert response.status_code == 200
    assert "Dòng 1: hãy ghi “mã; tên”." in response.text
    assert "Dòng 2: mã “phuongd” đã được dùng." in response.text
    assert "Dòng 3" in response.text and "không hợp lệ" in response.text
    old.refresh_from_db()
    assert old.status == Unit.Status.ACTIVE and not old.events.filter(kind=UnitEvent.Kind.SPLIT).exists()

    one = admin_client.post(
        f"/quan-tri/units/split/{old.pk}/",
        {"new_units": "phuongd1; Phường D Một", "dissolve": "on", "decision_number": "1", "decision_date": "2026-05-04"},
    )
    assert "ít nhất hai đơn vị mới" in one.text and not Unit.objects.filter(code="phuongd1").exists()


def test_an_editor_cannot_split_a_unit(client, tinh):
    unit = unit_with_site(tinh, code="phuonge", name="Phường E", kind=Unit.Kind.COMMUNE)
    editor = UserFactory()
    grant_role(editor, unit, Role.UNIT_BOARD)
    client.force_login(editor)
    response = client.post(
        f"/quan-tri/units/split/{unit.pk}/",
        {"new_units": "e1; E1\ne2; E2", "dissolve": "on", "decision_number": "1", "decision_date": "2026-01-01"},
    )
    assert response.status_code in (302, 403)
    assert not Unit.objects.filter(code__in=["e1", "e2"]).exists()
