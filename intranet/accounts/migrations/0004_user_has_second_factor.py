from django.db import migrations, models
from django.db.models import Exists, OuterRef


def from_devices(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    User.objects.update(has_second_factor=Exists(TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_user_manager"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="has_second_factor",
            field=models.BooleanField(default=False, editable=False, verbose_name="đã bật xác thực hai lớp"),
        ),
        migrations.RunPython(from_devices, migrations.RunPython.noop),
    ]
