"""PostgreSQL full-text search with folded index rows and folded queries (see ``database.py``)."""

from modelsearch.backends.database.postgres import postgres as upstream

from search.folding import fold_words

from .folding import FoldingSearchMixin, with_globals


class FoldingObjectIndexer(upstream.ObjectIndexer):
    def prepare_value(self, value):
        return fold_words(super().prepare_value(value))


class FoldingPostgresIndex(upstream.PostgresIndex):
    add_items = with_globals(upstream.PostgresIndex.add_items, ObjectIndexer=FoldingObjectIndexer)


class FoldingPostgresQueryCompiler(upstream.PostgresSearchQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        # The queryset's filters run in SQL as they are (see database.py).
        return None if check_only else super()._get_filters_from_queryset(check_only)


class FoldingPostgresAutocompleteQueryCompiler(upstream.PostgresAutocompleteQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        return None if check_only else super()._get_filters_from_queryset(check_only)


class FoldingPostgresSearchBackend(FoldingSearchMixin, upstream.PostgresSearchBackend):
    index_class = FoldingPostgresIndex
    query_compiler_class = FoldingPostgresQueryCompiler
    autocomplete_query_compiler_class = FoldingPostgresAutocompleteQueryCompiler

    def __init__(self, params):
        # Folded Vietnamese is not English: no stemming, no English stop words.
        super().__init__({"SEARCH_CONFIG": "simple", **params})
