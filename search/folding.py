"""THE Vietnamese folding: lower case, no tone or vowel marks, đ → d.

The search index, the queries and duplicate detection all fold with this one
function, so "da nang", "ĐÀ NẴNG" and "Đà Nẵng" meet. ``đ``/``Đ`` need their
own rule: Unicode does not decompose them under NFD.
"""

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


_WORD = re.compile(r"\w+")


def fold_words(text: str | None) -> str:
    """``fold`` keeping only the words, one space apart.

    What the search backends store and match: "123/QĐ-UBND" becomes
    "123 qd ubnd" on every backend, whatever its tokenizer makes of slashes,
    and a query can carry no quote, star or operator into FTS5 or tsquery.
    """
    return " ".join(_WORD.findall(fold(text)))
