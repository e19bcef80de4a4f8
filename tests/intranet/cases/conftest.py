import pytest

from tests.factories.cases import case_world


@pytest.fixture
def world(db):
    return case_world()


@pytest.fixture
def as_user(client):
    """Switch the test client to ``user`` (portal host) and return it."""

    def switch(user):
        client.force_login(user)
        return client

    return switch
