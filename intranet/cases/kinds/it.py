"""IT incidents — QT-05/VP "Khắc phục sự cố công nghệ thông tin" (2.5 working days).

B1 an officer reports ("trực tiếp hoặc điện thoại": from the desk, or IT staff
log it for the officer who phoned or walked in); B2 IT receives and classifies
(Phiếu khắc phục sự cố CNTT); B3 surveys and plans with a cost estimate; B4
submits to the chair; B5 the chair approves or returns for adjustment; B6 IT and
the vendor carry it out and test (Phiếu hoàn thành); B7 three-party handover,
"Bộ phận CNTT, Bộ phận đề nghị": IT records it, the requesting unit confirms it.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from intranet.accounts.models import Role

from . import COMMENT, Action, Kind, Step, register

CODE = "it"
HALF = Decimal("0.5")
# B2: the incident's category and severity come from fixed lists (the repair slip's boxes).
CATEGORIES = ("Phần cứng", "Phần mềm", "Mạng, đường truyền", "Thiết bị ngoại vi (máy in, máy quét)", "An toàn thông tin", "Khác")
SEVERITIES = ("Thấp", "Trung bình", "Cao", "Nghiêm trọng")
# B1 "trực tiếp hoặc điện thoại": how an officer told IT staff, when they log it for the officer.
REPORTED_BY = (("phone", _("Qua điện thoại")), ("in_person", _("Trực tiếp")))
# B7: whoever reported, whatever their role in the requesting unit, confirms the handover.
REQUESTER_ROLES = (Role.LEADER, Role.SPECIALIST, Role.OFFICE_SPECIALIST, Role.CULTURE_OFFICER, Role.IT_STAFF,
                   Role.UNIT_BOARD, Role.PORTAL_BOARD, Role.CONTRIBUTOR)

register(
    Kind(
        code=CODE,
        label=_("Sự cố công nghệ thông tin"),
        prefix="CN",
        first="classify",
        days=Decimal("2.5"),
        hard_days=Decimal("2.5"),
        clock_starts="classify",
        clock_stops="repair",
        forms={
            "phieu-khac-phuc": (_("Phiếu khắc phục sự cố CNTT"), "classify"),
            "van-ban-de-nghi": (_("Văn bản đề nghị sửa chữa, thay thế"), "submit"),
            "van-ban-phe-duyet": (_("Văn bản đề nghị sửa chữa, thay thế được phê duyệt"), "approve"),
            "phieu-hoan-thanh": (_("Phiếu hoàn thành khắc phục sự cố CNTT"), "complete"),
            "bien-ban-ban-giao": (_("Biên bản bàn giao ba bên"), "handover"),
        },
        steps=(
            Step(
                "classify",
                _("B2. Bộ phận CNTT tiếp nhận, phân loại"),
                roles=(Role.IT_STAFF,),
                unit="origin",
                days=HALF,
                public_label=_("Đã tiếp nhận sự cố"),
                actions=(
                    Action("classify", _("Tiếp nhận, phân loại (lập phiếu khắc phục)"), "survey", params=(COMMENT,),
                           extra=(("category", _("Loại sự cố")), ("severity", _("Mức độ"))), required=("category",),
                           choices=(("category", CATEGORIES), ("severity", SEVERITIES)),
                           holder="actor", records="main"),
                ),
            ),
            Step(
                "survey",
                _("B3. Khảo sát, lập phương án và dự toán"),
                roles=(Role.IT_STAFF,),
                unit="origin",
                days=HALF,
                public_label=_("Đang khảo sát, lập phương án"),
                actions=(
                    Action("plan", _("Lưu phương án và dự toán"), "submission", params=(COMMENT,),
                           extra=(("plan", _("Phương án xử lý")), ("cost", _("Dự toán kinh phí (đồng)"))), required=("plan",), money=("cost",),
                           holder="actor"),
                ),
            ),
            Step(
                "submission",
                _("B4. Trình Chủ tịch phê duyệt phương án"),
                roles=(Role.IT_STAFF,),
                unit="origin",
                days=HALF,
                public_label=_("Đang trình phê duyệt"),
                actions=(Action("submit", _("Trình phê duyệt"), "approval", params=(COMMENT,)),),
            ),
            Step(
                "approval",
                _("B5. Chủ tịch (hoặc Phó Chủ tịch được ủy quyền) phê duyệt phương án"),
                roles=(Role.LEADER,),
                unit="origin",
                permission="approve_it_plan",
                days=HALF,
                public_label=_("Đang trình phê duyệt"),
                actions=(
                    Action("approve", _("Phê duyệt phương án"), "repair", params=(COMMENT,), holder="main",
                           public_label=_("Phương án đã được phê duyệt")),
                    Action("return", _("Trả lại để điều chỉnh phương án"), "survey", params=(COMMENT,), required=(COMMENT,), holder="main"),
                ),
            ),
            Step(
                "repair",
                _("B6. Thực hiện khắc phục, vận hành thử"),
                roles=(Role.IT_STAFF,),
                unit="origin",
                days=HALF,
                public_label=_("Đang khắc phục sự cố"),
                actions=(
                    Action("complete", _("Hoàn thành khắc phục (lập phiếu hoàn thành)"), "handover", params=(COMMENT,),
                           extra=(("vendor", _("Đơn vị sửa chữa")), ("test_result", _("Kết quả vận hành thử"))), required=("test_result",),
                           holder="main", public_label=_("Đã khắc phục xong"), tells_reporter=True),
                ),
            ),
            Step(
                "handover",
                _("B7. Bàn giao ba bên"),
                roles=(Role.IT_STAFF,),
                unit="origin",
                public_label=_("Đang bàn giao"),
                actions=(
                    Action("handover", _("Hoàn tất bàn giao ba bên"), "handover_confirm", params=(COMMENT,),
                           extra=(("receiver", _("Người nhận bàn giao (đơn vị đề nghị)")), ("documents", _("Hóa đơn, chứng từ (nếu có)"))),
                           required=("receiver",), holder="reporter", public_label=_("Đã bàn giao"), tells_reporter=True),
                ),
            ),
            Step(
                "handover_confirm",
                _("B7. Đơn vị đề nghị xác nhận nhận bàn giao"),
                roles=REQUESTER_ROLES,
                unit="requester",
                public_label=_("Chờ đơn vị đề nghị xác nhận bàn giao"),
                actions=(
                    Action("confirm_handover", _("Xác nhận đã nhận bàn giao"), "closed", params=(COMMENT,), holder="none",
                           public_label=_("Đơn vị đề nghị đã xác nhận bàn giao")),
                ),
            ),
            Step("closed", _("Đã hoàn thành"), closed=True, public_label=_("Đã hoàn thành")),
        ),
    )
)
