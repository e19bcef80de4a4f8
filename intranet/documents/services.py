"""Issuing numbered documents and rendering them as PDF files.

``issue`` gives the next number of the unit's register for the type and year
inside the caller's transaction, with the register row locked
(``select_for_update``): two approvals at the same moment get two consecutive
numbers, and a rolled-back approval gives its number back, so the register
has no gaps. Issuing again for the same object and slot returns the document
already issued (a document keeps its number).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from intranet.accounts.models import Membership
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ
from search.folding import strip_marks

from .models import DocType, IssuedDocument, Register

# Bodies whose documents are signed in the name of the People's Committee: "15/QĐ-UBND".
COMMITTEE_KINDS = {Unit.Kind.PROVINCE, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE}


def issuer_symbol(unit: Unit) -> str:
    """The issuing body's abbreviation in a number: UBND for a People's Committee, else the initials (Sở Tư pháp → STP)."""
    if unit.kind in COMMITTEE_KINDS:
        return "UBND"
    words = strip_marks(unit.short_name or unit.name).split()
    return "".join(word[0] for word in words if word[:1].isalpha()).upper() or unit.code.upper()


def signer_details(user, unit: Unit | None = None) -> tuple[str, str]:
    """The signer's full name (family name first, from their directory entry) and position."""
    from intranet.moderation.templatetags.moderation_tags import vn_name

    person = getattr(user, "person", None) if user is not None else None
    name = (person.full_name if person is not None and person.full_name else vn_name(user)) if user is not None else ""
    position = person.position if person is not None else ""
    if not position and user is not None and unit is not None:
        membership = Membership.objects.filter(user=user, unit=unit).order_by("-is_head").first()
        position = membership.get_role_display() if membership else ""
    return name, position


def find(obj, slot: str) -> IssuedDocument | None:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return IssuedDocument.objects.filter(content_type=content_type, object_id=obj.pk, slot=slot).select_related("register").first()


def documents_for(obj) -> dict[str, IssuedDocument]:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return {doc.slot: doc for doc in IssuedDocument.objects.filter(content_type=content_type, object_id=obj.pk).select_related("register")}


@transaction.atomic
def issue(obj, slot: str, *, unit: Unit, doc_type: str, title: str, signer, at: dt.datetime | None = None) -> IssuedDocument:
    """The numbered document ``slot`` of ``obj``, issued by ``unit`` and signed by ``signer`` (once)."""
    existing = find(obj, slot)
    if existing is not None:
        return existing
    at = at or timezone.now()
    year = at.astimezone(LOCAL_TZ).year
    try:
        with transaction.atomic():
            Register.objects.get_or_create(unit=unit, doc_type=doc_type, year=year)
    except IntegrityError:  # created by a concurrent approval a moment ago
        pass
    register = Register.objects.select_for_update().get(unit=unit, doc_type=doc_type, year=year)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    name, position = signer_details(signer, unit)
    return IssuedDocument.objects.create(
        register=register,
        number=register.last_number,
        symbol=f"{register.last_number}/{DocType(doc_type).value}-{issuer_symbol(unit)}",
        title=title[:255],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        slot=slot,
        signer=signer,
        signer_name=name,
        signer_position=position,
        issued_at=at,
    )


# -- PDF -----------------------------------------------------------------------------------------------
def _fetcher():
    """WeasyPrint fetches only our own static and media files, from disk: never over the network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = url.split("://", 1)[-1]
            path = "/" + path.split("/", 1)[1] if "/" in path else "/"
            path = path.split("?", 1)[0]
            for prefix, opener in ((settings.STATIC_URL, _static), (settings.MEDIA_URL, _media)):
                if prefix and path.startswith(prefix):
                    content = opener(path[len(prefix):])
                    if content is not None:
                        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
                        return URLFetcherResponse(url, content, {"Content-Type": mime})
            raise ValueError(f"not a local file: {url}")

    return LocalFetcher()


def _static(name: str) -> bytes | None:
    found = finders.find(name)
    if not found and settings.STATIC_ROOT:
        found = Path(settings.STATIC_ROOT) / name
    return Path(found).read_bytes() if found and Path(found).is_file() else None


def _media(name: str) -> bytes | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name) as handle:
        return handle.read()


def html_to_pdf(html: str, base_url: str = "http://localhost/") -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf()


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    """``template`` rendered and returned as a PDF file to download."""
    html = render_to_string(template, {**context, "pdf": True}, request=request)
    response = HttpResponse(html_to_pdf(html, request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
