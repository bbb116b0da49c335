"""Data cached across requests (the page chrome, the Shareloc catalogue path) lives in Django's shared
cache under a version any process bumps: an edit made in the shell or by cron shows in every web worker
at its next request. The other process here is a real one (a subprocess on the same cache directory)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

ROOT = Path(__file__).resolve().parents[2]

OTHER_PROCESS = """
import django
django.setup()
from django.conf import settings
from home.chrome import forget_chrome
from shareloc.catalogue.models import forget_catalogue_path
print(settings.CACHES["default"]["BACKEND"])
forget_chrome()
forget_catalogue_path()
"""


def run_other_process(cache_dir):
    """A separate Python process on the default settings (no Redis) and this test's cache directory."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="maregion.settings.dev", CACHE_DIR=str(cache_dir))
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture
def shared_cache(tmp_path):
    location = tmp_path / "cache"
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": str(location)}}):
        yield location


def test_without_redis_the_default_cache_is_shared_by_every_process_not_per_process_memory(shared_cache):
    assert run_other_process(shared_cache) == "django.core.cache.backends.filebased.FileBasedCache"


def test_a_catalogue_path_change_signalled_in_another_process_is_seen_here(db, shared_cache, django_assert_num_queries):
    from shareloc.catalogue.models import catalogue_path

    assert catalogue_path() == "/shareloc/"
    with django_assert_num_queries(0):
        assert catalogue_path() == "/shareloc/"  # from the shared cache
    run_other_process(shared_cache)
    with django_assert_num_queries(1):
        catalogue_path()  # the other process bumped the version: read again


def test_a_menu_or_banner_change_signalled_in_another_process_rebuilds_the_chrome_here(
    home_page, shared_cache, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from home.chrome import site_chrome

    site = Site.objects.get(is_default_site=True)
    site_chrome(RequestFactory().get("/"), site)
    with django_assert_num_queries(0):
        site_chrome(RequestFactory().get("/"), site)
    run_other_process(shared_cache)
    with CaptureQueriesContext(connection) as queries:
        site_chrome(RequestFactory().get("/"), site)
    assert len(queries) > 0  # the other process bumped the version: built again


def test_saving_the_site_identity_shows_the_new_banner_on_the_next_request(home_page, shared_cache):
    from wagtail.models import Site

    from home.chrome import site_chrome
    from home.models.site_settings import SiteIdentity

    site = Site.objects.get(is_default_site=True)
    assert not site_chrome(RequestFactory().get("/"), site)["identity"]["alert"]["message"]
    identity = SiteIdentity.for_site(site)
    identity.alert_message = "Fermeture exceptionnelle"
    identity.save()
    assert site_chrome(RequestFactory().get("/"), site)["identity"]["alert"]["message"] == "Fermeture exceptionnelle"
