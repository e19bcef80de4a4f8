"""The embedded default (SQLite FTS5) and PostgreSQL: Wagtail's database backend, folding.

Index rows hold ``fold_words`` of each field and queries are folded the same
way (``search.backends.folding``), so the tokenizers only ever see plain ASCII
words. That matters because SQLite FTS5's ``unicode61`` tokenizer strips tone
marks but keeps ``đ`` (``dong`` would miss ``Đồng``), and PostgreSQL's default
text search configuration is usually ``english``, whose stop words drop
Vietnamese syllables once folded ("to", "do", "no", "an"): this backend uses
``simple`` unless SEARCH_CONFIG says otherwise.

The database backends apply the searched queryset's WHERE clause in SQL, so
unlike Elasticsearch they need no FilterField for a filter: the search page
scopes any type by unit or visibility with ordinary ORM filters.
"""

from django.db import connection

_FTS_TABLE_SEEN: set[str] = set()  # database names whose FTS5 table was found (it is never dropped)


def _fts_ready() -> bool:
    from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

    # Wagtail builds a backend per get_search_backend() call: ask the database once per process,
    # not once per search (the search page builds one per type).
    name = str(connection.settings_dict["NAME"])
    if name not in _FTS_TABLE_SEEN and fts5_available() and fts_table_exists():
        _FTS_TABLE_SEEN.add(name)
    return name in _FTS_TABLE_SEEN


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    if connection.vendor == "postgresql":
        from .postgres import FoldingPostgresSearchBackend

        return FoldingPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        if _fts_ready():
            from .sqlite import FoldingSQLiteSearchBackend

            return FoldingSQLiteSearchBackend(params)
    # No full-text search (SQLite built without FTS5): Wagtail's LIKE search over the
    # accented columns. Folding only the query would make it worse, so it stays stock.
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)
