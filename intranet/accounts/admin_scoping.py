"""Every Wagtail admin view of one object asks the permission policy about *that* object.

Wagtail's snippet and model views check most actions per model only ("may this user
unpublish speeches somewhere?"): compare, revisions, unpublish, unschedule, lock, usage,
workflow and copy would then open another unit's object. ``InstanceScopedViewSetMixin``
wraps every URL of a viewset that names an object (``pk``) so the registered policy's
``user_has_permission_for_instance`` answers first (the policies themselves ask
``intranet.accounts.permissions``); the listing and the chooser show only what
``instances_user_has_any_permission_for`` returns, plus, in the chooser, what is live.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from wagtail import hooks
from wagtail.models import DraftStateMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from . import permissions

# The policy action asked for each URL name; any other object URL asks "change".
URL_ACTIONS = {
    "delete": "delete",
    "unpublish": "publish",
    "revisions_unschedule": "publish",
    "lock": "lock",
    "unlock": "unlock",
    "copy": "add",
    "inspect": "view",
    "usage": "view",
    "history": "view",
    "history_results": "view",
}


def scope_callback(callback, policy, model, action: str):
    """``callback`` behind an instance check: 404 for no such object, 403 for another unit's."""

    @wraps(callback)
    def view(request, *args, **kwargs):
        instance = model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
        if instance is None:
            raise Http404
        if not policy.user_has_permission_for_instance(request.user, action, instance):
            raise PermissionDenied
        return callback(request, *args, **kwargs)

    return view


def scope_urlpatterns(patterns, policy, model):
    for pattern in patterns:
        if "pk" in str(pattern.pattern):
            pattern.callback = scope_callback(pattern.callback, policy, model, URL_ACTIONS.get(pattern.name, "change"))
    return patterns


def chooser_queryset(policy, model, user):
    """What a chooser may offer: the user's own scope, and what is already public."""
    queryset = policy.instances_user_has_any_permission_for(user, ["change", "view"])
    if issubclass(model, DraftStateMixin):
        queryset = queryset | model._default_manager.filter(live=True)
    return queryset


class _ScopedChooseMixin:
    def get_object_list(self):
        return chooser_queryset(policy_registry.get_by_type(self.model), self.model, self.request.user)


class ScopedChooseView(_ScopedChooseMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedSnippetChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser (and its search) offering what is live or in the user's scope, never another unit's drafts."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView

    def get_urlpatterns(self):
        policy = policy_registry.get_by_type(self.model)
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in str(pattern.pattern):
                callback = pattern.callback

                @wraps(callback)
                def chosen(request, *args, _callback=callback, **kwargs):
                    if not chooser_queryset(policy, self.model, request.user).filter(pk=unquote(str(kwargs["pk"]))).exists():
                        raise Http404
                    return _callback(request, *args, **kwargs)

                pattern.callback = chosen
        return patterns


class InstanceScopedViewSetMixin:
    """For a ``SnippetViewSet`` or ``ModelViewSet`` whose model has a unit-aware permission policy
    (``scope_policy`` when the viewset passes its views another policy than the registered one)."""

    scope_policy = None

    def get_urlpatterns(self):
        return scope_urlpatterns(super().get_urlpatterns(), self.scope_policy or self.permission_policy, self.model)


# -- pages outside the explorer: the page chooser (browse and search) and the move confirmation --
@hooks.register("construct_page_chooser_queryset")
def page_chooser_offers_live_pages_and_the_users_own(pages, request):
    return pages.filter(Q(live=True) | Q(pk__in=permissions.pages_with_drafts_visible_to(request.user).values("pk")))


@hooks.register("before_move_page")
def move_confirmation_needs_the_right_to_move_there(request, page_to_move, destination):
    # Wagtail's confirm page shows both titles before any permission check.
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


# Every admin URL naming a page (explorer, chooser, workflow, translation…): Wagtail's page chooser
# shows the page it browses, so each such URL first asks whether the user may see that page at all.
PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk")


def _page_scoped(callback, names):
    @wraps(callback)
    def view(request, *args, **kwargs):
        from wagtail.models import Page

        for name in names:
            page = Page.objects.filter(pk=kwargs.get(name)).first()
            if page is not None and not permissions.may_see_page_in_admin(request.user, page):
                raise Http404
        return callback(request, *args, **kwargs)

    return view


# Reports over the whole page tree that Wagtail does not filter by the user's pages: the page-types
# report names the latest edited page of each type, another unit's secret draft included.
SITE_WIDE_REPORTS = ("page_types_usage", "page_types_usage_results")


def _sysadmin_only(callback):
    @wraps(callback)
    def view(request, *args, **kwargs):
        if not permissions.is_sysadmin(request.user):
            raise PermissionDenied
        return callback(request, *args, **kwargs)

    return view


def scope_page_urlpatterns(patterns):
    """Put every pattern (included ones too) naming a page behind ``permissions.may_see_page_in_admin``,
    and the whole tree's reports behind ``permissions.is_sysadmin``."""
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            scope_page_urlpatterns(pattern.url_patterns)
            continue
        if pattern.name in SITE_WIDE_REPORTS:
            pattern.callback = _sysadmin_only(pattern.callback)
        names = [name for name in pattern.pattern.regex.groupindex if name in PAGE_ARGUMENTS]
        if names:
            pattern.callback = _page_scoped(pattern.callback, names)
    return patterns
