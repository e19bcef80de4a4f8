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
