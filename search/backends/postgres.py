"""PostgreSQL full-text search with folded index rows and folded queries (see ``database.py`` and ``ranked.py``).

The condition is ``(title || body) @@ to_tsquery('simple', …)``, the very expression of the
GIN index that migration ``portal_search.0004`` adds, so PostgreSQL finds the hits in that index
instead of reading every index row.
"""

from modelsearch.backends.database.postgres import postgres as upstream

from search.folding import index_words

from .folding import with_globals
from .ranked import RankedBackendMixin, RankedCompilerMixin, RankedResultsMixin, text_query


class FoldingObjectIndexer(upstream.ObjectIndexer):
    def prepare_value(self, value):
        return index_words(super().prepare_value(value))


class FoldingPostgresIndex(upstream.PostgresIndex):
    add_items = with_globals(upstream.PostgresIndex.add_items, ObjectIndexer=FoldingObjectIndexer)


def tsquery_text(query) -> str | None:
    """The ``to_tsquery`` text of a folded query: ``'a' & ('zz…' | 'b')``; None when it has no such form here."""
    return text_query(
        query,
        term=lambda word: "'" + word.replace("'", "''").replace("\\", "\\\\") + "'",
        both=lambda parts: "(" + " & ".join(parts) + ")",
        either=lambda parts: "(" + " | ".join(parts) + ")",
        phrase=lambda words: "(" + " <-> ".join(words) + ")",
    )


def vector_sql(quote, table: str) -> str:
    """The indexed expression, spelt as in migration portal_search.0004."""
    return f"({quote(table)}.{quote('title')} || {quote(table)}.{quote('body')})"


class FoldingPostgresQueryCompiler(RankedCompilerMixin, upstream.PostgresSearchQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        # The queryset's filters run in SQL as they are (see database.py).
        return None if check_only else super()._get_filters_from_queryset(check_only)

    def ranked_sql(self, config, quote):
        text = tsquery_text(self.query)
        if text is None:
            return None
        entries = upstream.IndexEntry._meta.db_table
        join, types = self.join_where(entries, quote)
        vector, tsquery = vector_sql(quote, entries), "to_tsquery(%s::regconfig, %s)"
        config = config or "simple"
        return (
            [entries],
            [f"{vector} @@ {tsquery}", *join],
            [config, text, *types],
            f"ts_rank({vector}, {tsquery})",
            [config, text],
        )


class FoldingPostgresAutocompleteQueryCompiler(upstream.PostgresAutocompleteQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        return None if check_only else super()._get_filters_from_queryset(check_only)


class FoldingPostgresSearchResults(RankedResultsMixin, upstream.PostgresSearchResults):
    pass


class FoldingPostgresSearchBackend(RankedBackendMixin, upstream.PostgresSearchBackend):
    results_class = FoldingPostgresSearchResults
    index_class = FoldingPostgresIndex
    query_compiler_class = FoldingPostgresQueryCompiler
    autocomplete_query_compiler_class = FoldingPostgresAutocompleteQueryCompiler

    def census_sql(self, query, quote, alias):
        entries = upstream.IndexEntry._meta.db_table
        vector = vector_sql(quote, entries)
        sql = (
            f"SELECT {quote('content_type_id')}, COUNT(*) FROM {quote(entries)}"  # noqa: S608 - quoted names, parameters
            f" WHERE {vector} @@ to_tsquery(%s::regconfig, %s) GROUP BY 1"
        )
        return sql, [self.config or "simple", tsquery_text(query)]

    def __init__(self, params):
        # Folded Vietnamese is not English: no stemming, no English stop words.
        super().__init__({"SEARCH_CONFIG": "simple", **params})
