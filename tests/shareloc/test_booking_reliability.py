"""Issue 5's reliability clauses: never a double booking under concurrent approvals (a real server
process: gunicorn on the test database, one database connection per request), one request for a form
sent twice, and local times kept across the clock changes."""

import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.db import IntegrityError, connection, transaction
from rest_framework.authtoken.models import Token

from shareloc.bookings import workflow
from shareloc.models import Booking, BookingRequest, BookingStatus, RequestStatus
from tests.conftest import TEST_NOW

from .booking_helpers import (
    FALL_BACK,
    SPRING_FORWARD,
    TUESDAY,
    at,
    build_world,
    days_from_real_now,
    last_sunday,
    make_association,
    make_user,
    request_body,
)

CONCURRENT = 50


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL only: SQLite serialises every writer with one file lock, so there is no race "
            "to test; the exclusion constraint exists only on PostgreSQL"
        )


@pytest.fixture
def server(transactional_db):
    """A gunicorn process (2 workers × 25 threads, a deep listen backlog) serving the test database;
    yields its base URL and stops it afterwards."""
    require_postgresql()
    database = connection.settings_dict
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="maregion.settings.test",
        DATABASE_URL=f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT']}/{database['NAME']}",
    )
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    process = subprocess.Popen(
        [
            gunicorn,
            "maregion.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "25",
            "--backlog",
            "512",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:  # the workers load Django on their first request: slow on a busy machine
                if requests.get(f"{url}/healthz/", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _fire_at_once(count, call):
    """Run `call(i)` in `count` threads released together; returns the results."""
    barrier = threading.Barrier(count)

    def run(index):
        barrier.wait()
        return call(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_approvals_of_overlapping_requests_confirm_exactly_one(server):
    # The server process keeps the real clock: a date four weeks from the real today is in its future.
    day = days_from_real_now(28)
    world = build_world()
    ids = []
    for index in range(CONCURRENT):
        member = make_user(f"membre{index}")
        make_association(f"Association {index}", member, f"W59{index:07d}")
        # Every request overlaps every other one by at least an hour.
        minute = index % 30
        request, _created = workflow.submit(
            member,
            workflow.Submission(
                space=world.space,
                start=at(day, 18, minute),
                end=at(day, 20, minute),
                attendees=5,
                purpose="Répétition",
            ),
        )
        ids.append(request.pk)
    key = Token.objects.create(user=world.manager).key
    session_headers = {"Authorization": f"Token {key}", "Content-Type": "application/json"}

    def approve(index):
        response = requests.post(
            f"{server}/api/shareloc/requests/{ids[index]}/approve/", data="{}", headers=session_headers, timeout=120
        )
        return response.status_code, response.json()

    results = _fire_at_once(CONCURRENT, approve)
    statuses = Counter(code for code, _body in results)
    assert statuses == {200: 1, 409: CONCURRENT - 1}
    conflicts = [body for code, body in results if code == 409]
    assert all(body["dates"][0]["date"] == day.isoformat() for body in conflicts)
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 1
    assert BookingRequest.objects.filter(status=RequestStatus.APPROVED).count() == 1
    assert BookingRequest.objects.filter(status=RequestStatus.PENDING).count() == CONCURRENT - 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_auto_confirmed_requests_for_one_slot_give_exactly_one_booking(server):
    day = days_from_real_now(28)
    world = build_world()
    world.space.auto_confirm = True
    world.space.save()
    keys = []
    for index in range(CONCURRENT):
        member = make_user(f"auto{index}")
        make_association(f"Association auto {index}", member, f"W58{index:07d}")
        keys.append(Token.objects.create(user=member).key)
    import json

    def send(index):
        minute = index % 30  # every request overlaps every other one by at least an hour
        body = json.dumps(request_body(world.space, day=day, start=(18, minute), end=(20, minute)))
        headers = {"Authorization": f"Token {keys[index]}", "Content-Type": "application/json"}
        response = requests.post(f"{server}/api/shareloc/requests/", data=body, headers=headers, timeout=120)
        return response.status_code, response.json()

    results = _fire_at_once(CONCURRENT, send)
    statuses = Counter(code for code, _body in results)
    assert statuses[201] == 1, statuses
    assert set(statuses) <= {201, 400, 409}, statuses  # refused as taken, never a 5xx
    winner = next(body for code, body in results if code == 201)
    assert winner["status"] == "approved"
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 1
    assert BookingRequest.objects.count() == 1  # a refused request leaves nothing behind


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_database_refuses_two_overlapping_confirmed_bookings():
    require_postgresql()
    world = build_world()
    Booking.objects.create(
        space=world.space, start=at(TUESDAY, 18), end=at(TUESDAY, 20), organisation="A", status=BookingStatus.CONFIRMED
    )
    # Touching is not overlapping; a pending one may overlap.
    Booking.objects.create(
        space=world.space, start=at(TUESDAY, 20), end=at(TUESDAY, 21), organisation="B", status=BookingStatus.CONFIRMED
    )
    Booking.objects.create(
        space=world.space, start=at(TUESDAY, 19), end=at(TUESDAY, 21), organisation="C", status=BookingStatus.PENDING
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            space=world.space,
            start=at(TUESDAY, 19),
            end=at(TUESDAY, 19, 30),
            organisation="D",
            status=BookingStatus.CONFIRMED,
        )
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_submission_sent_ten_times_at_once_creates_one_request(server):
    world = build_world()
    key = Token.objects.create(user=world.member).key
    headers = {"Authorization": f"Token {key}", "Content-Type": "application/json", "Idempotency-Key": "form-42"}
    import json

    body = json.dumps(request_body(world.space, day=days_from_real_now(28)))

    def send(_index):
        response = requests.post(f"{server}/api/shareloc/requests/", data=body, headers=headers, timeout=120)
        return response.status_code, response.json()["id"]

    results = _fire_at_once(10, send)
    assert {request_id for _code, request_id in results} == {BookingRequest.objects.get().pk}
    assert sorted(code for code, _id in results).count(201) == 1
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_a_form_sent_twice_creates_one_request(client, django_capture_on_commit_callbacks):
    world = build_world()
    client.force_login(world.member)
    form = {
        "day": TUESDAY.isoformat(),
        "start": "18:30",
        "end": "20:30",
        "attendees": "10",
        "purpose": "Réunion",
        "idempotency_key": "f0f0f0",
    }
    url = f"/shareloc/demander/{world.lycee.uai}/GYM1/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, form)
        second = client.post(url, form)
    request = BookingRequest.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/shareloc/mes-demandes/{request.pk}/"


@pytest.mark.django_db
def test_a_weekly_series_from_october_to_april_keeps_its_local_times(client, clock):
    # The first Tuesday of October after TEST_NOW, weekly until the first Tuesday of April after it, asked
    # on 1 September, when the whole series is within the site's one-year booking horizon.
    clock.move_to(dt.datetime(TEST_NOW.year + 1, 9, 1, 9, 0, tzinfo=TEST_NOW.tzinfo))
    world = build_world()
    client.force_login(world.member)
    october = dt.date(TEST_NOW.year + 1, 10, 1)
    october += dt.timedelta(days=(1 - october.weekday()) % 7)
    april = october + dt.timedelta(weeks=26)
    body = request_body(world.space, day=october, repeat_weekly_until=april.isoformat())
    response = client.post("/api/shareloc/requests/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    dates = response.json()["dates"]
    assert len(dates) == 27
    assert {(row["start"], row["end"]) for row in dates} == {("18:30", "20:30")}
    starts = list(Booking.objects.order_by("start").values_list("start", flat=True))
    utc_hours = {start.date(): start.astimezone(dt.UTC).hour for start in starts}
    # Summer time (UTC+2) before the last Sunday of October and after the last Sunday of March, winter
    # time (UTC+1) between: the Tuesdays just before and just after each change.
    autumn, spring = last_sunday(october.year, 10), last_sunday(october.year + 1, 3)
    assert utc_hours[autumn - dt.timedelta(days=5)] == 16
    assert utc_hours[autumn + dt.timedelta(days=2)] == 17
    assert utc_hours[spring - dt.timedelta(days=5)] == 17
    assert utc_hours[spring + dt.timedelta(days=2)] == 16


# --- weekly series across the clock changes: no time moved or picked silently (core.dates.wall_clock) ---


def test_the_clock_changes_of_the_test_year_are_the_expected_sundays():
    assert (SPRING_FORWARD, FALL_BACK) == (dt.date(2027, 3, 28), dt.date(2027, 10, 31))


def test_a_weekly_series_never_steps_onto_a_paris_time_that_does_not_exist():
    first = SPRING_FORWARD - dt.timedelta(weeks=2)
    with pytest.raises(workflow.InvalidRequest) as refused:
        workflow.series(at(first, 2, 30), at(first, 3, 30), SPRING_FORWARD + dt.timedelta(weeks=1))
    assert refused.value.errors == {
        "repeat_weekly_until": [
            f"Le {SPRING_FORWARD:%d/%m/%Y}, 02:30 n'existe pas à Paris (passage à l'heure d'été) : "
            "choisissez un autre horaire ou une autre fin de série."
        ]
    }


def test_a_weekly_series_never_picks_one_of_two_paris_times_silently():
    first = FALL_BACK - dt.timedelta(weeks=1)
    with pytest.raises(workflow.InvalidRequest) as refused:
        workflow.series(at(first, 1, 0), at(first, 2, 15), FALL_BACK + dt.timedelta(weeks=2))
    assert refused.value.errors == {
        "repeat_weekly_until": [
            f"Le {FALL_BACK:%d/%m/%Y}, 02:15 existe deux fois à Paris (passage à l'heure d'hiver) : "
            "choisissez un autre horaire ou une autre fin de série."
        ]
    }
    # Alone (no series), the same date is refused on its start field.
    with pytest.raises(workflow.InvalidRequest) as refused:
        workflow.series(at(FALL_BACK, 2, 15), at(FALL_BACK, 4, 0))
    assert list(refused.value.errors) == ["start"]


def test_a_weekly_series_around_the_clock_changes_keeps_its_wall_clock_times():
    for change in (SPRING_FORWARD, FALL_BACK):
        first = change - dt.timedelta(weeks=1)
        slots = workflow.series(at(first, 1, 0), at(first, 4, 0), change + dt.timedelta(weeks=1))
        assert [slot.start.date() for slot in slots] == [first, change, change + dt.timedelta(weeks=1)]
        assert {(slot.start.time(), slot.end.time()) for slot in slots} == {(dt.time(1), dt.time(4))}
        # The clocks really change inside the slot on the Sunday: two real hours in spring, four in autumn.
        lengths = [(slot.end - slot.start).total_seconds() / 3600 for slot in slots]  # wall-clock arithmetic
        assert lengths == [3, 3, 3]
        real = (slots[1].end.astimezone(dt.UTC) - slots[1].start.astimezone(dt.UTC)).total_seconds() / 3600
        assert real == (2 if change == SPRING_FORWARD else 4)


@pytest.mark.django_db
def test_a_series_request_over_the_spring_change_is_refused_and_writes_nothing(client):
    from .factories import SpaceFactory, WindowFactory

    world = build_world()
    night = SpaceFactory(lycee=world.lycee, code="NUIT", capacity=30)
    WindowFactory(space=night, start=dt.time(0), end=dt.time(6))
    first = SPRING_FORWARD - dt.timedelta(weeks=1)
    client.force_login(world.member)
    body = request_body(
        night,
        day=first,
        start=(2, 30),
        end=(4, 0),
        repeat_weekly_until=(SPRING_FORWARD + dt.timedelta(weeks=1)).isoformat(),
    )
    response = client.post("/api/shareloc/requests/", body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["repeat_weekly_until"]
    assert f"{SPRING_FORWARD:%d/%m/%Y}, 02:30 n'existe pas" in response.json()["repeat_weekly_until"][0]
    assert BookingRequest.objects.count() == 0 and Booking.objects.count() == 0
