"""Portal test data: small page trees built with factory_boy (tests/conftest.py empties the cache)."""

import datetime

import factory
import pytest


class PageFactory(factory.django.DjangoModelFactory):
    """Builds a page and adds it under `parent` (a Wagtail tree needs add_child), published."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda o: f"page-{o.title.lower().replace(' ', '-')}"[:80])

    @classmethod
    def _create(cls, model_class, parent=None, tags=(), m2m=None, **kwargs):
        page = model_class(**kwargs)
        for name, values in (m2m or {}).items():
            setattr(page, name, values)
        for tag in tags:
            page.tags.add(tag)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class ContentPageFactory(PageFactory):
    class Meta:
        model = "home.ContentPage"

    intro = "Un chapô de test."


class AideIndexPageFactory(PageFactory):
    class Meta:
        model = "home.AideIndexPage"

    title = "Les aides"
    slug = "aides"


class AidePageFactory(PageFactory):
    class Meta:
        model = "home.AidePage"

    title = factory.Sequence(lambda n: f"Aide numéro {n}")
    summary = "Une aide de test pour vérifier le catalogue."
    amount_eur = 100


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = "home.NewsIndexPage"

    title = "Actualités"
    slug = "actualites"


class NewsPageFactory(PageFactory):
    class Meta:
        model = "home.NewsPage"

    title = factory.Sequence(lambda n: f"Nouvelle {n}")
    intro = "Une actualité de test."
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))


@pytest.fixture
def taxonomies(db):
    from home.models import AidAudience, AidTheme, Department

    Department.ensure_all()
    return {
        "apprentis": AidAudience.objects.create(slug="apprentis", name="Apprentis"),
        "etudiants": AidAudience.objects.create(slug="etudiants", name="Étudiants"),
        "transport": AidTheme.objects.create(slug="transport", name="Transport"),
        "logement": AidTheme.objects.create(slug="logement", name="Logement"),
    }


@pytest.fixture
def aid_index(home_page):
    return AideIndexPageFactory(parent=home_page)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)
