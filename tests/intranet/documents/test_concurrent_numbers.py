"""Approvals at the same moment get distinct consecutive numbers (PostgreSQL: real row locks between connections)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connections

from intranet.documents import services as documents
from intranet.documents.models import DocType, IssuedDocument
from tests.factories.accounts import UserFactory
from tests.factories.units import UnitFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.DATABASE_IS_POSTGRES, reason="row locks between connections need PostgreSQL"),
]


def test_eight_concurrent_approvals_get_numbers_one_to_eight(wagtail_basics):
    unit = UnitFactory(code="phuongx")
    signer = UserFactory()
    subjects = [UserFactory() for _n in range(8)]  # any model row can be the subject of a document

    def approve(subject):
        try:
            return documents.issue(subject, "decision", unit=unit, doc_type=DocType.DECISION, title="Phê duyệt", signer=signer).number
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = sorted(pool.map(approve, subjects))
    assert numbers == list(range(1, 9))
    assert IssuedDocument.objects.count() == 8
