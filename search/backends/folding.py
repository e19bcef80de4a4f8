"""What every backend of this project shares: queries are folded before they are compiled.

The index side differs per backend (the database backends store folded text,
Elasticsearch folds in its analyzers), but the query side is always folded here
with ``search.folding.fold_words``, so "Đà Nẵng", "ĐÀ NẴNG" and "da nang" compile
to the same query everywhere. Wagtail once shipped backends that folded index
and query in opposite directions; the project's tests run one query list
against every backend to keep that from coming back.
"""

from __future__ import annotations

import types

from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from search.folding import fold_words


def fold_query(query: str | SearchQuery | None) -> str | SearchQuery | None:
    """The query with every text folded; ``None`` when nothing searchable is left."""
    if query is None or isinstance(query, MatchAll):
        return query
    if isinstance(query, str):
        return fold_words(query) or None
    if isinstance(query, PlainText):
        text = fold_words(query.query_string)
        return PlainText(text, operator=query.operator, boost=query.boost) if text else None
    if isinstance(query, Phrase):
        text = fold_words(query.query_string)
        return Phrase(text) if text else None
    if isinstance(query, Fuzzy):
        text = fold_words(query.query_string)
        return Fuzzy(text, operator=query.operator, unaccent=query.unaccent) if text else None
    if isinstance(query, Boost):
        inner = fold_query(query.subquery)
        return Boost(inner, query.boost) if inner is not None else None
    if isinstance(query, Not):
        inner = fold_query(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, (And, Or)):
        parts = [part for part in (fold_query(sub) for sub in query.subqueries) if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    return query


class FoldingSearchMixin:
    """Fold the query before the backend's own ``search``/``autocomplete`` sees it."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        folded = fold_query(query)
        if folded is None:
            # Only punctuation, quotes or operators: nothing to look for.
            return EmptySearchResults()
        return super()._search(query_compiler_class, folded, model_or_queryset, **kwargs)


def _global_names(code: types.CodeType) -> set[str]:
    # Comprehensions are code objects of their own (Python < 3.12).
    nested = (const for const in code.co_consts if isinstance(const, types.CodeType))
    return set(code.co_names).union(*(_global_names(inner) for inner in nested))


def with_globals(function: types.FunctionType, **names) -> types.FunctionType:
    """``function`` with some of its module's global names replaced.

    The database backends build each index row in ``add_items`` with the
    module-level class ``ObjectIndexer``; re-binding that one name lets our
    index fold what it stores while the rest of the upstream code (bulk upserts,
    title norms) stays exactly Wagtail's, and the stock backend stays untouched.
    """
    missing = set(names) - _global_names(function.__code__)
    if missing:
        raise ImproperlyConfigured(f"{function.__qualname__} no longer uses {sorted(missing)}; update search.backends.")
    return types.FunctionType(
        function.__code__, {**function.__globals__, **names}, function.__name__, function.__defaults__, function.__closure__
    )
