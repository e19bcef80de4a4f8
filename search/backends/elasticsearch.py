"""Production search on an Elasticsearch 8 cluster (ELASTICSEARCH_URL)."""

from wagtail.search.backends.elasticsearch8 import SearchBackend  # noqa: F401
