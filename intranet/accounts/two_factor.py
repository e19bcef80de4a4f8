"""Art. 9: the optional second factor for administrators (TOTP on django-otp, with backup codes).

An administrator enrols an authenticator app at /tai-khoan/xac-thuc-hai-lop/. From then on the
shared login (/dang-nhap/, which the Wagtail admin uses too) asks for a 6-digit code after the
password; a wrong code counts as a failed login for the lockout (django-axes). With
TWO_FACTOR_REQUIRED_FOR_ADMINS on, superusers and system administrators must enrol before
they use anything else.
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .models import User
from .permissions import is_sysadmin

BACKUP_CODE_COUNT = 10
# The audit log's action (Wagtail's history of the account) when a sysadmin resets someone's second factor.
RESET_ACTION = "accounts.reset_two_factor"
RESET_ACTION_LABELS = (gettext_lazy("Đặt lại xác thực hai lớp"), gettext_lazy("Đã đặt lại xác thực hai lớp"))
DEVICE_NAME = "Ứng dụng xác thực"


def may_enrol(user: User) -> bool:
    """Administrators: whoever may open the Wagtail admin, and system administrators."""
    return is_sysadmin(user) or user.has_perm("wagtailadmin.access_admin")


def required_for(user: User) -> bool:
    return settings.TWO_FACTOR_REQUIRED_FOR_ADMINS and is_sysadmin(user)


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def sync_flag(user_id: int) -> None:
    """Copy "has a confirmed authenticator app" onto the user row (``User.has_second_factor``)."""
    enrolled = Exists(TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True))
    User.objects.filter(pk=user_id).update(has_second_factor=enrolled)


def _device_changed(sender, instance, **kwargs):
    sync_flag(instance.user_id)


def connect_signals() -> None:
    # Every way a device is confirmed or removed (enrolment, disabling, the sysadmin's reset,
    # the devices' own Django admin) keeps the flag right, so sessions elsewhere see it at once.
    post_save.connect(_device_changed, sender=TOTPDevice, dispatch_uid="accounts_totp_saved")
    post_delete.connect(_device_changed, sender=TOTPDevice, dispatch_uid="accounts_totp_deleted")


def pending_device(user: User) -> TOTPDevice:
    """The not yet confirmed device whose QR code the user is scanning (the same key until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code for the authenticator app to scan."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, omitsize=True)


def manual_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def normalise(code: str) -> str:
    # Apps show "123 456"; backup codes are lower-case base32.
    return "".join(code.split()).lower()


def verify(user: User, code: str) -> Device | None:
    """The confirmed device (app or backup code) that accepts ``code``, or None. A backup code is used up."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(code):
                return device
    return None


@transaction.atomic
def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Finish enrolment when ``code`` is right: the device is confirmed and fresh backup codes returned."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user: User) -> list[str]:
    """Replace the user's backup codes; each works once (shown to the user only now)."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def disable(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def reset(user: User, *, by: User) -> None:
    """A system administrator removes a colleague's app and backup codes (a lost phone).

    The colleague logs in with the password alone until they enrol again (or is sent to
    enrolment when the rules require it). The reset is in the audit log, and the colleague is
    told in the app and by email, so a reset they did not ask for does not go unnoticed.
    """
    from intranet.notifications.services import notify

    disable(user)
    log(instance=user, action=RESET_ACTION, user=by)
    when = timezone.localtime().strftime("%H:%M %d/%m/%Y")
    notify(
        [user],
        kind="security",
        title=_("Xác thực hai lớp của bạn đã được đặt lại"),
        body=_(
            "%(admin)s (quản trị hệ thống) đã đặt lại xác thực hai lớp của tài khoản %(username)s lúc %(when)s: "
            "ứng dụng xác thực và các mã dự phòng cũ không còn dùng được. Lần đăng nhập sau, hãy bật lại xác thực hai lớp. "
            "Nếu bạn không đề nghị việc này, hãy báo ngay cho bộ phận quản trị hệ thống."
        )
        % {"admin": by.get_full_name() or by.get_username(), "username": user.get_username(), "when": when},
        url=reverse("two_factor") if may_enrol(user) else "",
    )
