"""What the search page searches: one entry per type of content.

Each entry says which objects a visitor may see (``public``), which belong to
one unit and its sub-units (``unit_q``), and how to show a hit (title, text,
link, owning unit). Adding a type — news articles, answered questions, steering
boards — is one ``SearchType`` appended to ``TYPES``; the page, its tabs, counts,
per-unit ordering and tests pick it up from here.

``public`` must return only what an anonymous visitor may see: the same
querysets feed results *and* counts.

One registry for every backend
------------------------------
The database backends (SQLite, PostgreSQL) run the searched queryset's WHERE
clause in SQL as it is; Elasticsearch translates it into its own filters and
can only use the model's ``index.FilterField``s — anything else raises
``FilterFieldError``, and a filter on a page's ``page_ptr``/``pk`` is silently
dropped. So every filter here is written, once, with lookups both understand:

- plain FilterFields of the model: ``live``, ``depth``, ``content_type`` and
  ``path`` on pages; ``id`` and ``status`` on units; ``unit`` and ``status`` on
  people; ``agency``, ``kind`` and ``published_at`` on cases; ``standing_unit``
  and ``live`` on boards. Wagtail builds ``live()`` and ``public()`` (private
  sections by path and depth) from the page ones;
- "in this unit's subtree" is ``<unit FK>__in=<subquery of the subtree's unit
  ids>`` (``_subtree``), likewise "in an active unit". SQL inlines the
  subquery; Elasticsearch resolves it when the query is compiled into a
  ``terms`` filter of unit ids — a province has a few thousand units at most,
  far below the ``terms`` limit, and nothing about a unit is copied into other
  documents, so renaming, moving or dissolving a unit never leaves stale
  filters in the index;
- pages are never filtered by ``pk`` or ``id``: on a page type Django turns
  both into ``page_ptr``, which Elasticsearch silently ignores; use ``path``;
- the visitor's own unit first: on the database backends one search of the
  queryset annotated ``search_first`` = ``Case(When(unit_q, 0), default=1)``
  (``search.backends.ranked.FIRST``); on Elasticsearch, which cannot order by an
  annotation, ``filter(unit_q)`` then ``exclude(unit_q)``: the same condition
  negated, never a list of the other hits' pks (which on 100k articles would be
  a huge ``terms`` list).

``tests/search/test_elasticsearch_queries.py`` compiles every type, with and
without a unit scope and split, into Elasticsearch query bodies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search.utils import get_descendants_content_types_pks

from intranet.boards.models import Board
from intranet.cases.models import Case
from intranet.cases.views import PUBLISHED_KINDS
from intranet.directory.models import Person
from intranet.units.models import Unit
from portal import memo
from portal.news.models import ArticlePage
from portal.pages.models import LegalDocumentPage

from .highlight import plain_text


@dataclass(frozen=True)
class SearchType:
    key: str  # in the URL: /tim-kiem/?loai=<key>
    label: str
    public: Callable[[HttpRequest], QuerySet]
    unit_q: Callable[[Unit], Q]  # belongs to this unit or one of its sub-units
    url: Callable[[Model, HttpRequest], str]
    unit_of: Callable[[Model, SiteUnits], Unit | None]
    title: Callable[[Model], str] = str
    text: Callable[[Model], str] = field(default=lambda obj: "")  # may hold markup; the page shows an excerpt
    # Called once per page of results, e.g. to fetch what ``text`` needs in a query or two.
    prepare: Callable[[list], list] = field(default=lambda objects: objects)
    # Subtypes ``public`` leaves to other entries (``not_type``): the page skips this entry
    # when the index holds hits of those types only (``content_types``).
    exclude_models: tuple = ()
    # The model ``public`` returns: lets the page skip a type with no hits before building its queryset.
    model: type[Model] | None = None

    def in_unit(self, queryset: QuerySet, unit: Unit) -> QuerySet:
        return queryset.filter(self.unit_q(unit))

    def content_types(self, model=None) -> set[int]:
        """The content type ids of the index rows this entry can find (``model``: its queryset's)."""
        model = model or self.model

        def build() -> frozenset[int]:
            excluded = set().union(*(get_descendants_content_types_pks(other) for other in self.exclude_models))
            return frozenset(set(get_descendants_content_types_pks(model)) - excluded)

        return memo.remember(("search-content-types", self.key, model), build)


class SiteUnits:
    """Which unit's site a page lives on, from one query for the whole result page."""

    def __init__(self):
        self._roots: list[tuple[str, Unit]] | None = None

    def for_path(self, path: str) -> Unit | None:
        if self._roots is None:
            self._roots = memo.remember("search-site-roots", _site_roots)
        return next((unit for root, unit in self._roots if path.startswith(root)), None)


def _site_roots() -> list[tuple[str, Unit]]:
    """(home path, unit) of every unit site, the deepest first (kept per process, ``portal.memo``)."""
    units = Unit.objects.filter(site__isnull=False).select_related("site__root_page")
    by_key = {unit.site.root_page.translation_key: unit for unit in units}
    # A site's home exists once per locale: the English home is a sibling tree.
    roots = Page.objects.filter(translation_key__in=by_key).values_list("path", "translation_key")
    return sorted(((path, by_key[key]) for path, key in roots), key=lambda pair: -len(pair[0]))


def _private_sections() -> list[tuple[str, int]]:
    return list(PageViewRestriction.objects.values_list("page__path", "page__depth").order_by("page__path"))


def public(pages: QuerySet) -> QuerySet:
    """``pages`` outside private sections: Wagtail's ``public()``, with the sections kept per process.

    The same condition as Wagtail's (``path`` and ``depth``, FilterFields every backend applies);
    a restriction saved or deleted forgets the sections at once (``portal.memo``).
    """
    condition = Q()
    for path, depth in memo.remember("search-private-sections", _private_sections):
        condition |= Q(path__startswith=path) & Q(depth__gte=depth)
    return pages.exclude(condition) if condition else pages


def _site_url(unit: Unit | None) -> str:
    if unit is not None and unit.site_id:
        return unit.site.root_url + "/"
    return "/danh-ba/"


# The text fields of page types, in the order a result's excerpt prefers them.
PAGE_TEXT_FIELDS = ("intro", "summary", "description", "body")


def _first_text(fields: list, values: tuple) -> str:
    """The first non-empty value; rich text without its markup, plain text as typed ("<" is no tag there)."""
    for model_field, value in zip(fields, values, strict=True):
        if value:
            return plain_text(value) if isinstance(model_field, RichTextField) else value
    return ""


def _with_page_text(pages: list[Page]) -> list[Page]:
    """Give each page its text (``search_text``): one small query per page type among the hits.

    The search returns base ``Page`` objects; their text lives on the specific
    models, so a page found by a word in its body can show that passage.
    """
    by_type: dict[int, list[Page]] = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page)
    for content_type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        concrete = {f.name: f for f in model._meta.concrete_fields} if model is not None else {}
        fields = [concrete[name] for name in PAGE_TEXT_FIELDS if name in concrete]
        if not fields:
            continue
        rows = model._default_manager.filter(pk__in=[page.pk for page in group]).values_list("pk", *(f.name for f in fields))
        texts = {pk: _first_text(fields, values) for pk, *values in rows}
        for page in group:
            page.search_text = texts.get(page.pk, "")
    return pages


# Page types listed on their own below: the generic page entry leaves them out.
PAGE_TYPES_OF_THEIR_OWN = (ArticlePage, LegalDocumentPage)


def _later_copies(model, *same: str) -> QuerySet:
    """The paths of ``model``'s live pages that repeat an earlier one (tree order) on ``same`` fields.

    A page put on every site (the procedures page, a central law in each unit's documents) is
    one hit, not one per site: the search leaves out the later copies with a plain
    ``path__in`` subquery, which every backend applies as a filter (see the module docstring),
    so each type is still searched once.
    """
    earlier = model.objects.filter(live=True, path__lt=OuterRef("path"), **{name: OuterRef(name) for name in same})
    return model.objects.filter(live=True, depth__gt=2).filter(Exists(earlier)).values("path")


def _pages(request: HttpRequest) -> QuerySet:
    # Published, outside private sections, not the tree's root; every locale (English pages too).
    pages = public(Page.objects.live()).filter(depth__gt=1).not_type(*PAGE_TYPES_OF_THEIR_OWN)
    copies = _later_copies(Page, "content_type", "locale", "title", "slug").filter(depth__gt=2).not_type(*PAGE_TYPES_OF_THEIR_OWN)
    return pages.exclude(path__in=copies).select_related("locale")


def _articles(request: HttpRequest) -> QuerySet:
    # published() also drops secret articles (state secrets are never shown, even if mis-published).
    return public(ArticlePage.objects.published()).select_related("locale", "unit__site")


def _legal_documents(request: HttpRequest) -> QuerySet:
    # A central or provincial document listed by many units is one document.
    copies = _later_copies(LegalDocumentPage, "locale", "number", "issuer")
    return public(LegalDocumentPage.objects.live()).exclude(path__in=copies).select_related("locale")


def _active_units() -> QuerySet:
    return Unit.objects.active().values("pk")


def _subtree(unit: Unit) -> QuerySet:
    """The ids of the unit and its sub-units, as a subquery (see the module docstring)."""
    return Unit.objects.filter(path__startswith=unit.path).values("pk")


def _pages_in_unit(unit: Unit) -> Q:
    # The site's home in every locale: an English home is a sibling tree of the Vietnamese one.
    # Kept per process (portal.memo): moving or adding a home forgets it.
    def build() -> list[str]:
        homes = Page.objects.filter(sites_rooted_here__unit=unit.pk).values("translation_key")
        return list(Page.objects.filter(translation_key__in=homes).values_list("path", flat=True))

    roots = memo.remember(("search-unit-homes", unit.pk), build)
    condition = Q(path__in=[])  # no site: nothing is the unit's, everything is outside it
    for root in roots:
        condition |= Q(path__startswith=root)
    return condition


PAGES = SearchType(
    model=Page,
    key="trang",
    label=_("Trang thông tin"),
    public=_pages,
    unit_q=_pages_in_unit,
    url=lambda page, request: page.get_url(request) or "#",
    unit_of=lambda page, sites: sites.for_path(page.path),
    title=lambda page: page.title,
    text=lambda page: f"{page.search_description} {getattr(page, 'search_text', '')}",
    prepare=_with_page_text,
    exclude_models=PAGE_TYPES_OF_THEIR_OWN,
)

NEWS = SearchType(
    model=ArticlePage,
    key="tin-tuc",
    label=_("Tin tức"),
    public=_articles,
    unit_q=_pages_in_unit,
    url=lambda page, request: page.get_url(request) or "#",
    unit_of=lambda page, sites: page.unit or sites.for_path(page.path),
    title=lambda page: page.title,
    text=lambda page: page.summary or page.search_description or plain_text(page.body),
)

LEGAL_DOCUMENTS = SearchType(
    model=LegalDocumentPage,
    key="van-ban",
    label=_("Văn bản"),
    public=_legal_documents,
    unit_q=_pages_in_unit,
    url=lambda page, request: page.get_url(request) or "#",
    unit_of=lambda page, sites: sites.for_path(page.path),
    title=lambda page: f"{page.number} – {page.title}",
    text=lambda page: page.summary,
)

UNITS = SearchType(
    model=Unit,
    key="don-vi",
    label=_("Cơ quan, đơn vị"),
    public=lambda request: Unit.objects.active().select_related("site"),
    unit_q=lambda unit: Q(id__in=_subtree(unit)),
    url=lambda unit, request: _site_url(unit),
    unit_of=lambda unit, sites: unit,
    title=lambda unit: unit.name,
    text=lambda unit: " · ".join(part for part in (unit.address, unit.phone) if part),
)

PEOPLE = SearchType(
    model=Person,
    key="can-bo",
    label=_("Cán bộ, công chức"),
    # Public fields only: Person indexes nothing else and the text below shows nothing else.
    public=lambda request: Person.objects.filter(status=Person.Status.WORKING, unit__in=_active_units()).select_related(
        "unit__site"
    ),
    unit_q=lambda unit: Q(unit__in=_subtree(unit)),
    url=lambda person, request: _site_url(person.unit),
    unit_of=lambda person, sites: person.unit,
    title=lambda person: person.full_name,
    text=lambda person: " · ".join(part for part in (person.position, person.office_phone, person.email) if part),
)

ANSWERS = SearchType(
    model=Case,
    key="hoi-dap",
    label=_("Hỏi đáp, ý kiến cử tri"),
    # Published answers only; the public page shows the question and the answer, nothing personal.
    public=lambda request: Case.objects.published().filter(kind__in=PUBLISHED_KINDS).select_related("agency__site"),
    unit_q=lambda unit: Q(agency__in=_subtree(unit)),
    url=lambda case, request: f"/hoi-dap/{case.code}/",
    unit_of=lambda case, sites: case.agency,
    title=lambda case: case.title,
    text=lambda case: case.answer,
)

BOARDS = SearchType(
    model=Board,
    key="ban-chi-dao",
    label=_("Ban chỉ đạo"),
    public=lambda request: Board.objects.filter(live=True).select_related("standing_unit__site"),
    unit_q=lambda unit: Q(standing_unit__in=_subtree(unit)),
    url=lambda board, request: f"/ban-chi-dao/{board.pk}/",
    unit_of=lambda board, sites: board.standing_unit,
    title=lambda board: board.name,
    text=lambda board: board.decision_number,
)

TYPES: list[SearchType] = [NEWS, PAGES, LEGAL_DOCUMENTS, ANSWERS, BOARDS, UNITS, PEOPLE]


def get_type(key: str | None) -> SearchType | None:
    return next((entry for entry in TYPES if entry.key == key), None)
