"""Booking rules per space (issue 18): auto-confirmation when free, minimum notice, booking horizon,
maximum hours per association per month; each refusal explained in French in the API and the form."""

import datetime as dt
from html import unescape

import pytest
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format

from shareloc.bookings import workflow
from shareloc.models import Booking, BookingRequest, BookingStatus
from tests.conftest import TEST_NOW

from . import booking_helpers
from .booking_helpers import TUESDAY, at, request_body, week

world = booking_helpers.world
pytestmark = pytest.mark.django_db
URL = "/api/shareloc/requests/"


def post(client, user, body, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, body, content_type="application/json")


def set_rules(space, **rules):
    for name, value in rules.items():
        setattr(space, name, value)
    space.save()


def test_a_free_request_on_an_auto_confirmed_space_is_a_booking_at_once(
    client, world, django_capture_on_commit_callbacks
):
    set_rules(world.space, auto_confirm=True)
    Booking.objects.create(
        space=world.space, start=at(week(1), 19), end=at(week(1), 21), organisation="Autre club", status="confirmed"
    )
    mail.outbox.clear()
    response = post(
        client,
        world.member,
        request_body(world.space, repeat_weekly_until=week(1).isoformat()),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "approved"
    assert {row["date"]: row["status"] for row in body["dates"]} == {
        TUESDAY.isoformat(): "confirmed",
        week(1).isoformat(): "declined",
    }
    request = BookingRequest.objects.get()
    assert request.dates.get(status="confirmed").booking.status == BookingStatus.CONFIRMED
    assert request.history.filter(to_status="approved", reason__contains="automatiquement").exists()
    assert any(world.member.email in m.to and "acceptée" in m.subject for m in mail.outbox)
    # The slot is now taken: the next request for it is refused, nothing is written.
    again = post(client, world.other_member, request_body(world.space), django_capture_on_commit_callbacks)
    assert again.status_code == 400
    assert BookingRequest.objects.count() == 1
    assert Booking.objects.filter(space=world.space, status="confirmed").count() == 2


def test_without_auto_confirm_a_request_waits_for_the_manager(client, world, django_capture_on_commit_callbacks):
    response = post(client, world.member, request_body(world.space), django_capture_on_commit_callbacks)
    assert response.json()["status"] == "pending"


def test_the_auto_confirmation_checks_the_rule_again_under_the_lock(world):
    set_rules(world.space, auto_confirm=True)
    submission = workflow.Submission(
        space=world.space, start=at(TUESDAY, 18), end=at(TUESDAY, 20), attendees=5, purpose="Réunion"
    )
    # Another booking is confirmed between the form's check and the write: the lock's re-check sees it.
    checked = workflow.date_availability(world.space, workflow.series(submission.start, submission.end))
    Booking.objects.create(
        space=world.space, start=at(TUESDAY, 19), end=at(TUESDAY, 20), organisation="X", status="confirmed"
    )
    with pytest.raises(workflow.Conflict) as error:
        workflow._create_confirmed(
            world.member, world.association, submission, "", [], [slot for slot, _reason in checked], TEST_NOW
        )
    assert error.value.dates == [{"date": TUESDAY.isoformat(), "reason": "déjà réservé"}]
    assert not BookingRequest.objects.exists()


def test_minimum_notice_is_explained_in_the_api_and_the_form(client, world, django_capture_on_commit_callbacks):
    set_rules(world.space, min_notice_days=7)
    soon = TEST_NOW.date() + dt.timedelta(days=3)
    response = post(client, world.member, request_body(world.space, day=soon), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    message = response.json()["start"][0]
    assert "au moins 7 jours à l'avance" in message
    with translation.override("fr"):
        assert date_format(TEST_NOW.date() + dt.timedelta(days=7), "j F Y") in message  # « 8 décembre 2026 »
    form = {
        "day": soon.isoformat(),
        "start": "18:00",
        "end": "20:00",
        "attendees": "10",
        "purpose": "Réunion",
        "idempotency_key": "k1",
    }
    page = client.post(f"/shareloc/demander/{world.lycee.uai}/GYM1/", form)
    assert page.status_code == 400
    assert "au moins 7 jours à l'avance" in unescape(page.content.decode())
    later = TEST_NOW.date() + dt.timedelta(days=8)
    assert (
        post(client, world.member, request_body(world.space, day=later), django_capture_on_commit_callbacks).status_code
        == 201
    )
    assert BookingRequest.objects.count() == 1


def test_the_booking_horizon_refuses_dates_too_far_ahead(client, world, django_capture_on_commit_callbacks):
    set_rules(world.space, horizon_days=30)
    near = TEST_NOW.date() + dt.timedelta(days=14)
    response = post(
        client,
        world.member,
        request_body(world.space, day=near, repeat_weekly_until=(near + dt.timedelta(weeks=4)).isoformat()),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    assert "ouvrent 30 jours à l'avance" in response.json()["repeat_weekly_until"][0]
    response = post(client, world.member, request_body(world.space, day=TUESDAY), django_capture_on_commit_callbacks)
    assert response.status_code == 400 and "ouvrent 30 jours" in response.json()["start"][0]
    ok = request_body(world.space, day=near, repeat_weekly_until=(near + dt.timedelta(weeks=2)).isoformat())
    assert post(client, world.member, ok, django_capture_on_commit_callbacks).status_code == 201


def test_no_space_takes_a_booking_beyond_the_site_wide_horizon(client, world, django_capture_on_commit_callbacks):
    """A space without a horizon of its own (or with a longer one) still stops at 365 days: beyond, the
    holiday calendars that sync_calendars --check watches may not be known, so availability can't be trusted."""
    for own in (None, 800):
        set_rules(world.space, horizon_days=own)
        far = TEST_NOW.date() + dt.timedelta(days=400)
        response = post(client, world.member, request_body(world.space, day=far), django_capture_on_commit_callbacks)
        assert response.status_code == 400
        assert "ouvrent 365 jours à l'avance" in response.json()["start"][0]
    within = TEST_NOW.date() + dt.timedelta(days=300)
    ok = post(client, world.member, request_body(world.space, day=within), django_capture_on_commit_callbacks)
    assert ok.status_code == 201
    assert BookingRequest.objects.count() == 1


def test_hours_per_association_per_month_count_pending_and_confirmed_dates(
    client, world, django_capture_on_commit_callbacks
):
    set_rules(world.space, max_hours_per_month=4)
    first = post(client, world.member, request_body(world.space), django_capture_on_commit_callbacks)  # 2 h
    assert first.status_code == 201
    workflow.approve(world.manager, first.json()["id"])
    second = request_body(world.space, day=TUESDAY + dt.timedelta(days=1))  # 2 h more: 4 h, the limit
    assert post(client, world.member, second, django_capture_on_commit_callbacks).status_code == 201
    third = request_body(world.space, day=TUESDAY + dt.timedelta(days=2), start=(10, 0), end=(11, 0))
    response = post(client, world.member, third, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    message = response.json()["start"][0]
    assert "Au plus 4 heures par mois" in message and f"mars {TUESDAY.year}" in message and "5 (dont 4" in message
    # Another association has its own allowance; another month starts again.
    assert post(client, world.other_member, third, django_capture_on_commit_callbacks).status_code == 201
    next_month = request_body(world.space, day=TUESDAY + dt.timedelta(weeks=5))
    assert post(client, world.member, next_month, django_capture_on_commit_callbacks).status_code == 201
    # A cancelled date no longer counts.
    workflow.cancel(world.member, first.json()["id"])
    assert post(client, world.member, third, django_capture_on_commit_callbacks).status_code == 201


def test_the_manager_sets_the_rules_in_the_admin(client, world):
    from django.urls import reverse

    from core import roles

    world.manager.groups.add(roles.sync_role(roles.LYCEE_MANAGER))
    client.force_login(world.manager)
    url = reverse("shareloc_spaces:edit", args=[world.space.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert "Règles de réservation" in html and "Confirmer automatiquement si libre" in html
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(
        {
            "lycee": world.lycee.pk,
            "equipment": [],
            "auto_confirm": "on",
            "min_notice_days": "2",
            "horizon_days": "90",
            "max_hours_per_month": "10",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        }
    )
    data.pop("auto_confirm_on", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    world.space.refresh_from_db()
    assert (
        world.space.auto_confirm,
        world.space.min_notice_days,
        world.space.horizon_days,
        world.space.max_hours_per_month,
    ) == (True, 2, 90, 10)
