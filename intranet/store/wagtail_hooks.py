"""The store in the admin, read-only: each copy with its provenance, and the outbox with its retries."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OutboxEntry, StoreRecord


class StoreRecordViewSet(ModelViewSet):
    model = StoreRecord
    icon = "table"
    menu_label = _("Kho dữ liệu tỉnh")
    add_to_admin_menu = True
    menu_order = 214
    list_display = ["__str__", "channel", "unit_code", "source_unit_code", "author", "changed_at", "version", "deleted"]
    list_filter = ["channel", "deleted"]
    search_fields = ["record_id", "unit_code", "author"]
    inspect_view_enabled = True
    create_view_enabled = False  # the store is written by the sync only
    form_fields = []

    def get_queryset(self, request):
        return StoreRecord.objects.all()


class OutboxViewSet(ModelViewSet):
    model = OutboxEntry
    icon = "redirect"
    menu_label = _("Hàng đợi đồng bộ")
    add_to_settings_menu = True
    list_display = ["__str__", "unit_code", "action", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "channel"]
    inspect_view_enabled = True
    create_view_enabled = False
    form_fields = []


@hooks.register("register_admin_viewset")
def register_store():
    return StoreRecordViewSet("store_records")


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("store_outbox")
