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
    # issue 12: backups that restore (Huế Art. 9.1.c, HCMC Art. 21)
    "nightly-backup": (
        "intranet.jobs.tasks.nightly_backup",
        {"minute": "30", "hour": "1"},
        "Sao lưu cơ sở dữ liệu và toàn bộ tệp mỗi đêm, giữ BACKUP_KEEP bản gần nhất",
    ),
    # issue 18: a search writes nothing; its hits wait in the cache for this job
    "search-hits-flush": (
        "search.tasks.flush_search_hits",
        {"minute": "*/5"},
        "Ghi số lượt tìm kiếm (đếm trong bộ nhớ đệm) vào báo cáo từ khóa tìm kiếm phổ biến",
    ),
    # issue 14: visit statistics, counted in the cache like the search hits
    "visits-flush": (
        "portal.home.tasks.flush_visits",
        {"minute": "*/5"},
        "Ghi lượt truy cập trang (đếm trong bộ nhớ đệm) vào thống kê truy cập",
    ),
    "search-index": (
        "intranet.jobs.tasks.update_search_index",
        {"minute": "30", "hour": "2"},
        "Cập nhật chỉ mục tìm kiếm (dữ liệu nhập hàng loạt, mục đã gỡ), mỗi đêm",
    ),
    # issue 7: the desk, birthdays, work programs
    "birthday-greetings": (
        "intranet.notifications.tasks.send_birthday_greetings",
        {"minute": "0", "hour": "7"},
        "Chúc mừng sinh nhật cán bộ (Điều 6.5), mỗi sáng",
    ),
    # issue 4: QT-07 moderation
    "moderation-overdue": (
        "intranet.moderation.tasks.alert_overdue_steps",
        {"minute": "*/15", "hour": "7-17", "day_of_week": "mon-sat"},
        "QT-07: báo bước kiểm duyệt quá hạn cho người giữ và lãnh đạo",
    ),
    "moderation-weekly-report": (
        "intranet.moderation.tasks.weekly_reports",
        {"minute": "0", "hour": "8", "day_of_week": "mon"},
        "QT-07 B7: biểu tổng hợp đăng tin, bài, ảnh tuần trước",
    ),
    "moderation-monthly-report": (
        "intranet.moderation.tasks.monthly_reports",
        {"minute": "0", "hour": "8", "day_of_month": "1"},
        "QT-07 B7: biểu tổng hợp đăng tin, bài, ảnh tháng trước",
    ),
    "submission-intake-retry": (
        "intranet.moderation.tasks.retry_submission_intake",
        {"minute": "*/10"},
        "Đưa lại vào kiểm duyệt các tin, bài gửi đến chưa tiếp nhận được",
    ),
    "program-report-reminders": (
        "intranet.programs.tasks.remind_reports",
        {"minute": "30", "hour": "7"},
        "Nhắc hạn và báo quá hạn báo cáo chương trình công tác, báo cáo định kỳ của các đơn vị (ngày làm việc)",
    ),
}

# Issue 5: the upward sync to the provincial store. Entries that failed wait out their
# backoff and are sent again here; nothing is ever dropped.
SCHEDULE["store-sync-retry"] = (
    "intranet.store.tasks.retry_pending_task",
    {"minute": "*"},
    "Đồng bộ lại các thay đổi chưa gửi được lên kho dữ liệu tỉnh",
)

# issue 6: the case engine (App. IV–VI, QT-05). The tasks check the working-day calendar themselves,
# so make-up Saturdays count and holidays are skipped.
SCHEDULE.update(
    {
        "cases-receive-questions": (
            "intranet.cases.tasks.receive_new_questions",
            {"minute": "0", "hour": "10,16"},
            "Đồng bộ câu hỏi đã kiểm duyệt về Văn phòng UBND tỉnh (10:00, 16:00 ngày làm việc)",
        ),
        "cases-remind-office-leaders": (
            "intranet.cases.tasks.remind_office_leaders",
            {"minute": "30", "hour": "7"},
            "Nhắc lãnh đạo Văn phòng giao xử lý câu hỏi (07:30 ngày làm việc)",
        ),
        "cases-remind-office-leaders-afternoon": (
            "intranet.cases.tasks.remind_office_leaders",
            {"minute": "0", "hour": "14"},
            "Nhắc lãnh đạo Văn phòng giao xử lý câu hỏi (14:00 ngày làm việc)",
        ),
        "cases-press-digest-reminder": (
            "intranet.cases.tasks.remind_press_digest",
            {"minute": "0", "hour": "10"},
            "Nhắc đăng điểm tin báo chí nếu chưa có (10:00 ngày làm việc, hạn 11:00)",
        ),
        "cases-press-digest-overdue": (
            "intranet.cases.tasks.flag_missing_press_digest",
            {"minute": "0", "hour": "11"},
            "Báo Trưởng Ban biên tập khi chưa có điểm tin báo chí lúc 11:00 (ngày làm việc)",
        ),
        "cases-overdue-alerts": (
            "intranet.cases.tasks.alert_overdue_cases",
            {"minute": "0", "hour": "8"},
            "Cảnh báo hồ sơ quá hạn cho người xử lý và lãnh đạo (08:00 ngày làm việc)",
        ),
    }
)

# issue 16: the security trail is kept SECURITY_TRAIL_DAYS (default one year), then forgotten.
SCHEDULE["security-trail-purge"] = (
    "intranet.jobs.tasks.purge_security_trail",
    {"minute": "15", "hour": "3"},
    "Xóa nhật ký an ninh quá thời hạn lưu (SECURITY_TRAIL_DAYS, mặc định một năm), mỗi đêm",
)

# issue 13: App. II 1 — the 2-working-day entry deadline of steering boards.
SCHEDULE["boards-entry-overdue"] = (
    "intranet.boards.tasks.alert_late_board_entries",
    {"minute": "0", "hour": "8"},
    "Cảnh báo ban chỉ đạo chưa cập nhật sau 02 ngày làm việc kể từ quyết định thành lập (08:00 ngày làm việc)",
)

# Daily jobs that run once when beat starts if today's time already passed without them
# (``scheduler.PortalScheduler``): the desk then shows today's birthdays after a late start.
CATCH_UP_ON_START: set[str] = {"birthday-greetings"}
