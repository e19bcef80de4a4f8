"""The permission matrix (issue 16 point 3): every URL pattern, filled with another unit's objects.

``url_entries`` walks the project's resolver (Wagtail admin, Django admin, the API, portal and
intranet). Each pattern gets a *subject* model: derived from its view (a Wagtail viewset's or a
Django ModelAdmin's model), else declared in ``SUBJECTS`` by URL name prefix. Its arguments are
filled with Phú Xuân's object of that model (``fill``). ``walk_as`` then requests every URL
(GET, and POST where an object of Phú Xuân is named) and reports: a 500, Phú Xuân's private
``MARKER`` in a body, or a change to the database after a POST.

A pattern that is neither coverable nor declared ``PUBLIC`` or ``SKIP`` is reported by
``uncovered`` with what to do about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

# Phú Xuân's private data carry this; no response to another unit's account may contain it.
MARKER = "BMAT7Q"

# -- declared: public by design (still requested: no 500, no marker), and not requested at all ----
PUBLIC = {
    "healthz": "load balancer probe, says only whether the services answer",
    "store:schema": "the store API's OpenAPI schema: shapes and parameters, no records",
    "quan-tri/login/": "redirects to the one login form",
    "django-admin/login/": "redirects to the one login form",
    "quan-tri/test404/": "Wagtail's 404 preview for the admin, no data",
    "wagtailadmin_login": "the admin's login form (redirects to the one login form)",
    "wagtailadmin_password_reset": "password reset request form, says nothing about accounts",
    "wagtailadmin_password_reset_done": "static confirmation",
    "wagtailadmin_password_reset_complete": "static confirmation",
    "wagtailadmin_javascript_catalog": "translation strings",
    "wagtail_localize:javascript_catalog": "translation strings",
    "wagtailadmin_sprite": "icon sprite",
    "set_language": "switches the interface language",
    "login": "the one login form",
    "login_code": "the second step of the login",
    "sitemap": "lists live pages only",
    "news-rss": "feed of live news",
    "search": "public search over live pages",
    "language_home": "redirects to a language's home page",
    "submissions:submit": "the citizens' submission form",
    "submissions:thanks": "static thanks",
    "cases:answers": "published answers to citizens' questions",
    "cases:ask": "the citizens' question form",
    "cases:answer": "one published answer (by code, a citizen's own question)",
    "cases:lookup": "citizens look up their own case by code",
    "wagtail_serve": "Wagtail's page tree: live, non-private pages (drafts are never served)",
    "wagtaildocs_serve": "serves a document subject to its collection's privacy",
    "wagtaildocs_authenticate_with_password": "password form of a private collection",
    "wagtailcore_authenticate_with_password": "password form of a private page",
    "wagtailcore_login": "login form of a page restricted to logged-in users",
    "desk_demo_application": "the demo's stand-in page for a shared application (404 unless DEMO_SHARED_APPS)",
    "desk_demo_count": "the demo's stand-in count, derived from the login name alone (404 unless DEMO_SHARED_APPS)",
}

SKIP = {
    "logout": "ends the session the walk depends on",
    "wagtailadmin_logout": "ends the session the walk depends on",
    "admin:logout": "ends the session the walk depends on",
    "wagtailadmin_error_test": "raises on purpose (Wagtail's 500 preview)",
    "wagtailadmin_password_reset_confirm": "needs a valid reset token; covered by the accounts tests",
    "admin:password_change": "changes the walker's own password",
    "password_change": "changes the walker's own password",
    "quan-tri/^.*/$": "the admin's catch-all 404",
    "django-admin/(?P<url>.*)$": "the Django admin's catch-all 404",
    "admin:view_on_site": "redirects to the object's public URL by content type; no data shown",
    "wagtaildocs:create_multiple_from_uploaded_document": "Wagtail looks the upload up among the requester's own uploads",
    "wagtaildocs:delete_upload_multiple": "Wagtail looks the upload up among the requester's own uploads",
    "wagtailimages:create_multiple_from_uploaded_image": "Wagtail looks the upload up among the requester's own uploads",
    "wagtailimages:delete_upload_multiple": "Wagtail looks the upload up among the requester's own uploads",
}

# -- declared subjects: the model whose Phú Xuân object fills a pattern the view does not name ----
# Longest prefix wins. Global models (no unit) are filled with any object: see GLOBAL_MODELS.
SUBJECTS = {
    "wagtailadmin_home": "units.Unit",
    "wagtailadmin_account": "accounts.User",
    "wagtailadmin_dismissibles": "accounts.User",
    "wagtailadmin_api:pages": "wagtailcore.Page",
    "wagtailadmin_api:documents": "wagtaildocs.Document",
    "wagtailadmin_api:images": "wagtailimages.Image",
    "wagtailadmin_explore": "wagtailcore.Page",
    "wagtailadmin_pages": "wagtailcore.Page",
    "wagtailadmin_choose_page": "wagtailcore.Page",
    "wagtailadmin_reports": "wagtailcore.Page",
    "wagtailadmin_block_preview": "wagtailcore.Page",
    "wagtail_bulk_action": "speeches.Speech",
    "wagtailadmin_tag": "news.ArticlePage",
    "wagtailadmin_collections": "wagtailcore.Collection",
    "wagtailadmin_workflows": "wagtailcore.Workflow",
    "wagtailadmin_editing_sessions": "speeches.Speech",
    "wagtail_localize": "wagtailcore.Page",
    "wagtailforms": "wagtailcore.Page",
    "wagtailredirects": "wagtailredirects.Redirect",
    "wagtailsettings": "units.Unit",
    "wagtailsearchpromotions": "wagtailsearchpromotions.Query",
    "wagtailembeds": "wagtailcore.Page",
    "wagtailsnippets:index": "speeches.Speech",
    "wagtaildocs": "wagtaildocs.Document",
    "wagtailimages": "wagtailimages.Image",
    "wagtailusers_users": "accounts.User",
    "wagtailusers_groups": "auth.Group",
    "accounts_reset_two_factor": "accounts.User",
    "accounts_locked_logins": "accounts.User",
    "handover_split": "units.Unit",
    "units:": "units.Unit",
    "visits:": "units.Unit",  # the sites' visit statistics of a unit (?don-vi=<code>), for its boards and leaders
    "two_factor": "accounts.User",
    "desk": "speeches.Speech",
    "cases:": "cases.Case",
    "cover:leave": "cover.Leave",
    "cover:delegation": "cover.Delegation",
    "cover:duplicate": "cases.Case",
    "moderation:": "moderation.ModerationItem",
    "directory:": "directory.Person",
    "boards:": "boards.Board",
    "speeches:": "speeches.Speech",
    "store:": "store.StoreRecord",
    "notification": "notifications.Notification",
    "program": "programs.ProgramTask",
    "periodic_": "programs.PeriodicReport",
    "province_report": "programs.ProvinceReport",
    "handover:": "programs.ProgramTask",
    "grading:": "units.Unit",  # a unit's per-officer table, its lists and workbook (can_grade_unit)
    "grading:officer": "accounts.User",  # an officer's evaluation sheet (can_see_evaluation)
    "news-": "news.ArticlePage",
    "admin:": "accounts.User",  # the Django admin's own pages (index, autocomplete, tools of a ModelAdmin)
    "outgoing_email": "notifications.OutgoingEmail",
    "admin:otp_totp_totpdevice": "otp_totp.TOTPDevice",
}

# Models that belong to no unit: any object will do (the matrix still checks no 500, no marker).
GLOBAL_MODELS = {
    "wagtailcore.Site": "one per unit, but edited by system administrators only",
    "wagtailcore.Locale": "languages of the portal",
    "wagtailcore.Workflow": "moderation workflows, system administrators only",
    "wagtailcore.Task": "workflow tasks, system administrators only",
    "wagtailredirects.Redirect": "redirects, system administrators only",
    "wagtailsearchpromotions.Query": "search promotions, portal-wide",
    "auth.Group": "groups, system administrators only",
    "auth.Permission": "permissions, system administrators only",
    "desk.SharedApplication": "the province's shared applications (public list)",
    "notifications.OutgoingEmail": "the outgoing mail queue, system administrators only",
    "programs.ProvinceProgram": "the province's work program (one for all units)",
    "programs.ProvinceReport": "the province's report (one for all units; a draft is the province office's)",
    "store.StoreToken": "store API keys, system administrators only",
    "accounts.SecurityEvent": "the security trail (logins, lockouts, permission changes), system administrators only",
    "sessions.Session": "Django admin only, system administrators",
    "contenttypes.ContentType": "Django admin only",
}

# Apps whose models belong to no unit (the Django admin's and libraries' bookkeeping).
GLOBAL_APPS = {
    "axes": "login attempts and lockouts, system administrators only",
    "otp_totp": "second-factor devices, system administrators only (their own in the account pages)",
    "otp_static": "second-factor backup codes, as above",
    "django_celery_beat": "the scheduler's tasks, system administrators only",
    "taggit": "tags, shared by every unit",
    "workdays": "the working-day calendar, one for the province",
}

# Arguments that are not objects: declared per URL name (or prefix), else a default by argument name.
EXTRA = {
    "cases:action": {"action": "tiep-nhan"},
    "cases:print": {"slug": "phieu"},
    "cases:print_pdf": {"slug": "phieu"},
    "cases:press_digest": {"date": "2026-12-01"},
    "directory:export": {"fmt": "xlsx"},
    "handover:reassign": {"kind": "nhiem-vu"},
    "store:channel": {"channel": "people"},
    "wagtailimages:preview": {"filter_spec": "original"},
    "wagtail_localize:preview_translation": {"mode": "default"},
    "wagtailadmin_api:pages:action": {"action_name": "unpublish"},
    "language_home": {"language_code": "en"},
    # Phú Xuân's article has no overridable segment (only images and the like do): a missing one must be refused sanely.
    "wagtail_localize:edit_override": {"overridable_segment_id": 999999},
    "wagtaildocs_authenticate_with_password": {"restriction_id": 999999},
    "wagtailcore_authenticate_with_password": {"restriction_id": 999999},
    # A translation exists only with its translated page, which needs the whole English tree: a missing one must be a 404.
    "wagtail_localize:": {"translation_id": 999999, "string_segment_id": 999999},
}
DEFAULT_EXTRA = {
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "action_name": "approve",
    "action": "delete",
    "model_name": None,  # filled from the subject
    "app_label": None,
}

# Object arguments: which object of the dataset fills them when the subject does not say.
OBJECT_ARGS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "page_pk": "page",
    "destination_id": "news_index",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "uploaded_file_id": "upload",
    "workflow_pk": "workflow",
    "task_id": "task",
    "task_state_id": "task_state",
    "workflow_state_id": "workflow_state",
    "session_id": "editing_session",
    "redirect_id": "redirect",
    "query_id": "query",
    "restriction_id": "restriction",
    "translation_id": "translation",
    "translation_source_id": "translation_source",
    "string_segment_id": "string_segment",
    "overridable_segment_id": "overridable_segment",
    "content_type_id": "content_type",
}


@dataclass
class Entry:
    key: str  # the URL name with its namespaces, or the route when it has no name
    route: str
    pattern: URLPattern
    names: list[str] = field(default_factory=list)  # every key the declarations may use
    model: type[models.Model] | None = None

    @property
    def declared(self) -> str | None:
        for name in self.names:
            if name in SKIP:
                return "SKIP"
        for name in self.names:
            if name in PUBLIC:
                return "PUBLIC"
        return None


def _as_model(value):
    if isinstance(value, str):
        try:
            return apps.get_model(value)
        except (LookupError, ValueError):
            return None
    if isinstance(value, type) and issubclass(value, models.Model):
        return value
    return None


def view_model(callback) -> type[models.Model] | None:
    """The model a view works on: a Django ModelAdmin's, or a (Wagtail) class-based view's."""
    admin = getattr(callback, "model_admin", None)
    if admin is not None:
        return admin.model
    model = _as_model((getattr(callback, "view_initkwargs", None) or {}).get("model"))
    if model is None:
        model = _as_model(getattr(getattr(callback, "view_class", None), "model", None))
    return model


def _walk(resolver, prefix: str, namespaces: tuple[str, ...]):
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = namespaces + ((item.namespace,) if item.namespace else ())
            yield from _walk(item, prefix + str(item.pattern), ns)
        else:
            route = prefix + str(item.pattern)
            key = ":".join(namespaces + (item.name,)) if item.name else route
            names = [key, route]  # a bare URL name only outside namespaces: "search" is not the admin's page search
            yield Entry(key=key, route=route, pattern=item, names=names)


def url_entries(urlconf=None) -> list[Entry]:
    entries = list(_walk(get_resolver(urlconf), "", ()))
    for entry in entries:
        entry.model = view_model(entry.pattern.callback) or _declared_subject(entry.key)
    return entries


def _declared_subject(key: str):
    matches = [prefix for prefix in SUBJECTS if key.startswith(prefix)]
    return _as_model(SUBJECTS[max(matches, key=len)]) if matches else None


def _arguments(entry: Entry) -> tuple[list[str], int]:
    regex = entry.pattern.pattern.regex
    return list(regex.groupindex), regex.groups - len(regex.groupindex)


def subject_object(entry: Entry, data: SimpleNamespace):
    """Phú Xuân's object of the entry's model (or any object of a global model), else None."""
    model = entry.model
    if model is None:
        return None
    label = model._meta.label
    obj = data.objects.get(label)
    if obj is None and issubclass(model, data.page_model):
        obj = data.objects.get("wagtailcore.Page")
    if obj is None and (label in GLOBAL_MODELS or model._meta.app_label in GLOBAL_APPS):
        # No unit owns these: any object, or a pk that names none (the view must still answer sanely).
        obj = model._default_manager.order_by("pk").first() or model(pk=1)
    return obj


def fill(entry: Entry, data: SimpleNamespace) -> tuple[list, dict] | None:
    """Arguments for the entry's URL naming Phú Xuân's objects; None if the matrix cannot fill it."""
    names, positional = _arguments(entry)
    obj = subject_object(entry, data)
    if entry.model is None or obj is None:
        return None
    extra = {}
    for key, values in EXTRA.items():
        if entry.key.startswith(key):
            extra.update(values)
    kwargs = {}
    for name in names:
        if name in extra:
            kwargs[name] = extra[name]
        elif name in ("pk", "object_id"):
            kwargs[name] = obj.pk
        elif name == "code":
            kwargs[name] = getattr(obj, "code", None) or data.unit_b.code
        elif name == "revision_id":
            revision = obj.revisions.order_by("pk").last() if hasattr(obj, "revisions") else None
            kwargs[name] = revision.pk if revision else None
        elif name in ("app_label", "app_name", "content_type_app_name"):
            kwargs[name] = (data.settings_model if entry.key.startswith("wagtailsettings") else _concrete(obj))._meta.app_label
        elif name in ("model_name", "content_type_model_name"):
            kwargs[name] = (data.settings_model if entry.key.startswith("wagtailsettings") else _concrete(obj))._meta.model_name
        elif name in OBJECT_ARGS:
            other = getattr(data, OBJECT_ARGS[name], None)
            kwargs[name] = other.pk if other is not None else None
        elif name in DEFAULT_EXTRA and DEFAULT_EXTRA[name]:
            kwargs[name] = DEFAULT_EXTRA[name]
        else:
            return None
        if kwargs[name] is None:
            return None
    args = []
    if positional:
        if entry.key == "wagtaildocs_serve":
            args = [data.document.pk, data.document.filename]
        elif entry.key == "wagtail_serve":
            args = [""]
        else:
            return None
    return args, kwargs


def _concrete(obj):
    return obj.specific_class if hasattr(obj, "specific_class") else type(obj)


def build_url(entry: Entry, args: list, kwargs: dict) -> str:
    """The path for ``entry``: the pattern's route with its arguments put in (no reverse(): names repeat)."""
    route = entry.route
    if entry.pattern.pattern.regex.groupindex or args or "^" in route:
        return _from_regex(entry, args, kwargs)
    for name, value in kwargs.items():
        route = re.sub(rf"<(?:\w+:)?{name}>", str(value), route)
    return "/" + route


def _from_regex(entry: Entry, args: list, kwargs: dict) -> str:
    # Regex routes (Django admin, Wagtail API, compare, document serving): fill groups left to right.
    route = entry.route
    values = iter(args)

    def named(match):
        return str(kwargs[match.group(1)])

    route = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", named, route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", named, route)
    route = re.sub(r"\((?!\?)(?:[^()]|\([^()]*\))*\)", lambda _m: str(next(values)), route)
    route = route.replace("^", "").replace("$", "").replace("\\.", ".").replace("\\", "")
    route = re.sub(r"\(\?:[^)]*\)\*?", "", route)
    return "/" + route


def uncovered(entries: list[Entry], data: SimpleNamespace) -> list[str]:
    """Patterns neither declared nor fillable with Phú Xuân's objects, each with what to do."""
    problems = []
    for entry in entries:
        if entry.declared:
            continue
        if entry.model is None:
            problems.append(
                f"{entry.key} ({entry.route}): the matrix cannot tell which model this view shows. Scope it through "
                "intranet/accounts/permissions.py and name its model in SUBJECTS (tests/security/matrix.py), or, "
                "if it is public by design or must not be requested, add it to PUBLIC or SKIP with a one-line reason."
            )
        elif fill(entry, data) is None:
            problems.append(
                f"{entry.key} ({entry.route}): no object of {entry.model._meta.label} in Phú Xuân fills its arguments "
                f"{_arguments(entry)[0]}. Add one to the matrix dataset (tests/security/test_matrix.py), declare the "
                "arguments in EXTRA / OBJECT_ARGS, or add the pattern to PUBLIC or SKIP with a reason."
            )
    return problems
