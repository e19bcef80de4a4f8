"""Keys for districts that run their own server and sync upward to this store over HTTP.

On the provincial store: ``manage.py store_token phongdien --label "máy chủ thị xã"`` prints a new
key once (only its hash is kept); the district's deployment sets it as PROVINCE_STORE_TOKEN.
``--list`` shows the keys a unit has, ``--revoke ID`` withdraws one (its deliveries are then refused).
"""

from django.core.management.base import BaseCommand, CommandError

from intranet.store import services
from intranet.store.models import StoreToken
from intranet.units.models import Unit


class Command(BaseCommand):
    help = "Issue, list or revoke a unit's key for delivering to this provincial store (PROVINCE_STORE_TOKEN)."

    def add_arguments(self, parser):
        parser.add_argument("unit", help="the unit's code, e.g. phongdien")
        parser.add_argument("--label", default="", help="what the key is for, e.g. the server's name")
        parser.add_argument("--list", dest="show", action="store_true", help="list the unit's keys instead of issuing one")
        parser.add_argument("--revoke", type=int, metavar="ID", help="withdraw the key with this id")

    def handle(self, *args, unit, label, show, revoke, **options):
        target = Unit.objects.filter(code=unit).first()
        if target is None:
            raise CommandError(f"no unit with code {unit!r}")
        tokens = StoreToken.objects.filter(unit=target).order_by("created_at")
        if revoke is not None:
            deleted, _rows = tokens.filter(pk=revoke).delete()
            if not deleted:
                raise CommandError(f"{target.code} has no key {revoke}")
            self.stderr.write(f"key {revoke} of {target.code} revoked")
            return
        if show:
            for token in tokens:
                self.stdout.write(f"{token.pk}\t{token.created_at:%Y-%m-%d %H:%M}\t{token.label}")
            return
        key = services.issue_token(target, label=label)
        self.stderr.write(f"a new key for {target.code} ({target.name}); it is shown only this once:")
        self.stdout.write(key)
