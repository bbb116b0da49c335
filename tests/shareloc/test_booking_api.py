"""The booking-request API of issue 5, by role, through real HTTP (Django's test client)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from shareloc.models import (
    Booking,
    BookingRequest,
    BookingStatus,
    Closure,
    PublicHoliday,
    RequestDate,
    RequestEquipment,
    StatusChange,
)

from . import booking_helpers
from .booking_helpers import SPRING_FORWARD, TUESDAY, at, day, request_body, week
from .factories import BookingFactory, SpaceFactory, WindowFactory

world = booking_helpers.world

pytestmark = pytest.mark.django_db
URL = "/api/shareloc/requests/"
capture = None


@pytest.fixture(autouse=True)
def _run_on_commit(django_capture_on_commit_callbacks):
    # E-mails leave on commit: run those callbacks at the end of each call, as a real request would.
    global capture
    capture = django_capture_on_commit_callbacks


def post(client, url, body=None, **kwargs):
    with capture(execute=True):
        return client.post(url, body or {}, content_type="application/json", **kwargs)


def submit(client, user, body):
    client.force_login(user)
    response = post(client, URL, body)
    assert response.status_code == 201, response.content
    return response.json()


def test_anonymous_callers_get_401_everywhere(client, world):
    assert client.get(URL).status_code == 401
    assert post(client, URL, request_body(world.space)).status_code == 401
    response = post(client, f"{URL}1/approve/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert BookingRequest.objects.count() == 0


def test_association_submits_one_slot_and_managers_are_mailed(client, world):
    body = submit(client, world.member, request_body(world.space))
    assert body["status"] == "pending"
    assert body["space"] == f"{world.lycee.uai}/GYM1"
    assert body["availability"] == {"free": 1, "total": 1, "text": "date libre"}
    assert body["dates"] == [
        {
            "date": TUESDAY.isoformat(),
            "start": "18:30",
            "end": "20:30",
            "available": True,
            "reason": None,
            "reason_label": None,
            "status": "pending",
            "status_label": "en attente",
        }
    ]
    request = BookingRequest.objects.get(pk=body["id"])
    assert request.association == world.association and request.created_by == world.member
    booking = request.dates.get().booking
    assert (booking.start, booking.end, booking.status) == (at(TUESDAY, 18, 30), at(TUESDAY, 20, 30), "pending")
    assert [message.to for message in mail.outbox] == [[world.manager.email]]
    assert "Club d'échecs de Lille" in mail.outbox[0].subject


def test_weekly_series_reports_each_unavailable_date_with_its_reason(client, world):
    PublicHoliday.objects.create(date=week(2), name="Jour férié de test")
    Closure.objects.create(lycee=world.lycee, space=None, start_date=week(3), end_date=week(3), reason="Travaux")
    BookingFactory(space=world.space, start=at(week(4), 19), end=at(week(4), 21))
    body = submit(client, world.member, request_body(world.space, repeat_weekly_until=week(5).isoformat()))
    assert body["availability"] == {"free": 3, "total": 6, "text": "3 dates libres sur 6"}
    reasons = {row["date"]: row["reason"] for row in body["dates"]}
    assert reasons == {
        TUESDAY.isoformat(): None,
        week(1).isoformat(): None,
        week(2).isoformat(): "public_holiday",
        week(3).isoformat(): "closed",
        week(4).isoformat(): "booked",
        week(5).isoformat(): None,
    }
    labels = {row["date"]: row["reason_label"] for row in body["dates"]}
    assert labels[week(2).isoformat()] == "jour férié" and labels[week(4).isoformat()] == "déjà réservé"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attendees": 31}, "attendees"),
        ({"attendees": 0}, "attendees"),
        ({"start": f"{TUESDAY.isoformat()} soir"}, "start"),
        ({"end": f"{day(1).isoformat()}T01:00"}, "end"),
        ({"end": f"{TUESDAY.isoformat()}T17:00"}, "end"),
        ({"space": "0000000X/NOPE"}, "space"),
        ({"purpose": ""}, "purpose"),
        ({"repeat_weekly_until": day(-29).isoformat()}, "repeat_weekly_until"),
        ({"repeat_weekly_until": day(731).isoformat()}, "repeat_weekly_until"),
        ({"equipment": [{"code": "PIANO", "quantity": 1}]}, "equipment"),
        ({"equipment": [{"code": "CHAISES", "quantity": 11}]}, "equipment"),
        ({"start": "2020-03-02T18:30", "end": "2020-03-02T20:30"}, "start"),
    ],
)
def test_bad_input_answers_400_naming_the_field_and_creates_nothing(client, world, change, field):
    client.force_login(world.member)
    body = request_body(world.space)
    body.update(change)
    response = post(client, URL, body)
    assert response.status_code == 400
    assert field in response.json()
    assert BookingRequest.objects.count() == 0 and Booking.objects.count() == 0


def test_a_paris_time_that_does_not_exist_is_refused_naming_the_field(client, world):
    # A space lent at night, so that the slot would be free if 02:30 were silently moved.
    night = SpaceFactory(lycee=world.lycee, code="NUIT", capacity=30)
    WindowFactory(space=night, start=dt.time(0), end=dt.time(6))
    client.force_login(world.member)
    response = post(client, URL, request_body(night, day=SPRING_FORWARD, start=(1, 0), end=(2, 30)))
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["end"] and "heure de Paris existante" in body["end"][0]
    assert BookingRequest.objects.count() == 0 and Booking.objects.count() == 0


def test_a_request_with_no_free_date_is_refused(client, world):
    PublicHoliday.objects.create(date=TUESDAY, name="Férié")
    client.force_login(world.member)
    response = post(client, URL, request_body(world.space))
    assert response.status_code == 400
    assert "Aucune des dates" in response.json()["start"][0]


def test_a_person_outside_any_association_cannot_submit(client, world):
    client.force_login(world.outsider)
    assert post(client, URL, request_body(world.space)).status_code == 403


def test_the_same_idempotency_key_twice_creates_one_request(client, world):
    client.force_login(world.member)
    first = post(client, URL, request_body(world.space), headers={"Idempotency-Key": "abc-123"})
    second = post(client, URL, request_body(world.space), headers={"Idempotency-Key": "abc-123"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert BookingRequest.objects.count() == 1 and Booking.objects.count() == 1


def test_listing_shows_the_association_its_own_and_managers_their_lycees(client, world, django_assert_max_num_queries):
    mine = submit(client, world.member, request_body(world.space))["id"]
    theirs = submit(client, world.other_member, request_body(world.other_space))["id"]
    for user, expected in [
        (world.member, [mine]),
        (world.other_member, [theirs]),
        (world.manager, [mine]),
        (world.other_manager, [theirs]),
        (world.outsider, []),
    ]:
        client.force_login(user)
        response = client.get(URL)
        assert [item["id"] for item in response.json()["results"]] == expected, user.username
    client.force_login(world.manager)
    with django_assert_max_num_queries(12):
        client.get(URL)


def test_manager_approves_all_dates_and_the_association_is_mailed(client, world):
    request_id = submit(client, world.member, request_body(world.space, repeat_weekly_until=week(2).isoformat()))["id"]
    mail.outbox.clear()
    client.force_login(world.manager)
    response = post(client, f"{URL}{request_id}/approve/")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.CONFIRMED}
    assert [message.to for message in mail.outbox] == [["contact@w595000001.example", "membre@example.org"]]
    assert "acceptée" in mail.outbox[0].subject


def test_manager_approves_some_dates_and_the_others_are_declined(client, world):
    request_id = submit(client, world.member, request_body(world.space, repeat_weekly_until=week(2).isoformat()))["id"]
    client.force_login(world.manager)
    response = post(client, f"{URL}{request_id}/approve/", {"dates": [week(1).isoformat()]})
    assert response.status_code == 200
    statuses = {row["date"]: row["status"] for row in response.json()["dates"]}
    assert statuses == {
        TUESDAY.isoformat(): "declined",
        week(1).isoformat(): "confirmed",
        week(2).isoformat(): "declined",
    }
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 1


def test_approving_a_date_outside_the_request_answers_400(client, world):
    request_id = submit(client, world.member, request_body(world.space))["id"]
    client.force_login(world.manager)
    response = post(client, f"{URL}{request_id}/approve/", {"dates": [day(1).isoformat()]})
    assert response.status_code == 400
    assert "dates" in response.json()
    assert BookingRequest.objects.get().status == "pending"


@pytest.mark.parametrize("who", ["other_manager", "member", "outsider"])
def test_only_the_lycees_managers_may_approve_or_decline(client, world, who):
    request_id = submit(client, world.member, request_body(world.space))["id"]
    client.force_login(getattr(world, who))
    assert post(client, f"{URL}{request_id}/approve/").status_code == 403
    assert post(client, f"{URL}{request_id}/decline/", {"reason": "Non"}).status_code == 403
    assert BookingRequest.objects.get().status == "pending"
    assert not Booking.objects.filter(status=BookingStatus.CONFIRMED).exists()


def test_another_lycees_manager_cannot_read_a_request(client, world):
    request_id = submit(client, world.member, request_body(world.space))["id"]
    client.force_login(world.other_manager)
    assert client.get(f"{URL}{request_id}/").status_code == 403
    client.force_login(world.manager)
    assert client.get(f"{URL}{request_id}/").status_code == 200
    assert client.get(f"{URL}999999/").status_code == 404


def test_a_conflicting_approval_answers_409_naming_the_dates_and_changes_nothing(client, world):
    first = submit(client, world.member, request_body(world.space, repeat_weekly_until=week(2).isoformat()))["id"]
    second = submit(client, world.other_member, request_body(world.space, start=(19, 0), end=(21, 0)))["id"]
    client.force_login(world.manager)
    assert post(client, f"{URL}{second}/approve/").status_code == 200
    response = post(client, f"{URL}{first}/approve/")
    assert response.status_code == 409
    assert response.json()["dates"] == [{"date": TUESDAY.isoformat(), "reason": "déjà réservé"}]
    assert BookingRequest.objects.get(pk=first).status == "pending"
    assert set(RequestDate.objects.filter(request_id=first).values_list("status", flat=True)) == {"pending"}
    # The manager then accepts the dates that are still free.
    response = post(client, f"{URL}{first}/approve/", {"dates": [week(1).isoformat(), week(2).isoformat()]})
    assert response.status_code == 200


def test_equipment_stock_is_never_exceeded(client, world):
    chairs = [{"code": "CHAISES", "quantity": 7}]
    first = submit(client, world.member, request_body(world.space, equipment=chairs))["id"]
    # Another space of the same lycée, the same evening: the chairs are shared.
    hall = SpaceFactory(lycee=world.lycee, code="HALL", capacity=50)
    WindowFactory(space=hall)
    second = submit(client, world.other_member, request_body(hall, equipment=chairs))["id"]
    assert RequestEquipment.objects.count() == 2
    client.force_login(world.manager)
    assert post(client, f"{URL}{first}/approve/").status_code == 200
    response = post(client, f"{URL}{second}/approve/")
    assert response.status_code == 409
    assert "Chaises pliantes" in response.json()["dates"][0]["reason"]
    assert BookingRequest.objects.get(pk=second).status == "pending"


def test_decline_needs_a_reason_and_is_recorded_for_both_sides(client, world):
    request_id = submit(client, world.member, request_body(world.space))["id"]
    client.force_login(world.manager)
    assert post(client, f"{URL}{request_id}/decline/", {}).status_code == 400
    response = post(client, f"{URL}{request_id}/decline/", {"reason": "Gymnase en travaux"})
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    client.force_login(world.member)
    history = client.get(f"{URL}{request_id}/").json()["history"]
    request_changes = [(h["from"], h["to"], h["reason"], h["by"]) for h in history if h["date"] is None]
    assert request_changes == [
        (None, "pending", "", "Membre"),
        ("pending", "declined", "Gymnase en travaux", "Gestion_a"),
    ]
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert post(client, f"{URL}{request_id}/cancel/").status_code == 409


def test_association_cancels_one_date_then_the_rest(client, world):
    request_id = submit(client, world.member, request_body(world.space, repeat_weekly_until=week(1).isoformat()))["id"]
    client.force_login(world.manager)
    post(client, f"{URL}{request_id}/approve/")
    assert post(client, f"{URL}{request_id}/cancel/").status_code == 403  # a manager does not cancel for them
    client.force_login(world.member)
    response = post(client, f"{URL}{request_id}/cancel/", {"dates": [week(1).isoformat()]})
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert {r["date"]: r["status"] for r in response.json()["dates"]} == {
        TUESDAY.isoformat(): "confirmed",
        week(1).isoformat(): "cancelled",
    }
    response = post(client, f"{URL}{request_id}/cancel/")
    assert response.json()["status"] == "cancelled"
    assert not Booking.objects.filter(status=BookingStatus.CONFIRMED).exists()
    assert StatusChange.objects.filter(request_id=request_id, to_status="cancelled", request_date=None).count() == 1


def test_a_token_made_by_drf_create_token_authenticates(client, world):
    call_command("drf_create_token", world.member.username)
    key = Token.objects.get(user=world.member).key
    response = client.post(
        URL, request_body(world.space), content_type="application/json", headers={"Authorization": f"Token {key}"}
    )
    assert response.status_code == 201
    assert client.get(URL, headers={"Authorization": "Token wrong"}).status_code == 401


def test_the_openapi_schema_documents_the_request_endpoints(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/shareloc/requests/",
        "/api/shareloc/requests/{id}/approve/",
        "/api/shareloc/requests/{id}/decline/",
        "/api/shareloc/requests/{id}/cancel/",
    ):
        assert path in schema["paths"], path
