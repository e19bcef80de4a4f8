"""Production search on an Elasticsearch 8 cluster (ELASTICSEARCH_URL), folding Vietnamese.

Elasticsearch folds in its analyzers: every text field is analysed on indexing
and on searching by the same chain — a ``mapping`` char filter turning ``đ``/``Đ``
into ``d``/``D`` (Unicode does not decompose them), the standard tokenizer,
``lowercase`` and ``asciifolding`` — declared as the index's ``default`` and
``default_search`` analyzers, and added to Wagtail's n-gram analyzers. Stock
Wagtail analyses ordinary fields with ``standard`` (no folding at all) and
searches autocomplete fields with ``standard`` while indexing them folded.
Queries are also folded in Python (``search.backends.folding``), as on the
database backends, so one query list gives one answer everywhere.

The visitor's own unit first, in one search (``ORDERS_FIRST``): the search page annotates the
queryset with ``search.backends.ranked.FIRST`` = ``Case(When(<the unit's condition>, 0),
default=1)``, as on the database backends. Elasticsearch cannot sort on an annotation, so the
compiler turns that condition into the same filter clauses as any other filter and adds it
to the query as an optional ``should`` clause scoring a constant ``OWN_FIRST_BOOST``: the
unit's hits score that much above their text relevance, far more than any text scores, so they
come first and keep their relevance order among themselves, and the count is that of the one
search. No second search of the others with the condition negated.
"""

from copy import deepcopy

from django.db.models import Case
from modelsearch.backends import elasticsearch8 as upstream
from modelsearch.utils import deep_update

from .folding import FoldingSearchMixin
from .ranked import FIRST

FOLDING_ANALYZER = "vietnamese_folding"
D_CHAR_FILTER = "vietnamese_d"

_FOLDING_CHAIN = {
    "type": "custom",
    "char_filter": [D_CHAR_FILTER],
    "tokenizer": "standard",
    "filter": ["lowercase", "asciifolding"],
}

FOLDING_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {D_CHAR_FILTER: {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}},
            "analyzer": {
                FOLDING_ANALYZER: _FOLDING_CHAIN,
                "default": _FOLDING_CHAIN,
                "default_search": _FOLDING_CHAIN,
                "ngram_analyzer": {**_FOLDING_CHAIN, "filter": ["lowercase", "asciifolding", "ngram"]},
                "edgengram_analyzer": {**_FOLDING_CHAIN, "filter": ["lowercase", "asciifolding", "edgengram"]},
            },
        }
    }
}


class FoldingElasticsearch8Mapping(upstream.Elasticsearch8Mapping):
    # Autocomplete fields are indexed as folded edge n-grams; search them folded too.
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": FOLDING_ANALYZER}


# A constant score above any text score (BM25 scores of these documents stay in the tens), still
# small enough for a 32-bit float score to keep the text relevance's order below it.
OWN_FIRST_BOOST = 10_000.0


class FoldingElasticsearch8SearchQueryCompiler(upstream.Elasticsearch8SearchQueryCompiler):
    mapping_class = FoldingElasticsearch8Mapping

    def own_first_filter(self) -> dict | None:
        """The filter clause of the condition that ``FIRST`` ranks first, or None without it."""
        first = self.queryset.query.annotations.get(FIRST)
        if not isinstance(first, Case) or len(first.cases) != 1:
            return None
        # When() resolved its Q into a WhereNode: compiled like the queryset's own filters.
        return self._get_filters_from_where_node(first.cases[0].condition)

    def get_query(self):
        query = super().get_query()
        condition = self.own_first_filter()
        if condition is None or not self.order_by_relevance:  # a field order ignores scores
            return query
        return {"bool": {**query["bool"], "should": [{"constant_score": {"filter": condition, "boost": OWN_FIRST_BOOST}}]}}


class FoldingElasticsearch8AutocompleteQueryCompiler(upstream.Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = FoldingElasticsearch8Mapping


class FoldingElasticsearch8SearchBackend(FoldingSearchMixin, upstream.Elasticsearch8SearchBackend):
    ORDERS_FIRST = True  # by a boost (see the module docstring)
    mapping_class = FoldingElasticsearch8Mapping
    query_compiler_class = FoldingElasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = FoldingElasticsearch8AutocompleteQueryCompiler
    settings = deep_update(deepcopy(upstream.Elasticsearch8SearchBackend.settings), FOLDING_SETTINGS)


SearchBackend = FoldingElasticsearch8SearchBackend
