"""Voter opinions — App. VI "Tiếp nhận, theo dõi, xử lý ý kiến cử tri".

An opinion is entered at the level whose People's Council summarised it
(commune, district or province). One beyond that level's authority is
escalated to the level above and handled there (App. VI II.2.a, III.2.a);
at province level the province office takes it in. Escalation is the level's leader's
call ("Lãnh đạo UBND xã sẽ chỉ đạo chuyển lên"; at district level "xin ý kiến Lãnh đạo Văn phòng"),
and the history records who made it.
"""

from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from intranet.accounts.models import Role

from . import COMMENT, HARD, TARGET_UNIT, Action, Kind, Step, register
from .questions import AGENCY_APPROVE, AGENCY_ASSIGN, DRAFTING

CODE = "voter"

INTAKE_ROLES = (Role.OFFICE_SPECIALIST, Role.SPECIALIST, Role.LEADER)

register(
    Kind(
        code=CODE,
        label=_("Ý kiến cử tri"),
        prefix="CT",
        first="intake",
        clock_starts="agency_assign",
        clock_stops="agency_approve",
        publishes=True,
        steps=(
            Step(
                "intake",
                _("Văn phòng HĐND và UBND cấp tiếp nhận theo dõi, chuyển xử lý"),
                roles=INTAKE_ROLES,
                unit="origin",
                days=Decimal(1),
                public_label=_("Đã tiếp nhận ý kiến cử tri"),
                actions=(
                    Action("forward", _("Chuyển cơ quan, phòng ban trả lời"), "agency_assign", params=(TARGET_UNIT, HARD, COMMENT),
                           required=(TARGET_UNIT,), target_scope="level", public_label=_("Đã chuyển cơ quan chức năng")),
                    Action("escalate", _("Chuyển lên cấp trên (vượt thẩm quyền)"), "intake", params=(COMMENT,), required=(COMMENT,),
                           escalates=True, permission="escalate_voter_opinion",
                           public_label=_("Đã chuyển lên cấp trên giải quyết")),
                ),
            ),
            replace(
                AGENCY_ASSIGN,
                actions=(
                    AGENCY_ASSIGN.actions[0],
                    Action("return", _("Trả lại (không thuộc thẩm quyền)"), "intake", params=(COMMENT,), required=(COMMENT,),
                           holder="overseer"),
                ),
            ),
            DRAFTING,
            AGENCY_APPROVE,
            Step(
                "office_review",
                _("Văn phòng rà soát, tổng hợp, đăng tải"),
                roles=INTAKE_ROLES,
                unit="origin",
                days=Decimal(1),
                public_label=_("Đang rà soát trước khi đăng tải"),
                actions=(
                    Action("publish", _("Rà soát xong, đăng câu trả lời"), "published", params=(COMMENT,),
                           public_label=_("Đã đăng câu trả lời")),
                    Action("return", _("Trả lại cơ quan chức năng"), "agency_approve", params=(COMMENT,), required=(COMMENT,)),
                ),
            ),
            Step("published", _("Đã đăng câu trả lời"), closed=True, published=True, public_label=_("Đã đăng câu trả lời")),
        ),
    )
)
