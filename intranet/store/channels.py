"""The store's channels (Huế Art. 6.4): what each one carries and which of its fields the public may see.

Personal data (birth date, home address, civil-servant code, ID photo, mobile
phone) is kept in the store for officers but never leaves it anonymously.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Channel:
    name: str
    label: str
    public_fields: tuple[str, ...]
    # What officers see besides the public fields; ``personal_fields`` only those entitled to them
    # (``permissions.can_see_personal_data``). Together they are the record's whole shape.
    officer_fields: tuple[str, ...] = ()
    personal_fields: tuple[str, ...] = ()


CHANNELS: dict[str, Channel] = {
    channel.name: channel
    for channel in [
        Channel(
            "units",
            _("Đơn vị"),
            ("code", "name", "short_name", "name_en", "kind", "parent", "address", "phone", "fax", "email", "website", "status"),
            officer_fields=("successor",),
        ),
        Channel(
            "people",
            _("Cán bộ"),
            ("full_name", "full_name_en", "position", "position_en", "office_phone", "email", "unit", "unit_name", "status"),
            officer_fields=("gender", "fax", "duties"),
            personal_fields=("birth_date", "home_address", "mobile_phone", "civil_servant_code"),
        ),
        Channel(
            "boards",
            _("Ban chỉ đạo"),
            ("name", "kind", "functions", "decision_number", "decision_date", "standing_unit", "members", "assignments", "documents", "unit"),
        ),
        Channel("speeches", _("Bài viết, bài phát biểu"), ("title", "kind", "date", "event", "text", "author_name", "unit", "attachment_url")),
    ]
}


def public_view(channel: str, payload: dict) -> dict:
    fields = CHANNELS[channel].public_fields
    return {key: payload[key] for key in fields if key in payload}
