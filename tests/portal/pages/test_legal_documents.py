"""Issue 14: /van-ban/ is searchable and filterable by number/symbol, kind, issuing body, field,
level and issue date, folded like every search, each row with its attachments, paged, at a
query count that does not grow with the documents; the page cache keeps the choice filters and
never the visitors' free text."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from intranet.cases.models import Field
from portal.pages.models import DocumentKind, LegalDocumentAttachment, LegalDocumentIndexPage, LegalDocumentPage
from tests.factories.wagtail import publish_child as _add

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}


@pytest.fixture
def documents(sites):
    index = _add(sites[1].site.root_page, LegalDocumentIndexPage(title="Văn bản", slug="van-ban"))
    rows = [
        ("Luật Đất đai", "31/2024/QH15", DocumentKind.LAW, Field.LAND, "Quốc hội", dt.date(2024, 1, 18), "trung-uong"),
        ("Quy định bảng giá đất", "22/2025/QĐ-UBND", DocumentKind.DECISION, Field.LAND, "UBND thành phố Huế", dt.date(2025, 12, 20), "tinh"),
        ("Kế hoạch chuyển đổi số", "45/KH-UBND", DocumentKind.PLAN, Field.ADMINISTRATION, "UBND phường Phú Xuân", dt.date(2026, 1, 15), "don-vi"),
        ("Thông báo lịch tiếp công dân", "112/TB-UBND", DocumentKind.NOTICE, Field.OTHER, "UBND phường Phú Xuân", dt.date(2026, 3, 28), "don-vi"),
    ]
    pages = {}
    for title, number, kind, field, issuer, day, level in rows:
        pages[number] = _add(index, LegalDocumentPage(title=title, slug=number.replace("/", "-").lower(), number=number, kind=kind,
                                                      field=field, issuer=issuer, issued_on=day, level=level, summary=title))
    file = get_document_model().objects.create(title="Toàn văn", file=ContentFile(b"%PDF-1.4 demo", name="bang-gia.pdf"))
    LegalDocumentAttachment.objects.create(page=pages["22/2025/QĐ-UBND"], document=file, title="Bảng giá đất kèm theo")
    return index


def _numbers(response) -> list[str]:
    return [doc.number for doc in response.context["documents"]]


def test_every_filter_narrows_the_list(client, documents):
    assert _numbers(client.get("/van-ban/", **WARD)) == ["112/TB-UBND", "45/KH-UBND", "22/2025/QĐ-UBND", "31/2024/QH15"]
    assert _numbers(client.get("/van-ban/?loai=ke-hoach", **WARD)) == ["45/KH-UBND"]
    assert _numbers(client.get("/van-ban/?linh-vuc=dat-dai", **WARD)) == ["22/2025/QĐ-UBND", "31/2024/QH15"]
    assert _numbers(client.get("/van-ban/?co-quan=ubnd-phuong-phu-xuan", **WARD)) == ["112/TB-UBND", "45/KH-UBND"]
    assert _numbers(client.get("/van-ban/?cap=trung-uong", **WARD)) == ["31/2024/QH15"]
    # Dates as people type them, and as a date picker sends them.
    assert _numbers(client.get("/van-ban/?tu-ngay=01/12/2025&den-ngay=31/01/2026", **WARD)) == ["45/KH-UBND", "22/2025/QĐ-UBND"]
    assert _numbers(client.get("/van-ban/?tu-ngay=2026-03-01", **WARD)) == ["112/TB-UBND"]
    assert _numbers(client.get("/van-ban/?linh-vuc=dat-dai&cap=tinh", **WARD)) == ["22/2025/QĐ-UBND"]


def test_number_and_free_text_fold_marks_and_d(client, documents):
    assert _numbers(client.get("/van-ban/?so=22/2025/qd-ubnd", **WARD)) == ["22/2025/QĐ-UBND"]
    assert _numbers(client.get("/van-ban/?so=QĐ-UBND", **WARD)) == ["22/2025/QĐ-UBND"]
    assert _numbers(client.get("/van-ban/?q=bang+gia+dat", **WARD)) == ["22/2025/QĐ-UBND"]
    assert _numbers(client.get("/van-ban/?q=chuyển+đổi+số", **WARD)) == ["45/KH-UBND"]
    assert _numbers(client.get("/van-ban/?q=dat&cap=trung-uong", **WARD)) == ["31/2024/QH15"]
    assert _numbers(client.get("/van-ban/?q=dat&so=qd-ubnd", **WARD)) == ["22/2025/QĐ-UBND"]


def test_the_form_is_labelled_and_keeps_what_was_chosen(client, documents):
    html = client.get("/van-ban/?linh-vuc=dat-dai&so=22", **WARD).text
    for field_id, label in [("id_q", "Từ khóa"), ("id_so", "Số, ký hiệu"), ("id_loai", "Loại văn bản"), ("id_co-quan", "Cơ quan ban hành"),
                            ("id_linh-vuc", "Lĩnh vực"), ("id_tu-ngay", "Ban hành từ ngày"), ("id_den-ngay", "Đến ngày")]:
        assert f'<label for="{field_id}">{label}</label>' in html
    assert '<option value="dat-dai" selected>' in html and 'name="so" value="22"' in html
    # Only what the list holds is offered: no option leads to an empty list.
    assert '<option value="y-te"' not in html and '<option value="thong-tu"' not in html
    assert "Tìm thấy 1 văn bản." in html


def test_each_row_shows_its_attachments(client, documents):
    html = client.get("/van-ban/", **WARD).text
    assert "Bảng giá đất kèm theo</a> (PDF)" in html


def test_a_bad_date_gets_a_clear_error_and_the_other_filters_still_apply(client, documents):
    response = client.get("/van-ban/?tu-ngay=32/13/2026&linh-vuc=dat-dai", **WARD)
    assert response.status_code == 200
    assert "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm" in response.text
    assert _numbers(response) == ["22/2025/QĐ-UBND", "31/2024/QH15"]
    reversed_range = client.get("/van-ban/?tu-ngay=01/01/2026&den-ngay=01/01/2025", **WARD)
    assert "Ngày kết thúc phải sau ngày bắt đầu." in reversed_range.text


def test_pages_keep_the_filters(client, documents):
    for n in range(25):
        _add(documents, LegalDocumentPage(title=f"Công văn {n}", slug=f"cv-{n}", number=f"{n + 200}/UBND-VP", kind=DocumentKind.LETTER,
                                          field=Field.LAND, issuer="UBND phường Phú Xuân", issued_on=dt.date(2026, 4, 1), summary="Công văn"))
    first = client.get("/van-ban/?linh-vuc=dat-dai", **WARD)
    assert first.context["documents"].paginator.count == 27
    assert "?linh-vuc=dat-dai&amp;trang=2" in first.text
    second = client.get("/van-ban/?linh-vuc=dat-dai&trang=2", **WARD)
    assert len(second.context["documents"]) == 7


def test_the_list_costs_the_same_queries_however_many_documents_match(client, documents, django_assert_max_num_queries):
    def cost(url):
        client.get(url, **WARD)  # the site's menu and footer are cached after the first visit
        with django_assert_max_num_queries(15) as captured:
            client.get(url, **WARD)
        return len(captured.captured_queries)

    few = cost("/van-ban/?linh-vuc=dat-dai"), cost("/van-ban/?q=dat")
    file = get_document_model().objects.create(title="Phụ lục", file=ContentFile(b"%PDF-1.4", name="pl.pdf"))
    for n in range(15):
        page = _add(documents, LegalDocumentPage(title=f"Quyết định đất {n}", slug=f"qd-{n}", number=f"{n + 300}/QĐ-UBND", kind=DocumentKind.DECISION,
                                                 field=Field.LAND, issuer=f"Sở {n}", issued_on=dt.date(2026, 5, 1), summary="Quyết định về đất"))
        LegalDocumentAttachment.objects.create(page=page, document=file, title="Phụ lục")
    assert (cost("/van-ban/?linh-vuc=dat-dai"), cost("/van-ban/?q=dat")) == few


def test_the_page_cache_keeps_choice_filters_but_never_free_text(client, documents, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/van-ban/?linh-vuc=dat-dai&loai=&q=", **WARD)
    with django_assert_num_queries(0):  # the same entry, whatever empty fields the form sent
        assert _is_land_list(client.get("/van-ban/?linh-vuc=dat-dai", **WARD))
    client.get("/van-ban/?q=bang+gia", **WARD)
    searched = client.get("/van-ban/?q=bang+gia", **WARD)
    assert "Cache-Control" not in searched or "public" not in searched["Cache-Control"]
    assert searched.context is not None and _numbers(searched) == ["22/2025/QĐ-UBND"]


def _is_land_list(response) -> bool:
    return "31/2024/QH15" in response.text and "45/KH-UBND" not in response.text
