import io

import pytest

from intranet.programs.models import ProvinceProgram, ProvinceReport, Registration

pytestmark = pytest.mark.django_db


def load_demo():
    """Only the demos the programmes' demo stands on."""
    from intranet.accounts import demo as accounts
    from intranet.programs import demo as programs
    from intranet.units import demo as units

    for module in (units, accounts, programs):
        module.load(io.StringIO())


def test_the_demo_shows_a_weekly_and_a_personal_programme_and_a_drafted_and_an_issued_province_report(client):
    load_demo()
    assert Registration.objects.filter(period_kind="week", owner=None).exists()
    assert Registration.objects.filter(period_kind="week", owner__username="cv_stp").exists()
    assert ProvinceProgram.objects.filter(status=ProvinceProgram.Status.ISSUED, number__endswith="/CTr-UBND").exists()
    issued = ProvinceReport.objects.get(status=ProvinceReport.Status.ISSUED)
    assert issued.period_kind == "month" and issued.number.endswith("/BC-UBND") and issued.issued_by.username == "lanhdao_tinh"
    assert ProvinceReport.objects.filter(status=ProvinceReport.Status.DRAFT, period_kind="week").exists()
    before = (Registration.objects.count(), ProvinceProgram.objects.count(), ProvinceReport.objects.count())
    load_demo()
    assert (Registration.objects.count(), ProvinceProgram.objects.count(), ProvinceReport.objects.count()) == before
