"""QT-05's forms as PDF files, numbered from the unit's register (issue 13)."""

from django.contrib.auth.decorators import login_required

from intranet.documents.services import pdf_response

from .views import form_context


@login_required
def form_pdf(request, code: str, slug: str):
    context = form_context(request, code, slug)
    return pdf_response(request, f"cases/forms/{slug}.html", context, f"{slug}-{context['case'].code}")
