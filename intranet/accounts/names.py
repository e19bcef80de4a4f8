"""The one place that writes a person's name.

Vietnamese order: family and middle names first, the given name last ("Tôn Thất Long").
Accounts keep the family (and middle) names in ``last_name`` and the given name in
``first_name``; the directory keeps a person's full name in one field, already in this order.
Every screen, printed form, picker and mail names people through these functions.
"""


def format_name(family: str, given: str) -> str:
    """``format_name("Tôn Thất", "Long") == "Tôn Thất Long"``; blanks and extra spaces dropped."""
    return " ".join(part for part in (" ".join((family or "").split()), " ".join((given or "").split())) if part)


def split_name(full_name: str) -> tuple[str, str]:
    """The reverse of ``format_name``: ("Tôn Thất", "Long") — the given name is the last word."""
    family, _sep, given = " ".join((full_name or "").split()).rpartition(" ")
    return family, given


def display_name(user) -> str:
    """A user's full name, or the login name when the account has no name; "" for nobody."""
    if user is None or not getattr(user, "is_authenticated", True):
        return ""
    return format_name(user.last_name, user.first_name) or user.get_username()


def picker_label(user) -> str:
    """How a picker shows a person: "Tôn Thất Long – Chuyên viên – Phường Phú Xuân".

    Position and unit come from the person's directory record, else from the account's first
    role; pickers load ``person__unit`` and ``memberships__unit`` with the users (no query per option).
    """
    if user is None:
        return ""
    person = getattr(user, "person", None)  # no directory record: RelatedObjectDoesNotExist is an AttributeError
    position = unit = ""
    if person is not None:
        position, unit = person.position, person.unit.short_name or person.unit.name
    if not (position and unit):
        memberships = list(user.memberships.all())
        if memberships:
            first = memberships[0]
            position = position or first.get_role_display()
            unit = unit or first.unit.short_name or first.unit.name
    return " – ".join(part for part in (display_name(user), str(position), unit) if part)

