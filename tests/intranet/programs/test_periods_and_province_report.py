"""App. VII with Huế Art. 5's periods (week, quarter, ad-hoc) and personal programmes, and the province's report
drafted by the office from the units' reports and issued by a province leader, numbered from the register."""

import datetime as dt

import pytest

from intranet.documents.models import IssuedDocument
from intranet.notifications.models import Notification
from intranet.programs import services
from intranet.programs.models import PeriodicReport, ProvinceProgram, ProvinceReport, Registration

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def test_a_weekly_a_quarterly_and_an_ad_hoc_programme_are_registered(client, org):
    stp = org.units["stp"].pk
    assert _as(client, org.cv_stp).post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": stp, "period_kind": "week", "year": 2026, "week": 12, "items": "Họp giao ban tuần"}).status_code == 302
    assert client.post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": stp, "period_kind": "quarter", "year": 2026, "quarter": 2, "items": "Sơ kết quý"}).status_code == 302
    assert client.post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": stp, "period_kind": "adhoc", "year": 2026, "title": "Phòng, chống bão số 5", "due_on": "2026-09-18",
        "items": "Rà soát phương án sơ tán"}).status_code == 302
    labels = sorted(r.period_label for r in Registration.objects.all())
    assert labels == ["quý II/2026", "tuần 12/2026 (16/03–22/03)", "đột xuất: Phòng, chống bão số 5"]
    page = client.get("/chuong-trinh-cong-tac/").text
    assert "tuần 12/2026 (16/03–22/03)" in page and "quý II/2026" in page


@pytest.mark.parametrize(("data", "error"), [
    ({"period_kind": "week", "week": ""}, "Chọn tuần (từ 1 đến 53) cho kỳ tuần."),
    ({"period_kind": "week", "week": 53, "year": 2025}, "Năm 2025 không có tuần 53."),
    ({"period_kind": "quarter", "quarter": ""}, "Chọn quý (từ 1 đến 4) cho kỳ quý."),
    ({"period_kind": "adhoc", "title": "", "due_on": "2026-09-18"}, "Nhập tên chương trình, báo cáo đột xuất."),
    ({"period_kind": "adhoc", "title": "Phòng, chống bão", "due_on": ""}, "Nhập hạn báo cáo cho chương trình, báo cáo đột xuất."),
])
def test_a_period_without_its_number_is_refused_in_vietnamese_and_changes_nothing(client, org, data, error):
    response = _as(client, org.cv_stp).post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": org.units["stp"].pk, "year": 2026, "items": "Việc một", **data})
    assert response.status_code == 200 and error in response.text
    assert not Registration.objects.exists()


def test_a_personal_programme_is_the_officers_own_and_their_leaders(client, org):
    for user in (org.cv_stp, org.cv2_stp):
        assert _as(client, user).post("/chuong-trinh-cong-tac/dang-ky/", {
            "unit": org.units["stp"].pk, "period_kind": "week", "year": 2026, "week": 12, "personal": "on",
            "items": f"Việc riêng của {user.username}"}).status_code == 302
    # The unit's own programme for the same week is still open: a personal one does not take its place.
    assert _as(client, org.cv_stp).post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": org.units["stp"].pk, "period_kind": "week", "year": 2026, "week": 12, "items": "Việc của Sở"}).status_code == 302
    again = client.post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": org.units["stp"].pk, "period_kind": "week", "year": 2026, "week": 12, "personal": "on", "items": "Lần hai"})
    assert "Bạn đã đăng ký chương trình công tác cá nhân kỳ này." in again.text
    mine = _as(client, org.cv_stp).get("/chuong-trinh-cong-tac/").text
    assert "Việc riêng của cv_stp" in mine and "Việc riêng của cv2_stp" not in mine and "Đặng Ngọc Soạn" in mine
    leader = _as(client, org.gd_stp).get("/chuong-trinh-cong-tac/").text
    assert "Việc riêng của cv_stp" in leader and "Việc riêng của cv2_stp" in leader
    assert "Việc riêng" not in _as(client, org.cv_syt).get("/chuong-trinh-cong-tac/").text
    # Not aggregated into the province's programme: only the unit's own registration is offered to the office.
    office = _as(client, org.cv_vp).get("/chuong-trinh-cong-tac/tong-hop/", {"ky": "week", "nam": 2026, "tuan": 12}).text
    assert "Việc của Sở" in office and "Việc riêng" not in office


def _report(client, user, unit, content, **period):
    period = {"period_kind": "month", "year": 2026, "month": 3, **period}
    return _as(client, user).post("/bao-cao-cong-tac/gui/", {"unit": unit.pk, "content": content, **period})


def test_the_province_report_is_drafted_from_the_units_reports_and_issued_by_a_province_leader(client, org, django_assert_max_num_queries):
    assert _report(client, org.cv_stp, org.units["stp"], "Sở Tư pháp: rà soát 42 văn bản.").status_code == 302
    query = {"ky": "month", "nam": 2026, "thang": 3}
    # Only the office drafts it.
    assert _as(client, org.cv_stp).post("/bao-cao-cong-tac/tinh/soan/?ky=month&nam=2026&thang=3").status_code == 403
    page = _as(client, org.cv_vp).get("/bao-cao-cong-tac/tong-hop/", query).text
    assert "Soạn báo cáo của UBND tỉnh từ các báo cáo này" in page
    response = client.post("/bao-cao-cong-tac/tinh/soan/?ky=month&nam=2026&thang=3")
    report = ProvinceReport.objects.get()
    assert response["Location"] == f"/bao-cao-cong-tac/tinh/{report.pk}/"
    # Pre-filled: each unit's report, then who is missing.
    assert "Sở Tư pháp: rà soát 42 văn bản." in report.content
    assert "Đơn vị chưa gửi báo cáo: Văn phòng UBND tỉnh; Sở Y tế." in report.content
    assert "Tổng hợp từ báo cáo của 1/3 đơn vị." in report.content
    # A second click opens the same draft, not another one.
    client.post("/bao-cao-cong-tac/tinh/soan/?ky=month&nam=2026&thang=3")
    assert ProvinceReport.objects.count() == 1
    with django_assert_max_num_queries(25):
        page = client.get(f"/bao-cao-cong-tac/tinh/{report.pk}/").text
    assert "chưa gửi" in page and "Sở Y tế" in page
    # The office edits it; a draft is its own business.
    assert client.post(f"/bao-cao-cong-tac/tinh/{report.pk}/", {"content": "Báo cáo đã biên tập."}).status_code == 302
    assert _as(client, org.cv_stp).get(f"/bao-cao-cong-tac/tinh/{report.pk}/").status_code == 404
    assert client.post(f"/bao-cao-cong-tac/tinh/{report.pk}/", {"content": "Sửa trộm"}).status_code == 404
    # The office cannot issue; it submits, and the leader finds it on the desk.
    assert _as(client, org.cv_vp).post(f"/bao-cao-cong-tac/tinh/{report.pk}/ban-hanh/").status_code == 403
    assert "Văn phòng soạn, trình ban hành" in client.get("/ban-lam-viec/").text
    client.post(f"/bao-cao-cong-tac/tinh/{report.pk}/trinh/")
    report.refresh_from_db()
    assert report.status == ProvinceReport.Status.SUBMITTED and report.content == "Báo cáo đã biên tập."
    assert Notification.objects.filter(recipient=org.chutich, kind="assignment").exists()
    assert client.post(f"/bao-cao-cong-tac/tinh/{report.pk}/", {"content": "Sửa sau khi trình"}).status_code == 403
    assert "Chờ lãnh đạo UBND tỉnh ban hành" in _as(client, org.chutich).get("/ban-lam-viec/").text
    assert client.post(f"/bao-cao-cong-tac/tinh/{report.pk}/ban-hanh/").status_code == 302
    report.refresh_from_db()
    document = IssuedDocument.objects.get(object_id=report.pk, slot="report")
    assert (report.status, report.issued_by, report.number) == (ProvinceReport.Status.ISSUED, org.chutich, "1/BC-UBND")
    assert (document.symbol, document.signer_name) == ("1/BC-UBND", "Nguyễn Văn Chủ Tịch")
    assert Notification.objects.filter(recipient=org.cv_vp, title__startswith="Đã ban hành").exists()
    client.get(f"/bao-cao-cong-tac/tinh/{report.pk}/")  # the success message shown
    assert "Chờ lãnh đạo UBND tỉnh ban hành" not in client.get("/ban-lam-viec/").text  # off the leader's desk
    # Issued: the units read it.
    page = _as(client, org.cv_syt).get(f"/bao-cao-cong-tac/tinh/{report.pk}/")
    assert page.status_code == 200 and "Báo cáo đã biên tập." in page.text and "1/BC-UBND" in page.text


def test_an_office_clerk_of_a_department_or_a_ward_is_not_the_province_office(client, org):
    """The office specialist role serves every level's office (App. VI); only the province's own office drafts its reports."""
    from intranet.accounts.models import Role
    from intranet.accounts.services import grant_role
    from tests.factories import UserFactory

    clerk = UserFactory(username="vanthu_syt")
    grant_role(clerk, org.units["syt"], Role.OFFICE_SPECIALIST)
    assert _as(client, clerk).post("/bao-cao-cong-tac/tinh/soan/?ky=month&nam=2026&thang=3").status_code == 403
    assert "Soạn báo cáo của UBND tỉnh" not in client.get("/bao-cao-cong-tac/tong-hop/", {"ky": "month", "nam": 2026, "thang": 3}).text
    assert not ProvinceReport.objects.exists()


def test_an_issued_province_programme_takes_its_number_from_the_register(client, org):
    services.register(org.units["stp"], org.cv_stp, period_kind="week", year=2026, week=12, items=["Họp giao ban"])
    program = services.draft_program(period_kind="week", year=2026, week=12, item_ids=list(
        Registration.objects.get().items.values_list("pk", flat=True)))
    _as(client, org.cv_vp).post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/trinh/")
    assert "Chờ lãnh đạo UBND tỉnh ban hành" in _as(client, org.chutich).get("/ban-lam-viec/").text
    client.post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/ban-hanh/")
    program.refresh_from_db()
    assert program.number == "1/CTr-UBND" and program.is_issued


def test_an_ad_hoc_report_is_gathered_and_drafted_by_its_title(client, org):
    adhoc = {"period_kind": "adhoc", "year": 2026, "title": "Thiệt hại do bão số 5", "due_on": "2026-09-18"}
    _report(client, org.cv_stp, org.units["stp"], "Không có thiệt hại về trụ sở.", **adhoc)
    assert PeriodicReport.objects.get().due_on == dt.date(2026, 9, 18)
    query = "ky=adhoc&nam=2026&ten=Thi%E1%BB%87t+h%E1%BA%A1i+do+b%C3%A3o+s%E1%BB%91+5"
    page = _as(client, org.cv_vp).get(f"/bao-cao-cong-tac/tong-hop/?{query}").text
    assert "Không có thiệt hại về trụ sở." in page and "18/09/2026" in page
    client.post(f"/bao-cao-cong-tac/tinh/soan/?{query}")
    report = ProvinceReport.objects.get()
    assert report.due_on == dt.date(2026, 9, 18) and "Không có thiệt hại về trụ sở." in report.content



def test_an_ad_hoc_programme_drafted_from_the_aggregate_keeps_the_registered_deadline(client, org):
    _as(client, org.cv_stp).post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": org.units["stp"].pk, "period_kind": "adhoc", "year": 2026, "title": "Phòng, chống bão số 5", "due_on": "2026-09-18",
        "items": "Rà soát phương án sơ tán"})
    item = Registration.objects.get().items.get()
    query = "?ky=adhoc&nam=2026&ten=Ph%C3%B2ng%2C+ch%E1%BB%91ng+b%C3%A3o+s%E1%BB%91+5"
    assert "Rà soát phương án sơ tán" in _as(client, org.cv_vp).get(f"/chuong-trinh-cong-tac/tong-hop/{query}").text
    client.post(f"/chuong-trinh-cong-tac/tong-hop/{query}", {"item": [item.pk]})
    program = ProvinceProgram.objects.get()
    assert program.due_on == dt.date(2026, 9, 18) and program.period_label == "đột xuất: Phòng, chống bão số 5"
