"""Another process's page index sees a page changed by code without a publication: a live page saved from
the shell, a revision published, a move into a private section, an unpublication, a deletion. Each process
compares the index's stamp (the version the signals bump in the shared cache, plus one query over the
tables) with the one its copy was built at; the real second process below edits the database and the
shared cache while this one keeps its copy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from wagtail.models import PageViewRestriction

from core import page_index

ROOT = Path(__file__).resolve().parents[2]


def found(query):
    return [pk for pk, _ct, _score in page_index.current_index().ranked(query)]


@pytest.fixture
def pages(make_page):
    return {
        "velo": make_page("home.ContentPage", "Vélo en ville", intro="Pistes cyclables."),
        "section": make_page("home.ContentPage", "Espace agents", intro="Réservé."),
    }


def changes_stamp(change):
    before = page_index._stamp()
    change()
    return page_index._stamp() != before


@pytest.mark.django_db
class TestTheStampCoversChangesMadeWithoutPublication:
    def test_a_live_page_saved_by_code(self, pages):
        page = pages["velo"]
        page.title = "Trottinette en ville"
        assert changes_stamp(page.save)

    def test_a_move_into_a_private_section(self, pages):
        PageViewRestriction.objects.create(page=pages["section"], restriction_type=PageViewRestriction.LOGIN)
        assert changes_stamp(lambda: pages["velo"].move(pages["section"], pos="last-child"))

    def test_an_unpublication(self, pages):
        assert changes_stamp(pages["velo"].unpublish)

    def test_a_deletion(self, pages):
        assert changes_stamp(pages["velo"].delete)

    def test_a_revision_published_from_the_shell(self, pages):
        page = pages["velo"]
        page.title = "Vélo à assistance électrique"
        revision = page.save_revision()
        assert changes_stamp(revision.publish)

    def test_and_this_process_answers_with_the_change(self, pages):
        assert found("velo") == [pages["velo"].pk]
        pages["velo"].move(pages["section"], pos="last-child")
        PageViewRestriction.objects.create(page=pages["section"], restriction_type=PageViewRestriction.LOGIN)
        assert found("velo") == []


OTHER_PROCESS = """
import django
django.setup()
from wagtail.models import Page
page = Page.objects.get(pk={pk}).specific
page.title = "Trottinette en ville"
page.save()  # no revision, no publication: only the page row and the signals
print("saved")
"""


@pytest.mark.django_db(transaction=True)
def test_a_page_saved_in_another_process_is_found_here_at_the_next_search(pages, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the SQLite test database lives in this process's memory")
    database = connection.settings_dict
    location = tmp_path / "cache"
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    with override_settings(
        CACHES={"default": {"BACKEND": backend, "LOCATION": str(location)}}, SEARCH_INDEX_CHECK_SECONDS=0
    ):
        page_index.forget()
        assert found("trottinette") == []
        assert found("velo") == [pages["velo"].pk]
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="maregion.settings.dev",
            CACHE_DIR=str(location),
            DATABASE_URL=f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}",
        )
        done = subprocess.run(
            [sys.executable, "-c", OTHER_PROCESS.format(pk=pages["velo"].pk)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert found("trottinette") == [pages["velo"].pk]
        assert found("velo") == []
