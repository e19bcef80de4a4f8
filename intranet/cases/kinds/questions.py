"""Citizen questions — App. V "Tiếp nhận, theo dõi, xử lý dân hỏi, cơ quan chức năng trả lời"."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from intranet.accounts.models import Role

from . import ANSWER, COMMENT, COORDINATORS, HARD, HOLDER, TARGET_UNIT, Action, Kind, Step, register

CODE = "question"
# App. V 1: the portal board's questions reach the province office at 10:00 and 16:00 on working days;
# App. V 2.a: the office leader assigns them by 14:00 (morning batch) and 07:30 next working day (afternoon batch).
BATCH_TIMES = ("10:00", "16:00")
ASSIGN_TIMES = ("07:30", "14:00")

# Steps shared with voter opinions and press incidents: the competent agency's part (App. V 2.d–đ).
AGENCY_ASSIGN = Step(
    "agency_assign",
    _("Lãnh đạo cơ quan giao chuyên viên xử lý"),
    roles=(Role.LEADER,),
    unit="agency",
    days=Decimal("0.5"),
    public_label=_("Cơ quan chức năng đang xử lý"),
    actions=(
        Action("assign", _("Giao chuyên viên xử lý"), "drafting", params=(HOLDER, COORDINATORS, COMMENT), required=(HOLDER,),
               records="main"),
        Action("return", _("Trả lại (không thuộc thẩm quyền)"), "routing", params=(COMMENT,), required=(COMMENT,), holder="overseer"),
    ),
)
DRAFTING = Step(
    "drafting",
    _("Chuyên viên dự thảo nội dung trả lời"),
    roles=(Role.SPECIALIST, Role.OFFICE_SPECIALIST),
    unit="agency",
    days=Decimal(3),
    public_label=_("Cơ quan chức năng đang xử lý"),
    actions=(Action("submit_draft", _("Trình dự thảo trả lời"), "agency_approve", params=(ANSWER, COMMENT), required=(ANSWER,)),),
)
AGENCY_APPROVE = Step(
    "agency_approve",
    _("Lãnh đạo cơ quan chỉnh sửa, xác nhận nội dung trả lời"),
    roles=(Role.LEADER,),
    unit="agency",
    days=Decimal(1),
    public_label=_("Cơ quan chức năng đang xử lý"),
    actions=(
        Action("approve", _("Xác nhận nội dung trả lời"), "office_review", params=(ANSWER, COMMENT), holder="overseer",
               public_label=_("Cơ quan chức năng đã trả lời")),
        Action("return", _("Trả lại để chỉnh sửa"), "drafting", params=(COMMENT,), required=(COMMENT,), holder="main"),
    ),
)

register(
    Kind(
        code=CODE,
        label=_("Câu hỏi của công dân"),
        prefix="HD",
        first="new",
        clock_starts="agency_assign",
        clock_stops="agency_approve",
        publishes=True,
        steps=(
            Step(
                "new",
                _("Ban biên tập Cổng TTĐT tiếp nhận, kiểm duyệt"),
                roles=(Role.PORTAL_BOARD,),
                unit="province",
                at_times=BATCH_TIMES,
                public_label=_("Đã tiếp nhận câu hỏi"),
                actions=(
                    Action("screen", _("Kiểm duyệt xong, chờ đồng bộ về Văn phòng UBND tỉnh"), "screened", params=(COMMENT,),
                           public_label=_("Đã kiểm duyệt câu hỏi")),
                    Action("reject", _("Không tiếp nhận"), "rejected", params=(COMMENT,), required=(COMMENT,),
                           public_label=_("Không tiếp nhận")),
                ),
            ),
            # Only screened questions move at the next batch (``services.receive_new_questions``).
            Step(
                "screened",
                _("Đã kiểm duyệt, chờ đồng bộ (10:00, 16:00)"),
                roles=(Role.PORTAL_BOARD,),
                unit="province",
                at_times=BATCH_TIMES,
                public_label=_("Đã kiểm duyệt câu hỏi"),
            ),
            Step(
                "office_assign",
                _("Lãnh đạo Văn phòng giao chuyên viên phụ trách lĩnh vực"),
                roles=(Role.LEADER,),
                unit="office",
                at_times=ASSIGN_TIMES,
                public_label=_("Văn phòng UBND tỉnh đang xử lý"),
                actions=(
                    Action("assign", _("Giao chuyên viên phụ trách"), "routing", params=(HOLDER, COMMENT), required=(HOLDER,),
                           records="overseer"),
                ),
            ),
            Step(
                "routing",
                _("Chuyên viên Văn phòng chuyển cơ quan chức năng"),
                roles=(Role.OFFICE_SPECIALIST,),
                unit="office",
                days=Decimal(1),
                public_label=_("Văn phòng UBND tỉnh đang xử lý"),
                actions=(
                    Action("consult", _("Xin ý kiến lãnh đạo UBND tỉnh"), "consult", params=(HOLDER, COMMENT), required=(HOLDER,)),
                    Action("forward", _("Chuyển cơ quan chức năng trả lời"), "agency_assign", params=(TARGET_UNIT, HARD, COMMENT),
                           required=(TARGET_UNIT,), public_label=_("Đã chuyển cơ quan chức năng")),
                ),
            ),
            Step(
                "consult",
                _("Lãnh đạo UBND tỉnh cho ý kiến"),
                roles=(Role.LEADER,),
                unit="province",
                days=Decimal(1),
                public_label=_("Văn phòng UBND tỉnh đang xử lý"),
                actions=(Action("reply", _("Cho ý kiến chỉ đạo"), "routing", params=(COMMENT,), required=(COMMENT,), holder="overseer"),),
            ),
            AGENCY_ASSIGN,
            DRAFTING,
            AGENCY_APPROVE,
            Step(
                "office_review",
                _("Chuyên viên Văn phòng rà soát, đăng tải"),
                roles=(Role.OFFICE_SPECIALIST,),
                unit="office",
                days=Decimal(1),
                public_label=_("Đang rà soát trước khi đăng tải"),
                actions=(
                    Action("publish", _("Rà soát xong, đăng lên Cổng TTĐT"), "published", params=(COMMENT,),
                           public_label=_("Đã đăng câu trả lời")),
                    Action("return", _("Trả lại cơ quan chức năng"), "agency_approve", params=(COMMENT,), required=(COMMENT,)),
                ),
            ),
            Step("published", _("Đã đăng câu trả lời"), closed=True, published=True, public_label=_("Đã đăng câu trả lời")),
            Step("rejected", _("Không tiếp nhận"), closed=True, public_label=_("Không tiếp nhận")),
            # HCMC Art. 12: closed as a duplicate of another question (intranet.cover.services.link_duplicate).
            Step("duplicate", _("Trùng nội dung với câu hỏi đã có"), closed=True, public_label=_("Trùng nội dung với câu hỏi đã có")),
        ),
    )
)
