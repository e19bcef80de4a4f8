"""The kinds of alert people may choose to receive by email (others always come by email)."""

from django.utils.translation import gettext_lazy as _

KINDS: dict[str, str] = {
    "assignment": _("Được giao việc mới"),
    "reminder": _("Nhắc hạn xử lý công việc"),
    "overdue": _("Công việc quá hạn"),
    "moderation": _("Kiểm duyệt tin bài"),
    "program": _("Chương trình và báo cáo công tác"),
    "digest": _("Điểm báo hằng ngày"),
    "birthday": _("Sinh nhật đồng nghiệp"),
}
