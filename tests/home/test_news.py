"""News: tag filter, pagination, RSS and Atom feeds, bad parameters."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Site

from .conftest import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(news_index):
    items = []
    for number in range(12):
        items.append(
            NewsPageFactory(
                parent=news_index,
                title=f"Nouvelle {number:02}",
                slug=f"nouvelle-{number}",
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
                tags=["Transports"] if number % 3 == 0 else ["Lycées"],
            )
        )
    return items


def test_news_list_is_paginated_newest_first(client, news):
    first = client.get("/actualites/")
    titles = [item.title for item in first.context["news_page"].object_list]
    assert titles[0] == "Nouvelle 11" and len(titles) == 10
    second = client.get("/actualites/?page=2")
    assert [item.title for item in second.context["news_page"].object_list] == ["Nouvelle 01", "Nouvelle 00"]


def test_tag_filter_keeps_only_that_tag_and_is_kept_in_pagination_links(client, news):
    response = client.get("/actualites/?tag=transports")
    titles = [item.title for item in response.context["news_page"].object_list]
    assert titles == ["Nouvelle 09", "Nouvelle 06", "Nouvelle 03", "Nouvelle 00"]
    assert "Actualités : Transports" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("tag=inconnue", 404),
        ("tag=", 404),
        ("page=abc", 400),
        ("page=0", 400),
        ("page=99", 404),
        ("page=1e3", 400),
    ],
)
def test_bad_news_parameters_answer_400_or_404(client, news, query, status):
    assert client.get(f"/actualites/?{query}").status_code == status


def test_rss_feed_lists_the_latest_news_with_their_tags(client, news):
    response = client.get("/actualites/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert len(items) == 12
    assert items[0].findtext("title") == "Nouvelle 11"
    assert items[0].findtext("link").endswith("/actualites/nouvelle-11/")
    assert [c.text for c in items[0].findall("category")] == ["Lycées"]


def test_atom_feed_can_be_narrowed_to_a_tag(client, news):
    response = client.get("/actualites/atom/?tag=transports")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 4


def test_malformed_feed_parameters_answer_404(client, news):
    assert client.get("/actualites/rss/?tag=%00%ff").status_code == 404
    assert client.get("/actualites/atom/?tag=nope").status_code == 404


def test_news_page_shows_date_tags_and_is_an_open_graph_article(client, news):
    html = client.get("/actualites/nouvelle-0/").content.decode()
    assert '<time datetime="2026-01-01">' in html
    assert "?tag=transports" in html
    assert '<meta property="og:type" content="article">' in html


def test_news_list_stays_within_12_queries(client, news, django_assert_max_num_queries):
    client.get("/actualites/")
    with django_assert_max_num_queries(12):
        assert client.get("/actualites/").status_code == 200


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_has_every_element_rfc_4287_requires_with_an_author(client, news):
    Site.objects.update(site_name="Région de test")
    root = ET.fromstring(client.get("/actualites/atom/").content)
    assert root.tag == f"{ATOM}feed"
    # RFC 4287 §4.1.1: a feed has exactly one id, title and updated, and an author unless every entry has one.
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
        assert root.findtext(f"{ATOM}{name}").strip(), name
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Région de test"
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        # §4.1.2: an entry has one id, title and updated, an alternate link (it has no content) and a summary.
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
            assert entry.findtext(f"{ATOM}{name}").strip(), name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Région de test"
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)


def test_rss_feed_has_every_element_rss_2_requires(client, news):
    root = ET.fromstring(client.get("/actualites/rss/").content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channels = root.findall("channel")
    assert len(channels) == 1
    channel = channels[0]
    # RSS 2.0: a channel has title, link and description; an item has a title or a description.
    for name in ("title", "link", "description"):
        assert channel.findtext(name).strip(), name
    assert channel.findtext("link").startswith("http")
    for item in channel.findall("item"):
        assert (item.findtext("title") or item.findtext("description") or "").strip()
        assert item.findtext("link").startswith("http")
        assert item.findtext("guid").strip()
        assert item.findtext("pubDate").strip()
