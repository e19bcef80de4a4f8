"""The officer side of QT-07: my items, one item with its steps and actions, the document, the reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.accounts.fields import with_labels
from intranet.accounts.models import Role, User
from intranet.accounts.names import picker_label
from intranet.accounts.permissions import has_role, members_with_role, units_with_role
from intranet.documents.services import documents_for
from intranet.units.models import Unit
from portal.rows import moment, pk_url

from . import reports, services
from .documents import DECISION, REFUSAL_LETTER
from .models import ModerationItem, Step, Verdict
from .templatetags.moderation_tags import due_badge

REPORT_ROLES = (Role.CULTURE_OFFICER, Role.IT_STAFF, Role.LEADER)
OVERDUE_SHOWN = 10  # the most overdue steps, above the paged list that holds them all


def _item_for(user, pk: int) -> ModerationItem:
    item = get_object_or_404(
        ModerationItem.objects.select_related("unit", "assigned_officer", "signed_by", "page", "carry_out_unit"), pk=pk
    )
    if not services.may_view(user, item):
        raise PermissionDenied(_("Bạn không có quyền xem tin, bài của đơn vị này."))
    return item


# A row of the queue, ready to print (dicts: the template engine looks a key up first, issue 18.3):
# url, title, step, unit, due_badge (moderation_tags.due_badge), outcome, received.
ROW_FIELDS = ("pk", "title", "step", "unit__short_name", "unit__name", "step_due_at", "outcome", "received_at")


class _Rows:
    """Builds rows from ``ROW_FIELDS`` tuples, each label translated once per page, the URL reversed once."""

    def __init__(self, now):
        self.now, self.url, self.labels = now, pk_url("moderation:item"), {}

    def label(self, choices, value: str) -> str:
        if (choices, value) not in self.labels:
            self.labels[choices, value] = str(choices(value).label) if value in choices.values else value
        return self.labels[choices, value]

    def __call__(self, values) -> list[dict]:
        return [
            {
                "url": self.url(pk), "title": title, "step": self.label(Step, step), "unit": short_name or name,
                "due_badge": due_badge(due, self.now),
                "outcome": self.label(ModerationItem.Outcome, outcome), "received": moment(received),
            }
            for pk, title, step, short_name, name, due, outcome, received in values
        ]


@login_required
def my_items(request):
    """``/kiem-duyet/``: the steps I hold, overdue ones first, and what my units have in moderation."""
    now = timezone.now()
    rows = _Rows(now)
    mine = services.held_items(request.user)
    held = Paginator(
        mine.order_by(F("step_due_at").asc(nulls_last=True), "pk").values_list(*ROW_FIELDS), 25
    ).get_page(request.GET.get("trang"))
    # One grouped query, in the order of the steps: "B4. Kiểm duyệt nội dung, tham mưu: 12".
    numbers = dict(mine.order_by().values_list("step").annotate(number=Count("pk")))
    counts = {Step(step).label: numbers[step] for step in Step.values if numbers.get(step)}
    overdue = services.overdue_for(request.user).order_by("step_due_at", "pk")
    recent = services.visible_items(request.user).order_by("-received_at").values_list(*ROW_FIELDS)[:30]
    return render(request, "moderation/my_items.html", {
        "held": held, "held_rows": rows(held), "counts": counts,
        "overdue": rows(overdue.values_list(*ROW_FIELDS)[:OVERDUE_SHOWN]), "overdue_count": overdue.count(),
        "recent": rows(recent), "now": now,
    })


@login_required
def item_detail(request, pk: int):
    item = _item_for(request.user, pk)
    context = {
        "item": item,
        "steps": item.steps.select_related("finished_by"),
        "holders": services.holders(item),
        "may_act": services.may_act(request.user, item),
        # "Hoàng Thị Mai – Công chức Văn hóa – Xã hội – Phường Phú Xuân": after a merge a ward has
        # several culture officers, and the leader must tell them apart.
        "officers": [(officer.pk, picker_label(officer)) for officer in with_labels(members_with_role(item.unit, Role.CULTURE_OFFICER))]
        if item.step == Step.ASSIGN else [],
        "verdicts": Verdict.choices,
        "channels": ModerationItem.Channel.choices,
        "drafts": (
            {verdict: services.draft_from_template(item, verdict) for verdict in Verdict.values} if item.step == Step.REVIEW else {}
        ),
        "content": item.page.specific.get_latest_revision_as_object() if item.page_id else None,
        "preview_url": f"/quan-tri/pages/{item.page_id}/view_draft/",
        "now": timezone.now(),
        "Step": Step,
        "Verdict": Verdict,
    }
    return render(request, "moderation/item_detail.html", context)


def _moment(text: str):
    """A datetime-local field's value as an aware moment (Asia/Ho_Chi_Minh), or None when empty."""
    moment = parse_datetime(text or "")
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@login_required
@require_POST
def item_action(request, pk: int):
    item = _item_for(request.user, pk)
    data = request.POST
    action = data.get("action", "")
    try:
        if action == "receive":
            services.confirm_receipt(item, request.user, data.get("comment", ""), data.get("channel") or None)
        elif action == "forward":
            services.forward(item, request.user, data.get("comment", ""))
        elif action == "assign":
            officer = User.objects.filter(pk=data.get("officer") or 0).first()
            services.assign(item, request.user, officer, data.get("comment", ""))
        elif action == "recommend":
            services.recommend(
                item, request.user, data.get("verdict", ""), data.get("draft_document", ""), data.get("reason", "")
            )
        elif action == "decide":
            services.decide(item, request.user, data.get("verdict", ""), data.get("reason", ""), data.get("document_text", ""))
        elif action == "publish":
            services.publish(item, request.user, _moment(data.get("go_live_at", "")))
        elif action == "broadcast":
            services.broadcast(item, request.user, _moment(data.get("broadcast_at", "")), data.get("comment", ""))
        elif action == "send_refusal":
            services.send_refusal(item, request.user, data.get("letter", ""))
        else:
            raise ValidationError(_("Thao tác không hợp lệ."))
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        response = item_detail(request, pk)
        response.status_code = 400
        return response
    messages.success(request, _("Đã ghi nhận: %(step)s.") % {"step": item.get_step_display()})
    return redirect("moderation:item", pk=item.pk)


@login_required
def document(request, pk: int):
    """The approval or refusal document (văn bản đồng ý / không đồng ý cho đăng), printable."""
    return render(request, "moderation/document.html", document_context(request, pk))


def document_context(request, pk: int) -> dict:
    item = _item_for(request.user, pk)
    if not (item.draft_document or item.document_text):
        raise Http404(_("Tin, bài này chưa có văn bản."))
    docs = documents_for(item)
    letter_doc = docs.get(REFUSAL_LETTER)
    letter = services.refusal_letter(item, letter_doc.symbol if letter_doc else "") if item.decision == Verdict.REFUSE else ""
    return {"item": item, "letter": letter, "decision_doc": docs.get(DECISION), "letter_doc": letter_doc}


def _report_unit(request) -> Unit:
    units = units_with_role(request.user, *REPORT_ROLES)
    if request.user.is_superuser:
        units = Unit.objects.with_site()
    code = request.GET.get("don-vi")
    unit = units.filter(code=code).first() if code else units.first()
    if unit is None or not (request.user.is_superuser or has_role(request.user, unit, *REPORT_ROLES)):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo kiểm duyệt của đơn vị này."))
    return unit


def _report(request, build, filename: str):
    unit = _report_unit(request)
    kind = request.GET.get("ky") if request.GET.get("ky") in (reports.WEEK, reports.MONTH) else reports.WEEK
    day = parse_date(request.GET.get("ngay", "") or "") or timezone.localdate()
    report = build(unit, kind, day)
    fmt = request.GET.get("dinh-dang", "")
    name = f"{filename}-{unit.code}-{kind}-{report.start:%Y%m%d}"
    if fmt == "xlsx":
        response = HttpResponse(
            reports.to_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "csv":
        response = HttpResponse(reports.to_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    units = Unit.objects.with_site() if request.user.is_superuser else units_with_role(request.user, *REPORT_ROLES)
    return render(
        request, "moderation/report.html", {"report": report, "kind": kind, "day": day, "units": units, "path": request.path}
    )


@login_required
def summary_report(request):
    return _report(request, reports.summary, "bieu-tong-hop")


@login_required
def registration_form(request):
    return _report(request, reports.registration, "mau-dang-ky")


@login_required
def plan_posting(request):
    """QT-07 4: a contributor or the unit registers ahead an item it plans to submit this week or month."""
    from intranet.accounts.permissions import units_registering_posting_plans

    from .forms import PlannedPostingForm
    from .planning import register_planned

    units = units_registering_posting_plans(request.user)
    if not units.exists():
        raise PermissionDenied(_("Bạn không có quyền đăng ký tin, bài cho đơn vị nào."))
    form = PlannedPostingForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        register_planned(data["unit"], request.user, period_kind=data["period"], day=data["day"], title=data["title"], kind=data["kind"],
                         author=data["author"], planned_date=data["planned_date"], note=data["note"])
        messages.success(request, _("Đã đăng ký \u201c%(title)s\u201d.") % {"title": data["title"]})
        query = f"?don-vi={data['unit'].code}&ky={data['period']}&ngay={data['day']:%Y-%m-%d}"
        target = "moderation:registration" if has_role(request.user, data["unit"], *REPORT_ROLES) or request.user.is_superuser else "moderation:plan"
        return redirect(reverse(target) + query)
    return render(request, "cases/simple_form.html", {
        "form": form, "heading": _("Đăng ký tin, bài tuần, tháng"),
        "intro": _("Đăng ký trước các tin, bài, ảnh dự kiến gửi trong tuần hoặc tháng; báo cáo đối chiếu với những gì đã đăng."),
    }, status=400 if form.errors else 200)
