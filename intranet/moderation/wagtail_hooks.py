from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import services


class OverdueModerationPanel(Component):
    """On the admin dashboard: QT-07 steps past due, for their holder and the unit's leaders."""

    name = "qt07_overdue"
    order = 90
    template_name = "moderation/admin/overdue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"items": list(services.overdue_for(self.user)[:20]), "held": services.held_items(self.user).count(), "now": timezone.now()}


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    panels.append(OverdueModerationPanel(request.user))


# -- No publishing around QT-07 (issue 13) ---------------------------------------------------------
# News, articles and photo sets of a unit's site are what QT-07 governs: in the admin, "Publish" on
# such a page submits it to the workflow instead (B1), for everyone but a superuser. The action
# menu offers "Submit" in its place, and the server converts a publish request that comes anyway;
# bulk publishing and "publish the copies" are refused the same way.


def _governed(page_class) -> bool:
    from portal.galleries.models import GalleryPage
    from portal.news.models import ArticlePage

    return issubclass(page_class, (ArticlePage, GalleryPage))


def _bypasses(request) -> bool:
    return getattr(request.user, "is_superuser", False)


def _submit_instead_of_publishing(request, page_class) -> None:
    if request.method != "POST" or "action-publish" not in request.POST or _bypasses(request) or not _governed(page_class):
        return
    data = request.POST.copy()
    del data["action-publish"]
    data["action-submit"] = "action-submit"
    request.POST = data
    from django.contrib import messages
    from django.utils.translation import gettext as _

    messages.info(request, _("Tin, bài, ảnh phải qua quy trình kiểm duyệt QT-07: đã gửi vào quy trình thay vì đăng ngay."))


@hooks.register("before_edit_page")
def submit_edits_to_qt07(request, page):
    _submit_instead_of_publishing(request, page.specific_class)


@hooks.register("before_create_page")
def submit_new_pages_to_qt07(request, parent_page, page_class):
    _submit_instead_of_publishing(request, page_class)


def _class_being_created(request):
    """The create view's menu knows only the parent: the page type is in its URL (add/<app>/<model>/<parent>/)."""
    from django.contrib.contenttypes.models import ContentType

    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    if "content_type_app_name" not in kwargs:
        return None
    try:
        return ContentType.objects.get_by_natural_key(kwargs["content_type_app_name"], kwargs["content_type_model_name"]).model_class()
    except ContentType.DoesNotExist:
        return None


@hooks.register("construct_page_action_menu")
def hide_publish_for_qt07(menu_items, request, context):
    page = context.get("page")
    page_class = page.specific_class if page is not None else _class_being_created(request)
    if page_class is None or _bypasses(request) or not _governed(page_class):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_qt07(request, action_type, objects, action_class_instance):
    if action_type != "publish" or _bypasses(request):
        return None
    if any(_governed(getattr(page, "specific_class", None) or type(page)) for page in objects):
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        messages.error(request, _("Tin, bài, ảnh phải qua quy trình kiểm duyệt QT-07: không đăng hàng loạt được."))
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies_of_qt07(request, page):
    if request.method == "POST" and request.POST.get("publish_copies") and not _bypasses(request) and _governed(page.specific_class):
        data = request.POST.copy()
        del data["publish_copies"]
        request.POST = data
