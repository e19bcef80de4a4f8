from django.core.management.base import BaseCommand

from intranet.jobs.services import sync_schedule


class Command(BaseCommand):
    help = "Write the beat schedule (intranet/jobs/schedule.py) into the database; keeps administrators' changes."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database="default", **options):
        count = sync_schedule(using=database)
        self.stdout.write(f"{count} scheduled jobs in the database")
