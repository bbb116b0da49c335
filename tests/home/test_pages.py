"""Home, content, section and site-map pages; SEO tags; blocks; query budgets."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from home.blocks import AccessibleTableBlock, BodyBlock, CallToActionBlock, ImageBlock
from home.models import HomePageHighlightedAid, SectionPage, SitemapPage

from .conftest import AidePageFactory, ContentPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

RICH_BODY = [
    ("heading", {"text": "Les démarches", "level": "h2"}),
    ("paragraph", "<p>Un paragraphe.</p>"),
    ("callout", {"kind": "warning", "title": "Attention", "text": "<p>Date limite le 30 juin.</p>"}),
    ("accordion", {"title": "FAQ", "items": [{"question": "Qui ?", "answer": "<p>Tout le monde.</p>"}]}),
    (
        "table",
        {
            "caption": "Tarifs",
            "table": {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Public", "Prix"], ["Élève", "Gratuit"]],
            },
        },
    ),
    ("quote", {"quote": "Très utile.", "author": "Léa", "role": "apprentie"}),
    (
        "contact",
        {
            "name": "Service des aides",
            "role": "",
            "email": "aides@example.org",
            "phone": "03 00 00 00 00",
            "address": "",
            "hours": "",
        },
    ),
    ("key_figures", {"title": "En chiffres", "figures": [{"figure": "268", "label": "lycées"}]}),
    ("call_to_action", {"text": "Faire une demande", "page": None, "url": "https://example.org/", "description": ""}),
]


def test_content_page_renders_every_block_with_its_accessible_markup(client, home_page):
    ContentPageFactory(parent=home_page, title="Guide", slug="guide", body=RICH_BODY)
    html = client.get("/guide/").content.decode()
    assert '<h2 class="block-heading">Les démarches</h2>' in html
    assert "<caption>Tarifs</caption>" in html and '<th scope="col">Public</th>' in html
    assert '<details class="accordion__item">' in html and "<summary" in html
    assert "<blockquote>" in html and "mailto:aides@example.org" in html
    assert "268" in html and "Faire une demande" in html


def test_content_page_stays_within_10_queries(client, home_page, django_assert_max_num_queries):
    ContentPageFactory(parent=home_page, title="Guide", slug="guide", body=RICH_BODY)
    client.get("/guide/")
    with django_assert_max_num_queries(10):
        assert client.get("/guide/").status_code == 200


def test_home_page_shows_tiles_highlighted_aids_key_figures_and_latest_news(client, home_page, aid_index, news_index):
    aid = AidePageFactory(parent=aid_index, title="Aide au permis", slug="permis")
    for number in range(5):
        NewsPageFactory(
            parent=news_index,
            title=f"Nouvelle {number}",
            slug=f"nouvelle-{number}",
            date=datetime.date(2026, 10, 1 + number),
        )
    home_page.tiles = [
        ("tile", {"title": "Shareloc", "description": "Salles des lycées", "page": None, "url": "/shareloc/"})
    ]
    home_page.key_figures = [("figure", {"figure": "268", "label": "lycées publics"})]
    home_page.highlighted_aids = [HomePageHighlightedAid(aid=aid, sort_order=0)]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'href="/shareloc/">Shareloc</a>' in html
    assert "Aide au permis" in html and "268" in html
    # The three most recent news items, newest first.
    assert html.index("Nouvelle 4") < html.index("Nouvelle 3") < html.index("Nouvelle 2")
    assert "Nouvelle 1" not in html


def test_a_counted_key_figure_follows_the_aids_published_and_withdrawn(client, home_page, aid_index):
    """The home page's « aides en ligne » is counted at each display (issue 12: a typed 25 went stale)."""
    aids = [AidePageFactory(parent=aid_index, title=f"Aide {n}", slug=f"aide-{n}") for n in range(3)]
    home_page.key_figures = [
        ("figure", {"figure": "268", "label": "lycées publics"}),
        ("live_figure", {"measure": "aids", "label": "aides en ligne"}),
    ]
    home_page.save_revision().publish()

    def shown():
        html = client.get("/").content.decode()
        return html.split('<span class="key-figures__label">aides en ligne')[0].rsplit(">", 2)[-2].split("<")[0]

    assert shown() == "3"
    AidePageFactory(parent=aid_index, title="Aide nouvelle", slug="aide-nouvelle")
    assert shown() == "4"
    aids[0].unpublish()
    assert shown() == "3"
    assert '<span class="key-figures__figure">268</span>' in client.get("/").content.decode()


def test_home_page_stays_within_15_queries(client, home_page, aid_index, news_index, django_assert_max_num_queries):
    aid = AidePageFactory(parent=aid_index, title="Aide", slug="aide")
    for number in range(5):
        NewsPageFactory(parent=news_index, slug=f"nouvelle-{number}")
    home_page.highlighted_aids = [HomePageHighlightedAid(aid=aid, sort_order=0)]
    home_page.key_figures = [
        ("live_figure", {"measure": "aids", "label": "aides en ligne"}),
        ("live_figure", {"measure": "aids", "label": "aides pour tous"}),
        ("live_figure", {"measure": "news", "label": "actualités"}),
    ]
    home_page.save_revision().publish()
    client.get("/")
    with django_assert_max_num_queries(15):
        assert client.get("/").status_code == 200


def test_section_page_lists_its_live_children_as_cards(client, home_page):
    section = home_page.add_child(instance=SectionPage(title="Services", slug="services"))
    section.save_revision().publish()
    ContentPageFactory(parent=section, title="Transports", slug="transports", search_description="Cars et TER")
    draft = ContentPageFactory(parent=section, title="Brouillon", slug="brouillon")
    draft.unpublish()
    html = client.get("/services/").content.decode()
    assert "Transports" in html and "Cars et TER" in html
    assert "Brouillon" not in html


def test_site_map_lists_the_tree_but_not_each_news_item(client, home_page, news_index):
    ContentPageFactory(parent=home_page, title="Mentions légales", slug="mentions-legales")
    NewsPageFactory(parent=news_index, title="Une nouvelle précise", slug="precise")
    sitemap = home_page.add_child(instance=SitemapPage(title="Plan du site", slug="plan-du-site"))
    sitemap.save_revision().publish()
    html = client.get("/plan-du-site/").content.decode()
    assert "Mentions légales" in html and "Actualités" in html
    assert "Une nouvelle précise" not in html


def test_pages_carry_description_canonical_and_open_graph_tags(client, home_page):
    ContentPageFactory(
        parent=home_page,
        title="Guide",
        slug="guide",
        seo_title="Le guide des aides",
        search_description="Tout savoir sur les aides.",
    )
    html = client.get("/guide/").content.decode()
    assert "<title>Le guide des aides | Ma Région Hauts-de-France</title>" in html
    assert '<meta name="description" content="Tout savoir sur les aides.">' in html
    assert '<link rel="canonical" href="http://localhost:8000/guide/">' in html
    assert '<meta property="og:title" content="Le guide des aides">' in html
    assert '<meta property="og:url" content="http://localhost:8000/guide/">' in html
    assert '<meta property="og:type" content="website">' in html


def test_breadcrumbs_name_each_ancestor(client, home_page):
    parent = ContentPageFactory(parent=home_page, title="Services", slug="services")
    ContentPageFactory(parent=parent, title="Transports", slug="transports")
    html = client.get("/services/transports/").content.decode()
    assert 'class="breadcrumbs container"' in html
    assert html.index(">Accueil</a>") < html.index(">Services</a>") < html.index('aria-current="page"')


def test_sitemap_xml_and_robots_txt_list_the_portal_pages(client, home_page):
    ContentPageFactory(parent=home_page, title="Guide", slug="guide")
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://localhost:8000/guide/" in xml
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /admin/" in robots


# --- blocks: accessibility rules are validation rules ---------------------------------------


def test_image_block_needs_alternative_text_unless_decorative():
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean({"image": None, "alt_text": "", "decorative": False, "caption": ""})


def test_heading_levels_may_not_skip_a_level():
    block = BodyBlock()
    value = block.to_python(
        [
            {"type": "heading", "value": {"text": "A", "level": "h2"}},
            {"type": "heading", "value": {"text": "B", "level": "h4"}},
        ]
    )
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)
    fine = block.to_python(
        [
            {"type": "heading", "value": {"text": "A", "level": "h2"}},
            {"type": "heading", "value": {"text": "B", "level": "h3"}},
        ]
    )
    assert len(block.clean(fine)) == 2


def test_table_needs_a_header_row_or_column():
    block = AccessibleTableBlock()
    value = block.to_python(
        {"caption": "T", "table": {"first_row_is_table_header": False, "first_col_is_header": False, "data": [["a"]]}}
    )
    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(value)


def test_call_to_action_needs_a_page_or_an_address():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Go", "page": None, "url": "", "description": ""}))
