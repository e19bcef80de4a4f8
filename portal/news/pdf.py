"""An article's "Lưu (PDF)": a real PDF file of a published, public article (issue 13)."""

from django.shortcuts import get_object_or_404

from intranet.documents.services import pdf_response

from .models import ArticlePage


def article_pdf(request, pk: int):
    page = get_object_or_404(ArticlePage.objects.live().public().filter(is_secret=False).select_related("unit", "image"), pk=pk)
    return pdf_response(request, "news/article_pdf.html", {"page": page, "canonical_url": page.full_url}, page.slug)
