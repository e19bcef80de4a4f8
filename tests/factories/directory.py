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
