from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.accounts.names import display_name, format_name


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # `createsuperuser`: whoever installs the system types their own password, so it counts
        # as chosen. ``create_user`` (an import, a script) leaves the date empty: changed at first login.
        if password:
            extra_fields.setdefault("password_changed_at", timezone.now())
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A personal account (Art. 9: never shared). Knows when its password last changed."""

    password_changed_at = models.DateTimeField(_("đổi mật khẩu lần cuối"), null=True, blank=True)
    # Kept by the device signals (two_factor.py): loaded with the user on every request, so a
    # session that has not passed the second factor is caught without a query per page.
    has_second_factor = models.BooleanField(_("đã bật xác thực hai lớp"), default=False, editable=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def get_full_name(self):
        """Family name first ("Tôn Thất Long"), never Django's given-name-first default."""
        return format_name(self.last_name, self.first_name)

    def get_short_name(self):
        return self.first_name

    @property
    def display_name(self) -> str:
        return display_name(self)

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()
        self._password_was_set = True  # the security trail records it once saved


class Role(models.TextChoices):
    """The people of SPEC §1, as roles held in a unit."""

    SYSADMIN = "sysadmin", _("Quản trị hệ thống")
    PORTAL_BOARD = "portal_board", _("Ban biên tập Cổng TTĐT tỉnh")
    UNIT_BOARD = "unit_board", _("Ban biên tập trang của cơ quan")
    CONTRIBUTOR = "contributor", _("Cộng tác viên")
    CULTURE_OFFICER = "culture_officer", _("Công chức Văn hóa")
    LEADER = "leader", _("Lãnh đạo")
    SPECIALIST = "specialist", _("Chuyên viên")
    OFFICE_SPECIALIST = "office_specialist", _("Chuyên viên Văn phòng UBND tỉnh")
    IT_STAFF = "it_staff", _("Bộ phận CNTT")


class Membership(models.Model):
    """A user holds a role in a unit. Leaders of a unit also lead its sub-units."""

    user = models.ForeignKey("accounts.User", verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    is_head = models.BooleanField(_("người đứng đầu"), default=False, help_text=_("Chỉ dùng với vai trò Lãnh đạo."))
    field = models.CharField(_("lĩnh vực phụ trách"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("vai trò trong đơn vị")
        verbose_name_plural = _("vai trò trong đơn vị")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class SecurityEvent(models.Model):
    """The lasting security trail (issue 16): who did what to an account, when, from where, with what outcome.

    Written by ``intranet.accounts.trail`` from the login, lockout, password, second-factor and
    permission signals; kept ``SECURITY_TRAIL_DAYS`` days (purged by a scheduled job).
    """

    class Kind(models.TextChoices):
        LOGIN = "login", _("Đăng nhập")
        LOGIN_FAILED = "login_failed", _("Đăng nhập sai")
        LOCKOUT = "lockout", _("Tạm khóa đăng nhập")
        UNLOCK = "unlock", _("Mở khóa đăng nhập")
        LOGOUT = "logout", _("Đăng xuất")
        PASSWORD_CHANGE = "password_change", _("Đổi mật khẩu")
        PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu")
        SECOND_FACTOR_ENROL = "otp_enrol", _("Bật xác thực hai lớp")
        SECOND_FACTOR_RESET = "otp_reset", _("Gỡ xác thực hai lớp")
        PERMISSION_CHANGE = "permission_change", _("Thay đổi quyền")
        GROUP_CHANGE = "group_change", _("Thay đổi nhóm")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Thành công")
        FAILURE = "failure", _("Thất bại")

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    kind = models.CharField(_("sự kiện"), max_length=20, choices=Kind.choices)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    actor = models.ForeignKey(
        "accounts.User", verbose_name=_("người thực hiện"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    detail = models.CharField(_("chi tiết"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sự kiện an ninh")
        verbose_name_plural = _("nhật ký an ninh")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "at"]), models.Index(fields=["username", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
