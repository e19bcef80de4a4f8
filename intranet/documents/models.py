"""Document registers (HCMC Art. 7): every document the system issues takes its number here.

One ``Register`` row per issuing unit, document type and year holds the last
number given; ``IssuedDocument`` is the numbered, signed document itself
("15/QĐ-UBND"), linked to what it was issued for (a QT-07 item, a QT-05 case)
and the slot it fills there (the approval document, the repair slip…).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    """Types and their abbreviations as written in a document's number (Nghị định 30/2020, Phụ lục III)."""

    DECISION = "QĐ", _("Quyết định")
    NOTICE = "TB", _("Thông báo")
    LETTER = "CV", _("Công văn")
    SUBMISSION = "TTr", _("Tờ trình")
    SLIP = "PH", _("Phiếu")
    MINUTES = "BB", _("Biên bản")
    REPORT = "BC", _("Báo cáo")
    PROGRAM = "CTr", _("Chương trình")


class Register(models.Model):
    """Sổ đăng ký văn bản: the last number given by one unit for one type in one year."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="document_registers")
    doc_type = models.CharField(_("loại văn bản"), max_length=5, choices=DocType.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối cùng đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [models.UniqueConstraint(fields=["unit", "doc_type", "year"], name="unique_document_register")]

    def __str__(self):
        return f"{self.unit} – {self.get_doc_type_display()} – {self.year}"


class IssuedDocument(models.Model):
    register = models.ForeignKey(Register, verbose_name=_("sổ đăng ký"), on_delete=models.PROTECT, related_name="documents")
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    title = models.CharField(_("trích yếu"), max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    slot = models.CharField(_("loại giấy tờ trong hồ sơ"), max_length=40)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ký"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    signer_name = models.CharField(_("họ và tên người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    issued_at = models.DateTimeField(_("ngày ban hành"), default=timezone.now)

    class Meta:
        ordering = ["register", "number"]
        verbose_name = _("văn bản đã cấp số")
        verbose_name_plural = _("văn bản đã cấp số")
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="unique_document_number"),
            models.UniqueConstraint(fields=["content_type", "object_id", "slot"], name="unique_document_slot"),
        ]

    def __str__(self):
        return f"{self.symbol} – {self.title}"
