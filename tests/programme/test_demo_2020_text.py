"""The 2020 edition as its founding documents tell it, checked on the pages' text: the calendar, the
funnel, the six outcomes and the means; what the documents do not say is labelled "exemple de
démonstration" (and only in the demo)."""

import html
import io
import re

import pytest
from django.core.management.base import BaseCommand
from django.utils.html import strip_tags

from programme import demo
from programme.models import JurySession, SelectionDecision

pytestmark = pytest.mark.django_db

LABEL = "exemple de démonstration"


@pytest.fixture
def loaded(demo_accounts):
    demo.load(BaseCommand(stdout=io.StringIO()))


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(strip_tags(response.content.decode())))


def test_the_programme_page_states_the_calendar_the_funnel_and_the_means(loaded, client):
    page = text(client, "/programme/")
    for fact in (
        "Fin 2019 : Préparation du programme",
        "Début 2020 : Appel à candidatures et présélection : 19 candidatures, 9 projets présélectionnés",
        "6 projets retenus sur 9 présélectionnés",
        "D'avril à juillet 2020 : Trois mois de pré-incubation des 6 projets, pendant lesquels les équipes mènent "
        "l'investigation",
        "7 juillet 2020 : Jury : la suite de chaque projet",
        "Été 2020 : Création de l'incubateur interne",
        "Septembre 2020 : Démarrage des projets",
        "un chef de programme de catégorie A",
        "40 000 € pour le partenariat avec beta.gouv.fr",
        "50 000 à 100 000 € pour six mois par projet en mode startup de territoire",
        "des coûts internes pour la startup interne",
        "de nouveaux appels sont à venir",
        "DINUM",
        "réseau d'ambassadeurs et d'experts",
    ):
        assert fact in page, fact
    assert "trois mois de pré-incubation" in page.lower()
    assert "quatre mois" not in page and "temps plein" not in page


def test_the_six_outcomes_as_written_and_la_belette_follows_beta_gouv_fr(loaded, client):
    outcomes = {
        "tout-est-permis": "Suite en mode startup de territoire, avec beta.gouv.fr",
        "la-belette": "Suite en startup interne, selon la démarche de beta.gouv.fr",
        "ma-region": "Suite dans l'incubateur interne, à créer à l'été 2020.",
        "shareloc": "Investigation prolongée.",
        "suivi-porteurs-subventionnes": "Suite en mode projet classique.",
        "procedures-controle-allegees": "Suite en mode projet classique.",
    }
    for slug, outcome in outcomes.items():
        assert outcome in text(client, f"/programme/{slug}/"), slug


def test_invented_content_is_labelled_or_gone(loaded, client):
    for slug in ("tout-est-permis", "la-belette", "ma-region", "shareloc"):
        page = text(client, f"/programme/{slug}/")
        assert f"L'équipe {LABEL}" in page, slug  # team names are the demo's
        assert "Ce que nous avons appris" not in page and "Hypothèses" not in page  # the identical texts are gone
    permis = text(client, "/programme/tout-est-permis/")
    assert f"Accélération {LABEL}" in permis and f"Construction {LABEL}" in permis
    assert f"Pré-incubation {LABEL}" not in permis  # April 2020 is in the documents
    assert f"{LABEL} Chiffres de démonstration" in permis
    assert "Premier semestre de la startup de territoire (montant : exemple de démonstration)" in permis


def test_a_real_project_carries_no_demo_label(client, project):
    project.save_revision().publish()
    assert LABEL not in text(client, project.url)


def test_the_selection_jury_shows_its_six_selected_projects(loaded, client, demo_accounts):
    session = JurySession.objects.get(edition__year=2020, kind="selection")
    selected = SelectionDecision.objects.current().filter(session=session, outcome="selected")
    assert sorted(selected.values_list("application__title", flat=True)) == sorted(row[0] for row in demo.PROJECTS)
    client.force_login(demo_accounts["programme"])
    page = text(client, f"/programme/espace/jurys/{session.pk}/")
    assert "Aucune décision enregistrée" not in page
    assert page.count("Sélectionnée") == 6 and page.count("Non sélectionnée") == 3
    assert "Tout est permis" in page and "Procédures de contrôle allégées" in page
