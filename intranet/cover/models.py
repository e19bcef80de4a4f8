"""Work never gets stuck while people are away (issue 17).

- ``Delegation``: a leader lets another person of their unit act in one of their roles for a
  period (App. V 2.a: the office leader "hoặc ủy quyền cho Cổng TTĐT"; QT-05 B5: the chair "hoặc
  Phó Chủ tịch được ủy quyền"). The permission layer lets the delegate do what the delegator may
  do in that role and unit; the case history says "thay mặt".
- ``Leave``: an officer is away for a period; new work that would be given to them goes to the
  substitute (``CoveredWork`` lists what was routed so the desk shows both sides).
- ``DuplicateLink``: a citizen's question closed as a duplicate of another (HCMC Art. 12); its
  tracking code shows the other's answer.

Periods are local dates (Asia/Ho_Chi_Minh), both ends included.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.accounts.models import Role


class PeriodQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        """In force on ``on`` (today by default): not ended early, ``starts_on`` ≤ day ≤ ``ends_on``."""
        on = on or timezone.localdate()
        return self.filter(ended_at__isnull=True, starts_on__lte=on, ends_on__gte=on)

    def not_over(self, on: dt.date | None = None):
        """In force now or later (what the desk announces)."""
        on = on or timezone.localdate()
        return self.filter(ended_at__isnull=True, ends_on__gte=on)


class Period(models.Model):
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến hết ngày"))
    reason = models.TextField(_("lý do"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("ghi nhận lúc"), default=timezone.now)
    # Ended before ``ends_on`` (revoked, back early); the row stays for the record.
    ended_at = models.DateTimeField(_("kết thúc sớm lúc"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người kết thúc"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def in_force(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.ended_at is None and self.starts_on <= on <= self.ends_on


class Delegation(Period):
    """A leader's role in a unit, exercised by ``delegate`` on the leader's behalf during the period."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("vai trò được ủy quyền"), max_length=30, choices=Role.choices)
    delegator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ủy quyền"), on_delete=models.CASCADE,
                                  related_name="delegations_given")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người được ủy quyền"), on_delete=models.CASCADE,
                                 related_name="delegations_received")

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        indexes = [models.Index(fields=["delegate", "ends_on"])]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="delegation_period_in_order")]

    def __str__(self):
        return f"{self.delegator} → {self.delegate} ({self.get_role_display()}, {self.unit})"


class Leave(Period):
    """An officer away from ``starts_on`` to ``ends_on``; ``substitute`` (same unit) takes their new work."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nghỉ phép"), on_delete=models.CASCADE,
                               related_name="leaves")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    substitute = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thay"), on_delete=models.CASCADE,
                                   related_name="covers")

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("nghỉ phép")
        verbose_name_plural = _("nghỉ phép")
        indexes = [models.Index(fields=["person", "ends_on"]), models.Index(fields=["substitute", "ends_on"])]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="leave_period_in_order")]

    def __str__(self):
        return f"{self.person} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class CoveredWork(models.Model):
    """One piece of new work that went to the substitute instead of the person on leave."""

    leave = models.ForeignKey(Leave, on_delete=models.CASCADE, related_name="routed")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("công việc"), max_length=255)
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("công việc chuyển người thay")
        verbose_name_plural = _("công việc chuyển người thay")

    def __str__(self):
        return self.label


class DuplicateLink(models.Model):
    """HCMC Art. 12: a question asking what another already asks; it closes and shows the other's answer."""

    case = models.OneToOneField("cases.Case", verbose_name=_("câu hỏi trùng"), on_delete=models.CASCADE, related_name="duplicate_link")
    original = models.ForeignKey("cases.Case", verbose_name=_("câu hỏi đã có"), on_delete=models.PROTECT, related_name="duplicates")
    reason = models.TextField(_("lý do"))
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người liên kết"), null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    linked_at = models.DateTimeField(_("liên kết lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("liên kết câu hỏi trùng")
        verbose_name_plural = _("liên kết câu hỏi trùng")

    def __str__(self):
        return f"{self.case_id} → {self.original_id}"
