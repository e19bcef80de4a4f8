import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from intranet.workdays.calendar import LOCAL_TZ, get_calendar


class Command(BaseCommand):
    help = "Show a year's non-working weekdays and extra working days, or compute a due moment."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="list the year's days off on weekdays and make-up working days")
        show.add_argument("year", type=int)
        due = sub.add_parser("due", help="print the due moment of START plus DAYS working days")
        due.add_argument("start", help="ISO datetime in local time, e.g. 2026-02-13T10:00")
        due.add_argument("days", help="working days, halves allowed (0.5)")

    def handle(self, *args, action, **options):
        calendar = get_calendar()
        if action == "show":
            year = options["year"]
            self.stdout.write(f"Ngày nghỉ trong tuần năm {year}:")
            for day in calendar.non_working_weekdays(year):
                self.stdout.write(f"  {day.date.isoformat()}  {day.reason}")
            self.stdout.write(f"Ngày làm việc bù năm {year}:")
            for day in calendar.extra_working_days(year):
                self.stdout.write(f"  {day.date.isoformat()}  {day.reason}")
            return
        try:
            start = dt.datetime.fromisoformat(options["start"])
            days = options["days"]
            computation = calendar.explain(start if start.tzinfo else start.replace(tzinfo=LOCAL_TZ), days)
        except ValueError as error:
            raise CommandError(f"Dữ liệu không hợp lệ: {error}") from error
        for skipped in computation.skipped:
            self.stdout.write(f"bỏ qua {skipped.date.isoformat()}: {skipped.reason}")
        self.stdout.write(computation.due.isoformat())
