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


def enrol_second_factor(user, backup_codes=()):
    """Give ``user`` a confirmed authenticator app (and the given backup codes), as enrolment would."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    if backup_codes:
        static = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
        for code in backup_codes:
            static.token_set.create(token=code)
    return device


def current_code(device, steps_ahead=0):
    """The 6-digit code the authenticator app shows now (or ``steps_ahead`` periods later,
    inside the device's tolerance, for a second code in the same test: codes are single-use)."""
    import time

    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
