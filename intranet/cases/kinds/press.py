"""Press-reported incidents — App. IV "Theo dõi, xử lý sự việc báo nêu".

The daily digest itself (``PressDigest``) is not a case; a case starts when a
province leader picks an item of it that needs action and assigns it to an
agency and to the responsible province-office specialist.
"""

from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from intranet.accounts.models import Role

from . import ANSWER, COMMENT, Action, Kind, Step, register
from .questions import AGENCY_APPROVE, AGENCY_ASSIGN, DRAFTING

CODE = "press"

register(
    Kind(
        code=CODE,
        label=_("Sự việc báo nêu"),
        prefix="BN",
        first="agency_assign",
        clock_starts="agency_assign",
        clock_stops="agency_approve",
        steps=(
            replace(AGENCY_ASSIGN, actions=AGENCY_ASSIGN.actions[:1]),
            DRAFTING,
            replace(
                AGENCY_APPROVE,
                label=_("Lãnh đạo cơ quan duyệt nội dung xử lý, báo cáo UBND tỉnh"),
                actions=(
                    Action("approve", _("Duyệt và báo cáo UBND tỉnh"), "office_confirm", params=(ANSWER, COMMENT), holder="overseer",
                           public_label=_("Cơ quan chức năng đã báo cáo kết quả xử lý")),
                    AGENCY_APPROVE.actions[1],
                ),
            ),
            Step(
                "office_confirm",
                _("Chuyên viên Văn phòng rà soát, xác nhận hoàn thành"),
                roles=(Role.OFFICE_SPECIALIST,),
                unit="office",
                days=Decimal(1),
                public_label=_("Đang rà soát kết quả xử lý"),
                actions=(
                    Action("confirm", _("Xác nhận hoàn thành xử lý"), "done", params=(COMMENT,), public_label=_("Đã xử lý xong")),
                    Action("return", _("Trả lại cơ quan xử lý"), "agency_approve", params=(COMMENT,), required=(COMMENT,)),
                ),
            ),
            Step("done", _("Đã xử lý xong"), closed=True, public_label=_("Đã xử lý xong")),
        ),
    )
)
