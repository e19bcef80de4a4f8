import datetime as dt

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from portal.pages.models import IntroPage, LegalDocumentAttachment, LegalDocumentIndexPage, LegalDocumentPage, OrganisationPage
from tests.factories.accounts import UserFactory
from tests.factories.directory import PersonFactory
from tests.factories.units import unit_with_site
from tests.factories.wagtail import publish_child as _add

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}


def test_intro_page_reads_the_units_own_record(client, sites):
    _tinh, phuxuan, _ = sites
    type(phuxuan).objects.filter(pk=phuxuan.pk).update(functions="<p>Quản lý hành chính nhà nước trên địa bàn phường.</p>", iso_info="TCVN ISO 9001:2015")
    _add(phuxuan.site.root_page, IntroPage(title="Giới thiệu", slug="gioi-thieu"))
    page = client.get("/gioi-thieu/", **WARD).text
    assert "Quản lý hành chính nhà nước trên địa bàn phường." in page and "TCVN ISO 9001:2015" in page


def test_organisation_page_lists_leaders_and_sub_units_without_personal_data(client, sites):
    _tinh, phuxuan, _ = sites
    unit_with_site(phuxuan, code="tdp5", name="Tổ dân phố 5", phone="0234 111 222")
    leader = UserFactory(first_name="Long", last_name="Tôn Thất")
    grant_role(leader, phuxuan, Role.LEADER, is_head=True)
    PersonFactory(user=leader, unit=phuxuan, full_name="Tôn Thất Long", home_address="99 Đường Bí Mật", civil_servant_code="CC77777")
    _add(phuxuan.site.root_page, OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"))
    page = client.get("/co-cau-to-chuc/", **WARD).text
    assert "Tổ dân phố 5" in page and "0234 111 222" in page and "Long" in page
    assert "99 Đường Bí Mật" not in page and "CC77777" not in page and "1985" not in page


def test_legal_documents_list_filter_and_attachment(client, sites):
    _tinh, phuxuan, _ = sites
    index = _add(phuxuan.site.root_page, LegalDocumentIndexPage(title="Văn bản", slug="van-ban"))
    law = _add(index, LegalDocumentPage(title="Luật Báo chí", slug="luat-bao-chi", number="103/2016/QH13", issuer="Quốc hội",
                                        issued_on=dt.date(2016, 4, 5), level="trung-uong", summary="Luật Báo chí"))
    _add(index, LegalDocumentPage(title="Quy chế trang thông tin", slug="quy-che", number="15/2026/QĐ-UBND", issuer="UBND",
                                  issued_on=dt.date(2026, 3, 2), level="tinh", summary="Quy chế trang thông tin"))
    file = get_document_model().objects.create(title="Toàn văn", file=ContentFile(b"%PDF-1.4 demo", name="luat.pdf"))
    LegalDocumentAttachment.objects.create(page=law, document=file, title="Toàn văn Luật Báo chí")
    listing = client.get("/van-ban/?cap=trung-uong", **WARD).text
    assert "103/2016/QH13" in listing and "15/2026/QĐ-UBND" not in listing
    detail = client.get("/van-ban/luat-bao-chi/", **WARD).text
    assert "Toàn văn Luật Báo chí" in detail and "05/04/2016" in detail
