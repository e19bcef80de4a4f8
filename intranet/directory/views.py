"""The public directory (/danh-ba/) and the officers' directory tools.

Public pages read only ``Person.PUBLIC_FIELDS``: birth date, home address,
civil-servant code and ID photo never reach them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from intranet.accounts import permissions
from intranet.units.models import Unit

from . import exchange, public, services
from .forms import ContactsForm, EndServiceForm, ImportForm
from .models import DirectoryChange, DirectoryPage, Person


def _directory_page(request, language_code: str) -> DirectoryPage | None:
    """The site's live directory page in that language, if editors made one (the portal has it)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    pages = DirectoryPage.objects.live().filter(locale__language_code=language_code)
    return pages.filter(translation_key__in=DirectoryPage.objects.child_of(site.root_page).values("translation_key")).first()


def _directory(request, subpath: str, template: str, context):
    if request.GET.get("lang") == "en":
        # Links from before the English pages (``?lang=en``) lead to the English directory, if published.
        english = _directory_page(request, "en")
        if english is not None:
            return redirect(english.directory_url(request) + subpath, permanent=True)
    page = _directory_page(request, settings.LANGUAGE_CODE)
    if page is not None:
        view, args, kwargs = page.resolve_subpage("/" + subpath)
        return page.serve(request, view, args, kwargs)
    # A site without a directory page (unit sites): the same directory, without the editor's text.
    return render(request, template, context(reverse("directory:tree")))


def public_tree(request):
    """The unit tree of the province (App. I: the portal shows the organisation)."""
    return _directory(request, "", "directory/public_tree.html", public.tree_context)


def public_unit(request, code: str):
    return _directory(request, f"{code}/", "directory/public_unit.html", lambda url: public.unit_context(code, url))


@login_required
@require_http_methods(["GET", "POST"])
def my_contacts(request):
    person = Person.objects.filter(user=request.user).first()
    if person is None or not permissions.can_edit_own_contacts(request.user, person):
        raise PermissionDenied
    form = ContactsForm(request.POST or None, instance=Person.objects.get(pk=person.pk))
    if request.method == "POST" and form.is_valid():
        services.update_own_contacts(person, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã cập nhật thông tin liên hệ của bạn."))
        return redirect("directory:my_contacts")
    return render(request, "directory/my_contacts.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def end_service(request, pk: int):
    person = get_object_or_404(Person.objects.select_related("unit", "user"), pk=pk)
    if not permissions.can_end_service(request.user, person.unit):
        raise PermissionDenied
    form = EndServiceForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        services.end_service(person, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã ghi nhận %(name)s thôi công tác tại đơn vị; tài khoản đã bị khóa.") % {"name": person.full_name})
        return redirect("directory:history", code=person.unit.code)
    return render(request, "directory/end_service.html", {"form": form, "person": person})


@login_required
def history(request, code: str):
    """The unit's directory changes with their 2-working-day status (App. I)."""
    unit = get_object_or_404(Unit, code=code)
    if not permissions.can_manage_people(request.user, unit):
        raise PermissionDenied
    changes = DirectoryChange.objects.filter(unit__path__startswith=unit.path).select_related("person", "recorded_by")[:200]
    return render(request, "directory/history.html", {"unit": unit, "changes": changes})


@login_required
def export(request, code: str, fmt: str):
    if fmt not in exchange.EXPORT_FORMATS:
        raise Http404(_("Không có định dạng xuất này."))
    unit = get_object_or_404(Unit, code=code)
    if not permissions.can_manage_people(request.user, unit):
        raise PermissionDenied
    content, content_type = exchange.export_people(unit, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="danh-ba-{unit.code}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_people(request):
    """Upload → preview with row errors → confirm. A file with a bad row changes nothing."""
    if not permissions.units_with_directory_grant(request.user, "manage_people").exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    preview = None
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        preview = exchange.read_people(form.cleaned_data["file"], unit)
        if request.POST.get("confirm") == "1" and not preview.errors:
            count = exchange.apply_people(preview, by=request.user)
            messages.success(request, _("Đã nhập %(count)d cán bộ vào %(unit)s.") % {"count": count, "unit": unit.name})
            return redirect("directory:import")
    return render(request, "directory/import.html", {"form": form, "preview": preview})
