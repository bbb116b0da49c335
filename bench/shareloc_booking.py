"""Benchmark of Shareloc's booking requests, on a throw-away SQLite database holding the real lycées and
the sample (data/sample/shareloc/: ~2,900 spaces, ~7,500 bookings).

    .venv/bin/python bench/shareloc_booking.py [--rounds 30] [--database sqlite|URL]

Prints p50/p95 of, through HTTP in-process (Django's test client, DEBUG off):
- POST /api/shareloc/requests/ with a 34-date weekly series (each date checked by the availability rule);
- POST /api/shareloc/requests/<id>/approve/ of such a series (its free dates);
- GET /admin/shareloc/tableau-de-bord/ over the 2026–2027 school year (the sample's year).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import time_machine

from shareloc_data import SAMPLE, load_reference_data
from timing import percentiles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERIES_START = date(2027, 9, 7)  # a Tuesday; 34 weeks later is April 2028
WEEKS = 34
# The association asks on this day, so that the whole series is within the site's one-year booking
# horizon whatever day the benchmark runs (the clock is moved in-process with time-machine).
ASKED_ON = datetime(2027, 8, 2, 9, 0)


def report(name, samples):
    p50, p95 = percentiles(samples)
    print(f"{name:<58} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({len(samples)} requests)")


def setup_database(database):
    if database == "sqlite":
        workdir = Path(tempfile.mkdtemp(prefix="shareloc-booking-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maregion.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    # E-mails would go to the console: keep them in memory, and run tasks in-process.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database migrated in {time.perf_counter() - started:.1f} s ({settings.DATABASES['default']['ENGINE']})")
    from shareloc.catalogue.imports import import_shareloc_folder

    started = time.perf_counter()
    load_reference_data()
    import_shareloc_folder(SAMPLE)
    print(f"sample imported in {time.perf_counter() - started:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database", default="sqlite", help="sqlite (a temporary file) or a DATABASE_URL")
    options = parser.parse_args()
    setup_database(options.database)

    from django.contrib.auth import get_user_model
    from django.db.models import Count, F
    from django.test import Client

    from core.dates import PARIS
    from shareloc.models import Association, AssociationMember, Booking, BookingStatus, Space

    User = get_user_model()
    member = User.objects.create_user("bench-association", password="x")
    association = Association.objects.create(
        name="Association du banc d'essai", rna="W590000999", contact_name="Banc", contact_email="banc@example.org"
    )
    AssociationMember.objects.create(association=association, user=member)
    admin = User.objects.create_superuser("bench-admin", "admin@example.org", "x")
    # Spaces open on Tuesday evenings in term time: where an association asks every week.
    tuesday = 1 << 1
    spaces = list(
        Space.objects.annotate(tuesday=F("windows__weekday_mask").bitand(tuesday))
        .filter(tuesday=tuesday, windows__start__lte="18:30", windows__end__gte="20:30", capacity__gte=10)
        .select_related("lycee")
        .distinct()
        .order_by("pk")[: options.rounds * 3]
    )
    print(
        f"{Space.objects.count()} spaces, {Booking.objects.count()} bookings "
        f"({Booking.objects.filter(status=BookingStatus.CONFIRMED).count()} confirmed); "
        f"{len(spaces)} candidate spaces open on Tuesday evenings"
    )

    traveller = time_machine.travel(ASKED_ON.replace(tzinfo=PARIS), tick=True)
    traveller.start()
    association_client, manager_client = Client(), Client()
    association_client.force_login(member)
    submit_ms, approve_ms, created = [], [], []
    free_counts, refusals = [], []
    for space in spaces:
        if len(created) >= options.rounds:
            break
        body = {
            "space": f"{space.lycee.uai}/{space.code}",
            "start": f"{SERIES_START}T18:30",
            "end": f"{SERIES_START}T20:30",
            "attendees": 10,
            "purpose": "Entraînement hebdomadaire",
            "repeat_weekly_until": str(SERIES_START + timedelta(weeks=WEEKS - 1)),
        }
        started = time.perf_counter()
        response = association_client.post("/api/shareloc/requests/", body, content_type="application/json")
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 201:
            refusals.append(response.content[:300])
            continue  # no free date at all in this space: not a request anyone would send
        submit_ms.append(elapsed)
        data = response.json()
        assert data["availability"]["total"] == WEEKS, data["availability"]
        free_counts.append(data["availability"]["free"])
        created.append((space, data))
    for space, data in created:
        manager = User.objects.create_user(f"bench-manager-{space.pk}", password="x")
        space.lycee.managers.add(manager)
        manager_client.force_login(manager)
        free = [row["date"] for row in data["dates"] if row["available"]]
        started = time.perf_counter()
        response = manager_client.post(
            f"/api/shareloc/requests/{data['id']}/approve/", {"dates": free}, content_type="application/json"
        )
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.content
        approve_ms.append(elapsed)
    traveller.stop()
    if not created:
        raise SystemExit(f"no series was accepted; first refusal: {refusals[:1]}")
    print(f"series of {WEEKS} dates: {statistics.mean(free_counts):.1f} free dates on average")
    report(f"POST /api/shareloc/requests/ ({WEEKS}-date series)", submit_ms)
    report(f"POST .../approve/ ({WEEKS}-date series, free dates)", approve_ms)

    admin_client = Client()
    admin_client.force_login(admin)
    dashboard_ms = []
    admin_client.get("/admin/shareloc/tableau-de-bord/", {"annee": "2026"})  # warm-up: templates, admin menu
    for _round in range(20):
        started = time.perf_counter()
        response = admin_client.get("/admin/shareloc/tableau-de-bord/", {"annee": "2026"})
        dashboard_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    report("GET /admin/shareloc/tableau-de-bord/ (school year 2026-27)", dashboard_ms)
    by_status = dict(Booking.objects.values_list("status").annotate(n=Count("pk")))
    print(f"bookings after the run: {by_status}; at {datetime.now():%Y-%m-%d %H:%M}")


if __name__ == "__main__":
    main()
