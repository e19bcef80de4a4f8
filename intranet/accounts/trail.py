"""The lasting security trail (issue 16): every login, failure, lockout, unlock, logout, password
change or reset, second-factor enrolment or reset and permission or group change, as a ``SecurityEvent``.

Written from signals (Django auth, django-axes, django-otp devices, roles, groups, permissions,
guardian grants); the request being served (``RequestContextMiddleware``) gives the actor and
the address. Kept ``SECURITY_TRAIL_DAYS`` days: ``purge`` runs as a scheduled job.
"""

from __future__ import annotations

import contextvars
import datetime as dt

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from intranet.units.models import Unit
from portal.client_ip import client_ip

from .models import Membership, SecurityEvent, User

Kind, Outcome = SecurityEvent.Kind, SecurityEvent.Outcome
_request: contextvars.ContextVar = contextvars.ContextVar("security_trail_request", default=None)


class RequestContextMiddleware:
    """Lets signals raised while serving a request know who is acting and from which address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def _acting_user(request):
    user = getattr(request, "user", None) if request is not None else None
    return user if getattr(user, "is_authenticated", False) else None


def record(kind: str, *, user=None, username: str = "", outcome: str = Outcome.SUCCESS, actor=None, request=None, detail: str = ""):
    request = request if request is not None else _request.get()
    if actor is None:
        actor = _acting_user(request)
    if user is not None and not username:
        username = user.get_username()
    return SecurityEvent.objects.create(
        kind=kind,
        outcome=outcome,
        user=user if user is not None and user.pk else None,
        username=username[:150],
        actor=actor,
        ip_address=client_ip(request) if request is not None else None,
        detail=detail[:500],
    )


def purge(now: dt.datetime | None = None) -> int:
    """Forget events older than ``SECURITY_TRAIL_DAYS`` (default one year)."""
    limit = (now or timezone.now()) - dt.timedelta(days=settings.SECURITY_TRAIL_DAYS)
    deleted, _per_model = SecurityEvent.objects.filter(at__lt=limit).delete()
    return deleted


# -- signal receivers ----------------------------------------------------------------------------
def _logged_in(sender, request, user, **kwargs):
    record(Kind.LOGIN, user=user, actor=user, request=request)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.LOGOUT, user=user, actor=user, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")
    user = User.objects.filter(username=username).first() if username else None
    step = "mã xác thực hai lớp" if sender == "intranet.accounts.views" else "mật khẩu"
    record(Kind.LOGIN_FAILED, user=user, username=username, outcome=Outcome.FAILURE, request=request, detail=f"Sai {step}")


def _locked_out(sender, request, username, ip_address, **kwargs):
    user = User.objects.filter(username=username).first() if username else None
    record(Kind.LOCKOUT, user=user, username=username or "", outcome=Outcome.FAILURE, request=request)


def _user_saved(sender, instance, created, **kwargs):
    if getattr(instance, "_password_was_set", False):
        instance._password_was_set = False
        actor = _acting_user(_request.get())
        if created:
            return  # a new account's first password is part of its creation
        kind = Kind.PASSWORD_CHANGE if actor is not None and actor.pk == instance.pk else Kind.PASSWORD_RESET
        record(kind, user=instance)
    was = getattr(instance, "_was_superuser", None)
    if not created and was is not None and was != instance.__dict__.get("is_superuser", was):
        state = "bật" if instance.is_superuser else "tắt"
        record(Kind.PERMISSION_CHANGE, user=instance, detail=f"{state.capitalize()} quyền quản trị tối cao (superuser)")
    instance._was_superuser = instance.__dict__.get("is_superuser")


def _membership(instance, change: str) -> None:
    user = User.objects.filter(pk=instance.user_id).first()
    if user is None:
        return  # the account itself is being deleted
    unit = Unit.objects.filter(pk=instance.unit_id).values_list("name", flat=True).first() or instance.unit_id
    record(Kind.PERMISSION_CHANGE, user=user, detail=f"{change} vai trò {instance.get_role_display()} tại {unit}")


def _membership_saved(sender, instance, created, **kwargs):
    _membership(instance, "Giao" if created else "Cập nhật")


def _membership_deleted(sender, instance, **kwargs):
    _membership(instance, "Thu hồi")


def _groups_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    verb = {"post_add": "Thêm vào", "post_remove": "Rút khỏi", "post_clear": "Rút khỏi mọi"}[action]
    if not reverse:  # user.groups.add(group)
        names = ", ".join(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
        record(Kind.GROUP_CHANGE, user=instance, detail=f"{verb} nhóm {names}".strip())
    else:  # group.user_set.add(user)
        for user in User.objects.filter(pk__in=pk_set or ()):
            record(Kind.GROUP_CHANGE, user=user, detail=f"{verb} nhóm {instance.name}")


def _user_permissions_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        record(Kind.PERMISSION_CHANGE, user=instance, detail=f"Thay đổi quyền trực tiếp ({action.removeprefix('post_')})")


def _group_permissions_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse and _request.get() is not None:
        record(Kind.PERMISSION_CHANGE, username=f"nhóm {instance.name}", detail=f"Thay đổi quyền của nhóm ({action.removeprefix('post_')})")


def _object_permission_changed(sender, instance, **kwargs):
    verb = "Cấp" if "created" in kwargs else "Thu hồi"
    target = f"{instance.content_type.app_label}.{instance.permission.codename} #{instance.object_pk}"
    if getattr(instance, "user_id", None):
        user = User.objects.filter(pk=instance.user_id).first()
        record(Kind.PERMISSION_CHANGE, user=user, detail=f"{verb} quyền {target}")
    elif _request.get() is not None:
        record(Kind.PERMISSION_CHANGE, username=f"nhóm {instance.group}", detail=f"{verb} quyền {target}")


def _remember_user_state(sender, instance, **kwargs):
    instance._was_superuser = instance.__dict__.get("is_superuser")  # never loads a deferred field


def _device_saved(sender, instance, created, **kwargs):
    was_confirmed = getattr(instance, "_was_confirmed", True)
    instance._was_confirmed = instance.confirmed
    if instance.confirmed and (created or not was_confirmed):
        record(Kind.SECOND_FACTOR_ENROL, user=instance.user)


def _device_deleted(sender, instance, **kwargs):
    if instance.confirmed and User.objects.filter(pk=instance.user_id).exists():
        record(Kind.SECOND_FACTOR_RESET, user=instance.user)


def _remember_device_state(sender, instance, **kwargs):
    instance._was_confirmed = instance.__dict__.get("confirmed", True)


def connect_signals() -> None:
    from axes.signals import user_locked_out
    from django.db.models.signals import post_init
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from guardian.models import GroupObjectPermission, UserObjectPermission

    user_logged_in.connect(_logged_in, dispatch_uid="trail_login")
    user_logged_out.connect(_logged_out, dispatch_uid="trail_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="trail_login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="trail_locked_out")
    post_save.connect(_user_saved, sender=User, dispatch_uid="trail_user_saved")
    post_init.connect(_remember_user_state, sender=User, dispatch_uid="trail_user_init")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="trail_membership_saved")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="trail_membership_deleted")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="trail_groups")
    m2m_changed.connect(_user_permissions_changed, sender=User.user_permissions.through, dispatch_uid="trail_user_perms")
    m2m_changed.connect(_group_permissions_changed, sender=Group.permissions.through, dispatch_uid="trail_group_perms")
    for model in (UserObjectPermission, GroupObjectPermission):
        post_save.connect(_object_permission_changed, sender=model, dispatch_uid=f"trail_saved_{model.__name__}")
        post_delete.connect(_object_permission_changed, sender=model, dispatch_uid=f"trail_deleted_{model.__name__}")
    post_init.connect(_remember_device_state, sender=TOTPDevice, dispatch_uid="trail_device_init")
    post_save.connect(_device_saved, sender=TOTPDevice, dispatch_uid="trail_device_saved")
    post_delete.connect(_device_deleted, sender=TOTPDevice, dispatch_uid="trail_device_deleted")
