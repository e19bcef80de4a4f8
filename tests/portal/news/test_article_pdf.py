"""An article's "Lưu (PDF)" downloads a real PDF file; drafts and secret articles have none."""

import pytest

from tests.factories.news import article
from tests.intranet.documents.helpers import pdf_has_image, pdf_titles

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}


def test_save_as_pdf_gives_the_articles_pdf_file(client, sites):
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Họp dân khu vực 3", body="<p>Nội dung cuộc họp dân.</p>", with_image=True)
    html = client.get(f"/tin-tuc/{page.slug}/", **WARD).text
    assert f'href="/tin/{page.pk}/pdf/"' in html and "Lưu (PDF)" in html

    response = client.get(f"/tin/{page.pk}/pdf/", **WARD)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Họp dân khu vực 3" in pdf_titles(response.content)
    assert pdf_has_image(response.content)  # the article's photo, read from the media storage
    assert f'filename="{page.slug}.pdf"' in response["Content-Disposition"]


def test_no_pdf_of_a_draft(client, sites):
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Bản nháp chưa đăng")
    page.unpublish()
    assert client.get(f"/tin/{page.pk}/pdf/", **WARD).status_code == 404
