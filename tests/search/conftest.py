"""Real pages, spaces and directory entries for the search tests, made through the apps' own models."""

import pytest


@pytest.fixture
def make_page(home_page):
    """make_page(model_label, title, parent=None, **fields) -> a live page under the home page."""
    from django.apps import apps

    def make(model_label, title, parent=None, **fields):
        model = apps.get_model(model_label)
        page = model(title=title, **fields)
        (parent or home_page).add_child(instance=page)
        return page

    return make


@pytest.fixture
def make_space(db):
    from shareloc.models import Lycee, Space

    def make(name, description="", lycee_name="Lycée Gambetta", commune="Arras", code=None):
        lycee, _ = Lycee.objects.get_or_create(
            uai="0620001A", defaults={"name": lycee_name, "commune_name": commune, "department": "62"}
        )
        return Space.objects.create(
            lycee=lycee,
            code=code or name[:10].upper().replace(" ", ""),
            name=name,
            kind="gymnasium",
            capacity=50,
            description=description,
        )

    return make


@pytest.fixture
def directory_entry(db):
    """One dispositif of La Belette, the staff-only directory, that the word "permis" finds."""
    belette_models = pytest.importorskip("belette.models")
    unit = belette_models.Unit.objects.create(code="DIR-EMPLOI", name="Direction de l'emploi", kind="direction")
    return belette_models.Dispositif.objects.create(
        code="AIDE-PERMIS",
        name="Aide au permis de conduire confidentielle",
        unit=unit,
        summary="Suivi interne du dispositif d'aide au permis de conduire.",
    )
