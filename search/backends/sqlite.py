"""SQLite FTS5 with folded index rows and folded queries (see ``database.py`` and ``ranked.py``)."""

from django.db import connections
from modelsearch.backends.database.sqlite import sqlite as upstream
from modelsearch.backends.database.sqlite.query import normalize

from search.folding import index_words

from .folding import with_globals
from .ranked import RankedBackendMixin, RankedCompilerMixin, RankedResultsMixin, text_query

# FTS5 columns, in the table's order (wagtailsearch migration 0006): autocomplete, body, title.
BM25_WEIGHTS = "0.0, 1.0, 2.0"  # title words count twice, as the models' title boosts ask


class FoldingObjectIndexer(upstream.ObjectIndexer):
    def prepare_value(self, value):
        return index_words(super().prepare_value(value))


class FoldingSQLiteIndex(upstream.SQLiteIndex):
    add_items = with_globals(upstream.SQLiteIndex.add_items, ObjectIndexer=FoldingObjectIndexer)


# Migration portal_search.0005: the index rows' keys, read instead of the wide rows.
KEYS_INDEX = "portal_search_indexentry_keys"
_KEYS_SEEN: set[str] = set()  # database names whose keys index was found (migrations never drop it)


def entries_table(quote, alias: str = "default") -> str:
    """The index rows' table for a FROM clause, read through its keys index when it exists.

    SQLite always looks a row up by its rowid in the table itself; ``INDEXED BY`` makes it read
    the narrow covering index. The name stays the table's, so the rest of the SQL is unchanged.
    """
    table = quote(upstream.IndexEntry._meta.db_table)
    connection = connections[alias]
    name = str(connection.settings_dict["NAME"])
    if name not in _KEYS_SEEN:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [KEYS_INDEX])
            if cursor.fetchone():
                _KEYS_SEEN.add(name)
    return f"{table} INDEXED BY {quote(KEYS_INDEX)}" if name in _KEYS_SEEN else table


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts5_query(query) -> str | None:
    """The FTS5 expression of a folded query: ``"a" AND ("zz…" OR "b")``; None when it has no FTS5 form here."""
    return text_query(
        query,
        term=_quoted,
        both=lambda parts: "(" + " AND ".join(parts) + ")",
        either=lambda parts: "(" + " OR ".join(parts) + ")",
        phrase=lambda words: '"' + " ".join(word.strip('"') for word in words) + '"',
    )


class FoldingSQLiteQueryCompiler(RankedCompilerMixin, upstream.SQLiteSearchQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        # The queryset's filters run in SQL as they are (see database.py).
        return None if check_only else super()._get_filters_from_queryset(check_only)

    def ranked_sql(self, config, quote):
        expression = fts5_query(normalize(self.query))
        if expression is None:
            return None
        fts, entries = upstream.SQLiteFTSIndexEntry._meta.db_table, upstream.IndexEntry._meta.db_table
        join, types = self.join_where(entries, quote, hint="+")
        # The unary "+" keeps SQLite from starting anywhere but the MATCH: every hit is then found
        # once in the FTS index and its row looked up by primary key (never a MATCH per row).
        where = [f"{quote(fts)} MATCH %s", f"{quote(entries)}.{quote('id')} = +{quote(fts)}.{quote('rowid')}", *join]
        columns = " ".join(self.FTS_TABLE_FIELDS)
        # bm25() is lower for better matches; the rank is higher-is-better.
        # Django writes an extra table name as given when it starts and ends with a double quote.
        tables = [entries_table(quote, self.queryset.db), fts]
        return tables, where, [f"{{{columns}}} : ({expression})", *types], f"-bm25({quote(fts)}, {BM25_WEIGHTS})", []


class FoldingSQLiteAutocompleteQueryCompiler(upstream.SQLiteAutocompleteQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        return None if check_only else super()._get_filters_from_queryset(check_only)


class FoldingSQLiteSearchResults(RankedResultsMixin, upstream.SQLiteSearchResults):
    pass


class FoldingSQLiteSearchBackend(RankedBackendMixin, upstream.SQLiteSearchBackend):
    results_class = FoldingSQLiteSearchResults
    index_class = FoldingSQLiteIndex
    query_compiler_class = FoldingSQLiteQueryCompiler
    autocomplete_query_compiler_class = FoldingSQLiteAutocompleteQueryCompiler

    def census_sql(self, query, quote, alias):
        fts, entries = quote(upstream.SQLiteFTSIndexEntry._meta.db_table), quote(upstream.IndexEntry._meta.db_table)
        columns = " ".join(FoldingSQLiteQueryCompiler.FTS_TABLE_FIELDS)
        sql = (
            f"SELECT {entries}.{quote('content_type_id')}, COUNT(*) FROM {fts}, {entries_table(quote, alias)}"  # noqa: S608 - quoted names, a parameter
            f" WHERE {fts} MATCH %s AND {entries}.{quote('id')} = +{fts}.{quote('rowid')} GROUP BY 1"
        )
        return sql, [f"{{{columns}}} : ({fts5_query(query)})"]
