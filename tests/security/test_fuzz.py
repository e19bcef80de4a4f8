"""Property-based fuzzing of the public forms and search (issue 16, point 6): NUL bytes, huge fields,
odd Unicode and bad files never give a 500 and never leave half of a submission behind.

Each example runs in its own transaction (hypothesis' Django TestCase), so the tests run on
SQLite and, in CI, on PostgreSQL, where NUL bytes used to raise DataError.
"""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from intranet.cases.models import Case, CaseAttachment
from portal.submissions.models import Submission
from tests.factories.cases import case_world
from tests.factories.moderation import desk
from tests.factories.news import province_and_wards

PORTAL = {"HTTP_HOST": "localhost"}
WARD = {"HTTP_HOST": "phuxuan.localhost"}
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text a browser can send (no lone surrogates: they cannot be encoded in UTF-8), with the awkward
# characters made likely: NUL, combining marks, right-to-left override, BOM, emoji, decomposed Vietnamese.
ODD = st.sampled_from(["\x00", "\u0301", "\u202e", "\ufeff", "\U0001f600", "Đ", "e\u0302\u0301", "\u200b", "'", '"', "<", "%", "\\"])
text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.lists(st.one_of(ODD, st.text(max_size=5)), max_size=30).map("".join),
    st.integers(min_value=1, max_value=12_000).map(lambda n: "đ" * n),  # huge fields (past every max_length)
)
files = st.lists(st.tuples(text.map(lambda name: (name[:80] or "tep") + ".pdf"), st.binary(max_size=2048)), max_size=2)


def _uploads(pairs):
    return [SimpleUploadedFile(name.replace("\x00", "") or "tep.pdf", content, content_type="application/pdf") for name, content in pairs]


class FuzzTestCase(TestCase):
    def setUp(self):
        cache.clear()  # the forms' rate limits would otherwise stop the examples


class QuestionsAndSearchFuzzTest(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        case_world()

    @FUZZ
    @given(name=text, phone=text, email=text, title=text, question=text, field=text, attachments=files)
    def test_the_question_form_never_fails_and_saves_all_or_nothing(self, name, phone, email, title, question, field, attachments):
        data = {"name": name, "phone": phone, "email": email, "title": title, "question": question, "field": field}
        response = self.client.post("/hoi-dap/gui-cau-hoi/", {**data, "attachments": _uploads(attachments)}, **PORTAL)
        assert response.status_code < 500
        case = Case.objects.first()
        if response.status_code != 200 or case is None:
            assert not Case.objects.exists() and not CaseAttachment.objects.exists()
        else:
            assert case.title == title.strip() and CaseAttachment.objects.filter(case=case).count() == len(attachments)

    @FUZZ
    @given(q=text, kind=text, unit=text, page=text)
    def test_search_and_the_answers_never_fail(self, q, kind, unit, page):
        for url, params in (("/tim-kiem/", {"q": q, "loai": kind, "don_vi": unit, "trang": page}),
                            ("/hoi-dap/", {"q": q, "linh-vuc": kind, "co-quan": unit, "trang": page}),
                            ("/tra-cuu/", {"ma": q})):
            assert self.client.get(url, params, **PORTAL).status_code < 500


class SubmissionsFuzzTest(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        desk(province_and_wards()[1])

    @FUZZ
    @given(name=text, phone=text, email=text, title=text, content=text, kind=text, photos=files)
    def test_the_submission_form_never_fails_and_saves_all_or_nothing(self, name, phone, email, title, content, kind, photos):
        data = {"kind": kind, "name": name, "phone": phone, "email": email, "title": title, "content": content, "agree": "on"}
        response = self.client.post("/gui-tin-bai/", {**data, "photos": _uploads(photos)}, **WARD)
        assert response.status_code < 500
        if response.status_code != 302:
            assert not Submission.objects.exists()
