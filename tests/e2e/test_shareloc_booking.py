"""Shareloc's booking pages in a real browser: an association asks for a weekly series, the lycée's manager
accepts some dates in the admin, the association reads the result and prints the agreement; axe on each
public page."""

import datetime as dt

import pytest

from tests.shareloc.booking_helpers import days_from_real_now

from .conftest import axe_violations, login

PASSWORD = "mot-de-passe-e2e-2026"

# The live server keeps the real clock (see the `clock` fixture): the series starts on a Tuesday four
# weeks or more after the real today, and its third date is a public holiday.
FIRST = days_from_real_now(28)
HOLIDAY = FIRST + dt.timedelta(weeks=2)
LAST = FIRST + dt.timedelta(weeks=3)


def french_date(day):
    from django.utils import dateformat, translation

    with translation.override("fr"):
        return dateformat.format(day, "l j F Y")


def build():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from home.demo import ensure_site_tree
    from shareloc.models import (
        Association,
        AssociationMember,
        LendableEquipment,
        Lycee,
        OpeningWindow,
        PublicHoliday,
        Space,
    )

    ensure_site_tree()
    User = get_user_model()
    lycee = Lycee.objects.create(
        uai="0590119J", name="Lycée Faidherbe", commune_name="Lille", code_insee="59350", department="59"
    )
    gym = Space.objects.create(lycee=lycee, code="GYM1", name="Gymnase Faidherbe", kind="gymnasium", capacity=40)
    OpeningWindow.objects.create(space=gym, weekdays=["tue"], start=dt.time(18), end=dt.time(22))
    LendableEquipment.objects.create(lycee=lycee, code="TAP", name="Tapis de judo", quantity=20)
    PublicHoliday.objects.create(date=HOLIDAY, name="Férié de test")
    member = User.objects.create_user("judo", password=PASSWORD, first_name="Jeanne", last_name="Judo")
    association = Association.objects.create(
        name="Judo club de Lille", rna="W595000777", contact_name="Jeanne Judo", contact_email="judo@example.org"
    )
    AssociationMember.objects.create(association=association, user=member)
    manager = User.objects.create_user("intendant", password=PASSWORD, first_name="Ivan", last_name="Intendant")
    manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    lycee.managers.add(manager)


@pytest.mark.django_db(transaction=True)
def test_an_association_asks_the_manager_accepts_and_the_agreement_prints(live_server, page):
    build()
    login(page, live_server, "judo", PASSWORD)
    page.goto(f"{live_server.url}/shareloc/demander/0590119J/GYM1/")
    assert axe_violations(page) == []
    page.get_by_label("Date (première date pour une série)").fill(FIRST.isoformat())
    page.get_by_label("Heure de début").fill("18:30")
    page.get_by_label("Heure de fin").fill("20:30")
    page.get_by_label("Répéter chaque semaine jusqu'au (facultatif)").fill(LAST.isoformat())
    page.get_by_label("Nombre de personnes").fill("25")
    page.get_by_label("Objet de l'occupation").fill("Cours de judo pour les enfants")
    page.get_by_label("Tapis de judo (quantité, 20 en stock)").fill("12")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.wait_for_load_state()
    assert page.get_by_text("Demande envoyée au lycée : 3 dates libres sur 4.").is_visible()
    assert page.get_by_role("cell", name="non : jour férié").is_visible()
    assert axe_violations(page) == []
    request_url = page.url

    page.goto(f"{live_server.url}/shareloc/mon-association/")
    assert page.get_by_text("n'a pas déposé d'attestation", exact=False).is_visible()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    login(page, live_server, "intendant", PASSWORD)
    page.goto(f"{live_server.url}/admin/shareloc/demandes/")
    page.get_by_role("link", name=dt.date.today().strftime("%d/%m/%Y"), exact=False).first.click()
    page.wait_for_load_state()
    assert page.get_by_text("L'association n'a pas déposé d'attestation d'assurance.").is_visible()
    page.get_by_label(f"{FIRST:%d/%m/%Y} 18:30–20:30", exact=True).uncheck()
    page.get_by_role("button", name="Accepter les dates cochées").click()
    page.wait_for_load_state()
    assert page.get_by_text("Demande acceptée", exact=False).first.is_visible()

    page.context.clear_cookies()
    login(page, live_server, "judo", PASSWORD)
    page.goto(request_url)
    assert page.get_by_text("acceptée").first.is_visible()
    page.get_by_role("link", name="Convention d'occupation (à imprimer)").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Convention d'occupation temporaire de locaux scolaires").is_visible()
    assert page.get_by_text(french_date(FIRST + dt.timedelta(weeks=1)), exact=False).is_visible()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_sign_up_page_is_accessible_and_names_its_errors(live_server, page):
    build()
    page.goto(f"{live_server.url}/shareloc/inscription/")
    assert axe_violations(page) == []
    page.get_by_label("Nom de l'association").fill("Club")
    page.get_by_label("Numéro RNA").fill("W12")
    page.get_by_role("button", name="Créer le compte").click()
    page.wait_for_load_state()
    assert page.get_by_text("Un numéro RNA s'écrit W suivi de 9 chiffres", exact=False).first.is_visible()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_first_member_invites_a_second_who_then_manages_the_associations_requests(live_server, page):
    import re

    from django.core import mail

    from core.dates import PARIS
    from shareloc.bookings import workflow
    from shareloc.models import Space

    build()
    from django.contrib.auth import get_user_model

    judo = get_user_model().objects.get(username="judo")
    start = dt.datetime.combine(FIRST, dt.time(18, 30), tzinfo=PARIS)
    request, _created = workflow.submit(
        judo,
        workflow.Submission(
            space=Space.objects.get(code="GYM1"),
            start=start,
            end=start + dt.timedelta(hours=2),
            attendees=10,
            purpose="Cours de judo",
        ),
    )
    login(page, live_server, "judo", PASSWORD)
    page.goto(f"{live_server.url}/shareloc/mon-association/")
    mail.outbox.clear()
    page.get_by_label("Inviter un autre membre (adresse électronique)").fill("second@example.org")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.wait_for_load_state()
    assert page.get_by_text("Invitation envoyée à second@example.org.").is_visible()
    assert axe_violations(page) == []
    message = next(m for m in mail.outbox if m.to == ["second@example.org"])
    path = re.search(r"(/shareloc/invitation/[^/\s]+/)", message.body).group(1)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    assert page.get_by_role("heading", name="Rejoindre « Judo club de Lille »").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Prénom").fill("Sam")
    page.locator("#id_last_name").fill("Second")
    page.get_by_label("Identifiant de connexion").fill("sam")
    page.get_by_label("Mot de passe").fill("un-long-mot-de-passe-9")
    page.get_by_role("button", name="Créer mon compte et rejoindre l'association").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vous êtes membre de « Judo club de Lille ».").is_visible()
    page.goto(f"{live_server.url}/shareloc/mes-demandes/{request.pk}/")
    assert page.get_by_text("Cours de judo").is_visible()
    page.get_by_role("button", name="Annuler toute la demande…").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Oui, annuler toutes ces dates").click()
    page.wait_for_load_state()
    assert page.get_by_text("Annulation enregistrée.").is_visible()
    request.refresh_from_db()
    assert request.status == "cancelled"
