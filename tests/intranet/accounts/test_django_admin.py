"""Accounts and /django-admin/: passwords are given only where they are marked "change at first login"."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from tests.factories.accounts import enrol_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(username="sieuquantri", is_staff=True, is_superuser=True)


def test_accounts_are_not_created_or_given_passwords_in_the_django_admin(client, superuser):
    # Accounts are managed in the Wagtail admin, whose hooks mark a password an administrator
    # gives as "change it at the first login" (wagtail_hooks.py). Registering the User model in
    # the Django admin would need the same marking on its add and password forms.
    colleague = UserFactory()
    client.force_login(superuser)
    assert "/django-admin/accounts/" not in client.get("/django-admin/").content.decode()
    assert client.get("/django-admin/accounts/user/add/").status_code == 404
    assert client.get(f"/django-admin/accounts/user/{colleague.pk}/password/").status_code == 404


def test_a_device_removed_in_the_django_admin_no_longer_asks_for_a_code(client, superuser):
    colleague = UserFactory()
    device = enrol_second_factor(colleague)
    colleague.refresh_from_db()
    assert colleague.has_second_factor
    client.force_login(superuser)
    response = client.post(f"/django-admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    colleague.refresh_from_db()
    assert not colleague.has_second_factor
    client.force_login(colleague)
    assert client.get("/ban-lam-viec/").status_code == 200
