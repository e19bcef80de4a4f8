"""Settings for bench/search.py: the test settings plus the bench app and the stock backend beside ours."""

from portal.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database", "AUTO_UPDATE": False},
    # Stock Wagtail, as a project gets it without search/: no folding, the server's default text search config.
    "stock": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
}
