import datetime as dt

import factory

from intranet.boards.models import Board, BoardMember
from intranet.speeches.models import Speech

EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Ban Chỉ đạo thử nghiệm số {n}")
    decision_number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    decision_date = dt.date(2026, 11, 20)
    functions = "<p>Chỉ đạo, điều phối.</p>"
    live = True


class BoardMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMember

    role = "Thành viên"


class SpeechFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speech

    title = factory.Sequence(lambda n: f"Phát biểu tại hội nghị số {n}")
    date = dt.date(2026, 11, 20)
    text = "<p>Kính thưa các đồng chí…</p>"
    live = True


def board_form_data(*, name, decision_number, standing_unit, members=(), action="action-publish") -> dict:
    """What the Wagtail admin's board form posts; ``members`` are (person, role) pairs."""
    data = {
        "kind": "steering",
        "name": name,
        "standing_unit": str(standing_unit.pk),
        "decision_number": decision_number,
        "decision_date": "2026-11-20",
        "founding_decision": "",
        "functions": EMPTY_RICH_TEXT,
        "assignments": EMPTY_RICH_TEXT,
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        action: action,
    }
    for i, (person, role) in enumerate(members):
        data.update({f"members-{i}-person": str(person.pk), f"members-{i}-role": role, f"members-{i}-duty": "", f"members-{i}-ORDER": str(i + 1), f"members-{i}-id": "", f"members-{i}-DELETE": ""})
    return data
