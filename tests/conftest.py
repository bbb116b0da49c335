"""Fixtures every app's tests share: the site tree and the demo roles, built by the same code as
load_demo so that tests and demo never drift apart."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: menus, taxonomies, rate limits, search vocabulary and the
    directory index markers live there, and a test's database is not the previous test's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from home.demo import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture
def demo_groups(home_page):
    from home.demo import ensure_groups

    ensure_groups(home_page)


@pytest.fixture
def demo_accounts(demo_groups):
    """The demo role accounts (admin, editeur, moderateur, gestionnaire, association, agent, programme)."""
    from django.contrib.auth import get_user_model

    from home.demo import DEMO_ACCOUNTS, ensure_accounts

    ensure_accounts()
    User = get_user_model()
    return {account.username: User.objects.get(username=account.username) for account in DEMO_ACCOUNTS}
