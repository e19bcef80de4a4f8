"""QT-07's numbered documents: the approval or refusal document (B5) and the refusal letter (B6).

Both take their number from the unit's document register (``intranet.documents``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from intranet.documents import services as documents
from intranet.documents.models import DocType, IssuedDocument

from .models import ModerationItem, Verdict

DECISION = "decision"
REFUSAL_LETTER = "refusal_letter"


def issue_decision(item: ModerationItem, signer, at) -> IssuedDocument:
    if item.decision == Verdict.APPROVE:
        title = _("Đồng ý cho đăng tin, bài, ảnh “%(title)s”") % {"title": item.title}
    else:
        title = _("Không đồng ý cho đăng tin, bài, ảnh “%(title)s”") % {"title": item.title}
    return documents.issue(item, DECISION, unit=item.unit, doc_type=DocType.NOTICE, title=title, signer=signer, at=at)


def issue_refusal_letter(item: ModerationItem, at) -> IssuedDocument:
    """The letter to the submitter, in the name of the leader who signed the refusal."""
    title = _("Thông báo không đồng ý cho đăng tin, bài, ảnh “%(title)s”") % {"title": item.title}
    return documents.issue(item, REFUSAL_LETTER, unit=item.unit, doc_type=DocType.LETTER, title=title, signer=item.signed_by, at=at)
