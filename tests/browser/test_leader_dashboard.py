"""Journey 4: a department leader opens the cases' dashboard, filters a period and downloads the XLSX."""

import datetime as dt

from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from intranet.units.models import Unit

from .steps import login


def test_a_leader_filters_the_dashboard_by_period_and_downloads_the_same_figures_as_xlsx(browser, portal, tmp_path):
    page = login(browser, portal, "lanhdao_stp")
    page.goto(portal.url("/ban-lam-viec/"))
    page.goto(portal.url("/ho-so/thong-ke/"))
    justice = Unit.objects.get(code="stp")
    page.locator("select[name='pham-vi']").select_option(value=str(justice.pk))
    today = timezone.localdate()
    page.get_by_label("Từ ngày").fill((today - dt.timedelta(days=60)).isoformat())
    page.get_by_label("Đến ngày").fill(today.isoformat())
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Tư pháp")
    total = int(page.locator("[data-count=total]").inner_text())
    assert total > 0
    shown_open = int(page.locator("[data-count=open]").inner_text())

    # A period with nothing in it shows nothing: the filter is applied.
    page.get_by_label("Từ ngày").fill("2020-01-01")
    page.get_by_label("Đến ngày").fill("2020-01-31")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("[data-count=total]")).to_have_text("0")
    page.go_back()
    expect(page.locator("[data-count=total]")).to_have_text(str(total))

    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất XLSX").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.endswith(".xlsx")
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Cơ quan xử lý", "Tổng số", "Đang xử lý", "Đã kết thúc")
    assert rows[-1][:3] == ("Tổng cộng", total, shown_open)
