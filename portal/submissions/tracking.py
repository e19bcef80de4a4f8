"""Senders follow what they sent to ``/gui-tin-bai/`` (QT-07): a tracking code, a receipt e-mail,
a public timeline at ``/tra-cuu/`` and a result e-mail when it is published or refused.

The timeline shows only the steps and their moments — never the officers' names, the
internal comments or the draft documents.
"""

from __future__ import annotations

import secrets

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.notifications.services import queue_email
from intranet.units.links import absolute_url

PREFIX = "TB"
NOTIFY_KIND = "moderation"

# What the public sees of each QT-07 step (B1–B6) once it has started.
PUBLIC_STEP_LABELS = {
    "B1": gettext_lazy("Đã tiếp nhận tin, bài, ảnh"),
    "B2": gettext_lazy("Đang chuyển lãnh đạo phân công xử lý"),
    "B3": gettext_lazy("Lãnh đạo đang phân công xử lý"),
    "B4": gettext_lazy("Đang kiểm duyệt nội dung"),
    "B5": gettext_lazy("Đang chờ lãnh đạo phê duyệt"),
    "B6": gettext_lazy("Đã có văn bản của lãnh đạo"),
}


def new_tracking_code() -> str:
    from intranet.cases.services import CODE_ALPHABET, CODE_LENGTH

    from .models import Submission

    year = timezone.localdate().year
    for _attempt in range(20):
        code = f"{PREFIX}-{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if not Submission.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free tracking code")


def _lookup_url(submission) -> str:
    # The lookup page of the site the item was sent to.
    return absolute_url(f"/tra-cuu/?ma={submission.code}", unit=submission.unit)


def send_receipt(submission) -> None:
    if not submission.email or not submission.code:
        return
    queue_email(
        [submission.email],
        subject=_("Đã nhận tin, bài, ảnh của bạn – mã %(code)s") % {"code": submission.code},
        body=_(
            "%(unit)s đã nhận \u201c%(title)s\u201d. Nội dung được kiểm duyệt theo quy trình QT-07 trong 2 ngày làm việc.\n"
            "Mã tra cứu: %(code)s\nTheo dõi tình trạng tại: %(url)s"
        )
        % {"unit": submission.unit.name, "title": submission.title, "code": submission.code, "url": _lookup_url(submission)},
        kind=NOTIFY_KIND,
    )


def tracking_footer(item) -> str:
    """The lines a result e-mail ends with: the tracking code and the absolute link to its public timeline."""
    from .models import Submission

    submission = Submission.objects.filter(page_id=item.page_id).exclude(code=None).select_related("unit").first()
    if submission is None:
        return ""
    return "\n\n" + _("Mã tra cứu: %(code)s\nTheo dõi tình trạng tại: %(url)s") % {
        "code": submission.code,
        "url": _lookup_url(submission),
    }


def send_published(item) -> None:
    """B6 approved and published: the sender is told, with the link to the article."""
    from .models import Submission

    submission = Submission.objects.filter(page_id=item.page_id).first()
    email = item.submitter_email or (submission.email if submission else "")
    if not email:
        return
    if item.outcome == item.Outcome.BROADCAST:
        queue_email(
            [email],
            subject=_("Tin, bài của bạn đã được phát trên loa truyền thanh: %(title)s") % {"title": item.title},
            body=_(
                "%(unit)s đồng ý (văn bản số %(number)s) và đã phát \u201c%(title)s\u201d trên hệ thống loa truyền thanh lúc %(when)s.%(track)s"
            )
            % {
                "unit": item.unit.name,
                "title": item.title,
                "number": item.document_number,
                "when": timezone.localtime(item.broadcast_at).strftime("%H:%M ngày %d/%m/%Y"),
                "track": ("\n" + _("Mã tra cứu: %(code)s") % {"code": submission.code}) if submission and submission.code else "",
            },
            kind=NOTIFY_KIND,
        )
        return
    page = item.page.specific
    url = page.full_url or ""
    queue_email(
        [email],
        subject=_("Tin, bài, ảnh của bạn đã được đăng: %(title)s") % {"title": item.title},
        body=_("%(unit)s đồng ý cho đăng \u201c%(title)s\u201d (văn bản số %(number)s).\nXem tại: %(url)s%(track)s")
        % {
            "unit": item.unit.name,
            "title": item.title,
            "number": item.document_number,
            "url": url,
            "track": ("\n" + _("Mã tra cứu: %(code)s") % {"code": submission.code}) if submission and submission.code else "",
        },
        kind=NOTIFY_KIND,
    )


def lookup_context(code: str) -> dict | None:
    """What ``/tra-cuu/`` shows for a submission's code, or None if there is none."""
    from intranet.moderation.models import ModerationItem, Step, Verdict

    from .models import Submission

    submission = Submission.objects.filter(code=code).select_related("unit").first()
    if submission is None:
        return None
    item = ModerationItem.objects.filter(page_id=submission.page_id).first() if submission.page_id else None
    timeline = [{"at": submission.created_at, "label": _("Đã gửi tin, bài, ảnh")}]
    status, due = _("Đã nhận, đang chuyển vào quy trình kiểm duyệt"), None
    if item is not None:
        for record in item.steps.only("step", "started_at"):
            timeline.append({"at": record.started_at, "label": PUBLIC_STEP_LABELS.get(record.step, "")})
        if item.outcome == ModerationItem.Outcome.PUBLISHED:
            status = _("Đã đăng trên trang thông tin điện tử")
            timeline.append({"at": item.closed_at, "label": status})
        elif item.outcome == ModerationItem.Outcome.BROADCAST:
            status = _("Đã phát trên hệ thống loa truyền thanh")
            timeline.append({"at": item.broadcast_at or item.closed_at, "label": status})
        elif item.outcome == ModerationItem.Outcome.REFUSED:
            status = _("Không được đồng ý cho đăng (văn bản trả lời đã gửi người đề nghị)")
            timeline.append({"at": item.closed_at, "label": status})
        else:
            status = PUBLIC_STEP_LABELS.get(item.step, "")
            if item.step == Step.CARRY_OUT:
                status = (
                    (
                        _("Đã được đồng ý, chờ phát trên loa truyền thanh")
                        if item.channel == ModerationItem.Channel.LOUDSPEAKER
                        else _("Đã được đồng ý, đang đăng")
                    )
                    if item.decision == Verdict.APPROVE
                    else _("Không được đồng ý, đang gửi văn bản trả lời")
                )
            due = item.due_at
    return {
        "submission": submission,
        "item": item,
        "timeline": timeline,
        "status": status,
        "due": due,
        "published_url": item.page.specific.url if item is not None and item.outcome == ModerationItem.Outcome.PUBLISHED else "",
    }
