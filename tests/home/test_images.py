"""Images on the portal: responsive WebP/JPEG renditions, lazy below the fold, decorative heroes, and the demo's
own drawn pictures placed where a portal has them."""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Site

from home.demo_images import PICTURES, attach_demo_images, draw_picture, ensure_pictures
from home.models import AidTheme, SectionPage

from .conftest import AidePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(db):
    return ensure_pictures()["Campagne et champs (illustration)"]


def test_every_demo_scene_draws_a_full_size_jpeg():
    from PIL import Image

    for seed, (scene, _alt) in enumerate(PICTURES.values()):
        image = Image.open(draw_picture(scene, seed))
        assert (image.format, image.size) == ("JPEG", (1600, 900))


def test_the_home_hero_is_a_decorative_responsive_picture_loaded_first(client, home_page, picture):
    home_page.hero_image = picture
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    start = html.index("<picture")
    hero = html[start : html.index("</picture>", start)]
    assert 'type="image/webp"' in hero and "srcset=" in hero and " 1120w" in hero
    assert 'alt=""' in hero and 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero


def test_news_cards_show_their_image_lazily_with_its_text_alternative(client, home_page, news_index, picture):
    NewsPageFactory(parent=news_index, slug="n", image=picture, image_alt="Des champs au printemps")
    html = client.get("/actualites/").content.decode()
    assert 'alt="Des champs au printemps"' in html and 'loading="lazy"' in html and 'type="image/webp"' in html


def test_a_section_shows_its_banner_and_an_aid_its_themes_illustration(client, home_page, aid_index, picture):
    section = home_page.add_child(instance=SectionPage(title="Services", slug="services", hero_image=picture))
    section.save_revision().publish()
    assert 'class="section-hero__image"' in client.get("/services/").content.decode()
    theme = AidTheme.objects.create(slug="transport", name="Transport", image=picture)
    aid = AidePageFactory(parent=aid_index, slug="permis")
    assert "aid-facts__image" not in client.get("/aides/permis/").content.decode()
    aid.themes.add(theme)
    aid.save_revision().publish()
    assert 'class="aid-facts__image"' in client.get("/aides/permis/").content.decode()


def test_the_demo_places_its_pictures_once(home_page, news_index):
    services = home_page.add_child(instance=SectionPage(title="Services", slug="services"))
    services.save_revision().publish()
    item = NewsPageFactory(parent=news_index, slug="n", tags=["Transports"])
    AidTheme.objects.create(slug="formation", name="Formation")
    attach_demo_images(Site.objects.get(is_default_site=True).root_page)
    attach_demo_images(Site.objects.get(is_default_site=True).root_page)
    assert get_image_model().objects.count() == len(PICTURES)
    home_page.refresh_from_db()
    assert home_page.hero_image.title == "Littoral de la Côte d'Opale (illustration)"
    assert SectionPage.objects.get(pk=services.pk).hero_image_id
    item.refresh_from_db()
    assert item.image.title == "Train régional (illustration)" and item.image_alt.startswith("Illustration")
    assert AidTheme.objects.get(slug="formation").image.title == "Études et formation (illustration)"
    assert get_image_model().objects.first().collection.name == "Démonstration"
