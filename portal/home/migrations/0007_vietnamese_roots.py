"""The page tree's and the collections' roots, which Wagtail's migrations name "Root", are named
in Vietnamese: officers read them in the admin's breadcrumbs, choosers and image folders."""

from django.db import migrations

ROOT = "Gốc"


def rename(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(title=ROOT, draft_title=ROOT)
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name="Root").update(name=ROOT)


def restore(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT).update(title="Root", draft_title="Root")
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=ROOT).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_page_visits"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, restore)]
