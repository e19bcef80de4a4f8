"""Data: every existing board gets its issuing body (the People's Committee of its standing agency's level)
and its stored 2-working-day entry deadline."""

from django.db import migrations

STEPLEN = 4  # treebeard's materialised-path step (intranet.units.models.Unit)
ISSUING_KINDS = ("province", "district", "commune")


def fill_issuing_unit(apps, schema_editor):
    """Existing boards were founded by their standing agency's own level (the old rule only knew one province)."""
    Board = apps.get_model("boards", "Board")
    Unit = apps.get_model("units", "Unit")
    for board in Board.objects.select_related("standing_unit"):
        unit = board.standing_unit
        issuer = unit
        if unit.kind not in ISSUING_KINDS:
            prefixes = [unit.path[:end] for end in range(STEPLEN, len(unit.path), STEPLEN)]
            issuer = Unit.objects.filter(path__in=prefixes, kind__in=ISSUING_KINDS).order_by("-depth").first() or unit
        Board.objects.filter(pk=board.pk).update(issuing_unit=issuer, entry_due_at=_entry_due(apps, board.decision_date))


def _entry_due(apps, decision_date):
    """App. II 1: the end of the 2nd working day after the decision, with the administrators' calendar days."""
    import datetime as dt

    from django.conf import settings

    from intranet.workdays.calendar import LOCAL_TZ, WorkingCalendar, _parse_hours

    CalendarDay = apps.get_model("workdays", "CalendarDay")
    days = list(CalendarDay.objects.values_list("date", "kind"))
    calendar = WorkingCalendar(
        periods=_parse_hours(settings.WORKDAY_OFFICE_HOURS),
        days_off=frozenset(day for day, kind in days if kind != "working"),
        working_days=frozenset(day for day, kind in days if kind == "working"),
    )
    return calendar.due(dt.datetime.combine(decision_date, dt.time(23, 59), LOCAL_TZ), 2)


class Migration(migrations.Migration):

    dependencies = [
        ("boards", "0002_board_duplicates_per_issuer_and_agency"),
        ("units", "0001_initial"),
        ("workdays", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill_issuing_unit, migrations.RunPython.noop),
    ]
