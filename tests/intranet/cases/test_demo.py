import io

import pytest

from intranet.accounts.models import User
from intranet.cases import services
from intranet.cases.kinds import all_kinds
from intranet.cases.models import Case, CaseEvent
from intranet.units.models import Unit

pytestmark = pytest.mark.django_db


def load_demo():
    """Only the demos the case demo stands on (the whole ``load_demo`` is the other apps' to test)."""
    from intranet.accounts import demo as accounts
    from intranet.cases import demo as cases
    from intranet.units import demo as units

    for module in (units, accounts, cases):
        module.load(io.StringIO())


def test_the_demo_has_every_kind_at_every_step_some_overdue_and_a_second_run_changes_nothing(client):
    load_demo()
    for kind in all_kinds():
        reached = set(Case.objects.filter(kind=kind.code).values_list("step", flat=True))
        expected = {step.code for step in kind.steps} - {"rejected"} | ({"rejected"} if kind.code == "question" else set())
        assert reached == expected, kind.code
    assert Case.objects.overdue().count() >= 3
    assert Case.objects.published().filter(kind="question").count() >= 3
    # One voter opinion entered alone in the form (no council summary), waiting at the ward's intake.
    assert Case.objects.filter(kind="voter", summary=None, step="intake", origin__code="phuxuan").count() == 1
    # Every demo case's page (and every printable form it has) renders for the administrator.
    client.force_login(User.objects.get(username="quantri"))
    for case in Case.objects.all():
        assert client.get(case.get_absolute_url(), HTTP_HOST="localhost").status_code == 200, case.code
        for slug, _title in services.printable_forms(case):
            assert client.get(f"{case.get_absolute_url()}in/{slug}/", HTTP_HOST="localhost").status_code == 200
    assert client.get("/ho-so/thong-ke/", {"pham-vi": Unit.objects.get(depth=1).pk}, HTTP_HOST="localhost").status_code == 200
    before = (Case.objects.count(), CaseEvent.objects.count())
    load_demo()
    assert (Case.objects.count(), CaseEvent.objects.count()) == before
