"""The embedded default (and PostgreSQL): Wagtail's database backend."""

from wagtail.search.backends.database import SearchBackend  # noqa: F401
