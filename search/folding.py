"""THE Vietnamese folding: lower case, no tone or vowel marks, đ → d.

The search index, the queries and duplicate detection all fold with this one
function, so "da nang", "ĐÀ NẴNG" and "Đà Nẵng" meet. ``đ``/``Đ`` need their
own rule: Unicode does not decompose them under NFD.
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.text import slugify as ascii_slugify

_CASED_D = str.maketrans({"đ": "d", "Đ": "D"})


def strip_marks(text: str | None) -> str:
    """The text without tone or vowel marks and with ``đ`` → ``d``, case kept: "Đông Ba" → "Dong Ba"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_CASED_D))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def fold(text: str | None) -> str:
    return " ".join(strip_marks(text).lower().split())


_WORD = re.compile(r"\w+")


def fold_words(text: str | None) -> str:
    """``fold`` keeping only the words, one space apart.

    What the search backends store and match: "123/QĐ-UBND" becomes
    "123 qd ubnd" on every backend, whatever its tokenizer makes of slashes,
    and a query can carry no quote, star or operator into FTS5 or tsquery.
    """
    return " ".join(_WORD.findall(fold(text)))


# Index rows also carry one opaque ASCII token per marked word ("nẵng" → "zznqbopfng"), so a
# search for "Đà Nẵng" can rank the rows that spell it so above "da nang", "dà nang" or "Đa
# Năng" (all "da nang" folded), while still finding them all. The prefix keeps the tokens
# apart from folded words; only the database backends store them (Elasticsearch ranks by
# its own analyzers).
EXACT_PREFIX = "zz"
_HEX_AS_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def exact_token(word: str) -> str | None:
    """The exact token of one lower-case word, or ``None`` when it carries no mark."""
    if word.isascii():
        return None
    return EXACT_PREFIX + "".join(ch if ch.isascii() else "q" + format(ord(ch), "x").translate(_HEX_AS_LETTERS) for ch in word)


def exact_pairs(text: str | None) -> list[tuple[str, str]]:
    """(folded word, exact token) for each distinct word of ``text`` that carries a mark, in order."""
    pairs: dict[str, str] = {}
    for word in _WORD.findall(unicodedata.normalize("NFC", text or "").lower()):
        pair = _exact_pair(word)
        if pair:
            pairs.setdefault(pair[1], pair[0])
    return [(folded, token) for token, folded in pairs.items()]


# Vietnamese has a few thousand syllables: each is folded once per process, not once per index row.
@lru_cache(maxsize=65536)
def _exact_pair(word: str) -> tuple[str, str] | None:
    token = exact_token(word)
    folded = fold_words(word)
    return (folded, token) if token and folded and " " not in folded else None


def index_words(text: str | None) -> str:
    """What a database index row stores: ``fold_words(text)`` then the exact tokens of its marked words."""
    folded = fold_words(text)
    tokens = [token for _folded, token in exact_pairs(text)]
    return f"{folded} {' '.join(tokens)}" if tokens else folded


def slugify(text: str | None) -> str:
    """The URL slug of a Vietnamese title: "Đua ghe trên sông Hương" → "dua-ghe-tren-song-huong".

    Django's ASCII ``slugify`` drops ``đ`` (it has no decomposition): "đua ghe" would become "ua-ghe".
    """
    return ascii_slugify(strip_marks(text))
