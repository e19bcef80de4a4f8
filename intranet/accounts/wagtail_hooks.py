"""Accounts in the Wagtail admin: a password an administrator sets is only a first key."""

from wagtail import hooks

from .models import User


def _mark_password_as_given(user) -> None:
    # Art. 9: personal accounts; the officer replaces a password someone else chose at the
    # first login (the password-age middleware treats an empty date as "change it now").
    User.objects.filter(pk=user.pk).update(password_changed_at=None)


@hooks.register("after_create_user")
def new_accounts_change_their_password_first(request, user):
    if user.has_usable_password():
        _mark_password_as_given(user)


@hooks.register("after_edit_user")
def a_password_reset_by_an_administrator_is_changed_first(request, user):
    # The hook runs only after a valid save; a filled password field means it was set.
    if user.pk != request.user.pk and request.POST.get("password1"):
        _mark_password_as_given(user)
