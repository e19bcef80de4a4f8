"""Mark the words of a result that the query matched, whatever their accents.

"da nang" marks "Đà Nẵng": words are compared folded, shown as written, and
everything else is escaped, so a result can carry no markup of its own.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .folding import fold_words

_WORD = re.compile(r"\w+")


def query_terms(query: str) -> frozenset[str]:
    return frozenset(fold_words(query).split())


def highlight(text: str | None, terms: frozenset[str]) -> SafeString:
    text = text or ""
    parts, last = [], 0
    for match in _WORD.finditer(text):
        if fold_words(match.group()) in terms:
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
