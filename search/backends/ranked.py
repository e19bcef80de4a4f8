"""One ranked query per search on the database backends: the index drives, the rows follow.

Wagtail's database compilers rank in ways that grow with the data: on SQLite each
candidate row is scored by a correlated subquery that runs the FTS5 ``MATCH`` again,
on PostgreSQL the rows are joined to the index through ``CAST(pk AS text)`` (no
primary-key lookup) and ranked with a product of ``ts_rank`` calls. Here a search is one
statement: the index table joins the searched queryset's own FROM clause, the full-text
condition is written exactly as the index is built (FTS5 ``MATCH``; on PostgreSQL
``(title || body) @@ tsquery`` against the GIN index of that expression, migration
``portal_search.0004``), each hit finds its row by primary key, and the rank comes from the same
row of the index (``bm25`` / ``ts_rank``). The searched queryset's filters, ordering
annotations and slicing stay the ORM's.

``FIRST``: a queryset annotated with this name (0 or 1) is ordered by it before relevance,
so the search page lists the visitor's unit first from a single search per type
(``ORDERS_FIRST`` on a backend says it understands that).

Exact marks: for a query with marked words ("Đà Nẵng"), each such word also asks, optionally,
for its exact token (``search.folding.exact_pairs``: stored beside the folded words), so a row
spelt that way gets the token's weight in the rank, and a folded-only row is still found.

Anything else (autocomplete, ``fields=``, fuzzy, negation, non-integer keys) keeps Wagtail's
compiler.
"""

from __future__ import annotations

from django.db import connections, router
from django.db.models import AutoField, BigAutoField, F, IntegerField, OneToOneField
from modelsearch.backends.base import BaseSearchBackend, EmptySearchResults
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.folding import exact_pairs

from .folding import FoldingSearchMixin, fold_query

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)

FIRST = "search_first"
RANK = "_search_rank"


class RankedResultsMixin:
    """Search results that can give one page and the total from a single statement (``counted_slice``)."""

    def counted_slice(self, start: int, stop: int) -> tuple[list, int]:
        compiler = self.query_compiler
        found = None
        if self._results_cache is None and self._count_cache is None and self.stop is None and not self.prefetch_related:
            found = compiler.counted_search(
                compiler.get_config(self.backend), self.start + start, self.start + stop, self._score_field
            )
        if found is None or found[1] is None:
            return list(self[start:stop]), self.count()
        return found


class RankedBackendMixin(FoldingSearchMixin):
    ORDERS_FIRST = True

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        folded = fold_query(query)
        if folded is None:
            return EmptySearchResults()
        operator = (kwargs.get("operator") or "and").lower()
        text = query.query_string if isinstance(query, PlainText) else query if isinstance(query, str) else None
        searching = query_compiler_class is self.query_compiler_class  # autocomplete stays Wagtail's
        if searching and text is not None and operator == "and" and getattr(query, "operator", "and").lower() == "and":
            pairs = exact_pairs(text)
            if pairs:
                base = folded if isinstance(folded, PlainText) else PlainText(folded, operator="and")
                folded = And([base] + [Or([PlainText(token), PlainText(word)]) for word, token in pairs])
        return BaseSearchBackend._search(self, query_compiler_class, folded, model_or_queryset, **kwargs)

    def matching_types(self, query: str) -> dict[int, int] | None:
        """How many index rows of each content type match ``query`` (all its words), in one pass
        over the index; ``None`` when this backend cannot say. The search page skips the types
        with none, instead of running the full-text query once more for each."""
        folded = fold_query(query)
        if folded is None:
            return {}
        if not isinstance(folded, str):
            return None
        connection = connections[router.db_for_read(IndexEntry)]
        sql, params = self.census_sql(PlainText(folded, operator="and"), connection.ops.quote_name, connection.alias)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    def census_sql(self, query, quote, alias: str) -> tuple[str, list]:
        raise NotImplementedError


def _integer_pk(model) -> bool:
    pk = model._meta.pk
    while isinstance(pk, OneToOneField):  # multi-table inheritance: the parent's key
        pk = pk.target_field
    return isinstance(pk, (AutoField, BigAutoField, IntegerField))


class RankedCompilerMixin:
    """Compile the query into one index join (see the module docstring); subclasses give the SQL."""

    def ranked_sql(self, config, quote) -> tuple[list[str], list[str], list, str, list] | None:
        """(tables, where clauses, their params, rank SQL — higher is better — and its params), or None."""
        raise NotImplementedError

    def _ranked(self, config, score_field=None):
        """The searched queryset joined to the index and ordered (unsliced), or None for Wagtail's compiler."""
        queryset = self.queryset
        if self.fields is not None or not _integer_pk(queryset.model):
            return None
        plan = self.ranked_sql(config, connections[queryset.db].ops.quote_name)
        if plan is None:
            return None
        tables, where, params, rank_sql, rank_params = plan
        select = {RANK: rank_sql, **({score_field: rank_sql} if score_field else {})}
        # extra(): the only ORM way to add the index tables to the FROM clause. Every identifier
        # in this SQL is quoted here and every value (query text, type ids) is a parameter.
        queryset = queryset.extra(  # noqa: S610
            tables=tables, where=where, params=params, select=select, select_params=rank_params * len(select)
        )
        if self.order_by_relevance:
            first = [FIRST] if FIRST in queryset.query.annotations else []
            queryset = queryset.order_by(*first, f"-{RANK}", "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")  # stable pages (wagtail#3729)
        return queryset

    def search(self, config, start, stop, score_field=None, **kwargs):
        queryset = self._ranked(config, score_field)
        if queryset is None:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        return queryset[start:stop]

    def counted_search(self, config, start: int, stop: int, score_field=None) -> tuple[list, int | None] | None:
        """One page of hits and the number of all hits, from one pass over the index; None for Wagtail's compiler.

        The hits are ranked on their keys alone (``COUNT(*) OVER ()`` counts them on the way),
        then that page's rows are fetched by primary key: the sort never carries whole rows, and
        the count costs no second full-text query. The count is None on a page past the end.
        """
        ranked = self._ranked(config)
        if ranked is None or not self.order_by_relevance:
            return None
        first = FIRST in ranked.query.annotations
        keys = ranked.annotate(_search_hit=F("pk")).values_list("_search_hit", RANK, *([FIRST] if first else []))
        inner, params = keys.order_by().query.sql_with_params()
        quote = connections[ranked.db].ops.quote_name
        order = [f"{quote(FIRST)}"] if first else []
        order += [f"{quote(RANK)} DESC", f"{quote('_search_hit')} DESC"]
        hits = quote("_search_hits")
        if connections[ranked.db].vendor == "postgresql":
            # The hits first, on their own (the GIN index, then each row by key), counted and sorted
            # after: given the query whole, PostgreSQL 15 at 100,000 articles walked every live page
            # in the FIRST order and compared it with every hit, to stop after five (minutes, not ms).
            head, source = f"WITH {hits} AS MATERIALIZED ({inner}) ", hits
        else:
            head, source = "", f"({inner}) {hits}"
        sql = (
            f"{head}SELECT {quote('_search_hit')}, {quote(RANK)}, COUNT(*) OVER () FROM {source}"  # noqa: S608
            f" ORDER BY {', '.join(order)} LIMIT %s OFFSET %s"
        )
        with connections[ranked.db].cursor() as cursor:
            cursor.execute(sql, [*params, stop - start, start])
            rows = cursor.fetchall()
        if not rows:
            return [], (0 if start == 0 else None)
        objects = {obj.pk: obj for obj in self.queryset.filter(pk__in=[pk for pk, _rank, _total in rows])}
        found = []
        for pk, rank, _total in rows:
            obj = objects.get(pk)
            if obj is not None:  # gone between the two statements: left out
                if score_field:
                    setattr(obj, score_field, rank)
                found.append(obj)
        return found, rows[0][2]

    def join_where(self, index_table: str, quote, hint: str = "") -> tuple[list[str], list]:
        """The index rows of this model's types, each joined to its object by primary key.

        ``hint`` prefixes the type column (SQLite's "+" keeps its index out of the plan)."""
        model = self.queryset.model
        types = list(get_descendants_content_types_pks(model))
        pk = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
        placeholders = ", ".join(["%s"] * len(types))
        return (
            [
                f"{hint}{quote(index_table)}.{quote('content_type_id')} IN ({placeholders})",
                f"{pk} = CAST({quote(index_table)}.{quote('object_id')} AS INTEGER)",
            ],
            types,
        )


def text_query(query, term, both, either, phrase) -> str | None:
    """The query as a full-text expression: ``term(word)``, ``both(parts)``, ``either(parts)``, ``phrase(words)``."""
    if isinstance(query, PlainText):
        words = query.query_string.split()
        if not words:
            return None
        parts = [term(word) for word in words]
        return parts[0] if len(parts) == 1 else (both if query.operator.lower() == "and" else either)(parts)
    if isinstance(query, Phrase):
        words = query.query_string.split()
        return phrase([term(word) for word in words]) if words else None
    if isinstance(query, (And, Or)):
        parts = [text_query(sub, term, both, either, phrase) for sub in query.subqueries]
        if not parts or any(part is None for part in parts):
            return None
        return parts[0] if len(parts) == 1 else (both if isinstance(query, And) else either)(parts)
    return None  # negation, boosts, fuzzy, match-all: Wagtail's compiler
