"""The Elasticsearch 8 backend, without a server: the index settings, mappings and
query bodies this project sends, and the analysis chain they declare, run over
the same query list as the database backends."""

import re
import unicodedata

import pytest
from wagtail.models import Page

from intranet.directory.models import Person
from intranet.units.models import Unit
from search.backends.elasticsearch import FOLDING_ANALYZER, SearchBackend
from search.folding import fold_words

from .test_backends import NAMES, QUERIES


@pytest.fixture
def backend():
    # The client connects lazily: building the backend sends nothing.
    return SearchBackend({"URLS": ["http://localhost:9200"], "INDEX_PREFIX": "portal_", "TIMEOUT": 10})


def analyse(settings: dict, analyzer_name: str, text: str) -> list[str]:
    """Run text through a declared analyzer the way Elasticsearch would: char filters,
    the standard tokenizer, then the token filters (lowercase and asciifolding only)."""
    analysis = settings["settings"]["analysis"]
    analyzer = analysis["analyzer"][analyzer_name]
    for name in analyzer.get("char_filter", []):
        for rule in analysis["char_filter"][name]["mappings"]:
            source, target = (part.strip() for part in rule.split("=>"))
            text = text.replace(source, target)
    tokens = re.findall(r"\w+", text)
    for name in analyzer["filter"]:
        if name == "lowercase":
            tokens = [token.lower() for token in tokens]
        elif name == "asciifolding":
            # asciifolding maps Latin letters to ASCII; it does NOT need to know đ here,
            # the char filter has already turned it into d.
            tokens = ["".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c)) for t in tokens]
    return tokens


def test_index_and_search_analyzers_fold_d_before_asciifolding(backend):
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["char_filter"]["vietnamese_d"] == {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
    for name in ("default", "default_search", FOLDING_ANALYZER, "ngram_analyzer", "edgengram_analyzer"):
        analyzer = analysis["analyzer"][name]
        assert analyzer["char_filter"] == ["vietnamese_d"], name
        assert analyzer["filter"][:2] == ["lowercase", "asciifolding"], name


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_the_shared_query_list_meets_its_document_through_the_declared_analyzers(backend, query, expected):
    # Index side: the document text as stored; search side: the query as compiled.
    indexed = {name: set(analyse(backend.settings, "default", name)) for name in NAMES}
    body = backend.search(query, Unit)._get_es_body()
    searched = analyse(backend.settings, "default_search", body["query"]["bool"]["must"]["match"]["_all_text"]["query"])
    found = [name for name, tokens in indexed.items() if set(searched) <= tokens]
    assert found == [expected]


def test_stock_wagtail_would_not_fold_ordinary_fields(backend):
    # Why the "default" analyzers matter: Wagtail maps SearchFields without an analyzer.
    mapping = backend.mapping_class(Unit).get_mapping()
    assert "analyzer" not in mapping["properties"]["name"]
    assert mapping["properties"]["name"]["type"] == "text"
    assert "default" in backend.settings["settings"]["analysis"]["analyzer"]


def test_autocomplete_fields_are_searched_with_the_folding_analyzer(backend):
    mapping = backend.mapping_class(Unit).get_mapping()["properties"]
    assert mapping["_edgengrams"] == {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": FOLDING_ANALYZER}
    assert mapping["name_edgengrams"]["search_analyzer"] == FOLDING_ANALYZER


def test_people_are_mapped_with_public_fields_only(backend):
    properties = backend.mapping_class(Person).get_mapping()["properties"]
    for private in ("birth_date", "home_address", "civil_servant_code", "id_photo", "mobile_phone"):
        assert not any(key.startswith(private) for key in properties), private
    assert "full_name" in properties


@pytest.mark.parametrize("query", ["Đà Nẵng", "ĐÀ NẴNG", "da nang", "DA NANG"])
def test_every_spelling_compiles_to_the_same_folded_query_body(backend, query):
    body = backend.search(query, Page.objects.live())._get_es_body()
    assert body["query"]["bool"]["must"]["multi_match"]["query"] == "da nang"
    assert {"term": {"live_filter": True}} in body["query"]["bool"]["filter"]


def test_autocomplete_query_bodies_are_folded_too(backend):
    body = backend.autocomplete("Đồng B", Unit)._get_es_body()
    assert body["query"]["bool"]["must"]["match"]["_edgengrams"]["query"] == "dong b"


def test_phrase_and_hostile_queries_compile_without_operators(backend):
    from wagtail.search.query import Phrase

    phrase = backend.search(Phrase("Thủ tục"), Unit)._get_es_body()
    assert phrase["query"]["bool"]["must"]["match_phrase"]["_all_text"] == "thu tuc"
    hostile = backend.search('"; {"script": 1} *', Unit)._get_es_body()
    assert hostile["query"]["bool"]["must"]["match"]["_all_text"]["query"] == fold_words('"; {"script": 1} *')


def test_a_query_of_punctuation_only_sends_nothing(backend):
    assert list(backend.search('"*()', Unit)) == []


def test_index_settings_keep_wagtails_ngram_filters(backend):
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["edgengram_analyzer"]["filter"][-1] == "edgengram"
    assert analysis["filter"]["edgengram"]["type"] == "edge_ngram"
    assert backend.settings["settings"]["index"]["max_ngram_diff"] == 12
