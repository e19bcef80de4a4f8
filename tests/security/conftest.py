from types import SimpleNamespace

import pytest

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import PersonFactory, UserFactory, province, unit_with_site
from tests.factories.boards import BoardFactory, SpeechFactory
from tests.factories.news import article


@pytest.fixture
def two_units(db):
    """Phú Xuân (whose things are at stake) and Sở Tư pháp (the hostile colleagues)."""
    return build_two_units()


def build_two_units(marker: str = "") -> SimpleNamespace:
    """The world of ``two_units``; ``marker`` goes into Phú Xuân's private data (the matrix looks for it)."""
    tinh = province()
    phuxuan = unit_with_site(tinh, code="phuxuan", name="Phường Phú Xuân", kind="ward")
    stp = unit_with_site(tinh, code="stp", name="Sở Tư pháp")
    users = SimpleNamespace(
        px_board=UserFactory(username="bbt_phuxuan"),
        stp_board=UserFactory(username="bbt_stp"),
        stp_leader=UserFactory(username="lanhdao_stp"),
        stp_specialist=UserFactory(username="cv_stp"),
    )
    grant_role(users.px_board, phuxuan, Role.UNIT_BOARD)
    grant_role(users.stp_board, stp, Role.UNIT_BOARD)
    grant_role(users.stp_leader, stp, Role.LEADER, is_head=True)
    grant_role(users.stp_specialist, stp, Role.SPECIALIST)
    officer = PersonFactory(unit=phuxuan, full_name="Hồ Thị Riêng Tư", home_address=f"99 Đường Cũ Bí Mật {marker}".strip())
    officer.save_revision(user=users.px_board)
    officer.home_address = f"77 Đường Mới Bí Mật {marker}".strip()
    officer.save()
    officer.save_revision(user=users.px_board)
    speech = SpeechFactory(unit=phuxuan, owner=users.px_board, title="Phát biểu Phú Xuân")
    speech.save_revision(user=users.px_board)
    board = BoardFactory(standing_unit=phuxuan, name="Ban Chỉ đạo Phú Xuân")
    board.save_revision(user=users.px_board)
    draft = SpeechFactory(unit=phuxuan, owner=users.px_board, title=f"Dự thảo riêng Phú Xuân {marker}".strip(), live=False)
    draft.save_revision(user=users.px_board)
    secret = article(phuxuan, f"Kế hoạch mật Phú Xuân {marker}".strip(), live=False, is_secret=True, slug="ke-hoach-mat")
    stp_news = article(stp, "Tin Sở Tư pháp", slug="tin-stp")
    return SimpleNamespace(
        tinh=tinh, phuxuan=phuxuan, stp=stp, users=users, officer=officer, speech=speech, board=board, draft=draft, secret=secret, stp_news=stp_news
    )
