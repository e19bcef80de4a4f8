"""QT-05's numbered documents: each printable form is issued from the unit's register when its step is done.

B2 the repair slip (phiếu khắc phục), B4 the proposal (văn bản đề nghị sửa chữa,
thay thế), B5 the approved proposal, B6 the completion slip, B7 the three-party
handover minutes. The number, the signer's name and position are fixed at issue.
"""

from __future__ import annotations

from intranet.documents import services as documents
from intranet.documents.models import DocType, IssuedDocument

from .models import Case

# action -> (form slug, document type)
ISSUED_BY_ACTION: dict[str, dict[str, tuple[str, str]]] = {
    "it": {
        "classify": ("phieu-khac-phuc", DocType.SLIP),
        "submit": ("van-ban-de-nghi", DocType.SUBMISSION),
        "approve": ("van-ban-phe-duyet", DocType.DECISION),
        "complete": ("phieu-hoan-thanh", DocType.SLIP),
        "handover": ("bien-ban-ban-giao", DocType.MINUTES),
    },
}


def issue_for_action(case: Case, action: str, signer, at) -> IssuedDocument | None:
    """Called by the engine after ``action``: the form that action produces gets its number."""
    slug_and_type = ISSUED_BY_ACTION.get(case.kind, {}).get(action)
    if slug_and_type is None or case.origin is None:
        return None
    slug, doc_type = slug_and_type
    title = f"{case.kind_def.forms[slug][0]}: {case.title}"
    return documents.issue(case, slug, unit=case.origin, doc_type=doc_type, title=title, signer=signer, at=at)
