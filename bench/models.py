"""A bench-only article: installed by ``bench.settings`` alone, never by the portal.

No news article model exists on this branch yet; search cost depends on the
index rows, not on the model, so a plain indexed model with a title and a body
measures the same thing without 100,000 Wagtail pages.
"""

from django.db import models
from wagtail.search import index


class BenchArticle(index.Indexed, models.Model):
    title = models.CharField(max_length=255)
    body = models.TextField()

    search_fields = [index.SearchField("title", boost=2), index.SearchField("body")]

    class Meta:
        app_label = "bench"

    def __str__(self):
        return self.title
