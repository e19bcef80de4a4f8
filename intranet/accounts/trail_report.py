"""The security trail screen (issue 16): a Wagtail report, in the Reports menu, for system
administrators only. Filter by event, outcome, account, date and address; export to XLSX or CSV
with Wagtail's own spreadsheet export."""

from __future__ import annotations

import django_filters
from django import forms
from django.http import HttpResponseForbidden
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from .models import SecurityEvent
from .permissions import is_sysadmin


class SecurityEventFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Sự kiện"), choices=SecurityEvent.Kind.choices, empty_label=gettext_lazy("Tất cả"))
    outcome = django_filters.ChoiceFilter(
        label=gettext_lazy("Kết quả"), choices=SecurityEvent.Outcome.choices, empty_label=gettext_lazy("Tất cả"), widget=forms.RadioSelect
    )
    # The typed username: failed logins of accounts that do not exist have no linked account.
    username = django_filters.CharFilter(label=gettext_lazy("Tên đăng nhập"), lookup_expr="icontains")
    at = django_filters.DateFromToRangeFilter(label=gettext_lazy("Ngày"), widget=DateRangePickerWidget)
    ip_address = django_filters.CharFilter(label=gettext_lazy("Địa chỉ IP"), lookup_expr="startswith")

    class Meta:
        model = SecurityEvent
        fields = ["kind", "outcome", "username", "at", "ip_address"]


def _local(value):
    return timezone.make_naive(timezone.localtime(value)) if value else value


class SecurityTrailView(ReportView):
    page_title = gettext_lazy("Nhật ký an ninh")
    header_icon = "warning"
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "accounts/admin/security_trail_results.html"
    index_url_name = "accounts_security_trail"
    index_results_url_name = "accounts_security_trail_results"
    filterset_class = SecurityEventFilterSet
    model = SecurityEvent
    paginate_by = 50
    list_export = ["at", "get_kind_display", "get_outcome_display", "username", "actor", "ip_address", "detail"]
    export_headings = {
        "at": gettext_lazy("Thời điểm"),
        "get_kind_display": gettext_lazy("Sự kiện"),
        "get_outcome_display": gettext_lazy("Kết quả"),
        "username": gettext_lazy("Tên đăng nhập"),
        "actor": gettext_lazy("Người thực hiện"),
        "ip_address": gettext_lazy("Địa chỉ IP"),
        "detail": gettext_lazy("Chi tiết"),
    }
    # Local time (Asia/Ho_Chi_Minh) in the spreadsheet, as on the screen, not UTC.
    custom_field_preprocess = {"at": {ReportView.FORMAT_XLSX: _local, ReportView.FORMAT_CSV: lambda value: f"{_local(value):%Y-%m-%d %H:%M:%S}"}}

    def dispatch(self, request, *args, **kwargs):
        if not is_sysadmin(request.user):
            # A plain 403, as on the other account screens (the admin would redirect PermissionDenied home).
            return HttpResponseForbidden(_("Chỉ quản trị hệ thống được xem nhật ký an ninh."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return SecurityEvent.objects.select_related("actor").order_by("-at", "-id")

    def get_filename(self):
        return f"nhat-ky-an-ninh-{timezone.localdate():%Y-%m-%d}"
