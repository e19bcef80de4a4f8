"""SQLite FTS5 with folded index rows and folded queries (see ``database.py``)."""

from modelsearch.backends.database.sqlite import sqlite as upstream

from search.folding import fold_words

from .folding import FoldingSearchMixin, with_globals


class FoldingObjectIndexer(upstream.ObjectIndexer):
    def prepare_value(self, value):
        return fold_words(super().prepare_value(value))


class FoldingSQLiteIndex(upstream.SQLiteIndex):
    add_items = with_globals(upstream.SQLiteIndex.add_items, ObjectIndexer=FoldingObjectIndexer)


class FoldingSQLiteQueryCompiler(upstream.SQLiteSearchQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        # The queryset's filters run in SQL as they are (see database.py).
        return None if check_only else super()._get_filters_from_queryset(check_only)


class FoldingSQLiteAutocompleteQueryCompiler(upstream.SQLiteAutocompleteQueryCompiler):
    def _get_filters_from_queryset(self, check_only=False):
        return None if check_only else super()._get_filters_from_queryset(check_only)


class FoldingSQLiteSearchBackend(FoldingSearchMixin, upstream.SQLiteSearchBackend):
    index_class = FoldingSQLiteIndex
    query_compiler_class = FoldingSQLiteQueryCompiler
    autocomplete_query_compiler_class = FoldingSQLiteAutocompleteQueryCompiler
