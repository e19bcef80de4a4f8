"""Saving many objects in one go (the demo, a province import): index each once, in bulk, at the end.

Wagtail's search indexes an object on every save, and a page is saved several times on its way
to being published (created, revised, published). Inside ``indexed_in_bulk()`` saves are only
noted; when the block ends normally every noted object still there is indexed once, with the
backend's bulk insert. If the block fails nothing is indexed (its transaction is rolled back).
Deletions inside the block are removed from the index at once, as usual.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler

BULK_SIZE = 500


@contextmanager
def indexed_in_bulk() -> Iterator[None]:
    pending: dict[type, set] = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            pending[type(instance)].add(instance.pk)

    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(note, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    _index(pending)


def _index(pending: dict[type, set]) -> None:
    by_class: dict[type, list] = defaultdict(list)
    for model, pks in pending.items():
        for obj in model.get_indexed_objects().filter(pk__in=pks):
            # A page saved as its base class is indexed as its specific page, as on a single save.
            indexed = obj.get_indexed_instance()
            if indexed is not None:
                by_class[type(indexed)].append(indexed)
    for backend in get_search_backends(with_auto_update=True):
        for model, objs in by_class.items():
            unique = list({obj.pk: obj for obj in objs}.values())
            for start in range(0, len(unique), BULK_SIZE):
                backend.add_bulk(model, unique[start : start + BULK_SIZE])
