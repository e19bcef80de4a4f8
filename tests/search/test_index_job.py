"""The nightly index job: what bypassed the save signals (bulk updates, imports) becomes findable."""

import pytest
from django_celery_beat.models import PeriodicTask

from intranet.jobs.services import sync_schedule
from intranet.jobs.tasks import update_search_index
from intranet.units.models import Unit
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}


def _found(client, query):
    return [
        str(hit["title"]) for hit in group(client.get("/tim-kiem/", {"q": query, "loai": "don-vi"}, **PORTAL), "don-vi").shown
    ]


def test_a_bulk_renamed_unit_is_found_by_its_new_name_after_the_nightly_job(client, portal_home, phuxuan):
    Unit.objects.filter(pk=phuxuan.pk).update(
        name="Phường Đông Ba", short_name="Đông Ba"
    )  # no save signal: the index still says Phú Xuân
    assert _found(client, "dong ba") == []
    update_search_index()
    assert _found(client, "dong ba") == ["Phường <mark>Đông</mark> <mark>Ba</mark>"]
    assert _found(client, "phu xuan") == []
    update_search_index()  # twice: the same answers
    assert _found(client, "dong ba") == ["Phường <mark>Đông</mark> <mark>Ba</mark>"]


@pytest.mark.django_db
def test_the_index_job_runs_every_night_and_is_listed_for_administrators():
    sync_schedule()
    job = PeriodicTask.objects.get(name="search-index")
    assert job.task == "intranet.jobs.tasks.update_search_index"
    assert (job.crontab.hour, job.crontab.minute) == ("2", "30")
