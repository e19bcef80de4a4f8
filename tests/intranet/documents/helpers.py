import re
import zlib


def _plain(content: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look inside."""
    assert content.startswith(b"%PDF-")
    plain = content
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            plain += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return plain


def pdf_titles(content: bytes) -> list[str]:
    """The PDF's /Title strings: its document title (from <title>) and its bookmarks (from the headings)."""
    titles = []
    for hexa, literal in re.findall(rb"/Title\s*(?:<feff([0-9a-f]*)>|\(((?:[^()\\]|\\.)*)\))", _plain(content)):
        titles.append(bytes.fromhex(hexa.decode()).decode("utf-16-be") if hexa else literal.decode("latin-1").replace("\\/", "/"))
    return titles


def pdf_has_image(content: bytes) -> bool:
    return b"/Subtype /Image" in _plain(content)
