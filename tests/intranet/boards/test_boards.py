"""App. II: the standing agency enters a board; a duplicate is refused; members see it; the public reads it."""

from django.urls import reverse

from intranet.boards.models import Board
from intranet.boards.services import boards_of_user
from intranet.store.models import StoreRecord
from tests.factories.boards import BoardFactory, BoardMemberFactory, board_form_data

ADD = "wagtailsnippets_boards_board:add"


def test_the_standing_agency_publishes_a_board_with_members_across_units(client, org, django_capture_on_commit_callbacks):
    client.force_login(org.clerk)
    data = board_form_data(
        name="Ban Chỉ đạo Chuyển đổi số tỉnh",
        decision_number="123/QĐ-UBND",
        standing_unit=org.snv,
        members=[(org.chair, "Trưởng ban"), (org.deputy, "Phó Trưởng ban thường trực"), (org.builder, "Thành viên")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(ADD), data)
    assert response.status_code == 302
    board = Board.objects.get(name="Ban Chỉ đạo Chuyển đổi số tỉnh")
    assert board.live and board.members.count() == 3
    copy = StoreRecord.objects.get(channel="boards", record_id=str(board.store_key))
    assert [m["unit"] for m in copy.payload["members"]] == [org.tinh.code, "snv", "sxd"]
    assert copy.source_unit_code == "snv"


def test_a_board_with_the_same_name_ignoring_case_and_marks_is_refused(client, org):
    BoardFactory(name="Ban Chỉ đạo Chuyển đổi số tỉnh", decision_number="123/QĐ-UBND", standing_unit=org.snv)
    client.force_login(org.clerk)
    data = board_form_data(name="BAN CHI DAO chuyen doi so  TINH", decision_number="999/QĐ-UBND", standing_unit=org.snv)
    response = client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "đã có trong hệ thống" in response.content.decode()
    assert Board.objects.count() == 1


def test_a_board_with_the_same_founding_decision_is_refused(client, org):
    BoardFactory(name="Ban Chỉ đạo A", decision_number="123/QĐ-UBND", standing_unit=org.snv)
    client.force_login(org.clerk)
    response = client.post(reverse(ADD), board_form_data(name="Ban Chỉ đạo B", decision_number="123/qđ-ubnd", standing_unit=org.snv))
    assert "đã có trong hệ thống" in response.content.decode()
    assert list(Board.objects.values_list("name", flat=True)) == ["Ban Chỉ đạo A"]


def test_editing_a_board_is_not_taken_for_a_duplicate_of_itself(client, org):
    board = BoardFactory(name="Ban Chỉ đạo A", decision_number="1/QĐ", standing_unit=org.snv)
    client.force_login(org.clerk)
    data = board_form_data(name="Ban Chỉ đạo A", decision_number="1/QĐ", standing_unit=org.snv)
    data["members-INITIAL_FORMS"] = "0"
    response = client.post(reverse("wagtailsnippets_boards_board:edit", args=[board.pk]), data)
    assert response.status_code == 302


def test_another_agency_may_not_edit_the_board(client, org):
    board = BoardFactory(name="Ban Chỉ đạo A", decision_number="1/QĐ", standing_unit=org.snv)
    client.force_login(org.outsider)
    data = board_form_data(name="Đổi tên", decision_number="1/QĐ", standing_unit=org.snv)
    response = client.post(reverse("wagtailsnippets_boards_board:edit", args=[board.pk]), data)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert Board.objects.get(pk=board.pk).name == "Ban Chỉ đạo A"


def test_a_member_sees_the_board_on_their_desk(org):
    board = BoardFactory(standing_unit=org.snv)
    BoardMemberFactory(board=board, person=org.deputy, role="Phó Trưởng ban")
    BoardFactory(standing_unit=org.snv, live=False).members.create(person=org.deputy, role="Thành viên")
    assert list(boards_of_user(org.member_user)) == [board]
    assert list(boards_of_user(org.clerk)) == []


def test_the_public_reads_published_boards_without_personal_data(client, org):
    board = BoardFactory(name="Ban Chỉ đạo Phòng chống thiên tai", standing_unit=org.snv)
    BoardMemberFactory(board=board, person=org.chair, role="Trưởng ban")
    BoardFactory(name="Bản nháp chưa đăng", standing_unit=org.snv, live=False)
    listing = client.get(reverse("boards:list")).content.decode()
    assert "Ban Chỉ đạo Phòng chống thiên tai" in listing and "Bản nháp chưa đăng" not in listing
    detail = client.get(reverse("boards:detail", args=[board.pk])).content.decode()
    assert "Nguyễn Văn Phương" in detail and "Trưởng ban" in detail
    for private in ("12 Lê Lợi", "15/06/1985", org.chair.civil_servant_code):
        assert private not in detail


def test_board_pages_keep_a_constant_number_of_queries(client, org, django_assert_max_num_queries):
    board = BoardFactory(standing_unit=org.snv)
    BoardMemberFactory(board=board, person=org.chair)
    with django_assert_max_num_queries(16) as few:  # 10, and the site's menu and footer built once (portal/home/menu.py)
        client.get(reverse("boards:list"))
        client.get(reverse("boards:detail", args=[board.pk]))
    for _ in range(15):
        BoardFactory(standing_unit=org.snv)
        BoardMemberFactory(board=board, person=org.builder)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("boards:list"))
        client.get(reverse("boards:detail", args=[board.pk]))


def test_the_board_admin_listing_keeps_a_constant_number_of_queries(client, org, django_assert_max_num_queries):
    client.force_login(org.clerk)
    url = reverse("wagtailsnippets_boards_board:list")
    BoardFactory(standing_unit=org.snv)
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(20):
        BoardFactory(standing_unit=org.snv)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
