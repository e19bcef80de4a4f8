"""A unit's standing pages (Huế rules Art. 4.2): introduction, organisation, legal documents.

The introduction and organisation pages read the unit's own record (the unit
tree is the single source), so a rename or a new sub-unit shows at once; the
editor adds only the text around it. Legal documents carry their attachments
as Wagtail documents in the unit's collection.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from intranet.cases.models import Field as CaseField
from portal.home.slugs import FoldedSlugMixin
from search.folding import fold, fold_words, slugify


def _unit_of(page: Page):
    from portal.home.models import HomePage

    home = HomePage.objects.filter(path=page.path[: page.steplen * 2]).select_related("unit").first()
    return home.unit if home else None


class IntroPage(FoldedSlugMixin, Page):
    """``/gioi-thieu/``: the unit's introduction, functions and duties, ISO quality system."""

    body = RichTextField(_("nội dung bổ sung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang giới thiệu")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = _unit_of(self)
        return context


class OrganisationPage(FoldedSlugMixin, Page):
    """``/co-cau-to-chuc/``: leaders and sub-units with their public phone and email."""

    body = RichTextField(_("nội dung bổ sung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang cơ cấu tổ chức")

    def get_context(self, request, *args, **kwargs):
        from intranet.accounts.models import Membership, Role
        from intranet.directory.models import Person

        context = super().get_context(request, *args, **kwargs)
        unit = _unit_of(self)
        context["unit"] = unit
        if unit is not None:
            context["sub_units"] = unit.get_children().filter(status="active").only(
                "name", "phone", "email", "address", "code", "site_id", "path", "depth"
            )
            # Only names and positions: birth dates, addresses and ID numbers never reach a public page.
            context["leaders"] = (
                Membership.objects.filter(unit=unit, role=Role.LEADER, user__is_active=True)
                .select_related("user")
                .order_by("-is_head", "user__last_name")
            )
            # The directory's people of the unit, with what the public directory shows of them.
            context["people"] = Person.objects.active().filter(unit=unit).order_by("sort_order", "full_name").only(
                "full_name", "position", "office_phone", "email", "sort_order"
            )[:60]
        return context


class DocumentKind(models.TextChoices):
    """Loại văn bản: the kinds of the Law on legal normative documents and of Decree 30/2020 (administrative documents)."""

    LAW = "luat", _("Luật")
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    DECREE = "nghi-dinh", _("Nghị định")
    CIRCULAR = "thong-tu", _("Thông tư")
    DECISION = "quyet-dinh", _("Quyết định")
    DIRECTIVE = "chi-thi", _("Chỉ thị")
    PLAN = "ke-hoach", _("Kế hoạch")
    GUIDANCE = "huong-dan", _("Hướng dẫn")
    NOTICE = "thong-bao", _("Thông báo")
    REPORT = "bao-cao", _("Báo cáo")
    LETTER = "cong-van", _("Công văn")
    OTHER = "khac", _("Văn bản khác")


DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")  # as people type it, and as a browser's date picker sends it


def _parse_date(value: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


class LegalDocumentFilter(forms.Form):
    """The public filters of ``/van-ban/`` (GET; every name is in the page cache's ``QUERY_PARAMS``)."""

    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"}))
    so = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=100)
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    co_quan = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    linh_vuc = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    cap = forms.ChoiceField(label=_("Cấp"), required=False)
    tu_ngay = forms.CharField(label=_("Ban hành từ ngày"), required=False, max_length=10, widget=forms.TextInput(
        attrs={"placeholder": _("ngày/tháng/năm"), "inputmode": "numeric", "autocomplete": "off"}))
    den_ngay = forms.CharField(label=_("Đến ngày"), required=False, max_length=10, widget=forms.TextInput(
        attrs={"placeholder": _("ngày/tháng/năm"), "inputmode": "numeric", "autocomplete": "off"}))

    # Query parameters keep the site's hyphenated style (``linh-vuc`` as on /hoi-dap/).
    PARAMS = {"co_quan": "co-quan", "linh_vuc": "linh-vuc", "tu_ngay": "tu-ngay", "den_ngay": "den-ngay"}

    def __init__(self, data, *, kinds, issuers, fields):
        super().__init__(data)
        self.issuers = issuers
        everything = [("", _("Tất cả"))]
        self.fields["loai"].choices = everything + kinds
        self.fields["co_quan"].choices = everything + [(slug, names[0]) for slug, names in issuers.items()]
        self.fields["linh_vuc"].choices = everything + fields
        self.fields["cap"].choices = everything + LegalDocumentPage.Level.choices

    def add_prefix(self, field_name):
        return self.PARAMS.get(field_name, field_name)

    def _date(self, name):
        value = self.cleaned_data[name].strip()
        if not value:
            return None
        day = _parse_date(value)
        if day is None:
            raise forms.ValidationError(_("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/04/2016."))
        return day

    def clean_tu_ngay(self):
        return self._date("tu_ngay")

    def clean_den_ngay(self):
        return self._date("den_ngay")

    def clean(self):
        data = super().clean()
        if data.get("tu_ngay") and data.get("den_ngay") and data["tu_ngay"] > data["den_ngay"]:
            self.add_error("den_ngay", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def apply(self, documents):
        """``documents`` narrowed by every valid filter (an invalid one is shown as an error and left out)."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("so"):
            # By path, a lookup every search backend can filter on (Elasticsearch has no "contains").
            numbered = LegalDocumentPage.objects.filter(number_folded__contains=fold_words(data["so"])).values("path")
            documents = documents.filter(path__in=numbered)
        for name, column in (("loai", "kind"), ("linh_vuc", "field"), ("cap", "level")):
            if data.get(name):
                documents = documents.filter(**{column: data[name]})
        if data.get("co_quan"):
            documents = documents.filter(issuer__in=self.issuers[data["co_quan"]])
        if data.get("tu_ngay"):
            documents = documents.filter(issued_on__gte=data["tu_ngay"])
        if data.get("den_ngay"):
            documents = documents.filter(issued_on__lte=data["den_ngay"])
        return documents


class LegalDocumentIndexPage(FoldedSlugMixin, Page):
    """``/van-ban/``: legal documents (central, provincial, the unit's own), searchable and filterable.

    Filters: number/symbol (folded: "qd-ubnd" finds "QĐ-UBND"), kind, issuing body, field, level,
    an issue date range (dd/mm/yyyy), and free text through the site search (folded like every
    search). The list costs the same few queries however many documents match.
    """

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.LegalDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang văn bản pháp luật")

    def _filter_form(self, request, documents) -> LegalDocumentFilter:
        # The filters' choices are what this list holds, in one query: no option leads to an empty list.
        present = set(documents.order_by().values_list("kind", "field", "issuer").distinct())
        kinds = {kind for kind, _field, _issuer in present}
        fields = {field for _kind, field, _issuer in present}
        issuers: dict[str, list[str]] = {}
        for name in sorted({issuer for _kind, _field, issuer in present}, key=fold):
            issuers.setdefault(slugify(name), []).append(name)
        return LegalDocumentFilter(
            request.GET,
            kinds=[choice for choice in DocumentKind.choices if choice[0] in kinds],
            issuers=issuers,
            fields=[choice for choice in CaseField.choices if choice[0] in fields],
        )

    def get_context(self, request, *args, **kwargs):
        from wagtail.search.backends import get_search_backend

        context = super().get_context(request, *args, **kwargs)
        documents = LegalDocumentPage.objects.child_of(self).live()
        form = self._filter_form(request, documents)
        form.is_valid()  # errors are shown beside their field; the valid filters still apply
        found = form.apply(documents).prefetch_related(
            Prefetch("attachments", queryset=LegalDocumentAttachment.objects.select_related("document"))
        )
        text = " ".join((form.cleaned_data.get("q") or "").split())
        if text:
            found = get_search_backend().search(text, found, operator="and")
        else:
            found = found.order_by("-issued_on", "-pk")
        context["documents"] = Paginator(found, 20).get_page(request.GET.get("trang") or 1)
        context["form"] = form
        context["filtered"] = any(value for value in form.cleaned_data.values())
        return context


class LegalDocumentPage(FoldedSlugMixin, Page):
    """One legal document with its number, kind, issuer, field, date and attached files."""

    class Level(models.TextChoices):
        CENTRAL = "trung-uong", _("Văn bản trung ương")
        PROVINCE = "tinh", _("Văn bản của tỉnh")
        UNIT = "don-vi", _("Văn bản của đơn vị")

    number = models.CharField(_("số, ký hiệu"), max_length=100)
    number_folded = models.CharField(max_length=100, editable=False, default="", db_index=True)
    kind = models.CharField(_("loại văn bản"), max_length=100, choices=DocumentKind.choices, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=CaseField.choices, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices, default=Level.PROVINCE)
    summary = models.TextField(_("trích yếu"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("kind"), FieldPanel("field"), FieldPanel("issuer"), FieldPanel("issued_on"),
             FieldPanel("effective_on"), FieldPanel("signer"), FieldPanel("level")],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        InlinePanel("attachments", label=_("tệp đính kèm")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("kind"),
        index.SearchField("issuer"),
        index.SearchField("signer"),
        # What the list's filters narrow a search by.
        index.FilterField("kind"),
        index.FilterField("field"),
        index.FilterField("issuer"),
        index.FilterField("issued_on"),
        index.FilterField("level"),
    ]
    parent_page_types = ["pages.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def save(self, *args, **kwargs):
        self.number_folded = fold_words(self.number)
        if kwargs.get("update_fields") is not None and "number" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "number_folded"}
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.attachments.select_related("document")
        return context


class LegalDocumentAttachment(Orderable):
    page = ParentalKey(LegalDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("tên tệp"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
