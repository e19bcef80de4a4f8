from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .models import SECRET_REFUSAL


@hooks.register("register_log_actions")
def register_news_actions(actions):
    actions.register_action("news.offer_up", _("Đề xuất lên Cổng"), _("Đã đề xuất lên Cổng"))


def _refuse_publishing_secrets(request, page):
    # Publishing from the editor: a page ticked "mật" is refused with the reason, before anything is saved.
    if request.method == "POST" and "action-publish" in request.POST and request.POST.get("is_secret") in ("on", "true", "1"):
        messages.error(request, SECRET_REFUSAL)
        return redirect(request.get_full_path())
    return None


@hooks.register("before_edit_page")
def refuse_secret_on_edit(request, page):
    return _refuse_publishing_secrets(request, page)


@hooks.register("before_create_page")
def refuse_secret_on_create(request, parent_page, page_class):
    return _refuse_publishing_secrets(request, parent_page)


@hooks.register("before_copy_page")
def ask_where_to_copy(request, page):
    # Wagtail's copy view reads the new parent straight from the POST: without one it was a 500.
    if request.method == "POST" and not request.POST.get("new_parent_page", "").isdigit():
        messages.error(request, _("Hãy chọn trang cha cho bản sao."))
        return redirect(request.get_full_path())
    return None


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    # Let the anonymous page cache keep this response (see page_cache).
    from portal.home import visits

    from .page_cache import mark_cacheable

    mark_cacheable(request)
    # One visit of this page on this site (the page cache counts the visits it answers itself).
    request._visit = visits.visit_of(request, page)
    if request.method == "GET":
        visits.record(request._visit)
