"""Who may log in at all (Art. 9: personal accounts, removed when someone leaves)."""

from django.contrib.auth.backends import ModelBackend

# A person who has retired or resigned keeps their directory record but loses the account.
_GONE = ("retired", "resigned")


class PersonAwareBackend(ModelBackend):
    """Django's backend, also refusing people the directory marks as retired or resigned."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        from intranet.directory.models import Person

        return not Person.objects.filter(user_id=user.pk, status__in=_GONE).exists()
