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
"""

from copy import deepcopy

from modelsearch.backends import elasticsearch8 as upstream
from modelsearch.utils import deep_update

from .folding import FoldingSearchMixin

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


class FoldingElasticsearch8SearchQueryCompiler(upstream.Elasticsearch8SearchQueryCompiler):
    mapping_class = FoldingElasticsearch8Mapping


class FoldingElasticsearch8AutocompleteQueryCompiler(upstream.Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = FoldingElasticsearch8Mapping


class FoldingElasticsearch8SearchBackend(FoldingSearchMixin, upstream.Elasticsearch8SearchBackend):
    mapping_class = FoldingElasticsearch8Mapping
    query_compiler_class = FoldingElasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = FoldingElasticsearch8AutocompleteQueryCompiler
    settings = deep_update(deepcopy(upstream.Elasticsearch8SearchBackend.settings), FOLDING_SETTINGS)


SearchBackend = FoldingElasticsearch8SearchBackend
