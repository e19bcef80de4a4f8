"""Content-Security-Policy for every page (issue 12.5), built on django-csp.

Public pages, unit sites and the desk load scripts and styles only from our own
static files: no inline ``<script>``, no ``onclick=``, no ``style=`` attributes
(``static/js/site.js`` wires the print buttons; data for scripts travels in
``json_script`` blocks, which a policy does not execute). The Wagtail admin is
not yet written for such a policy, so its paths get the few relaxations it
needs, and nothing else does.
"""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def policy(*, portal_domain: str, media_url: str, static_url: str, extra_frames: list[str]) -> dict:
    """The site-wide directives, as django-csp's CONTENT_SECURITY_POLICY setting."""
    own_sites = [f"{portal_domain}:*", f"*.{portal_domain}:*"]  # the portal and every unit site
    files = [origin for origin in {_origin(media_url), _origin(static_url)} if origin]  # S3 or a CDN
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, *files],
            "style-src": [SELF, *files],
            "img-src": [SELF, "data:", "blob:", *files],
            "font-src": [SELF, "data:", *files],
            "media-src": [SELF, *files],
            "connect-src": [SELF],
            "frame-src": [SELF, *extra_frames],
            "frame-ancestors": [SELF],
            "form-action": [SELF, *own_sites],
            "base-uri": [SELF],
            "object-src": [NONE],
        },
    }


# What the Wagtail admin still needs: its date and time widgets are initialised by inline
# scripts (``initDateChooser(...)``), in list filters and in the page editor, and the editor's
# bundled libraries insert <style> elements. Checked in Chromium by tests/browser/test_csp.py.
ADMIN_RELAXATIONS = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


# A response that asks for its own policy (django-csp's decorators) or a request that used a
# nonce gets django-csp's full treatment; every other response one of two fixed headers.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
_built: dict[bool, tuple[tuple[str, str], ...]] = {}


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built.clear()


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, which builds the policy string anew for every response (a
    sixth of what a page the page cache answers costs); here it is built once per process for
    the public side and once for the admin, as neither changes between requests."""

    admin_prefixes = ("/quan-tri/", "/django-admin/")

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or (settings.DEBUG and response.status_code in (404, 500))  # Django's debug pages
            or HEADER in response
            or HEADER_REPORT_ONLY in response
            or any(hasattr(response, name) for name in _OWN_POLICY)
        ):
            return super().process_response(request, response)
        admin = request.path_info.startswith(self.admin_prefixes)
        if admin not in _built:
            _built[admin] = self._headers(request)
        for name, value in _built[admin]:
            response[name] = value
        # Written: a nonce asked for from now on would not be in the header (as django-csp does).
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _headers(self, request) -> tuple[tuple[str, str], ...]:
        blank = HttpResponse()
        enforced = build_policy(**asdict(self.get_policy_parts(request, blank)))
        reported = build_policy(**asdict(self.get_policy_parts(request, blank, report_only=True)), report_only=True)
        return tuple((name, value) for name, value in ((HEADER, enforced), (HEADER_REPORT_ONLY, reported)) if value)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(self.admin_prefixes):
            parts.update = {**ADMIN_RELAXATIONS, **(parts.update or {})}
        return parts
