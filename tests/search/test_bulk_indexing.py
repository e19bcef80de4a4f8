"""Saving many objects in one go (the demo, an import) indexes each once, at the end of the block."""

import pytest
from django.db import transaction

from search.indexing import indexed_in_bulk
from tests.factories.directory import PersonFactory
from tests.factories.search import standard_page

PORTAL = {"HTTP_HOST": "localhost"}


def found(client, words: str, kind: str) -> int:
    return client.get("/tim-kiem/", {"q": words, "loai": kind}, **PORTAL).context["total"]


def test_what_is_saved_in_the_block_is_found_once_the_block_ends(client, portal_home, phuxuan):
    with indexed_in_bulk():
        page = standard_page(portal_home, "Kế hoạch chỉnh trang đô thị")
        page.title = "Kế hoạch chỉnh trang đô thị năm 2027"
        page.save_revision().publish()
        PersonFactory(unit=phuxuan, full_name="Nguyễn Đăng Khoa")
        assert found(client, "chinh trang do thi", "trang") == 0
    assert found(client, "chinh trang do thi 2027", "trang") == 1
    assert found(client, "nguyen dang khoa", "can-bo") == 1


def test_after_the_block_every_save_is_indexed_at_once_again(client, portal_home):
    with indexed_in_bulk():
        pass
    standard_page(portal_home, "Thông báo lịch tiếp công dân")
    assert found(client, "lich tiep cong dan", "trang") == 1


def test_a_failed_block_indexes_nothing_and_leaves_saves_indexed_as_usual(client, portal_home):
    with pytest.raises(RuntimeError), transaction.atomic(), indexed_in_bulk():
        standard_page(portal_home, "Dự án bị hủy giữa chừng")
        raise RuntimeError
    assert found(client, "du an bi huy", "trang") == 0
    standard_page(portal_home, "Dự án hoàn thành đúng hạn")
    assert found(client, "du an hoan thanh", "trang") == 1
