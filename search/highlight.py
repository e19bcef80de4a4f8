"""Mark the words of a result that the query matched, whatever their accents.

"da nang" marks "Đà Nẵng": words are compared folded, shown as written, and
everything else is escaped, so a result can carry no markup of its own.
"""

import html
import re
from functools import lru_cache

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .folding import fold_words

_WORD = re.compile(r"\w+")
# One word folded: a result page folds a few hundred words, mostly the same syllables again.
_folded = lru_cache(maxsize=8192)(fold_words)


def query_terms(query: str) -> frozenset[str]:
    return frozenset(fold_words(query).split())


_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|td|th|blockquote)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(rich_text: str | None) -> str:
    """Rich text as words: block ends keep the words apart ("…quốc gia</li><li>Hệ…"), entities decoded."""
    return html.unescape(strip_tags(_BLOCK_END.sub(r"\1 ", rich_text or "")))


def excerpt(text: str | None, terms: frozenset[str], words: int = 40, before: int = 8) -> str:
    """About ``words`` words of plain ``text`` around its first matched word.

    A page found by a word deep in its body shows that passage, not its opening;
    "…" marks what was cut on either side.
    """
    plain = " ".join((text or "").split())
    tokens = plain.split(" ")
    if len(tokens) <= words:
        return plain
    first = next((i for i, token in enumerate(tokens) if set(_folded(token).split()) & terms), 0)
    start = max(0, min(first - before, len(tokens) - words))
    end = start + words
    return ("… " if start else "") + " ".join(tokens[start:end]) + (" …" if end < len(tokens) else "")


def highlight(text: str | None, terms: frozenset[str]) -> SafeString:
    text = text or ""
    parts, last = [], 0
    for match in _WORD.finditer(text):
        if _folded(match.group()) in terms:
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
