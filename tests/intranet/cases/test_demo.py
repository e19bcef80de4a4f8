import pytest
from django.core.management import call_command

from intranet.accounts.models import User
from intranet.cases import services
from intranet.cases.kinds import all_kinds
from intranet.cases.models import Case, CaseEvent
from intranet.units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_at_every_step_some_overdue_and_a_second_run_changes_nothing(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    for kind in all_kinds():
        reached = set(Case.objects.filter(kind=kind.code).values_list("step", flat=True))
        expected = {step.code for step in kind.steps} - {"rejected"} | ({"rejected"} if kind.code == "question" else set())
        assert reached == expected, kind.code
    assert Case.objects.overdue().count() >= 3
    assert Case.objects.published().filter(kind="question").count() >= 3
    # Every demo case's page (and every printable form it has) renders for the administrator.
    client.force_login(User.objects.get(username="quantri"))
    for case in Case.objects.all():
        assert client.get(case.get_absolute_url(), HTTP_HOST="localhost").status_code == 200, case.code
        for slug, _title in services.printable_forms(case):
            assert client.get(f"{case.get_absolute_url()}in/{slug}/", HTTP_HOST="localhost").status_code == 200
    assert client.get("/ho-so/thong-ke/", {"pham-vi": Unit.objects.get(depth=1).pk}, HTTP_HOST="localhost").status_code == 200
    before = (Case.objects.count(), CaseEvent.objects.count())
    call_command("load_demo")
    assert (Case.objects.count(), CaseEvent.objects.count()) == before
