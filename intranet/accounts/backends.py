"""Who may log in at all (Art. 9: personal accounts, removed when someone leaves)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

# A person who has retired or resigned keeps their directory record but loses the account.
_GONE = ("retired", "resigned")


def _gone():
    from intranet.directory.models import Person

    return Exists(Person.objects.filter(user_id=OuterRef("pk"), status__in=_GONE))


class PersonAwareBackend(ModelBackend):
    """Django's backend, also refusing people the directory marks as retired or resigned."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return not get_user_model()._default_manager.filter(pk=user.pk).filter(_gone()).exists()

    def get_user(self, user_id):
        # Every request of a signed-in session: the directory check is folded into the one
        # query that loads the user, so a person who leaves is signed out at their next click.
        user = get_user_model()._default_manager.filter(pk=user_id).exclude(_gone()).first()
        return user if user is not None and ModelBackend.user_can_authenticate(self, user) else None
