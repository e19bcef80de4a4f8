"""Issue 18 (2): the search page keeps the sites, units and private sections per process (portal.memo),
and forgets them as soon as one is saved, here or in another process."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import memo
from tests.factories.search import make_private, standard_page
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}
PHUXUAN = {"HTTP_HOST": "phuxuan.localhost"}


def _titles(response, key="trang"):
    return [hit["title"].replace("<mark>", "").replace("</mark>", "") for hit in group(response, key).shown]


def test_a_repeated_search_asks_the_index_and_the_hits_rows_only(client, portal_home, phuxuan_home):
    standard_page(phuxuan_home, "Lịch tiếp công dân")
    client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN)
    assert _titles(response) == ["Lịch tiếp công dân"]
    # Which types have hits; that type's page of hits with its count; their rows and their pages' text.
    assert len(captured) <= 4, [q["sql"][:80] for q in captured.captured_queries]
    assert not [q for q in captured.captured_queries if "units_unit" in q["sql"] and "wagtailsearch" not in q["sql"]]


def test_a_renamed_unit_and_a_new_private_section_show_at_once(client, hue, phuxuan, phuxuan_home):
    page = standard_page(phuxuan_home, "Lịch tiếp công dân")
    first = client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN)
    assert "Phường Phú Xuân" in first.content.decode() and _titles(first) == ["Lịch tiếp công dân"]

    phuxuan.name = "Phường Phú Xuân mới"
    phuxuan.save()
    make_private(page)
    after = client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN)
    assert "Phường Phú Xuân mới" in after.content.decode()
    assert _titles(after) == []


def test_a_change_in_another_process_is_seen_through_the_shared_version(client, hue, phuxuan, phuxuan_home, settings):
    standard_page(phuxuan_home, "Lịch tiếp công dân")
    client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN)
    type(phuxuan).objects.filter(pk=phuxuan.pk).update(name="Phường Phú Xuân (đổi tên)")  # no signal here
    assert "(đổi tên)" not in client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN).content.decode()

    cache.incr(memo.VERSION_KEY)  # what another process's save does
    assert "(đổi tên)" in client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN).content.decode()


def test_the_memo_can_be_turned_off(client, hue, phuxuan, phuxuan_home, settings):
    settings.PROCESS_MEMO_SECONDS = 0
    standard_page(phuxuan_home, "Lịch tiếp công dân")
    client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN)
    type(phuxuan).objects.filter(pk=phuxuan.pk).update(name="Phường Phú Xuân (đổi tên)")
    assert "(đổi tên)" in client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PHUXUAN).content.decode()


def test_what_was_read_before_a_change_committed_is_forgotten_when_it_commits(django_capture_on_commit_callbacks, phuxuan):
    with django_capture_on_commit_callbacks(execute=True):
        phuxuan.name = "Phường Phú Xuân (mới)"
        phuxuan.save()
        # Another process, rebuilding between the save and the commit, would read the old row.
        memo.remember("unit-name", lambda: "Phường Phú Xuân")
    assert memo.remember("unit-name", lambda: phuxuan.name) == "Phường Phú Xuân (mới)"
