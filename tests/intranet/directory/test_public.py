"""Citizens browse /danh-ba/: units and contacts, never personal data (in English: test_english.py)."""

import datetime as dt

from django.urls import reverse

from intranet.directory.models import Person
from tests.factories.directory import PersonFactory

PRIVATE_VALUES = ("1985-06-15", "15/06/1985", "12 Lê Lợi, Huế", "CC0", "0905")


def _page(client, url):
    return client.get(url, HTTP_HOST="localhost").content.decode()


def test_the_unit_tree_lists_every_active_unit(client, org):
    page = _page(client, reverse("directory:tree"))
    for name in ("Sở Tư pháp", "Sở Xây dựng", "Văn phòng Sở Tư pháp"):
        assert name in page


def test_a_units_people_show_name_position_office_phone_and_email_only(client, org):
    PersonFactory(unit=org.stp, full_name="Võ Đức Thắng", position="Giám đốc", mobile_phone="0905 123 456", birth_date=dt.date(1985, 6, 15))
    page = _page(client, reverse("directory:unit", args=["stp"]))
    assert "Võ Đức Thắng" in page and "Giám đốc" in page and "0234 3822 000" in page
    for value in PRIVATE_VALUES:
        assert value not in page


def test_people_who_left_are_not_listed(client, org):
    PersonFactory(unit=org.stp, full_name="Đã Nghỉ Hưu", status=Person.Status.RETIRED)
    assert "Đã Nghỉ Hưu" not in _page(client, reverse("directory:unit", args=["stp"]))


def test_an_unknown_or_dissolved_unit_is_not_found(client, org):
    assert client.get(reverse("directory:unit", args=["khong-co"]), HTTP_HOST="localhost").status_code == 404


def test_the_unit_page_costs_the_same_queries_with_more_people(client, org, django_assert_max_num_queries):
    PersonFactory.create_batch(2, unit=org.stp)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("directory:unit", args=["stp"]), HTTP_HOST="localhost")
    PersonFactory.create_batch(30, unit=org.stp)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("directory:unit", args=["stp"]), HTTP_HOST="localhost")


def test_the_tree_costs_the_same_queries_with_more_units(client, org, django_assert_max_num_queries):
    from tests.factories.units import UnitFactory

    with django_assert_max_num_queries(8) as few:
        client.get(reverse("directory:tree"), HTTP_HOST="localhost")
    for n in range(20):
        UnitFactory(parent=org.sxd, code=f"sxd-p{n}", kind="office", has_site=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("directory:tree"), HTTP_HOST="localhost")
