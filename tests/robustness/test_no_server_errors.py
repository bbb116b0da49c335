"""Tests that look for the next crash instead of the last one, on the whole demo site (load_demo, once
for the module, rolled back at the end):

- the admin crawler: each demo role follows every admin menu entry and every viewset's listing and
  chooser, and the links of the pages they reach (tests/robustness/crawl.py); no answer may be a 5xx;
- the parameter fuzz: every public list page and API, each of its parameters (page, filters, q) given
  odd values one at a time; no 5xx;
- schemathesis on /api/schema/, anonymous and with a token: no 5xx, and every answer (status, content
  type, body) as the schema documents it.
"""

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils.http import urlencode

from home.demo import DEMO_ACCOUNTS

from .crawl import crawl

pytestmark = pytest.mark.xdist_group("demo_site")  # one worker loads the demo once (make test: --dist loadgroup)

ODD_VALUES = [
    "²",
    "\x00",
    "%00",
    "x" * 10_240,
    "-1",
    "0",
    "99999999999999999999",
    "1e3",
    "été ✓ 漢字 🙂",
    "'\"<>()*:",
    "",
]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the module inside a transaction rolled back after its last test."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", quiet_accounts=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo(demo_site, db):
    from django.contrib.auth import get_user_model

    return {account.username: get_user_model().objects.get(username=account.username) for account in DEMO_ACCOUNTS}


@pytest.mark.parametrize("username", [account.username for account in DEMO_ACCOUNTS])
def test_the_admin_crawler_meets_no_server_error_for_any_demo_role(client, demo, username):
    client.raise_request_exception = False
    client.force_login(demo[username])
    visits = crawl(client, demo[username])
    errors = [(url, status, came_from) for url, status, came_from in visits if status >= 500]
    assert not errors, f"{len(errors)} answers 5xx out of {len(visits)} pages: {errors}"


def public_lists():
    """(path, parameters) of every public list page and API."""
    from home.catalogue import AidFilterSet
    from shareloc.catalogue.filters import SpaceFilter
    from shareloc.catalogue.models import catalogue_path

    aid_filters = list(AidFilterSet.base_filters)
    space_filters = list(SpaceFilter.base_filters)
    return [
        ("/aides/", ["page", *aid_filters]),
        ("/actualites/", ["page", "tag"]),
        ("/recherche/", ["q", "kind", "page"]),
        ("/api/search/", ["q", "kind", "page"]),
        ("/api/search/suggestions/", ["q"]),
        (catalogue_path(), ["page", "page_size", *space_filters]),
        ("/api/shareloc/spaces/", ["page", "page_size", *space_filters]),
        ("/api/shareloc/communes/", ["q"]),
        (f"{catalogue_path()}planning/", ["departement", "commune", "vue", "date", "page"]),
        ("/api/v2/pages/", ["search", "offset", "limit", "type", "child_of", "order", "fields"]),
        ("/api/v2/images/", ["search", "offset", "limit"]),
        ("/api/v2/documents/", ["search", "offset", "limit"]),
    ]


def test_every_public_list_answers_odd_parameters_without_a_server_error(client, demo):
    client.raise_request_exception = False
    errors, requests = [], 0
    for path, parameters in public_lists():
        for name in parameters:
            for value in ODD_VALUES:
                base = {"q": "aide"} if name != "q" and "search" in path else {}
                url = f"{path}?{urlencode({**base, name: value})}"
                status = client.get(url).status_code
                requests += 1
                if status >= 500:
                    errors.append((url[:120], status))
    assert not errors, f"{len(errors)} answers 5xx out of {requests}: {errors}"


@pytest.fixture
def wsgi_app(demo):
    """Django's WSGI application, served in this thread (it sees the demo's open transaction); the
    signals that would close the connection between requests are held off as Django's test client does."""
    from django.core.wsgi import get_wsgi_application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


EXAMPLES_PER_OPERATION = 25


@pytest.mark.parametrize("who", ["anonymous", "token"])
def test_the_api_answers_as_its_schema_says_under_schemathesis(wsgi_app, demo, who):
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from rest_framework.authtoken.models import Token
    from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

    headers, excluded = {}, [positive_data_acceptance]
    # Not checked: that every schema-valid request succeeds (a kind reserved to agents, a page past the
    # end, a commune that does not exist are valid strings and integers, and rightly refused with 400).
    if who == "token":
        token, _created = Token.objects.get_or_create(user=demo["admin"])
        headers = {"Authorization": f"Token {token.key}"}
        # With a valid token sent on purpose, "accepts invalid authentication" cannot be judged.
        excluded.append(ignored_auth)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        def check(case):
            case.call_and_validate(headers=headers, excluded_checks=excluded)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # schemathesis raises a group of failures
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
