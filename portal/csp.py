"""Content-Security-Policy for every page (issue 12.5), built on django-csp.

Public pages, unit sites and the desk load scripts and styles only from our own
static files: no inline ``<script>``, no ``onclick=``, no ``style=`` attributes
(``static/js/site.js`` wires the print buttons; data for scripts travels in
``json_script`` blocks, which a policy does not execute). The Wagtail admin is
not yet written for such a policy, so its paths get the few relaxations it
needs, and nothing else does.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts


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


class PortalCSPMiddleware(CSPMiddleware):
    admin_prefixes = ("/quan-tri/", "/django-admin/")

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(self.admin_prefixes):
            parts.update = {**ADMIN_RELAXATIONS, **(parts.update or {})}
        return parts
