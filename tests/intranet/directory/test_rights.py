"""App. I: who may edit what in the directory, checked through HTTP on the server."""

import datetime as dt

from django.urls import reverse

from intranet.directory.grants import delegate_people
from intranet.directory.models import DirectoryChange, Person
from intranet.units.models import Unit
from tests.factories import UserFactory
from tests.factories.directory import person_form_data


def _refused_by_admin(response) -> bool:
    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard with a message,
    # and sends someone without admin access to the login page.
    return response.status_code == 302 and (response.url == reverse("wagtailadmin_home") or response.url.startswith("/dang-nhap/"))


def _edit_url(person):
    return reverse("wagtailsnippets_directory_person:edit", args=[person.pk])


def test_agency_board_edits_a_person_of_its_sub_unit(client, org):
    client.force_login(org.users.stp_board)
    data = person_form_data(org.clerk, office_phone="0234 3811 111")
    response = client.post(_edit_url(org.clerk), data)
    assert response.status_code == 302
    assert Person.objects.get(pk=org.clerk.pk).office_phone == "0234 3811 111"


def test_agency_board_is_refused_a_person_of_another_agency(client, org):
    client.force_login(org.users.stp_board)
    response = client.post(_edit_url(org.builder), person_form_data(org.builder, office_phone="0000"))
    assert _refused_by_admin(response)
    assert Person.objects.get(pk=org.builder.pk).office_phone != "0000"


def test_agency_board_cannot_place_a_new_person_in_another_agency(client, org):
    client.force_login(org.users.stp_board)
    data = person_form_data(Person(unit=org.sxd, full_name="Người Lạ", event_date=dt.date(2026, 11, 20)))
    response = client.post(reverse("wagtailsnippets_directory_person:add"), data)
    assert response.status_code == 200
    assert not Person.objects.filter(full_name="Người Lạ").exists()


def test_agency_board_adds_a_person_and_the_listing_shows_only_its_people(client, org):
    client.force_login(org.users.stp_board)
    data = person_form_data(Person(unit=org.office, full_name="Đoàn Thị Mới", event_date=dt.date(2026, 11, 20)))
    assert client.post(reverse("wagtailsnippets_directory_person:add"), data).status_code == 302
    listing = client.get(reverse("wagtailsnippets_directory_person:list")).content.decode()
    assert "Đoàn Thị Mới" in listing and "Lê Thị Văn Thư" in listing
    assert "Phạm Văn Xây" not in listing


def test_a_specialist_without_directory_rights_is_refused_the_people_admin(client, org):
    client.force_login(org.users.specialist)
    response = client.post(_edit_url(org.clerk), person_form_data(org.clerk, office_phone="1"))
    assert _refused_by_admin(response)
    assert Person.objects.get(pk=org.clerk.pk).office_phone != "1"


def test_every_person_edits_their_own_contact_details(client, org):
    client.force_login(org.users.specialist)
    response = client.post(
        reverse("directory:my_contacts"),
        {"office_phone": "0234 3999 999", "mobile_phone": "0905 000 111", "fax": "", "email": "vanthu@hue.gov.vn", "home_address": "1 Hùng Vương"},
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=org.clerk.pk)
    assert (person.office_phone, person.email) == ("0234 3999 999", "vanthu@hue.gov.vn")
    assert person.position == "Văn thư"  # not theirs to change


def test_someone_without_a_directory_record_cannot_use_the_contact_form(client, org):
    client.force_login(UserFactory())
    assert client.get(reverse("directory:my_contacts")).status_code == 403


EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'  # what the Draftail editor posts when empty


def _unit_form_data(unit, **changes):
    data = {
        "code": unit.code, "name": unit.name, "short_name": unit.short_name, "name_en": unit.name_en, "kind": unit.kind,
        "admin_code": unit.admin_code, "address": unit.address, "phone": unit.phone, "fax": unit.fax, "email": unit.email,
        "website": unit.website, "introduction": EMPTY_RICH_TEXT, "functions": EMPTY_RICH_TEXT, "iso_info": "", "has_site": "on" if unit.has_site else "",
        "status": unit.status, "parent": "", "decision_number": "", "event_date": "2026-11-20",
    }
    data.update(changes)
    return data


def test_head_edits_their_own_unit_but_not_another(client, org):
    client.force_login(org.users.stp_head)
    url = reverse("wagtailsnippets_units_unit:edit", args=[org.stp.pk])
    assert client.post(url, _unit_form_data(org.stp, phone="0234 3822 222")).status_code == 302
    assert Unit.objects.get(pk=org.stp.pk).phone == "0234 3822 222"
    other = reverse("wagtailsnippets_units_unit:edit", args=[org.sxd.pk])
    assert _refused_by_admin(client.post(other, _unit_form_data(org.sxd, phone="1")))
    assert Unit.objects.get(pk=org.sxd.pk).phone != "1"


def test_portal_board_founds_a_department(client, org):
    client.force_login(org.users.portal_board)
    new = Unit(code="sct", name="Sở Công Thương", kind=Unit.Kind.DEPARTMENT, has_site=False)
    data = _unit_form_data(new, parent=str(org.tinh.pk), decision_number="12/QĐ-UBND")
    assert client.post(reverse("wagtailsnippets_units_unit:add"), data).status_code == 302
    assert Unit.objects.get(code="sct").get_parent() == org.tinh


def test_agency_board_cannot_found_a_department_but_can_found_its_own_office(client, org):
    client.force_login(org.users.stp_board)
    url = reverse("wagtailsnippets_units_unit:add")
    refused = _unit_form_data(Unit(code="sgd", name="Sở Giáo dục", kind="department", has_site=False), parent=str(org.tinh.pk), decision_number="1/QĐ")
    assert client.post(url, refused).status_code == 200
    assert not Unit.objects.filter(code="sgd").exists()
    allowed = _unit_form_data(Unit(code="stp-ptc", name="Phòng Tổ chức", kind="office", has_site=False), parent=str(org.stp.pk), decision_number="2/QĐ")
    assert client.post(url, allowed).status_code == 302
    assert Unit.objects.get(code="stp-ptc").get_parent() == org.stp


def test_delegated_sub_unit_keeps_its_own_people_only(client, org):
    keeper = UserFactory()
    delegate_people(org.office, to=keeper, by=org.users.stp_board)
    client.force_login(keeper)
    assert client.post(_edit_url(org.clerk), person_form_data(org.clerk, office_phone="0234 1")).status_code == 302
    boss = Person.objects.create(unit=org.stp, full_name="Giám Đốc", position="Giám đốc")
    assert _refused_by_admin(client.post(_edit_url(boss), person_form_data(boss, office_phone="0234 2")))


def test_agency_board_retires_a_person_history_stays_and_account_closes(client, org):
    client.force_login(org.users.stp_board)
    response = client.post(
        reverse("directory:end_service", args=[org.clerk.pk]), {"status": "retired", "event_date": "2026-11-20", "note": "QĐ 5/QĐ-STP"}
    )
    assert response.status_code == 302
    clerk = Person.objects.select_related("user").get(pk=org.clerk.pk)
    assert clerk.status == Person.Status.RETIRED
    assert clerk.user.is_active is False
    assert DirectoryChange.objects.filter(person=clerk, kind=DirectoryChange.Kind.RETIRED).exists()
    client.logout()
    assert "Lê Thị Văn Thư" not in client.get(reverse("directory:unit", args=[org.office.code])).content.decode()


def test_a_head_may_not_retire_people(client, org):
    client.force_login(org.users.stp_head)
    response = client.post(reverse("directory:end_service", args=[org.clerk.pk]), {"status": "retired", "event_date": "2026-11-20"})
    assert response.status_code == 403
    assert Person.objects.get(pk=org.clerk.pk).status == Person.Status.WORKING


def test_an_update_later_than_two_working_days_shows_as_late(client, org):
    client.force_login(org.users.stp_board)
    data = person_form_data(org.clerk, position="Chánh Văn phòng", event_date="2026-01-05")
    assert client.post(_edit_url(org.clerk), data).status_code == 302
    change = DirectoryChange.objects.filter(person=org.clerk).first()
    assert change.is_late
    page = client.get(reverse("directory:history", args=[org.stp.code])).content.decode()
    assert "Trễ hạn" in page


def test_an_update_within_two_working_days_is_on_time(org):
    # Friday's decision entered on Wednesday: the weekend and 24 November (Vietnamese Culture Day) do not count.
    change = DirectoryChange(event_date=dt.date(2026, 11, 20), due_at=DirectoryChange.due_for(dt.date(2026, 11, 20)))
    change.recorded_at = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    assert change.due_at.date() == dt.date(2026, 11, 25)
    assert not change.is_late
