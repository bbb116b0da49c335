"""A kind lives as long as the process; content type ids do not (a flushed test database, a restored dump
renumbers them). Which kind a page belongs to is read afresh, never kept from the first search."""

import pytest
from django.contrib.contenttypes.models import ContentType

from home.models import AidePage, NewsPage
from search.kinds import registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_content_types():
    """The test's renumbering is rolled back with its transaction; Django's cache of content types is not."""
    yield
    ContentType.objects.clear_cache()


def test_page_kinds_follow_renumbered_content_types():
    aids, others = registry.get("aids"), registry.get("pages")
    old = ContentType.objects.get_for_model(AidePage)
    old_id = old.pk
    assert aids.accepts(old_id) and not others.accepts(old_id)
    # The table is rebuilt: the aid pages' type comes back under another id.
    old.delete()
    ContentType.objects.clear_cache()
    renumbered = ContentType.objects.get_for_model(AidePage)
    assert renumbered.pk != old_id
    assert aids.accepts(renumbered.pk) and not others.accepts(renumbered.pk)
    news = ContentType.objects.get_for_model(NewsPage)
    assert not aids.accepts(news.pk)
