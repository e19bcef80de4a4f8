import uuid

from django.db import migrations, models


def fill_store_keys(apps, schema_editor):
    Person = apps.get_model("directory", "Person")
    for person in Person.objects.filter(store_key__isnull=True).only("pk"):
        Person.objects.filter(pk=person.pk).update(store_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_unitdirectory_person_event_date_and_more")]

    operations = [
        migrations.RunPython(fill_store_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="store_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
