"""Every backend folds index and query alike: the same query list runs on SQLite and PostgreSQL.

Run on PostgreSQL with ``DATABASE_URL=postgres://…/portal_issue8``; the
Elasticsearch backend gets the same list in ``test_elasticsearch.py`` (no server
here: its settings are interpreted there).
"""

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from intranet.units.models import Unit
from portal.home.models import StandardPage
from tests.factories.units import UnitFactory, province

NAMES = [
    "Thành phố Đà Nẵng",
    "Phường Đồng Ba",
    "Trung tâm Thủ tục hành chính",
    "Xã Phú Vinh",
    "Tổ công tác an toàn",
    "Ban Quản lý 123/QĐ-UBND",
]

# (what a visitor types, the name it must find) — shared with test_elasticsearch.py
QUERIES = [
    ("da nang", "Thành phố Đà Nẵng"),
    ("Đà Nẵng", "Thành phố Đà Nẵng"),
    ("ĐÀ NẴNG", "Thành phố Đà Nẵng"),
    ("DA NANG", "Thành phố Đà Nẵng"),
    ("dong", "Phường Đồng Ba"),
    ("Đồng", "Phường Đồng Ba"),
    ("ĐỒNG BA", "Phường Đồng Ba"),
    ("thu tuc", "Trung tâm Thủ tục hành chính"),
    ("thủ tục", "Trung tâm Thủ tục hành chính"),
    ("THU TUC HANH CHINH", "Trung tâm Thủ tục hành chính"),
    ("phu vinh", "Xã Phú Vinh"),
    # English stop words once folded: PostgreSQL's "english" configuration would drop them.
    ("to cong tac an toan", "Tổ công tác an toàn"),
    ("123/qd-ubnd", "Ban Quản lý 123/QĐ-UBND"),
]

HOSTILE = ['"', "'", '"đà', "*", "AND", "NOT OR", "NEAR(", "da nang\"'; DROP TABLE units_unit; --", "\\", "()", "%_", "\x00"]


@pytest.fixture
def units(db):
    return [UnitFactory(name=name, short_name="") for name in NAMES]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_accented_unaccented_and_upper_case_queries_find_the_same_unit(units, query, expected):
    found = [unit.name for unit in get_search_backend().search(query, Unit)]
    assert found == [expected]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_page_titles_fold_like_everything_else(db, query, expected):
    home = province().site.root_page
    for name in NAMES:
        home.add_child(instance=StandardPage(title=name))
    found = [page.title for page in get_search_backend().search(query, Page.objects.live().type(StandardPage))]
    assert found == [expected]


def test_autocomplete_folds_the_prefix_too(units):
    found = [unit.name for unit in get_search_backend().autocomplete("dong b", Unit)]
    assert found == ["Phường Đồng Ba"]


def test_an_edited_unit_is_found_by_its_new_name(units):
    unit = Unit.objects.get(name="Xã Phú Vinh")
    unit.name = "Phường Đông Hải"
    unit.save()
    assert [u.pk for u in get_search_backend().search("dong hai", Unit)] == [unit.pk]
    assert list(get_search_backend().search("phu vinh", Unit)) == []


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_nothing_never_an_error(units, query):
    results = get_search_backend().search(query, Unit)
    assert len(list(results)) == results.count()
    assert Unit.objects.count() == len(NAMES)


def test_filters_outside_search_fields_apply_on_the_database_backends(units):
    # The search page scopes by unit subtree; Unit declares no FilterField for path.
    first = units[0]
    found = get_search_backend().search("ba", Unit.objects.filter(path__startswith=units[1].path))
    assert [unit.name for unit in found] == ["Phường Đồng Ba"]
    assert first not in found
