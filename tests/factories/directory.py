import datetime as dt

import factory

from intranet.directory.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Trần Văn Thử {n}")
    birth_date = dt.date(1985, 6, 15)
    gender = Person.Gender.MALE
    home_address = "12 Lê Lợi, Huế"
    office_phone = "0234 3822 000"
    email = factory.Sequence(lambda n: f"canbo{n}@hue.gov.vn")
    civil_servant_code = factory.Sequence(lambda n: f"CC{n:05d}")
    position = "Chuyên viên"


def person_form_data(person: Person, **changes) -> dict:
    """What the Wagtail admin's person form posts, from a person (saved or not)."""
    data = {
        "unit": str(person.unit_id or person.unit.pk),
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "hide_birthday": "",
        "office_phone": person.office_phone,
        "mobile_phone": person.mobile_phone,
        "fax": person.fax,
        "email": person.email,
        "home_address": person.home_address,
        "position": person.position,
        "position_en": person.position_en,
        "duties": person.duties,
        "civil_servant_code": person.civil_servant_code,
        "id_photo": "",
        "sort_order": str(person.sort_order),
        "event_date": (person.event_date or dt.date(2026, 11, 20)).isoformat(),
    }
    data.update({key: str(value) for key, value in changes.items()})
    return data
