"""QT-07 operations: receive an item, act on its current step, alert overdue steps.

Every action checks, on the server, that the user holds the step in the item's
unit (``may_act``), records the step (``StepRecord`` and Wagtail's audit log
through the task state), moves the due moment with the working-day calendar and
alerts the next holders.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from intranet.accounts.models import Role, User
from intranet.accounts.permissions import has_role, members_with_role, nearest_unit_with_role, units_with_role
from intranet.documents.services import find as find_document
from intranet.notifications.services import notify, queue_email
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, get_calendar
from portal.submissions.tracking import send_published, tracking_footer

from .documents import DECISION, issue_decision, issue_refusal_letter
from .models import STEPS, TASK_CLASSES, TOTAL_DAYS, ModerationItem, Step, StepRecord, Verdict
from .templatetags.moderation_tags import vn_name

WORKFLOW_NAME = "QT-07/VHTT: Đăng tin, bài, ảnh"
NOTIFY_KIND = "moderation"

_clock: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("qt07_clock", default=None)


@contextlib.contextmanager
def acting_at(moment: dt.datetime | None) -> Iterator[None]:
    """Record the steps done inside as happening at ``moment`` (demo data and tests of deadlines)."""
    token = _clock.set(moment)
    try:
        yield
    finally:
        _clock.reset(token)


def now() -> dt.datetime:
    return _clock.get() or timezone.now()


# -- the workflow ---------------------------------------------------------------------------


def qt07_workflow() -> Workflow:
    """The one QT-07 workflow with its six tasks (created on first use, idempotent)."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if workflow.workflow_tasks.count() != len(TASK_CLASSES):
        workflow.workflow_tasks.all().delete()
        for order, task_class in enumerate(TASK_CLASSES):
            task = task_class.objects.filter(name=str(task_class._meta.verbose_name)).first()
            if task is None:
                task = task_class.objects.create(name=str(task_class._meta.verbose_name))
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def attach_to_site(home: Page) -> None:
    """Pages submitted for moderation in the admin under this site go through QT-07."""
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": qt07_workflow()})


def unit_of_page(page: Page) -> Unit | None:
    from portal.home.models import HomePage

    home = HomePage.objects.filter(path=page.path[: page.steplen * 2]).select_related("unit").first()
    return home.unit if home else None


# -- deadlines ---------------------------------------------------------------------------------


def step_due(step: str, start: dt.datetime) -> dt.datetime:
    """The due moment of ``step`` started at ``start``, by the working-day calendar."""
    calendar = get_calendar()
    days = STEPS[step].days
    if days is not None:
        return calendar.due(start, days)
    # "Giờ hành chính" / "ngay sau khi…": by the close of the office day the step starts in.
    opens = calendar.next_office_moment(start)
    return dt.datetime.combine(opens.date(), calendar.periods[-1][1], LOCAL_TZ)


# -- who holds what -----------------------------------------------------------------------------


def total_due(received_at: dt.datetime) -> dt.datetime:
    """3.4: the whole procedure takes at most ``TOTAL_DAYS`` working days from receipt."""
    return get_calendar().due(received_at, TOTAL_DAYS)


def holders(item: ModerationItem) -> list[User]:
    if not item.is_open:
        return []
    if item.step == Step.REVIEW and item.assigned_officer_id:
        return [item.assigned_officer]
    return list(members_with_role(item.holder_unit, item.holder_role))


def may_act(user, item: ModerationItem) -> bool:
    if not item.is_open or not getattr(user, "is_authenticated", False):
        return False
    if item.step == Step.REVIEW:
        return item.assigned_officer_id == user.pk and has_role(user, item.unit, Role.CULTURE_OFFICER)
    return has_role(user, item.holder_unit, item.holder_role)


def may_view(user, item: ModerationItem) -> bool:
    """The unit's moderation people (and its site board) see its items; nobody from another unit does."""
    if getattr(user, "is_superuser", False):
        return True
    return (
        has_role(user, item.unit, Role.CULTURE_OFFICER, Role.LEADER, Role.IT_STAFF, Role.UNIT_BOARD)
        or (item.submitted_by_id is not None and item.submitted_by_id == user.pk)
        # The IT staff up the tree who post the item at B6 (and saw it then).
        or (
            item.carry_out_unit_id is not None
            and item.carry_out_unit_id != item.unit_id
            and item.step in (Step.CARRY_OUT, Step.DONE)
            and has_role(user, item.carry_out_unit, Role.IT_STAFF)
        )
    )


def held_items(user) -> QuerySet[ModerationItem]:
    """Open items whose current step this user holds (constant number of queries)."""
    # Subqueries, not lists: the desk asks this twice (counts and items) at no extra cost.
    culture = units_with_role(user, Role.CULTURE_OFFICER).values("pk")
    leader = units_with_role(user, Role.LEADER).values("pk")
    it_staff = units_with_role(user, Role.IT_STAFF).values("pk")
    condition = (
        Q(step__in=[Step.RECEIVE, Step.FORWARD], unit__in=culture)
        | Q(step=Step.REVIEW, assigned_officer=user, unit__in=culture)
        | Q(step__in=[Step.ASSIGN, Step.DECIDE], unit__in=leader)
        | (
            Q(step=Step.CARRY_OUT, decision=Verdict.APPROVE, channel=ModerationItem.Channel.WEBSITE)
            & (Q(carry_out_unit__in=it_staff) | Q(carry_out_unit__isnull=True, unit__in=it_staff))
        )
        | Q(step=Step.CARRY_OUT, decision=Verdict.APPROVE, channel=ModerationItem.Channel.LOUDSPEAKER, unit__in=culture)
        | Q(step=Step.CARRY_OUT, decision=Verdict.REFUSE, unit__in=culture)
    )
    return ModerationItem.objects.open().filter(condition).select_related("unit", "assigned_officer")


def visible_items(user) -> QuerySet[ModerationItem]:
    if getattr(user, "is_superuser", False):
        return ModerationItem.objects.all()
    units = units_with_role(user, Role.CULTURE_OFFICER, Role.LEADER, Role.IT_STAFF, Role.UNIT_BOARD)
    posting_for = Q(carry_out_unit__in=units_with_role(user, Role.IT_STAFF), step__in=[Step.CARRY_OUT, Step.DONE])
    return ModerationItem.objects.filter(Q(unit__in=units) | posting_for)


def overdue_for(user, at: dt.datetime | None = None) -> QuerySet[ModerationItem]:
    """Overdue steps shown to their holder and to the unit's leaders."""
    at = at or timezone.now()
    leader_units = units_with_role(user, Role.LEADER)
    held = held_items(user).values("pk")
    return (
        ModerationItem.objects.overdue(at)
        .filter(Q(pk__in=held) | Q(unit__in=leader_units))
        .select_related("unit", "assigned_officer")
    )


def task_states_held_by(user, task) -> QuerySet[TaskState]:
    items = held_items(user).filter(step=task.step)
    return TaskState.objects.filter(pk__in=items.values("workflow_state__current_task_state"))


# -- receiving --------------------------------------------------------------------------------


@transaction.atomic
def receive(
    page: Page,
    *,
    kind: str = ModerationItem.Kind.NEWS,
    channel: str = ModerationItem.Channel.WEBSITE,
    submitted_by=None,
    submitter_name: str = "",
    submitter_email: str = "",
    submitter_phone: str = "",
    submitter_organisation: str = "",
) -> ModerationItem:
    """B1: a draft page enters QT-07 in the unit that owns it."""
    if page.get_latest_revision() is None:
        page.save_revision(user=submitted_by)
    qt07_workflow().start(page, submitted_by)  # the workflow_submitted signal calls adopt()
    item = ModerationItem.objects.get(page=page)
    item.kind = kind
    item.channel = _checked_channel(item, channel)
    item.submitter_name = submitter_name or item.submitter_name
    item.submitter_email = submitter_email or item.submitter_email
    item.submitter_phone = submitter_phone
    item.submitter_organisation = submitter_organisation
    item.save()
    return item


def adopt(workflow_state: WorkflowState, user=None) -> ModerationItem | None:
    """Open the QT-07 record for a page that started the workflow (from ``receive`` or the admin)."""
    if workflow_state.workflow.name != WORKFLOW_NAME:
        return None
    page = Page.objects.get(pk=workflow_state.object_id).specific
    unit = unit_of_page(page)
    if unit is None:
        raise ValidationError(_("Trang này không thuộc trang của đơn vị nào."))
    at = now()
    item, _created = ModerationItem.objects.update_or_create(
        page=page,
        defaults={
            "unit": unit,
            "title": page.title[:255],
            "workflow_state": workflow_state,
            "submitted_by": user,
            "submitter_name": vn_name(user) if user else "",
            "submitter_email": (user.email if user else ""),
            "received_at": at,
            "due_at": total_due(at),
            "carry_out_unit": nearest_unit_with_role(unit, Role.IT_STAFF),
            "step": Step.RECEIVE,
            "step_started_at": at,
            "step_due_at": step_due(Step.RECEIVE, at),
            "outcome": ModerationItem.Outcome.PENDING,
            "closed_at": None,
            "decision": "",
            "recommendation": "",
            "assigned_officer": None,
        },
    )
    _open_step(item)
    return item


# -- acting -------------------------------------------------------------------------------------


class StepError(ValidationError):
    pass


def _current_task_state(item: ModerationItem) -> TaskState:
    state = WorkflowState.objects.select_related("current_task_state").get(pk=item.workflow_state_id)
    if state.current_task_state is None or state.current_task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise StepError(_("Quy trình của tin, bài này không còn ở bước đang xử lý."))
    return state.current_task_state.specific


def _open_step(item: ModerationItem) -> None:
    StepRecord.objects.create(item=item, step=item.step, started_at=item.step_started_at, due_at=item.step_due_at)
    recipients = holders(item)
    if recipients:
        notify(
            recipients,
            kind=NOTIFY_KIND,
            title=_("Tin, bài cần xử lý: %(title)s") % {"title": item.title},
            body=_("%(step)s – hạn %(due)s")
            % {"step": item.get_step_display(), "due": timezone.localtime(item.step_due_at).strftime("%H:%M %d/%m/%Y")},
            url=f"/kiem-duyet/{item.pk}/",
        )


def _finish_step(item: ModerationItem, user, action: str, comment: str, *, next_step: str, approve: bool | None = True) -> None:
    """Close the current step and open ``next_step``. ``approve``: True approves the Wagtail task (the last
    one publishes the page), False rejects it, None ends the workflow without publishing (a broadcast)."""
    at = now()
    task_state = _current_task_state(item)
    if approve is None:
        task_state.workflow_state.cancel(user=user)
    elif approve:
        task_state.approve(user=user, comment=comment)
    else:
        task_state.reject(user=user, comment=comment)
    StepRecord.objects.filter(item=item, step=item.step, finished_at__isnull=True).update(
        finished_at=at, finished_by=user, action=action, comment=comment
    )
    item.step = next_step
    if next_step == Step.DONE:
        item.closed_at, item.closed_by = at, user
        item.save()
        return
    item.step_started_at = at
    item.step_due_at = step_due(next_step, at)
    item.overdue_alerted_at = None
    item.save()
    _open_step(item)


def _check(user, item: ModerationItem, step: str) -> None:
    if item.step != step:
        raise StepError(_("Tin, bài này đang ở bước khác: %(step)s.") % {"step": item.get_step_display()})
    if not may_act(user, item):
        raise PermissionDenied(_("Bạn không phụ trách bước này của tin, bài trong đơn vị này."))


def _checked_channel(item: ModerationItem, channel: str) -> str:
    if channel not in ModerationItem.Channel.values:
        raise StepError(_("Hãy chọn hình thức: đăng trên trang thông tin điện tử hoặc phát trên loa truyền thanh."))
    if channel == ModerationItem.Channel.LOUDSPEAKER and item.kind == ModerationItem.Kind.PHOTOS:
        raise StepError(_("Ảnh không phát được trên loa truyền thanh: hãy chọn đăng trên trang thông tin điện tử."))
    return channel


@transaction.atomic
def confirm_receipt(item: ModerationItem, user, comment: str = "", channel: str | None = None) -> ModerationItem:
    """B1 → B2: the culture officer has received the item in office hours, for the website or the loudspeakers."""
    _check(user, item, Step.RECEIVE)
    if channel and channel != item.channel:
        item.channel = _checked_channel(item, channel)
        comment = comment or str(item.get_channel_display())
    _finish_step(item, user, "receive", comment, next_step=Step.FORWARD)
    return item


@transaction.atomic
def forward(item: ModerationItem, user, comment: str = "") -> ModerationItem:
    """B2 → B3: the culture officer forwards the item to the leadership."""
    _check(user, item, Step.FORWARD)
    _finish_step(item, user, "forward", comment, next_step=Step.ASSIGN)
    return item


@transaction.atomic
def assign(item: ModerationItem, user, officer: User, comment: str = "") -> ModerationItem:
    """B3 → B4: the leader assigns a named culture officer of the unit to review."""
    _check(user, item, Step.ASSIGN)
    if officer is None or not has_role(officer, item.unit, Role.CULTURE_OFFICER):
        raise StepError(_("Người được phân công phải là công chức Văn hóa của đơn vị."))
    from intranet.cover import services as cover

    # The officer is on leave: the review goes to their substitute (or the unit's culture officers' queue).
    chosen, leave = cover.cover_for(officer, lambda other: has_role(other, item.unit, Role.CULTURE_OFFICER), now())
    item.assigned_officer = chosen
    note = vn_name(chosen) if chosen else ""
    if leave is not None:
        note = _("%(absent)s đang nghỉ phép; giao người thay: %(name)s") % {
            "absent": vn_name(officer),
            "name": note or _("(hàng chờ)"),
        }
    _finish_step(item, user, "assign", comment or note, next_step=Step.REVIEW)
    if leave is not None:
        cover.record_routing(leave, item, label=item.title, url=f"/kiem-duyet/{item.pk}/", holder=chosen)
    return item


STANDARD_TEMPLATES = {
    Verdict.APPROVE: _(
        "Căn cứ Quy trình đăng tin, bài, ảnh (QT-07/VHTT);\n"
        "Xét đề nghị của {nguoi_gui} ngày {ngay_nhan} về việc đăng tin, bài, ảnh \u201c{tieu_de}\u201d,\n"
        "{don_vi} đồng ý cho {hinh_thuc} tin, bài, ảnh nêu trên.\n"
        "Nội dung đăng đúng như bản đã được kiểm duyệt."
    ),
    Verdict.REFUSE: _(
        "Căn cứ Quy trình đăng tin, bài, ảnh (QT-07/VHTT);\n"
        "Xét đề nghị của {nguoi_gui} ngày {ngay_nhan} về việc đăng tin, bài, ảnh \u201c{tieu_de}\u201d,\n"
        "{don_vi} không đồng ý cho {hinh_thuc} tin, bài, ảnh nêu trên.\n"
        "Lý do: "
    ),
}


class _KeepUnknown(dict):
    def __missing__(self, key):
        return "{" + key + "}"  # a placeholder the unit mistyped stays visible, never an error


def draft_from_template(item: ModerationItem, verdict: str) -> str:
    """B4: the draft document as the unit's template (its home page, tab "Mẫu văn bản QT-07") words it."""
    from portal.home.models import HomePage

    home = HomePage.objects.filter(unit=item.unit).only("qt07_approve_template", "qt07_refuse_template").first()
    own = (home.qt07_approve_template if verdict == Verdict.APPROVE else home.qt07_refuse_template) if home else ""
    text = own.strip() or str(STANDARD_TEMPLATES[verdict])
    channel = _("phát trên hệ thống loa truyền thanh") if item.channel == ModerationItem.Channel.LOUDSPEAKER else _("đăng trên trang thông tin điện tử")
    values = {
        "tieu_de": item.title,
        "nguoi_gui": item.submitter_name or _("người gửi"),
        "ngay_nhan": timezone.localtime(item.received_at).strftime("%d/%m/%Y"),
        "don_vi": item.unit.name,
        "hinh_thuc": channel,
    }
    return text.format_map(_KeepUnknown(values))


@transaction.atomic
def recommend(item: ModerationItem, user, verdict: str, draft_document: str, reason: str = "") -> ModerationItem:
    """B4 → B5: the assigned officer recommends approval or refusal with a draft document."""
    _check(user, item, Step.REVIEW)
    if verdict not in Verdict.values:
        raise StepError(_("Hãy chọn đề xuất: đồng ý hoặc không đồng ý cho đăng."))
    if not draft_document.strip():
        raise StepError(_("Hãy nhập dự thảo văn bản đồng ý (hoặc không đồng ý) cho đăng."))
    if verdict == Verdict.REFUSE and not reason.strip():
        raise StepError(_("Đề xuất không cho đăng phải nêu lý do."))
    item.recommendation, item.draft_document, item.reason = verdict, draft_document.strip(), reason.strip()
    item.recommended_by, item.recommended_at = user, now()
    _finish_step(item, user, f"recommend_{verdict}", reason, next_step=Step.DECIDE)
    return item


@transaction.atomic
def decide(item: ModerationItem, user, verdict: str, reason: str = "", document_text: str = "") -> ModerationItem:
    """B5 → B6: the leader approves or refuses and signs the document."""
    _check(user, item, Step.DECIDE)
    if verdict not in Verdict.values:
        raise StepError(_("Hãy chọn: đồng ý hoặc không đồng ý cho đăng."))
    reason = reason.strip() or (item.reason if verdict == Verdict.REFUSE else "")
    if verdict == Verdict.REFUSE and not reason:
        raise StepError(_("Văn bản không đồng ý cho đăng phải nêu lý do."))
    if verdict == Verdict.APPROVE and getattr(item.page.specific, "is_secret", False):
        raise StepError(_("Tin, bài được đánh dấu Mật: không được đăng, chia sẻ, đề xuất hay đồng bộ."))
    at = now()
    item.decision, item.reason = verdict, reason if verdict == Verdict.REFUSE else ""
    item.document_text = document_text.strip() or item.draft_document
    item.signed_by, item.signed_at = user, at
    item.document_number = issue_decision(item, user, at).symbol
    _finish_step(item, user, f"decide_{verdict}", reason, next_step=Step.CARRY_OUT)
    return item


@transaction.atomic
def publish(item: ModerationItem, user, go_live_at: dt.datetime | None = None) -> ModerationItem:
    """B6 (approved): IT staff publish the item on the site, now or at a scheduled moment."""
    _check(user, item, Step.CARRY_OUT)
    if item.decision != Verdict.APPROVE:
        raise StepError(_("Tin, bài chưa được lãnh đạo đồng ý cho đăng."))
    if item.channel == ModerationItem.Channel.LOUDSPEAKER:
        raise StepError(_("Tin, bài này được duyệt để phát trên loa truyền thanh, không đăng trên trang."))
    page = item.page.specific
    if getattr(page, "is_secret", False):
        raise StepError(_("Tin, bài được đánh dấu Mật: không được đăng, chia sẻ, đề xuất hay đồng bộ."))
    if go_live_at is not None:
        revision_page = page.get_latest_revision_as_object()
        revision_page.go_live_at = go_live_at
        revision_page.save_revision(user=user)
    item.outcome = ModerationItem.Outcome.PUBLISHED
    # Approving the last task finishes the workflow; Wagtail then publishes (or schedules) the revision.
    _finish_step(item, user, "publish", "", next_step=Step.DONE)
    send_published(item)  # the sender is told (issue 13)
    return item


@transaction.atomic
def broadcast(item: ModerationItem, user, broadcast_at: dt.datetime | None = None, comment: str = "") -> ModerationItem:
    """B6 (approved, loudspeakers): the culture officer broadcasts the item and records when.
    The page stays a draft: nothing goes on the website."""
    _check(user, item, Step.CARRY_OUT)
    if item.decision != Verdict.APPROVE or item.channel != ModerationItem.Channel.LOUDSPEAKER:
        raise StepError(_("Chỉ tin, bài đã được đồng ý phát trên loa truyền thanh mới ghi nhận phát loa."))
    at = now()
    broadcast_at = broadcast_at or at
    if broadcast_at > at:
        raise StepError(_("Thời điểm phát loa không được ở tương lai."))
    if broadcast_at < item.signed_at.replace(second=0, microsecond=0):  # the form gives minutes
        raise StepError(_("Thời điểm phát loa phải sau khi lãnh đạo ký văn bản đồng ý."))
    item.broadcast_at = broadcast_at
    item.outcome = ModerationItem.Outcome.BROADCAST
    when = timezone.localtime(broadcast_at).strftime("%H:%M %d/%m/%Y")
    _finish_step(
        item, user, "broadcast", comment or _("Đã phát lúc %(when)s") % {"when": when}, next_step=Step.DONE, approve=None
    )
    send_published(item)
    return item


@transaction.atomic
def send_refusal(item: ModerationItem, user, letter: str = "") -> ModerationItem:
    """B6 (refused): the culture officer sends the refusal letter with the reason to the submitter."""
    _check(user, item, Step.CARRY_OUT)
    if item.decision != Verdict.REFUSE:
        raise StepError(_("Tin, bài này không bị từ chối."))
    letter_number = issue_refusal_letter(item, now()).symbol
    body = letter.strip() or refusal_letter(item, letter_number)
    if item.submitter_email:
        item.refusal_email = queue_email(
            [item.submitter_email],
            subject=_("Thông báo không đồng ý cho đăng tin, bài, ảnh: %(title)s") % {"title": item.title},
            body=body + tracking_footer(item),  # the sender can open the timeline from the letter
            kind=NOTIFY_KIND,
        )
    elif item.submitted_by_id:
        notify(
            [item.submitted_by],
            kind=NOTIFY_KIND,
            title=_("Tin, bài không được đăng: %(title)s") % {"title": item.title},
            body=body,
        )
    item.outcome = ModerationItem.Outcome.REFUSED
    _finish_step(item, user, "send_refusal", item.reason, next_step=Step.DONE, approve=False)
    return item


def refusal_letter(item: ModerationItem, letter_number: str = "") -> str:
    doc = find_document(item, DECISION)
    signer = f"{doc.signer_name}, {doc.signer_position}".strip(", ") if doc else vn_name(item.signed_by) if item.signed_by else ""
    text = _(
        'Kính gửi %(name)s,\n\n%(unit)s đã xem xét tin, bài, ảnh "%(title)s" gửi ngày %(received)s '
        "và không đồng ý cho đăng trên trang thông tin điện tử.\n\nLý do: %(reason)s\n\n"
        "Văn bản số %(number)s, người ký: %(signer)s.\n\nTrân trọng."
    ) % {
        "name": item.submitter_name or _("Quý ông/bà"),
        "unit": item.unit.name,
        "title": item.title,
        "received": timezone.localtime(item.received_at).strftime("%d/%m/%Y"),
        "reason": item.reason,
        "number": item.document_number,
        "signer": signer,
    }
    return (_("Số: %(number)s") % {"number": letter_number} + "\n\n" + text) if letter_number else text


# -- overdue ---------------------------------------------------------------------------------------


def alert_overdue(at: dt.datetime | None = None) -> int:
    """Alert the holder and the unit's leaders once per overdue step. Returns how many items were alerted."""
    at = at or timezone.now()
    count = 0
    for item in (
        ModerationItem.objects.overdue(at).filter(overdue_alerted_at__isnull=True).select_related("unit", "assigned_officer")
    ):
        recipients = {user.pk: user for user in [*holders(item), *members_with_role(item.unit, Role.LEADER)]}
        notify(
            recipients.values(),
            kind=NOTIFY_KIND,
            title=_("Quá hạn xử lý: %(title)s") % {"title": item.title},
            body=_("%(step)s quá hạn từ %(due)s")
            % {"step": item.get_step_display(), "due": timezone.localtime(item.step_due_at).strftime("%H:%M %d/%m/%Y")},
            url=f"/kiem-duyet/{item.pk}/",
        )
        ModerationItem.objects.filter(pk=item.pk).update(overdue_alerted_at=at)
        count += 1
    return count


# -- the unit tree and the calendar move open work ----------------------------------------------


def recompute_open_deadlines() -> int:
    """An administrator changed the calendar: every open step's due moment is computed again from its start."""
    count = 0
    for item in ModerationItem.objects.open().only("pk", "step", "step_started_at", "step_due_at", "received_at", "due_at"):
        due = step_due(item.step, item.step_started_at)
        total = total_due(item.received_at)
        if due != item.step_due_at or total != item.due_at:
            ModerationItem.objects.filter(pk=item.pk).update(step_due_at=due, due_at=total, overdue_alerted_at=None)
            StepRecord.objects.filter(item_id=item.pk, step=item.step, finished_at__isnull=True).update(due_at=due)
            count += 1
    return count


def move_to_successor(source: Unit, successor: Unit) -> int:
    """A merged unit's items (open or not) continue in its successor, with the successor's people."""
    from portal.news.models import ArticlePage

    ArticlePage.objects.filter(unit=source).update(unit=successor)
    ModerationItem.objects.filter(carry_out_unit=source).update(carry_out_unit=nearest_unit_with_role(successor, Role.IT_STAFF))
    return ModerationItem.objects.filter(unit=source).update(unit=successor)
