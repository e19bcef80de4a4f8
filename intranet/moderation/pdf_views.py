"""QT-07's signed documents as PDF files: the approval / refusal document and the refusal letter (issue 13)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from intranet.documents.services import pdf_response

from .views import document_context


@login_required
def document_pdf(request, pk: int):
    context = document_context(request, pk)
    letter_only = request.GET.get("thu") == "1"
    if letter_only and context["letter_doc"] is None:
        raise Http404(_("Chưa có thư từ chối cho tin, bài này."))
    doc = context["letter_doc"] if letter_only else context["decision_doc"]
    name = (doc.symbol if doc else f"du-thao-{pk}").replace("/", "-")
    return pdf_response(request, "moderation/document_pdf.html", {**context, "letter_only": letter_only}, name)
