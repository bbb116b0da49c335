"""Associations (identifiers, sign-up, insurance), the association's pages, iCal feeds, the usage agreement,
and the scheduled jobs (expiry, reminders, digest, anonymisation)."""

import datetime as dt
import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from icalendar import Calendar

from core.dates import local
from shareloc.bookings import workflow
from shareloc.bookings.associations import clean_rna, clean_siret
from shareloc.models import Association, BookingRequest, IcalToken
from tests.conftest import TEST_NOW

from . import booking_helpers
from .booking_helpers import SPRING_FORWARD, TUESDAY, at, week
from .factories import SpaceFactory, WindowFactory

world = booking_helpers.world
pytestmark = pytest.mark.django_db


def ask(world, day=TUESDAY, hour=18, until=None, user=None, now=None):
    request, _created = workflow.submit(
        user or world.member,
        workflow.Submission(
            space=world.space,
            start=at(day, hour),
            end=at(day, hour + 2),
            attendees=5,
            purpose="Répétition",
            repeat_weekly_until=until,
        ),
        now=now,
    )
    return request


# --- identifiers and the command ---


def test_rna_and_siret_are_checked():
    assert clean_rna(" w595012345 ") == "W595012345"
    assert clean_siret("732 829 320 00074") == "73282932000074"
    for bad in ("595012345", "W59501234", "W5950123456", "X595012345"):
        with pytest.raises(ValidationError):
            clean_rna(bad)
    with pytest.raises(ValidationError):
        clean_siret("73282932000075")  # wrong check digit


def test_shareloc_add_association_creates_the_member_and_is_idempotent(db):
    call_command("shareloc_add_association", "judo", "Judo club de Lens", "--rna", "W623000123", "--password", "x")
    call_command("shareloc_add_association", "judo", "Judo club de Lens", "--rna", "W623000123")
    association = Association.objects.get()
    assert association.rna == "W623000123"
    user = get_user_model().objects.get(username="judo")
    assert user.check_password("x")
    assert association.members.get().user == user
    assert user.groups.filter(name="Associations").exists()
    call_command("shareloc_add_association", "judo2", "Judo club de Lens", "--rna", "W623000123")
    assert Association.objects.count() == 1 and association.members.count() == 2


def test_shareloc_add_association_refuses_a_bad_siret(db):
    with pytest.raises(CommandError, match="SIRET"):
        call_command("shareloc_add_association", "x", "Club", "--siret", "12345678900011")
    call_command("shareloc_add_association", "y", "Club", "--siret", "73282932000074")
    assert Association.objects.get().siret == "73282932000074"
    assert Association.objects.count() == 1


# --- sign-up with e-mail verification ---

SIGN_UP = {
    "name": "Chorale de Roubaix",
    "rna": "W594001234",
    "siret": "",
    "contact_name": "Inès Martin",
    "contact_phone": "",
    "email": "ines@example.org",
    "username": "ines",
    "password": "un-mot-de-passe-long",
}


def test_sign_up_sends_a_link_that_activates_the_account_once(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/shareloc/inscription/", SIGN_UP)
    assert response.status_code == 200
    user = get_user_model().objects.get(username="ines")
    assert not user.is_active
    assert Association.objects.get().members.get().user == user
    link = re.search(r"http://testserver(/shareloc/inscription/confirmer/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    user.refresh_from_db()
    assert user.is_active
    assert client.get(link).status_code == 400
    assert client.get("/shareloc/inscription/confirmer/AA/wrong-token/").status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rna": "W12"}, "rna"),
        ({"rna": "", "siret": "123"}, "siret"),
        ({"rna": ""}, "rna"),
        ({"email": "pas-une-adresse"}, "email"),
        ({"password": "123"}, "password"),
    ],
)
def test_sign_up_with_bad_input_answers_400_and_creates_nothing(client, db, change, field):
    response = client.post("/shareloc/inscription/", SIGN_UP | change)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Association.objects.exists() and not get_user_model().objects.filter(username="ines").exists()


# --- the association's profile and insurance ---


def upload(client, name, content, expires=None):
    return client.post(
        "/shareloc/mon-association/",
        {
            "contact_name": "Contact",
            "contact_email": "c@example.org",
            "contact_phone": "",
            "insurance_expires_on": (TUESDAY + timedelta(days=300)).isoformat() if expires is None else expires,
            "insurance_certificate": SimpleUploadedFile(name, content),
        },
    )


def test_the_insurance_certificate_must_be_a_small_pdf_or_image(client, world):
    client.force_login(world.member)
    assert upload(client, "virus.exe", b"MZ\x90\x00").status_code == 400
    assert upload(client, "faux.pdf", b"MZ\x90\x00 not a pdf").status_code == 400
    assert upload(client, "gros.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024)).status_code == 400
    assert upload(client, "attestation.pdf", b"%PDF-1.4 ok", expires="").status_code == 400
    world.association.refresh_from_db()
    assert not world.association.insurance_certificate
    assert upload(client, "attestation.pdf", b"%PDF-1.4 ok").status_code == 302
    world.association.refresh_from_db()
    assert world.association.insurance_certificate.name.endswith(".pdf")
    assert world.association.insurance_expires_on == TUESDAY + timedelta(days=300)


def test_the_insurance_certificate_is_stored_outside_the_public_media_folder(client, world, settings):
    client.force_login(world.member)
    assert upload(client, "attestation.pdf", b"%PDF-1.4 ok").status_code == 302
    world.association.refresh_from_db()
    stored = Path(world.association.insurance_certificate.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert stored.read_bytes() == b"%PDF-1.4 ok"
    with pytest.raises(ValueError):
        world.association.insurance_certificate.url  # noqa: B018 - no public address exists


def test_the_profile_page_works_after_the_upload_and_links_the_certificate_through_the_checked_view(client, world):
    client.force_login(world.member)
    assert upload(client, "attestation.pdf", b"%PDF-1.4 ok").status_code == 302
    page = client.get("/shareloc/mon-association/")
    assert page.status_code == 200
    html = page.content.decode()
    checked_url = f"/shareloc/association/{world.association.pk}/assurance/"
    assert f'href="{checked_url}"' in html
    assert b"".join(client.get(checked_url).streaming_content) == b"%PDF-1.4 ok"
    # Edit the details without touching the certificate: it is kept.
    response = client.post(
        "/shareloc/mon-association/",
        {
            "contact_name": "Nouveau contact",
            "contact_email": "nouveau@example.org",
            "contact_phone": "03 20 00 00 00",
            "insurance_expires_on": (TUESDAY + timedelta(days=300)).isoformat(),
        },
    )
    assert response.status_code == 302
    world.association.refresh_from_db()
    assert world.association.contact_name == "Nouveau contact"
    assert world.association.insurance_certificate.read() == b"%PDF-1.4 ok"
    # Replace the certificate.
    assert upload(client, "nouvelle.pdf", b"%PDF-1.4 new").status_code == 302
    assert client.get("/shareloc/mon-association/").status_code == 200
    assert b"".join(client.get(checked_url).streaming_content) == b"%PDF-1.4 new"
    # Manage the iCal feeds from the page.
    client.post("/shareloc/calendriers/nouveau/", {"kind": "association"})
    token = IcalToken.objects.get(association=world.association)
    page = client.get("/shareloc/mon-association/")
    assert page.status_code == 200 and token.token in page.content.decode()
    client.post(f"/shareloc/calendriers/{token.pk}/revoquer/")
    page = client.get("/shareloc/mon-association/")
    assert page.status_code == 200 and token.token not in page.content.decode()


def test_the_insurance_certificate_is_shown_only_to_the_association_and_its_lycees_managers(client, world):
    client.force_login(world.member)
    upload(client, "attestation.pdf", b"%PDF-1.4 ok")
    url = f"/shareloc/association/{world.association.pk}/assurance/"
    assert client.get(url).status_code == 200
    client.force_login(world.manager)
    assert client.get(url).status_code == 403  # no request to their lycée yet
    ask(world)
    assert client.get(url).status_code == 200
    for user in (world.other_manager, world.other_member):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_insurance_certificate_is_kept_out_of_every_cache(client, world):
    client.force_login(world.member)
    upload(client, "attestation.pdf", b"%PDF-1.4 ok")
    ask(world)
    url = f"/shareloc/association/{world.association.pk}/assurance/"
    for reader in (world.member, world.manager):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"


# --- the association's pages ---


def test_only_association_members_reach_the_request_form(client, world):
    url = f"/shareloc/demander/{world.lycee.uai}/GYM1/"
    assert client.get(url).status_code == 302
    client.force_login(world.outsider)
    assert client.get(url).status_code == 403
    client.force_login(world.member)
    page = client.get(url)
    assert page.status_code == 200
    assert "Chaises pliantes" in unescape(page.content.decode())
    response = client.post(
        url,
        {
            "day": TUESDAY.isoformat(),
            "start": "20:00",
            "end": "19:00",
            "attendees": "500",
            "purpose": "",
            "idempotency_key": "k",
        },
    )
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


def test_the_request_form_refuses_a_paris_time_that_does_not_exist(client, world):
    # The spring clock change: Paris clocks go from 02:00 straight to 03:00. A night space would be free at 02:30.
    night = SpaceFactory(lycee=world.lycee, code="NUIT", capacity=30)
    WindowFactory(space=night, start=dt.time(0), end=dt.time(6))
    client.force_login(world.member)
    response = client.post(
        f"/shareloc/demander/{world.lycee.uai}/NUIT/",
        {
            "day": SPRING_FORWARD.isoformat(),
            "start": "01:00",
            "end": "02:30",
            "attendees": "10",
            "purpose": "Veillée",
            "idempotency_key": "k",
        },
    )
    assert response.status_code == 400
    assert "Cette heure n'existe pas ce jour-là à Paris" in unescape(response.content.decode())
    assert not BookingRequest.objects.exists()


def test_the_association_cancels_dates_from_its_request_page(client, world, django_capture_on_commit_callbacks):
    request = ask(world, until=week(1))
    workflow.approve(world.manager, request.pk)
    client.force_login(world.member)
    page = client.get(f"/shareloc/mes-demandes/{request.pk}/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/shareloc/mes-demandes/{request.pk}/annuler/", {"dates": [week(1).isoformat()], "reason": "Stage"}
        )
    assert sorted(request.dates.values_list("status", flat=True)) == ["cancelled", "confirmed"]
    assert any(world.manager.email in message.to for message in mail.outbox)
    client.force_login(world.other_member)
    assert client.get(f"/shareloc/mes-demandes/{request.pk}/").status_code == 403
    assert client.post(f"/shareloc/mes-demandes/{request.pk}/annuler/").status_code == 403


def test_cancel_with_nothing_ticked_cancels_nothing(client, world):
    request = ask(world, until=week(1))
    workflow.approve(world.manager, request.pk)
    client.force_login(world.member)
    response = client.post(f"/shareloc/mes-demandes/{request.pk}/annuler/", {"action": "selected", "reason": ""})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Cochez au moins une date à annuler" in unescape(page.content.decode())
    request.refresh_from_db()
    assert request.status == "approved"
    assert sorted(request.dates.values_list("status", flat=True)) == ["confirmed", "confirmed"]
    # A form sent without any action (an old page) is "the ticked dates", never everything.
    client.post(f"/shareloc/mes-demandes/{request.pk}/annuler/")
    assert sorted(request.dates.values_list("status", flat=True)) == ["confirmed", "confirmed"]
    with pytest.raises(workflow.InvalidRequest):
        workflow.cancel(world.member, request.pk, dates=[])


def test_cancel_all_asks_for_a_confirmation_first(client, world, django_capture_on_commit_callbacks):
    request = ask(world, until=week(1))
    workflow.approve(world.manager, request.pk)
    client.force_login(world.member)
    url = f"/shareloc/mes-demandes/{request.pk}/annuler/"
    page = client.post(url, {"action": "all", "reason": "Saison finie"})
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert "Annuler toute la demande" in html and "Oui, annuler toutes ces dates" in html
    assert 'value="Saison finie"' in html
    request.refresh_from_db()
    assert request.status == "approved"  # nothing changed yet
    client.force_login(world.other_member)
    assert client.post(url, {"action": "all"}).status_code == 403
    client.force_login(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "all", "confirm": "1", "reason": "Saison finie"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "cancelled"
    assert sorted(request.dates.values_list("status", flat=True)) == ["cancelled", "cancelled"]
    assert request.history.filter(reason="Saison finie").exists()


# --- iCal feeds ---


def test_an_association_feed_lists_its_confirmed_dates_until_revoked(client, world):
    request = ask(world, until=week(1))
    workflow.approve(world.manager, request.pk, dates=[week(1).isoformat()])
    token = IcalToken.objects.create(kind="association", association=world.association)
    feed = client.get(f"/shareloc/ical/{token.token}.ics")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [(event["dtstart"].dt, event["dtend"].dt) for event in events] == [(at(week(1), 18), at(week(1), 20))]
    assert "contact@" not in body
    client.force_login(world.other_member)
    assert client.post(f"/shareloc/calendriers/{token.pk}/revoquer/").status_code == 403
    client.force_login(world.member)
    client.post(f"/shareloc/calendriers/{token.pk}/revoquer/")
    assert client.get(f"/shareloc/ical/{token.token}.ics").status_code == 404
    assert client.get("/shareloc/ical/not-a-token.ics").status_code == 404


def test_only_a_lycees_manager_makes_its_feed(client, world):
    client.force_login(world.other_manager)
    assert client.post("/shareloc/calendriers/nouveau/", {"kind": "lycee", "target": world.lycee.pk}).status_code == 403
    assert client.post("/shareloc/calendriers/nouveau/", {"kind": "space", "target": world.space.pk}).status_code == 403
    assert client.post("/shareloc/calendriers/nouveau/", {"kind": "nope"}).status_code == 400
    assert client.post("/shareloc/calendriers/nouveau/", {"kind": "lycee", "target": "abc"}).status_code == 404
    client.force_login(world.manager)
    client.post("/shareloc/calendriers/nouveau/", {"kind": "lycee", "target": world.lycee.pk})
    token = IcalToken.objects.get()
    assert (token.kind, token.lycee) == ("lycee", world.lycee)


# --- the usage agreement ---


def test_the_agreement_names_the_three_parties_once_approved(client, world):
    request = ask(world)
    client.force_login(world.member)
    assert client.get(f"/shareloc/mes-demandes/{request.pk}/convention/").status_code == 404
    workflow.approve(world.manager, request.pk)
    page = unescape(client.get(f"/shareloc/mes-demandes/{request.pk}/convention/").content.decode())
    assert "Région Hauts-de-France" in page and world.lycee.name in page and "Club d'échecs de Lille" in page
    assert "40.00 €" in page or "40,00 €" in page  # 2 hours × 20 €
    client.force_login(world.manager)
    assert client.get(f"/shareloc/mes-demandes/{request.pk}/convention/").status_code == 200
    client.force_login(world.other_manager)
    assert client.get(f"/shareloc/mes-demandes/{request.pk}/convention/").status_code == 403


# --- scheduled jobs ---


def test_a_request_still_pending_after_its_first_date_expires(world, clock):
    request = ask(world)
    assert workflow.expire_overdue(now=at(TUESDAY, 17, 59)) == 0
    assert workflow.expire_overdue(now=at(TUESDAY, 18, 1)) == 1
    request.refresh_from_db()
    assert request.status == "expired"
    assert request.dates.get().booking.status == "cancelled"
    assert request.history.last().to_status == "expired"


def test_a_pending_series_expires_date_by_date_not_in_full(world, clock):
    request = ask(world, until=week(3))
    clock.move_to(at(week(1), 19))  # the first two dates have begun
    assert workflow.expire_overdue() == 2
    request.refresh_from_db()
    assert request.status == "pending"
    statuses = {
        local(rd.booking.start).date(): (rd.status, rd.booking.status) for rd in request.dates.select_related("booking")
    }
    assert statuses == {
        TUESDAY: ("expired", "cancelled"),
        week(1): ("expired", "cancelled"),
        week(2): ("pending", "pending"),
        week(3): ("pending", "pending"),
    }
    assert workflow.expire_overdue() == 0  # nothing new has begun
    # The manager still decides the later dates.
    workflow.approve(world.manager, request.pk)
    request.refresh_from_db()
    assert request.status == "approved"
    assert sorted(request.dates.values_list("status", flat=True)) == ["confirmed", "confirmed", "expired", "expired"]


def test_a_series_expires_once_all_its_dates_have_begun(world, clock):
    request = ask(world, until=week(1))
    clock.move_to(at(TUESDAY, 19))
    assert workflow.expire_overdue() == 1
    request.refresh_from_db()
    assert request.status == "pending"
    clock.move_to(at(week(1), 19))
    assert workflow.expire_overdue() == 1
    request.refresh_from_db()
    assert request.status == "expired"
    assert request.history.filter(request_date__isnull=True).last().to_status == "expired"


def test_a_date_that_has_begun_cannot_be_approved(world):
    request = ask(world)
    with pytest.raises(workflow.Conflict) as error:
        workflow.approve(world.manager, request.pk, now=at(TUESDAY, 18, 30))
    assert error.value.dates == [{"date": TUESDAY.isoformat(), "reason": "date déjà commencée ou passée"}]
    request.refresh_from_db()
    assert request.status == "pending"


def test_a_reminder_leaves_two_days_before_a_confirmed_date_once(world, django_capture_on_commit_callbacks):
    tomorrow = TEST_NOW.date() + timedelta(days=1)  # the clock (autouse in this folder) stands at TEST_NOW
    request = ask(world, day=tomorrow, hour=12)
    workflow.approve(world.manager, request.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("shareloc_send_reminders")
        call_command("shareloc_send_reminders")
    assert len(mail.outbox) == 1
    assert "rappel" in mail.outbox[0].subject


def test_the_digest_mails_each_manager_their_pending_requests(world, django_capture_on_commit_callbacks):
    ask(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("shareloc_send_digest")
    assert [message.to for message in mail.outbox] == [[world.manager.email]]
    assert "1 demande(s) en attente" in mail.outbox[0].subject


def test_contact_details_of_old_declined_or_cancelled_requests_are_anonymised(world):
    old_declined = ask(world)
    workflow.decline(world.manager, old_declined.pk, "Complet")
    recent_declined = ask(world, hour=10)
    workflow.decline(world.manager, recent_declined.pk, "Complet")
    old_approved = ask(world, hour=14)
    workflow.approve(world.manager, old_approved.pk)
    long_ago = TEST_NOW - timedelta(days=400)
    BookingRequest.objects.filter(pk__in=[old_declined.pk, old_approved.pk]).update(updated_at=long_ago)
    call_command("shareloc_anonymise")
    found = {r.pk: r for r in BookingRequest.objects.all()}
    assert (found[old_declined.pk].contact_name, found[old_declined.pk].contact_email) == ("anonymisé", "")
    assert found[old_declined.pk].anonymised_at is not None
    assert found[recent_declined.pk].contact_email == "contact@w595000001.example"
    assert found[old_approved.pk].contact_email == "contact@w595000001.example"


def test_a_too_long_cancellation_reason_cancels_nothing_and_says_why(client, world):
    request = ask(world, until=week(1))
    workflow.approve(world.manager, request.pk)
    client.force_login(world.member)
    url = f"/shareloc/mes-demandes/{request.pk}/"
    page = client.get(url).content.decode()
    assert '<label for="cancel-reason">' in page and 'id="cancel-reason"' in page  # the field template
    response = client.post(f"{url}annuler/", {"dates": [week(1).isoformat()], "reason": "x" * 2001})
    assert response.status_code == 302
    html = unescape(client.get(response["Location"]).content.decode())
    assert "Le motif de l'annulation dépasse 2000 caractères. Rien n'a été annulé." in html
    assert sorted(request.dates.values_list("status", flat=True)) == ["confirmed", "confirmed"]
    confirm = client.post(f"{url}annuler/", {"action": "all", "reason": "x" * 2001})
    assert confirm.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"
