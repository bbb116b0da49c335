"""A small directory that exercises every search case, built with factory_boy, and the role clients."""

from pathlib import Path

import pytest

from core import roles

from .factories import build_directory

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample" / "belette"


@pytest.fixture
def directory(db):
    return build_directory()


@pytest.fixture
def staff_user(demo_accounts):
    """The demo agent, in the staff group, with the directory's roles synced from core/roles.py."""
    for role in (roles.STAFF, roles.DIRECTORY_REFERENT):
        roles.sync_role(role)
    return demo_accounts["agent"]


@pytest.fixture
def referent_user(staff_user, django_user_model):
    user = django_user_model.objects.create_user(
        "referent", "referent@hautsdefrance.fr", "x", first_name="Rémi", last_name="Référent"
    )
    user.groups.add(roles.group_for(roles.DIRECTORY_REFERENT))
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def referent_client(client, referent_user):
    client.force_login(referent_user)
    return client
