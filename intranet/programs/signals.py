"""A change to the working-day calendar moves the report deadline of every issued programme still awaiting reports."""

from django.dispatch import receiver

from intranet.workdays.signals import calendar_changed

from . import services


@receiver(calendar_changed, dispatch_uid="programs_move_report_deadlines")
def move_report_deadlines(sender, **kwargs):
    services.recompute_report_deadlines()
