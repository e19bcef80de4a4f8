"""Agency boards export their directory (XLSX/CSV) and import people from XLSX: preview, row errors, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from intranet.directory.exchange import COLUMNS
from intranet.directory.models import Person
from intranet.store.models import OutboxEntry

HEADERS = [header for header, _name in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(*rows) -> bytes:
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(name="Nguyễn Thị Nhập", email="nhap@hue.gov.vn", birth="15/06/1990", code="CCX001", gender="Nữ"):
    return [name, birth, gender, "3 Lê Lợi", "0234 1", "", "", email, code, "Chuyên viên", "Officer", "", "20/11/2026"]


def test_export_to_xlsx_and_csv(client, org):
    client.force_login(org.users.stp_board)
    xlsx = client.get(reverse("directory:export", args=["stp-vp", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.cell(2, 1).value == "Lê Thị Văn Thư"
    csv = client.get(reverse("directory:export", args=["stp-vp", "csv"])).content.decode("utf-8-sig")
    assert "Lê Thị Văn Thư" in csv


def test_export_of_another_agency_is_refused(client, org):
    client.force_login(org.users.stp_board)
    assert client.get(reverse("directory:export", args=["sxd", "xlsx"])).status_code == 403


@pytest.mark.parametrize("fmt", ["json", "pdf", "xlsx.bak"])
def test_an_unknown_export_format_is_not_found(client, org, fmt):
    client.force_login(org.users.stp_board)
    assert client.get(f"/danh-ba/stp-vp/xuat.{fmt}").status_code == 404


def test_import_shows_a_preview_then_writes_on_confirmation(client, org):
    client.force_login(org.users.stp_board)
    data = _xlsx(_row(), _row(name="Trần Văn Hai", email="hai@hue.gov.vn", code="CCX002", gender="Nam"))
    preview = client.post(reverse("directory:import"), {"unit": org.office.pk, "file": SimpleUploadedFile("ds.xlsx", data, XLSX)})
    assert "Trần Văn Hai" in preview.content.decode()
    assert not Person.objects.filter(full_name="Trần Văn Hai").exists()
    confirm = client.post(reverse("directory:import"), {"unit": org.office.pk, "confirm": "1", "file": SimpleUploadedFile("ds.xlsx", data, XLSX)})
    assert confirm.status_code == 302
    person = Person.objects.get(full_name="Trần Văn Hai")
    assert person.unit == org.office and person.gender == Person.Gender.MALE
    assert OutboxEntry.objects.filter(record_id=str(person.store_key)).exists()


def test_a_bad_row_is_reported_in_vietnamese_and_nothing_is_written(client, org):
    client.force_login(org.users.stp_board)
    data = _xlsx(_row(), _row(name="", email="khong-phai-email", birth="31/02/1990", code="CCX009"))
    response = client.post(reverse("directory:import"), {"unit": org.office.pk, "confirm": "1", "file": SimpleUploadedFile("ds.xlsx", data, XLSX)})
    page = response.content.decode()
    assert "Dòng 3: thiếu họ và tên." in page
    assert "Dòng 3: thư điện tử" in page and "Dòng 3: cột “Ngày sinh”" in page
    assert not Person.objects.filter(full_name="Nguyễn Thị Nhập").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, org):
    client.force_login(org.users.stp_board)
    response = client.post(reverse("directory:import"), {"unit": org.office.pk, "file": SimpleUploadedFile("ds.xlsx", b"MZ not excel", XLSX)})
    assert "không phải là bảng tính Excel" in response.content.decode()


def test_import_into_another_agency_is_refused(client, org):
    client.force_login(org.users.stp_board)
    data = _xlsx(_row())
    client.post(reverse("directory:import"), {"unit": org.sxd.pk, "confirm": "1", "file": SimpleUploadedFile("ds.xlsx", data, XLSX)})
    assert not Person.objects.filter(full_name="Nguyễn Thị Nhập").exists()


def test_the_command_line_import_shows_progress_and_refuses_bad_files(org, tmp_path, capsys):
    good = tmp_path / "ds.xlsx"
    good.write_bytes(_xlsx(_row(), _row(name="Lê Ba", code="CCX003", email="ba@hue.gov.vn")))
    call_command("import_people", "stp-vp", str(good))
    out = capsys.readouterr().out
    assert "2/2" in out and "Đã nhập 2 cán bộ" in out
    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(_xlsx(_row(name="Đúng", code="CCX010"), _row(name="", code="CCX011")))
    with pytest.raises(CommandError):
        call_command("import_people", "stp-vp", str(bad))
    assert not Person.objects.filter(full_name="Đúng").exists()
