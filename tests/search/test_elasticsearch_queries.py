"""The search page on Elasticsearch, without a server: the query bodies the page sends
for every registered type, with and without a unit scope and with the visitor's own
unit first (one search, the unit's condition boosted), and the documents the index would
hold for them.

No server runs here, so the bodies are checked two ways: by what they say (the
filters named in ``search.registry``) and by what they select — a small
interpreter of the filter clauses runs them over the documents the backend's own
mapping builds from the database, and must pick exactly what the same querysets
pick in SQL on the database backends.
"""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Case as Conditional
from django.db.models import Q, Value, When
from django.test import RequestFactory, override_settings
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from intranet.boards.models import Board
from intranet.cases.models import Case
from intranet.directory.models import Person
from intranet.units.models import Unit
from portal.home.models import HomePage, StandardPage
from portal.news.models import ArticlePage
from portal.pages.models import LegalDocumentPage
from search import views
from search.backends.elasticsearch import FOLDING_ANALYZER, OWN_FIRST_BOOST, FoldingElasticsearch8SearchBackend
from search.backends.ranked import FIRST
from search.registry import BOARDS, PEOPLE, TYPES, UNITS
from tests.factories.boards import BoardFactory
from tests.factories.directory import PersonFactory
from tests.factories.news import article
from tests.factories.search import legal_document, make_private, standard_page
from tests.factories.units import UnitFactory, unit_with_site

ELASTICSEARCH = {
    "default": {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": ["http://search.invalid:9200"],  # never contacted: nothing here is evaluated
        "INDEX_PREFIX": "portal_",
        "TIMEOUT": 10,
    }
}


@pytest.fixture
def es_backend():
    with override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH):
        backend = get_search_backend()
    assert isinstance(backend, FoldingElasticsearch8SearchBackend)
    return backend


# -- a small interpreter of the filter clauses the compiler emits ---------------------


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _values(document: dict, field: str) -> list:
    return [value for value in _as_list(document.get(field)) if value is not None]


def selects(clause: dict, document: dict) -> bool:
    """Whether Elasticsearch's filter ``clause`` keeps ``document`` (filter context: no scores)."""
    ((kind, body),) = clause.items()
    if kind == "bool":
        required = [*_as_list(body.get("must", [])), *_as_list(body.get("filter", []))]
        if not all(selects(sub, document) for sub in required):
            return False
        if any(selects(sub, document) for sub in _as_list(body.get("must_not", []))):
            return False
        if "should" in body and not required:
            return any(selects(sub, document) for sub in _as_list(body["should"]))
        return True
    if kind == "match_all":
        return True
    if kind == "exists":
        return bool(_values(document, body["field"]))
    ((field, expected),) = body.items()
    values = _values(document, field)
    if kind in ("term", "match"):
        return expected in values
    if kind == "terms":
        return any(value in expected for value in values)
    if kind == "prefix":
        return any(str(value).startswith(expected) for value in values)
    if kind == "range":
        checks = {"gt": lambda v, b: v > b, "gte": lambda v, b: v >= b, "lt": lambda v, b: v < b, "lte": lambda v, b: v <= b}
        return any(all(checks[op](value, bound) for op, bound in expected.items()) for value in values)
    raise AssertionError(f"the page sent a clause this interpreter does not know: {kind}")


def documents(backend, model) -> dict:
    """pk → the document the backend would index, for everything of ``model``'s index."""
    if issubclass(model, Page):
        objects = Page.objects.specific()
    else:
        objects = model.get_indexed_objects()
    return {obj.pk: backend.mapping_class(type(obj)).get_document(obj) for obj in objects}


def selected(backend, results) -> set:
    body = results._get_es_body()
    model = results.query_compiler.queryset.model
    clauses = body["query"]["bool"]["filter"]
    return {pk for pk, doc in documents(backend, model).items() if all(selects(c, doc) for c in _as_list(clauses))}


def boosted(backend, results) -> set:
    """The selected documents that the optional own-unit clause scores up (empty without one)."""
    body = results._get_es_body()
    model = results.query_compiler.queryset.model
    should = body["query"]["bool"].get("should", [])
    docs = documents(backend, model)
    return {pk for pk in selected(backend, results) if any(selects(c["constant_score"]["filter"], docs[pk]) for c in should)}


# -- a province with something of every kind, visible and not ------------------------


@pytest.fixture
def world(hue, phuxuan, portal_home, phuxuan_home):
    department = unit_with_site(hue, code="sotuphap", name="Sở Tư pháp", name_en="Department of Justice")
    office = UnitFactory(parent=department, code="phonghotich", name="Phòng Hộ tịch", has_site=False)
    dissolved = UnitFactory(parent=hue, code="xacu", name="Xã Cũ", status=Unit.Status.DISSOLVED, has_site=False)

    standard_page(portal_home, "Giới thiệu cổng")
    standard_page(phuxuan_home, "Giới thiệu phường")
    standard_page(phuxuan_home, "Bản nháp phường", live=False)
    private = make_private(standard_page(phuxuan_home, "Khu vực nội bộ"))
    standard_page(private, "Trang con nội bộ")
    english = Locale.objects.get_or_create(language_code="en")[0]
    english_home = portal_home.specific.copy_for_translation(english)
    english_home.save_revision().publish()

    article(phuxuan, "Tin phường")
    article(hue, "Tin tỉnh")
    article(department, "Tin sở")
    article(phuxuan, "Tin mật chưa đăng", live=False, is_secret=True)
    article(phuxuan, "Tin nháp", live=False)
    for number, home in enumerate([phuxuan_home, portal_home], start=1):
        legal_document(home, "Quyết định", f"{number}/QĐ-UBND")

    PersonFactory(unit=phuxuan, full_name="Người phường")
    PersonFactory(unit=office, full_name="Người phòng")
    PersonFactory(unit=hue, full_name="Người nghỉ hưu", status=Person.Status.RETIRED)
    PersonFactory(unit=dissolved, full_name="Người xã cũ")

    published = timezone.now() - dt.timedelta(days=1)
    for number, (kind, agency, when) in enumerate(
        [
            ("question", phuxuan, published),
            ("voter", office, published),
            ("question", None, published),
            ("press", phuxuan, published),
            ("question", phuxuan, None),
        ]
    ):
        Case.objects.create(
            kind=kind,
            code=f"HD-2026-{number:05d}",
            title=f"Câu hỏi {number}",
            body="Nội dung",
            answer="Trả lời",
            step="published" if when else "received",
            agency=agency,
            published_at=when,
        )

    BoardFactory(name="Ban phường", standing_unit=phuxuan)
    BoardFactory(name="Ban phòng", standing_unit=office)
    BoardFactory(name="Ban nháp", standing_unit=hue, live=False)
    return {"hue": hue, "phuxuan": phuxuan, "department": department, "office": office, "dissolved": dissolved}


def page_hits(entry, scope, own):
    """The page's parts as the view builds them, on Elasticsearch: one search, the own unit's hits boosted."""
    request = RequestFactory().get("/tim-kiem/")
    with override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH):
        return views._hits(entry, request, "da nang", scope, own).parts


def sql_parts(entry, scope, own) -> list[set]:
    """The same parts on the database backends: the querysets the view searches, in SQL."""
    queryset = entry.public(RequestFactory().get("/tim-kiem/"))
    if scope is not None:
        queryset = entry.in_unit(queryset, scope)
    if own is None:
        return [set(queryset.values_list("pk", flat=True))]
    condition = entry.unit_q(own)
    return [
        set(queryset.filter(condition).values_list("pk", flat=True)),
        set(queryset.exclude(condition).values_list("pk", flat=True)),
    ]


SCOPES = [
    (None, None),
    ("hue", None),
    ("phuxuan", None),
    ("department", None),
    ("office", None),
    (None, "phuxuan"),
    (None, "department"),
    (None, "office"),
]


@pytest.mark.parametrize("entry", TYPES, ids=lambda entry: entry.key)
def test_every_type_and_scope_selects_on_elasticsearch_what_it_selects_in_sql(world, es_backend, entry):
    for scope, own in SCOPES:
        (part,) = page_hits(entry, world.get(scope), world.get(own))  # raises FilterFieldError on a filter ES cannot run
        expected = sql_parts(entry, world.get(scope), world.get(own))
        # One search finds them all; the own unit's share (first of the SQL parts) is what it boosts.
        assert selected(es_backend, part) == set().union(*expected), (scope, own)
        assert boosted(es_backend, part) == (expected[0] if own else set()), (scope, own)


@pytest.mark.parametrize("entry", TYPES, ids=lambda entry: entry.key)
def test_the_world_gives_every_type_hits_on_both_sides_of_the_split(world, entry):
    mine, others = sql_parts(entry, None, world["phuxuan"])
    assert mine and others


@pytest.mark.parametrize("entry", TYPES, ids=lambda entry: entry.key)
def test_the_own_unit_comes_first_from_one_search_boosting_its_condition_never_a_list_of_hits(world, es_backend, entry):
    (part,) = page_hits(entry, None, world["phuxuan"])
    (plain,) = page_hits(entry, None, None)
    query, without = part._get_es_body()["query"]["bool"], plain._get_es_body()["query"]["bool"]
    # The same text query and filters as without a unit: the unit only adds an optional, scored clause.
    assert query["must"] == without["must"] and query["filter"] == without["filter"]
    (clause,) = query["should"]
    assert clause == {"constant_score": {"filter": clause["constant_score"]["filter"], "boost": OWN_FIRST_BOOST}}
    # The same condition the database backends order by (search.registry's unit_q), compiled as a filter.
    mine = entry.public(RequestFactory().get("/tim-kiem/")).filter(entry.unit_q(world["phuxuan"]))
    *_public, condition = part.query_compiler._get_filters_from_where_node(mine.query.where)["bool"]["must"]
    assert condition == clause["constant_score"]["filter"]
    assert "sort" not in part._get_es_body()  # ordered by score: the boost, then relevance
    assert "pk_filter" not in json.dumps(query)


def test_a_search_ordered_by_a_field_gets_no_boost(world, es_backend):
    first = Conditional(When(Q(path__startswith="0001"), then=Value(0)), default=Value(1))
    queryset = ArticlePage.objects.live().annotate(**{FIRST: first}).order_by("-first_published_at")
    body = es_backend.search("tin", queryset, order_by_relevance=False)._get_es_body()
    assert "should" not in body["query"]["bool"]
    assert body["sort"] == [{"first_published_at_filter": "desc"}]


def test_a_unit_subtree_is_a_terms_filter_of_unit_ids_resolved_from_sql(world, es_backend):
    phuxuan, department, office = world["phuxuan"], world["department"], world["office"]
    people = page_hits(PEOPLE, department, None)[0]._get_es_body()["query"]["bool"]["filter"]
    active = sorted(Unit.objects.active().values_list("pk", flat=True))
    assert people[0] == {"match": {"_django_content_type": "directory.Person"}}
    working, in_active, in_subtree = people[1]["bool"]["must"]
    assert working == {"term": {"status_filter": "working"}}
    assert sorted(in_active["terms"]["unit_id_filter"]) == active
    assert sorted(in_subtree["terms"]["unit_id_filter"]) == sorted([department.pk, office.pk])
    boards = page_hits(BOARDS, phuxuan, None)[0]._get_es_body()["query"]["bool"]["filter"][1]
    assert boards == {"bool": {"must": [{"term": {"live_filter": True}}, {"terms": {"standing_unit_id_filter": [phuxuan.pk]}}]}}
    units = page_hits(UNITS, department, None)[0]._get_es_body()["query"]["bool"]["filter"][1]
    assert sorted(units["bool"]["must"][1]["terms"]["id_filter"]) == sorted([department.pk, office.pk])


def test_a_unit_sites_pages_are_path_prefixes_of_its_homes_in_every_locale(world, es_backend, phuxuan_home, portal_home):
    english_home = portal_home.get_translation(Locale.objects.get(language_code="en"))
    news = page_hits(TYPES[0], world["hue"], None)[0]._get_es_body()["query"]["bool"]["filter"]
    assert news[0] == {"match": {"_django_content_type": "news.ArticlePage"}}
    in_site = news[1]["bool"]["must"][-1]["bool"]["should"]
    assert {"prefix": {"path_filter": portal_home.path}} in in_site
    assert {"prefix": {"path_filter": english_home.path}} in in_site
    assert {"term": {"news_articlepage__is_secret_filter": False}} in news[1]["bool"]["must"]


def test_private_sections_are_excluded_by_path_and_depth(world, es_backend):
    pages = next(entry for entry in TYPES if entry.key == "trang")
    body = page_hits(pages, None, None)[0]._get_es_body()["query"]["bool"]["filter"][1]
    private = StandardPage.objects.get(title="Khu vực nội bộ")
    assert {
        "bool": {
            "must_not": {
                "bool": {"must": [{"prefix": {"path_filter": private.path}}, {"range": {"depth_filter": {"gte": private.depth}}}]}
            }
        }
    } in body["bool"]["must"]


def test_a_unit_without_a_site_owns_no_pages_and_every_page_is_outside_it(world, es_backend):
    (part,) = page_hits(TYPES[0], None, world["office"])
    assert boosted(es_backend, part) == set()
    assert selected(es_backend, part) == sql_parts(TYPES[0], None, None)[0] != set()


def test_no_http_is_needed_to_build_the_page_bodies(world, es_backend):
    # The parts are lazy: building every body sent nothing (the host does not even resolve).
    for entry in TYPES:
        for part in page_hits(entry, world["hue"], world["phuxuan"]):
            assert part._results_cache is None and part._count_cache is None


# -- mappings: the new FilterFields and fields, folded ---------------------------------


def test_mappings_hold_the_filters_the_registry_uses(es_backend):
    mapping = lambda model: es_backend.mapping_class(model).get_mapping()["properties"]  # noqa: E731
    assert mapping(Unit)["id_filter"]["type"] in ("integer", "long")
    assert mapping(Unit)["status_filter"] == {"type": "keyword"}
    assert mapping(Person)["unit_id_filter"]["type"] in ("integer", "long")
    assert mapping(Person)["status_filter"] == {"type": "keyword"}
    assert mapping(Case)["agency_id_filter"]["type"] in ("integer", "long")
    assert mapping(Case)["kind_filter"] == {"type": "keyword"}
    assert mapping(Case)["published_at_filter"] == {"type": "date"}
    assert mapping(Board)["standing_unit_id_filter"]["type"] in ("integer", "long")
    assert mapping(Board)["live_filter"] == {"type": "boolean"}
    page = mapping(Page)
    for name in ("id_filter", "path_filter", "depth_filter", "live_filter", "content_type_id_filter", "locale_id_filter"):
        assert name in page, name


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (StandardPage, "home_standardpage__body"),
        (HomePage, "home_homepage__intro"),
        (LegalDocumentPage, "pages_legaldocumentpage__issuer"),
        (Unit, "name_en"),
        (Unit, "functions"),
        (Board, "functions"),
    ],
)
def test_shown_text_is_mapped_as_folded_full_text(es_backend, model, field):
    properties = es_backend.mapping_class(model).get_mapping()["properties"]
    assert properties[field]["type"] == "text"
    assert "_all_text" in _as_list(properties[field]["copy_to"])
    # No analyzer of its own: the index's folding "default" analyzer applies.
    assert "analyzer" not in properties[field]
    analysis = es_backend.settings["settings"]["analysis"]["analyzer"]
    assert analysis["default"] == analysis["default_search"] == analysis[FOLDING_ANALYZER]


def test_documents_carry_the_text_and_filters(world, es_backend):
    department = world["department"]
    unit_doc = es_backend.mapping_class(Unit).get_document(department)
    assert unit_doc["name_en"] == "Department of Justice"
    assert unit_doc["id_filter"] == department.pk
    person = Person.objects.get(full_name="Người phường")
    person_doc = es_backend.mapping_class(Person).get_document(person)
    assert person_doc["unit_id_filter"] == world["phuxuan"].pk
    assert not {"birth_date", "home_address", "civil_servant_code", "email"} & set(person_doc)


# -- settings: production on Elasticsearch when ELASTICSEARCH_URL is set ----------------


def _backends_under(settings_module: str, **env) -> dict:
    script = (
        "import django, json; django.setup(); from django.conf import settings;"
        "from wagtail.search.backends import get_search_backend; b = get_search_backend();"
        "print(json.dumps({'conf': settings.WAGTAILSEARCH_BACKENDS, 'class': type(b).__module__ + '.' + type(b).__name__,"
        " 'prefix': getattr(b, 'index_prefix', None), 'hosts': getattr(b, 'hosts', None)}))"
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("ELASTICSEARCH", "DJANGO_SETTINGS"))}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=Path(settings.BASE_DIR), env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}


def test_production_searches_elasticsearch_when_its_url_is_set():
    found = _backends_under("portal.settings.production", ELASTICSEARCH_URL="https://es.hue.gov.vn:9243", **PRODUCTION)
    assert found["class"] == "search.backends.elasticsearch.FoldingElasticsearch8SearchBackend"
    assert found["conf"]["default"]["BACKEND"] == "search.backends.elasticsearch"
    assert found["prefix"] == "portal_"
    assert found["hosts"] == [{"host": "es.hue.gov.vn", "port": 9243, "path_prefix": "", "scheme": "https"}]


def test_production_names_its_indexes_from_elasticsearch_index():
    found = _backends_under(
        "portal.settings.production", ELASTICSEARCH_URL="http://es:9200", ELASTICSEARCH_INDEX="hue", **PRODUCTION
    )
    assert found["prefix"] == "hue_"


def test_without_elasticsearch_url_production_uses_the_folding_database_backend():
    found = _backends_under("portal.settings.production", **PRODUCTION)
    assert found["conf"] == {"default": {"BACKEND": "search.backends.database"}}
