"""Fixtures every app's tests share: the site tree and the demo roles, built by the same code as
load_demo so that tests and demo never drift apart."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from core import page_index
from core.dates import PARIS

# The instant the `clock` fixture sets: a Tuesday of term time, well before any date the tests build.
TEST_NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: menus, taxonomies, rate limits, search vocabulary and the
    directory index markers live there, and a test's database is not the previous test's."""
    cache.clear()
    page_index.forget()  # each process's in-memory page index: a rolled-back test sends no signal
    yield
    cache.clear()
    page_index.forget()


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


@pytest.fixture
def clock():
    """The test's clock, set to TEST_NOW and ticking from there (`clock.move_to(...)`, `clock.shift(...)`).

    Tests build their dates from `clock` (or TEST_NOW), never from the real date, so that they pass
    the same way whatever day they run (CI also runs the suite under faketime in 2027 and 2028).
    Browser tests cannot use it (Chromium keeps the real date: cookies would expire); they build
    dates from the real `now` instead, which faketime moves for both processes."""
    with time_machine.travel(TEST_NOW, tick=True) as traveller:
        yield traveller
