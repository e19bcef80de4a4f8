from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from intranet.directory.models import Person


class PublicPerson(Person):
    """A directory person as the public search sees them (App. I).

    This proxy indexes only the
    public fields, so birth date, home address, civil-servant code and ID photo
    never reach the search index, let alone a result. Only people at work are
    indexed (``search.signals`` keeps the index in step with the directory).
    """

    search_fields = [
        index.SearchField("full_name"),
        index.SearchField("position"),
        index.SearchField("position_en"),
        index.SearchField("email"),
        index.AutocompleteField("full_name"),
        index.FilterField("unit"),
        index.FilterField("status"),
    ]

    class Meta:
        proxy = True
        verbose_name = _("cán bộ (tìm kiếm)")
        verbose_name_plural = _("cán bộ (tìm kiếm)")

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.filter(status=Person.Status.WORKING)
