"""PostgreSQL: a GIN index on the expression the search condition uses, ``title || body``.

Wagtail indexes ``title`` and ``body`` apart, but matches their concatenation (a query's
words may sit in either), which no index covered: every search read every index row.
Nothing to do on SQLite (FTS5 has its own index).
"""

from django.db import migrations

INDEX = "portal_search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_remove_public_person_proxy"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
