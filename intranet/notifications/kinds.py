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

# What a notification's kind is called where it is counted (the notifications page): the kinds above and
# those always sent by e-mail.
LABELS: dict[str, str] = {
    **KINDS,
    "case": _("Hồ sơ, vụ việc"),
    "case_overdue": _("Hồ sơ quá hạn"),
    "digest_late": _("Điểm báo chậm"),
    "handover": _("Bàn giao công việc"),
    "cover": _("Nghỉ phép, ủy quyền"),
    "moderation_report": _("Biểu tổng hợp kiểm duyệt"),
}
