"""Layout blocks: each can be put on a page by an editor, renders accessible markup, and refuses what would
make it inaccessible or unsafe (missing alternative, vague link text, a frame from an unknown host)."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError

from home.block_rules import RICH_FEATURES  # noqa: F401 (the rules module is importable on its own)
from home.blocks import BodyBlock
from home.demo_images import ensure_pictures

from .conftest import ContentPageFactory

LAYOUT_BLOCKS = ("hero", "image_text", "cards", "columns", "steps", "tabs", "gallery", "frame")


def every_layout_block(image):
    alt = {"image": image.pk, "alt_text": "Des champs", "decorative": False}
    return [
        (
            "hero",
            {
                "title": "Bienvenue",
                "text": "Le mot d'accueil.",
                "image": image.pk,
                "link": {"text": "Voir les aides", "page": None, "url": "https://example.org/aides"},
            },
        ),
        ("image_text", {"image": alt, "text": "<p>Un texte à côté.</p>", "image_on_right": True}),
        (
            "cards",
            {
                "title": "À découvrir",
                "cards": [
                    {
                        "title": "Carte une",
                        "text": "Texte",
                        "image": image.pk,
                        "image_alt": "Des champs",
                        "image_decorative": False,
                        "page": None,
                        "url": "https://example.org/1",
                    },
                    {
                        "title": "Carte deux",
                        "text": "",
                        "image": None,
                        "image_alt": "",
                        "image_decorative": False,
                        "page": None,
                        "url": "",
                    },
                ],
            },
        ),
        ("columns", {"columns": ["<p>Colonne A</p>", "<p>Colonne B</p>"]}),
        (
            "steps",
            {
                "title": "Comment faire",
                "steps": [
                    {"title": "Créer un compte", "text": "<p>En ligne.</p>"},
                    {"title": "Déposer le dossier", "text": ""},
                ],
            },
        ),
        (
            "tabs",
            {
                "tabs": [
                    {"title": "Lycéens", "content": "<p>Pour les lycéens.</p>"},
                    {"title": "Apprentis", "content": "<p>Pour les apprentis.</p>"},
                ]
            },
        ),
        ("gallery", {"title": "En images", "images": [alt, {**alt, "decorative": True, "alt_text": ""}]}),
        (
            "frame",
            {
                "url": "https://www.openstreetmap.org/export/embed.html?bbox=2.9,50.5,3.2,50.7",
                "title": "Carte de Lille",
                "height": 400,
                "fallback_text": "Ouvrir la carte dans un nouvel onglet",
            },
        ),
    ]


def clean(children):
    block = BodyBlock()
    return block.clean(block.to_python([{"type": kind, "value": value} for kind, value in children]))


@pytest.mark.django_db
def test_a_page_with_every_layout_block_validates_publishes_and_renders(client, home_page):
    image = ensure_pictures()["Lycée (illustration)"]
    children = every_layout_block(image)
    assert {kind for kind, _value in children} == set(LAYOUT_BLOCKS)
    clean(children)
    raw = json.dumps([{"type": kind, "value": value} for kind, value in children])  # as the admin stores it
    ContentPageFactory(parent=home_page, title="Guide", slug="guide", body=raw)
    html = client.get("/guide/").content.decode()
    assert '<h2 class="block-hero__title">Bienvenue</h2>' in html and "Voir les aides</a>" in html
    assert 'class="block-image-text block-image-text--right"' in html and 'alt="Des champs"' in html
    assert (
        "<h2>À découvrir</h2>" in html
        and '<h3 class="card__title"><a href="https://example.org/1">Carte une</a>' in html
    )
    assert 'class="block-columns block-columns--2"' in html
    assert '<ol class="steps">' in html and '<h3 class="steps__title">Créer un compte</h3>' in html
    assert "data-tabs" in html and '<h2 class="block-tabs__title">Apprentis</h2>' in html
    assert html.count('class="gallery__item"') == 2
    assert '<iframe src="https://www.openstreetmap.org/export/embed.html' in html and 'title="Carte de Lille"' in html
    assert html.count("<picture>") >= 4


@pytest.mark.django_db
def test_the_editors_block_menu_offers_every_layout_block(client, home_page, demo_accounts):
    page = ContentPageFactory(parent=home_page, title="Guide", slug="guide")
    client.force_login(demo_accounts["editeur"])
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for label in (
        "Bandeau",
        "Image et texte",
        "Cartes",
        "Colonnes",
        "Étapes",
        "Onglets",
        "Galerie",
        "Carte ou cadre intégré",
    ):
        escaped = json.dumps(label)[1:-1]  # the block definitions are JSON in the page: "\u00c9tapes"
        assert label in html or escaped in html, label


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "http://www.openstreetmap.org/export/embed.html",  # not https
        "https://evil.example.org/map",  # not allow-listed
        "https://www.openstreetmap.org.evil.example/map",  # a look-alike host
        "javascript:alert(1)",
    ],
)
def test_a_frame_only_accepts_https_addresses_of_the_allow_listed_hosts(url):
    with pytest.raises(StreamBlockValidationError):
        clean([("frame", {"url": url, "title": "Carte", "height": 400, "fallback_text": "Ouvrir"})])


@pytest.mark.django_db
def test_images_need_an_alternative_and_links_a_text_that_says_where_they_lead(home_page):
    image = ensure_pictures()["Lycée (illustration)"]
    with pytest.raises(StreamBlockValidationError):
        clean([("gallery", {"title": "", "images": [{"image": image.pk, "alt_text": "", "decorative": False}] * 2})])
    with pytest.raises(StreamBlockValidationError) as error:
        clean(
            [
                (
                    "hero",
                    {
                        "title": "T",
                        "text": "",
                        "image": None,
                        "link": {"text": "Cliquez ici", "page": None, "url": "https://example.org/"},
                    },
                )
            ]
        )
    assert "cliquez ici" in str(error.value.block_errors[0].as_json_data())


def test_layout_blocks_titles_count_in_the_heading_order():
    # Untitled cards are h2s, fine right after the page title; steps are an h2 then h3s, so an h4 may follow.
    card = {
        "title": "A",
        "text": "",
        "image": None,
        "image_alt": "",
        "image_decorative": False,
        "page": None,
        "url": "",
    }
    clean([("cards", {"title": "", "cards": [card]})])
    clean(
        [
            ("steps", {"title": "S", "steps": [{"title": "1", "text": ""}, {"title": "2", "text": ""}]}),
            ("paragraph", "<h4>Détail</h4>"),
        ]
    )
    with pytest.raises(StreamBlockValidationError):
        clean([("columns", {"columns": ["<h4>Trop bas</h4>", "<p>B</p>"]})])
    with pytest.raises(ValidationError):
        clean([("tabs", {"tabs": [{"title": "A", "content": "<p>a</p>"}]})])  # at least two tabs


@pytest.mark.django_db
def test_another_sites_map_loads_only_when_the_visitor_asks(client, home_page):
    frame = {
        "url": "https://www.openstreetmap.org/export/embed.html?bbox=3.0,50.6,3.1,50.7",
        "title": "Carte de Lille",
        "height": 400,
        "fallback_text": "Ouvrir la carte",
    }
    raw = json.dumps([{"type": "frame", "value": frame}])
    ContentPageFactory(parent=home_page, title="Plan", slug="plan", body=raw)
    html = client.get("/plan/").content.decode()
    # The iframe is only in the <template> the "Afficher la carte" button puts in place (site/static/js).
    outside_templates = re.sub(r"<template>.*?</template>", "", html, flags=re.S)
    assert "<iframe" in html and "<iframe" not in outside_templates
    assert "hébergé par www.openstreetmap.org, qui peut déposer des cookies" in html
    assert "Afficher la carte" in outside_templates
    assert 'href="https://www.openstreetmap.org/export' in outside_templates


@pytest.fixture
def calendar_pdf(db):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(
        title="Calendrier scolaire", file=ContentFile(b"%PDF-1.4\n" + b"0" * 2039, name="calendrier.pdf")
    )


@pytest.mark.django_db
def test_a_downloadable_document_says_its_type_and_size_in_its_link(client, home_page, calendar_pdf):
    raw = json.dumps(
        [
            {"type": "document", "value": {"document": calendar_pdf.pk, "title": ""}},
            {"type": "document", "value": {"document": calendar_pdf.pk, "title": "Le calendrier 2027"}},
        ]
    )
    ContentPageFactory(parent=home_page, title="Rentrée", slug="rentree", body=raw)
    html = " ".join(client.get("/rentree/").content.decode().split())  # also turns no-break spaces into spaces
    link = re.findall(r'<a href="([^"]+)" download>(.*?)</a>', html)
    assert [re.sub(r"<[^>]+>", "", text) for _href, text in link] == [
        "Calendrier scolaire – PDF, 2,0 Kio",
        "Le calendrier 2027 – PDF, 2,0 Kio",
    ]
    assert link[0][0] == calendar_pdf.url


@pytest.mark.django_db
def test_a_document_link_text_must_say_what_the_document_is(calendar_pdf):
    with pytest.raises(StreamBlockValidationError):
        clean([("document", {"document": calendar_pdf.pk, "title": "Cliquez ici"})])
    clean([("document", {"document": calendar_pdf.pk, "title": "Le calendrier 2027"})])


@pytest.mark.django_db
def test_another_sites_video_loads_only_when_the_visitor_asks(client, home_page):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    url = "https://www.youtube.com/watch?v=exemple"
    # The embed as Wagtail keeps it after asking YouTube (no network in tests).
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/exemple" title="La rentrée"></iframe>',
        provider_name="YouTube",
    )
    video = {"video": url, "title": "La rentrée en vidéo", "transcript": "<p>On entre dans le lycée.</p>"}
    body = json.dumps([{"type": "video", "value": video}])
    ContentPageFactory(parent=home_page, title="Vidéo", slug="video", body=body)
    html = client.get("/video/").content.decode()
    outside_templates = re.sub(r"<template>.*?</template>", "", html, flags=re.S)
    assert "youtube.com/embed/exemple" in html and "<iframe" not in outside_templates
    assert "hébergé par www.youtube.com" in outside_templates and "Afficher la vidéo" in outside_templates
    assert f'<a href="{url}" rel="noopener" target="_blank">Voir la vidéo sur son site' in outside_templates
    assert "On entre dans le lycée." in outside_templates  # the transcript needs no click
