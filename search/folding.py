"""THE Vietnamese folding: lower case, no tone or vowel marks, đ → d.

The search index, the queries and duplicate detection all fold with this one
function, so "da nang", "ĐÀ NẴNG" and "Đà Nẵng" meet. ``đ``/``Đ`` need their
own rule: Unicode does not decompose them under NFD.
"""

import re
import unicodedata

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


def slugify(text: str | None) -> str:
    """The URL slug of a Vietnamese title: "Đua ghe trên sông Hương" → "dua-ghe-tren-song-huong".

    Django's ASCII ``slugify`` drops ``đ`` (it has no decomposition): "đua ghe" would become "ua-ghe".
    """
    return ascii_slugify(strip_marks(text))
