"""App. III: an officer adds a leader's speech; it shows on the agency's site and reaches the store."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intranet.speeches.models import Speech
from intranet.speeches.services import speeches_of_user
from intranet.store.models import StoreRecord
from tests.factories.boards import SpeechFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form(unit, **extra):
    return {"kind": "speech", "title": "Phát biểu khai mạc Hội nghị tổng kết năm 2026", "date": "2026-11-20", "event": "Hội nghị tổng kết",
            "unit": str(unit.pk), "text": "Kính thưa các đồng chí,\n<script>alert(1)</script>", **extra}


def test_an_officer_adds_a_speech_that_shows_on_the_agency_site_and_in_the_store(client, org, django_capture_on_commit_callbacks):
    client.force_login(org.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("speeches:add"), _form(org.stp, file=SimpleUploadedFile("bai.pdf", PDF)))
    assert response.status_code == 302
    speech = Speech.objects.get()
    assert speech.live and speech.attachment is not None
    client.logout()
    site = client.get(reverse("speeches:list"), HTTP_HOST="stp.localhost").content.decode()
    assert "Phát biểu khai mạc Hội nghị tổng kết năm 2026" in site
    assert "Phát biểu khai mạc" not in client.get(reverse("speeches:list"), HTTP_HOST="sxd.localhost").content.decode()
    detail = client.get(reverse("speeches:detail", args=[speech.pk]), HTTP_HOST="stp.localhost").content.decode()
    assert "<script>alert(1)</script>" not in detail and "&lt;script&gt;" in detail
    copy = StoreRecord.objects.get(channel="speeches", record_id=str(speech.store_key))
    assert (copy.source_unit_code, copy.payload["title"]) == ("stp", speech.title)


def test_an_officer_cannot_add_a_speech_for_another_agency(client, org):
    client.force_login(org.officer)
    response = client.post(reverse("speeches:add"), _form(org.sxd))
    assert response.status_code == 200
    assert not Speech.objects.exists()


def test_an_attachment_that_is_not_pdf_or_word_is_refused(client, org):
    client.force_login(org.officer)
    response = client.post(reverse("speeches:add"), _form(org.stp, file=SimpleUploadedFile("bai.pdf", b"MZ\x90\x00 not a pdf")))
    assert "Chỉ nhận tệp PDF hoặc Word" in response.content.decode()
    assert not Speech.objects.exists()


def test_the_desk_lists_the_officers_own_speeches(org):
    mine = SpeechFactory(unit=org.stp, owner=org.officer, live=False)
    SpeechFactory(unit=org.stp)
    assert list(speeches_of_user(org.officer)) == [mine]


def test_unpublishing_withdraws_the_speech_from_the_store(org, django_capture_on_commit_callbacks):
    speech = SpeechFactory(unit=org.stp, owner=org.officer, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        speech.save_revision(user=org.officer).publish(user=org.officer)
    assert not StoreRecord.objects.get(record_id=str(speech.store_key)).deleted
    speech.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        speech.unpublish(user=org.officer)
    assert StoreRecord.objects.get(record_id=str(speech.store_key)).deleted


def test_the_site_listing_keeps_a_constant_number_of_queries(client, org, django_assert_max_num_queries):
    SpeechFactory.create_batch(2, unit=org.stp)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("speeches:list"), HTTP_HOST="stp.localhost")
    SpeechFactory.create_batch(30, unit=org.stp)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("speeches:list"), HTTP_HOST="stp.localhost")
