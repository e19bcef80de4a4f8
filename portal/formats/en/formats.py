"""The English interface reads dates day first too: the province writes 05/12/2026 for 5 December."""

from portal.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"]
