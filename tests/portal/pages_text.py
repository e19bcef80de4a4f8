"""Reading a rendered public page as a visitor does: its text, and the items of its main menu."""

import re


def page_text(html: str) -> str:
    """The page's words with tags and runs of whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def menu_items(html: str) -> list[str]:
    """The main menu's entries, in order."""
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav, re.S)]
