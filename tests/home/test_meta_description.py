"""Every page has a description for search engines and link previews: the one the editor wrote, or else
the page's own summary or standfirst (an aid imported by import_aids has no search description; Lighthouse
held the aid page to an SEO score of 92 for it)."""

import re

import pytest

from .conftest import AidePageFactory, ContentPageFactory

pytestmark = pytest.mark.django_db


def descriptions(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return (
        re.findall(r'<meta name="description" content="([^"]*)">', html),
        re.findall(r'<meta property="og:description" content="([^"]*)">', html),
    )


def test_an_aid_without_a_search_description_is_described_by_its_summary(client, aid_index):
    AidePageFactory(
        parent=aid_index,
        title="Aide au permis",
        slug="permis",
        summary="Jusqu'à 1 000 € pour le permis B.",
        search_description="",
    )
    assert descriptions(client, "/aides/permis/") == (
        ["Jusqu&#x27;à 1 000 € pour le permis B."],
        ["Jusqu&#x27;à 1 000 € pour le permis B."],
    )


def test_the_editors_search_description_comes_first(client, aid_index):
    AidePageFactory(
        parent=aid_index,
        title="Aide au permis",
        slug="permis",
        summary="Le résumé.",
        search_description="Ce que l'éditeur a écrit pour les moteurs.",
    )
    assert descriptions(client, "/aides/permis/")[0] == ["Ce que l&#x27;éditeur a écrit pour les moteurs."]


def test_a_long_standfirst_is_cut_to_what_search_engines_show(client, home_page):
    ContentPageFactory(parent=home_page, title="Page longue", slug="longue", intro="mot " * 100, search_description="")
    (description,), _og = descriptions(client, "/longue/")
    assert len(description) <= 160 and description.endswith("…")
