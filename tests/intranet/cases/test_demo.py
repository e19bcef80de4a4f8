import pytest
from django.core.management import call_command

from intranet.cases.kinds import all_kinds
from intranet.cases.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_at_every_step_some_overdue_and_a_second_run_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo")
    for kind in all_kinds():
        reached = set(Case.objects.filter(kind=kind.code).values_list("step", flat=True))
        expected = {step.code for step in kind.steps} - {"rejected"} | ({"rejected"} if kind.code == "question" else set())
        assert reached == expected, kind.code
    assert Case.objects.overdue().count() >= 3
    assert Case.objects.published().filter(kind="question").count() >= 3
    before = (Case.objects.count(), CaseEvent.objects.count())
    call_command("load_demo")
    assert (Case.objects.count(), CaseEvent.objects.count()) == before
