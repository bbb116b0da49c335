"""The aid catalogue's sort and "nature" facet, the related aids of an aid page, the filter button."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from home.aid_natures import nature_from_name
from home.models import AidePage

from .conftest import AidePageFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [aid.title for aid in response.context["aids"].object_list]


def aid(parent, title, **kwargs):
    return AidePageFactory(parent=parent, title=title, slug=kwargs.pop("slug", None) or slugify(title), **kwargs)


# Sort


def test_name_sort_is_french_accents_and_case_aside(client, aid_index):
    for title in ("Zèbre", "Éole", "avion", "école", "Abeille"):
        aid(aid_index, title)
    expected = ["Abeille", "avion", "école", "Éole", "Zèbre"]
    assert titles(client.get("/aides/")) == expected
    assert titles(client.get("/aides/?tri=nom")) == expected


def test_closing_date_sort_puts_the_soonest_deadline_first_open_ended_then_closed_last(client, aid_index, clock):
    today = timezone.localdate()
    days = datetime.timedelta
    aid(aid_index, "Sans date")
    aid(aid_index, "Clôturée", closes_on=today - days(10))
    aid(aid_index, "Dans un mois", closes_on=today + days(30))
    aid(aid_index, "Aujourd'hui", closes_on=today)
    aid(aid_index, "À venir", opens_on=today + days(5), closes_on=today + days(60))
    aid(aid_index, "Autre sans date")
    aid(aid_index, "Clôturée il y a un an", closes_on=today - days(365))
    response = client.get("/aides/?tri=cloture")
    assert response.status_code == 200
    assert titles(response) == [
        "Aujourd'hui",
        "Dans un mois",
        "À venir",
        "Autre sans date",
        "Sans date",
        "Clôturée",
        "Clôturée il y a un an",
    ]
    assert '<option value="cloture" selected>' in response.content.decode()


def test_the_sort_is_kept_in_the_pagination_links_and_is_not_counted_as_a_filter(client, aid_index, taxonomies):
    for number in range(22):
        aid(aid_index, f"Aide {number:02}", slug=f"aide-{number}", m2m={"themes": [taxonomies["transport"]]})
    html = client.get("/aides/?tri=cloture&theme=transport").content.decode()
    assert 'href="?tri=cloture&amp;theme=transport&amp;page=2"' in html
    assert '<span class="filters-toggle__count">1<span class="visually-hidden"> critère actif</span>' in html
    html = client.get("/aides/?tri=cloture").content.decode()
    assert "critère actif" not in html and "Effacer les filtres" not in html


def test_a_bad_sort_answers_400_in_french(client, aid_index):
    aid(aid_index, "Une aide")
    response = client.get("/aides/?tri=montant")
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()


# Nature


def test_nature_facet_filters_and_counts_with_the_other_filters_kept(client, aid_index, taxonomies):
    transport = {"themes": [taxonomies["transport"]]}
    aid(aid_index, "Bourse A", nature="bourse", m2m=transport)
    aid(aid_index, "Bourse B", nature="bourse")
    aid(aid_index, "Carte TER", nature="reduction", m2m=transport)
    response = client.get("/aides/?nature=bourse")
    assert sorted(titles(response)) == ["Bourse A", "Bourse B"]
    counts = {o["value"]: o["count"] for o in client.get("/aides/?theme=transport").context["facets"]["nature"]}
    assert counts == {"aide-financiere": 0, "bourse": 1, "prise-en-charge": 0, "reduction": 1, "service": 0}
    # Its own filter is ignored for its counts; the other facets follow it.
    response = client.get("/aides/?nature=bourse")
    assert {o["value"]: o["count"] for o in response.context["facets"]["nature"]}["reduction"] == 1
    assert {o["value"]: o["count"] for o in response.context["facets"]["theme"]}["transport"] == 1
    assert 'id="nature-bourse" checked' in response.content.decode()


def test_aid_page_and_card_say_the_nature(client, aid_index):
    aid(aid_index, "Une bourse", slug="une-bourse", nature="bourse")
    assert "<dt>Nature</dt><dd>Bourse</dd>" in client.get("/aides/une-bourse/").content.decode()
    assert "· Bourse" in client.get("/aides/").content.decode()


def test_the_admin_form_requires_a_nature(aid_index):
    form_class = AidePage.get_edit_handler().get_form_class()
    form = form_class(instance=AidePage(), for_user=None, parent_page=aid_index)
    assert form.fields["nature"].required


def test_an_editor_chooses_the_nature_in_the_admin_and_cannot_publish_without_it(client, aid_index, demo_accounts):
    client.force_login(demo_accounts["admin"])
    url = f"/admin/pages/add/home/aidepage/{aid_index.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="nature"' in response.content.decode()
    data = {"title": "Nouvelle aide", "slug": "nouvelle-aide", "summary": "Résumé.", "whole_region": "on"}
    data.update({f"{name}-count": "0" for name in ("documents", "body")})
    # Wagtail lets a draft be incomplete; publishing needs the nature.
    response = client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200  # the form again, with its error
    assert "nature" in response.context["form"].errors
    assert not AidePage.objects.filter(slug="nouvelle-aide").exists()
    response = client.post(url, {**data, "nature": "bourse", "action-publish": "action-publish"})
    assert response.status_code == 302
    assert AidePage.objects.get(slug="nouvelle-aide").nature == "bourse"


def test_the_pages_api_gives_and_filters_the_nature(client, aid_index):
    aid(aid_index, "Une bourse", nature="bourse")
    aid(aid_index, "Une réduction", nature="reduction")
    data = client.get("/api/v2/pages/?type=home.AidePage&fields=nature&nature=bourse").json()
    assert [(item["title"], item["nature"]) for item in data["items"]] == [("Une bourse", "bourse")]


def test_the_real_file_gives_every_aid_a_nature_and_an_editor_s_choice_survives_a_new_import(settings):
    call_command("setup_site", stdout=io.StringIO(), stderr=io.StringIO())
    path = settings.BASE_DIR / "data" / "aides_region_hdf.csv"
    call_command("import_aids", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    natures = sorted(AidePage.objects.values_list("nature", flat=True))
    assert "" not in natures
    assert {n: natures.count(n) for n in set(natures)} == {
        "aide-financiere": 16,
        "reduction": 4,
        "bourse": 2,
        "prise-en-charge": 2,
        "service": 1,
    }
    assert AidePage.objects.get(title="Bourse de mobilité internationale MERMOZ").nature == "bourse"
    assert AidePage.objects.get(title="Carte TER Hauts-de-France -26 ans").nature == "reduction"
    mermoz = AidePage.objects.get(title="Bourse de mobilité internationale MERMOZ")
    mermoz.nature = "aide-financiere"
    mermoz.save_revision().publish()
    out = io.StringIO()
    call_command("import_aids", str(path), stdout=out, stderr=io.StringIO())
    assert "25 inchangé(s)" in out.getvalue()
    assert AidePage.objects.get(pk=mermoz.pk).nature == "aide-financiere"


def test_an_import_column_sets_the_nature_and_a_wrong_one_is_refused(tmp_path):
    call_command("setup_site", stdout=io.StringIO(), stderr=io.StringIO())
    path = tmp_path / "aides.csv"
    path.write_text(
        "name,amount_eur,amount_unit,periodicity,audience,link,nature\n"
        "Aide au permis,1500,€,ponctuelle,,https://example.org/permis,service\n"
        "Aide Y,,,,,https://example.org/y,pret\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_aids", str(path), stdout=out, stderr=err)
    assert AidePage.objects.get().nature == "service"
    assert "nature inconnue « pret »" in out.getvalue() + err.getvalue() + str(error.value)


def test_the_data_migration_fills_existing_aids_and_their_revisions(aid_index):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("home.migrations.0009_aid_nature_facet")
    page = aid(aid_index, "Carte TER Hauts-de-France +26 ans")
    AidePage.objects.filter(pk=page.pk).update(nature="")
    revision = page.latest_revision
    revision.content.pop("nature", None)
    revision.save(update_fields=["content"])
    migration.fill_natures(apps, None)
    assert AidePage.objects.get(pk=page.pk).nature == "reduction"
    revision.refresh_from_db()
    assert revision.content["nature"] == "reduction"
    assert revision.as_object().nature == "reduction"


@pytest.mark.parametrize(
    "name, nature",
    [
        ("Bourse d’Études Sanitaires et Sociales", "bourse"),
        ("Aide régionale à la restauration des étudiants boursiers", "aide-financiere"),
        ("Mon Abo Etudiant et Apprenti TER", "reduction"),
        ("100 repas gratuits en restos'U", "reduction"),
        ("En route pour l'emploi (Parc auto à 1 € par jour)", "service"),
        ("Accompagnement Validation des Acquis de l'Expérience (VAE)", "prise-en-charge"),
        ("Aide pour le permis de conduire", "aide-financiere"),
    ],
)
def test_nature_rules_of_the_import(name, nature):
    assert nature_from_name(name) == nature


# Related aids


@pytest.fixture
def neighbourhood(aid_index, taxonomies, clock):
    today = timezone.localdate()
    t = taxonomies
    return {
        "self": aid(aid_index, "Aide au permis", slug="permis", m2m={"themes": [t["transport"]]}),
        "closed": aid(
            aid_index,
            "A clôturée",
            closes_on=today - datetime.timedelta(days=1),
            m2m={"themes": [t["transport"]], "audiences": [t["apprentis"]]},
        ),
        "open": aid(aid_index, "Z ouverte", m2m={"themes": [t["transport"]]}),
        "upcoming": aid(
            aid_index, "B à venir", opens_on=today + datetime.timedelta(days=3), m2m={"themes": [t["transport"]]}
        ),
        "elsewhere": aid(aid_index, "Logement", m2m={"themes": [t["logement"]]}),
    }


def related_titles(client, path="/aides/permis/"):
    return [a.title for a in client.get(path).context["related_aids"]]


def test_related_aids_share_a_theme_open_ones_first_never_the_page_itself(client, neighbourhood):
    assert related_titles(client) == ["Z ouverte", "B à venir", "A clôturée"]
    html = client.get("/aides/permis/").content.decode()
    assert "Ces aides peuvent aussi vous intéresser" in html
    assert html.count('class="card card--aid"') == 3


def test_related_aids_are_at_most_three_and_closed_ones_never_come_before_open_ones(
    client, neighbourhood, aid_index, taxonomies
):
    for number in range(3):
        aid(aid_index, f"Ouverte {number}", m2m={"themes": [taxonomies["transport"]]})
    related = related_titles(client)
    assert len(related) == 3 and "A clôturée" not in related and "Aide au permis" not in related


def test_an_aid_sharing_nothing_has_no_related_aids_block(client, neighbourhood):
    html = client.get(neighbourhood["elsewhere"].url).content.decode()
    assert "Ces aides peuvent aussi vous intéresser" not in html


def test_related_aids_cost_the_same_queries_with_2_or_20_candidates(client, neighbourhood, aid_index, taxonomies):
    client.get("/aides/permis/")
    with CaptureQueriesContext(connection) as few:
        client.get("/aides/permis/")
    for number in range(18):
        aid(
            aid_index,
            f"Voisine {number:02}",
            m2m={"themes": [taxonomies["transport"]], "audiences": [taxonomies["apprentis"]]},
        )
    client.get("/aides/permis/")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/aides/permis/")
    assert len(response.context["related_aids"]) == 3
    assert len(many) == len(few)


# The shared filter button


def test_both_catalogues_carry_the_filter_button_hidden_until_the_script_runs(client, aid_index, taxonomies):
    aid(aid_index, "Une aide", m2m={"themes": [taxonomies["transport"]]})
    html = client.get("/aides/?theme=transport&public=apprentis&tri=nom").content.decode()
    assert 'aria-controls="filtres-aides" aria-expanded="false" hidden>' in html
    assert 'id="filtres-aides"' in html and "data-filters-panel" in html
    assert '<span class="filters-toggle__count">2<span class="visually-hidden"> critères actifs</span>' in html
