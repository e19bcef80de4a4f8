import factory

from intranet.accounts.models import Membership, Role, User

PASSWORD = "Mat-khau-thu-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    first_name = "Lan"
    last_name = factory.Sequence(lambda n: f"Nguyễn Thị {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    """Use ``intranet.accounts.services.grant_role`` when the test needs site permissions too."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.SPECIALIST
