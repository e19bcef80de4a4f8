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
}
