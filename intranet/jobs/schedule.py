"""THE beat schedule, in one place.

On every migrate these entries are written into django-celery-beat's tables
(``services.sync_schedule``), where administrators see and adjust them. Times
are local (Asia/Ho_Chi_Minh). Jobs that follow the working-day calendar check
it themselves and do nothing on a non-working day.

Each entry: name -> (task path, crontab fields, description).
"""

SCHEDULE: dict[str, tuple[str, dict, str]] = {
    "publish-scheduled": (
        "intranet.jobs.tasks.publish_scheduled",
        {"minute": "*/5"},
        "Xuất bản các trang đã hẹn giờ",
    ),
    "retry-pending-emails": (
        "intranet.notifications.tasks.retry_pending_emails",
        {"minute": "*/5"},
        "Gửi lại các thư chưa gửi được",
    ),
    # issue 7: the desk, birthdays, work programs
    "birthday-greetings": (
        "intranet.notifications.tasks.send_birthday_greetings",
        {"minute": "0", "hour": "7"},
        "Chúc mừng sinh nhật cán bộ (Điều 6.5), mỗi sáng",
    ),
    "program-report-reminders": (
        "intranet.programs.tasks.remind_reports",
        {"minute": "30", "hour": "7"},
        "Nhắc hạn và báo quá hạn báo cáo chương trình công tác (ngày làm việc)",
    ),
}

# Issue 5: the upward sync to the provincial store. Entries that failed wait out their
# backoff and are sent again here; nothing is ever dropped.
SCHEDULE["store-sync-retry"] = (
    "intranet.store.tasks.retry_pending_task",
    {"minute": "*"},
    "Đồng bộ lại các thay đổi chưa gửi được lên kho dữ liệu tỉnh",
)
