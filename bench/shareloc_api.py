"""Benchmark of Shareloc's catalogue API and imports, on a throw-away SQLite database.

    .venv/bin/python bench/shareloc_api.py [--rounds 200] [--scale 10]

Loads the real public lycées and communes, then the sample (data/sample/shareloc/: ~2,900 spaces,
~7,500 bookings) and measures, through Django's test client (the whole request: middleware, filters,
serialisation):
- GET /api/shareloc/spaces/ with an availability slot and two other filters (département and kind),
  varied over days, slots, départements and kinds;
- GET /api/shareloc/spaces/<uai>/<code>/availability/ over 92 days, for varied spaces;
then does it again with SCALE times the spaces, windows, closures and bookings (each sample space
copied under new codes), imported by the same importer. Prints p50/p95 and the import times.
Set DATABASE_URL to run it elsewhere (PostgreSQL); the default is a temporary SQLite file.
"""

import argparse
import csv
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from shareloc_data import SAMPLE, load_reference_data
from timing import percentiles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEPARTMENTS = ["02", "59", "60", "62", "80"]
KINDS = ["classroom", "gymnasium", "multipurpose_room", "meeting_room", "sports_field", "library"]
SLOTS = [("18:00", "20:00"), ("18:30", "21:30"), ("09:00", "12:00"), ("14:00", "17:00"), ("19:00", "21:00")]


def scaled_copy(target, scale):
    """The sample's five files with every space copied `scale` times (codes GYM1, GYM1-2, ...)."""
    for name in ("spaces", "windows", "closures", "bookings", "equipment"):
        with open(SAMPLE / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = reader.fieldnames, list(reader)
        column = {"spaces": "code", "equipment": None}.get(name, "space_code")
        out = []
        for copy in range(1, scale + 1):
            for row in rows:
                row = dict(row)
                if column and row.get(column) and copy > 1:
                    row[column] = f"{row[column]}-{copy}"
                if column or copy == 1:
                    out.append(row)
        with open(target / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(out)


def measure(label, rounds, rng):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from shareloc.models import Space

    client = Client()
    first_day = datetime.date(2026, 11, 23)
    days = [first_day + datetime.timedelta(days=offset) for offset in range(0, 240, 3)]
    durations, max_queries, counts = [], 0, []
    for index in range(rounds + 5):
        slot_day = rng.choice(days).isoformat()
        start, end = rng.choice(SLOTS)
        params = {
            "available_from": f"{slot_day}T{start}",
            "available_to": f"{slot_day}T{end}",
            "department": rng.choice(DEPARTMENTS),
            "kind": rng.choice(KINDS),
        }
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get("/api/shareloc/spaces/", params)
            elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, response.content[:300]
        if index >= 5:  # the first requests warm caches up
            durations.append(elapsed)
            max_queries = max(max_queries, len(queries))
            counts.append(response.json()["count"])
    p50, p95 = percentiles(durations)
    print(
        f"[{label}] GET /api/shareloc/spaces/ (slot + département + kind): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"at most {max_queries} queries, {statistics.mean(counts):.0f} results on average"
    )

    keys = list(Space.objects.values_list("lycee__uai", "code"))
    durations = []
    for index in range(rounds + 5):
        uai, code = rng.choice(keys)
        began = time.perf_counter()
        response = client.get(
            f"/api/shareloc/spaces/{uai}/{code}/availability/", {"from": "2027-01-04", "to": "2027-04-05"}
        )
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200 and len(response.json()["days"]) == 92, response.content[:300]
        if index >= 5:
            durations.append(elapsed)
    p50, p95 = percentiles(durations)
    print(
        f"[{label}] GET /api/shareloc/spaces/<uai>/<code>/availability/ over 92 days: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="shareloc-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "maregion.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    from shareloc.catalogue.imports import import_shareloc_folder

    print(f"database: {os.environ['DATABASE_URL']}")
    call_command("migrate", verbosity=0)
    load_reference_data()

    began = time.perf_counter()
    reports = import_shareloc_folder(SAMPLE)
    print(
        f"[sample] import of data/sample/shareloc/: {time.perf_counter() - began:.1f} s "
        f"({', '.join(f'{r.name} {r.created}' for r in reports.files)})"
    )
    began = time.perf_counter()
    import_shareloc_folder(SAMPLE)
    print(f"[sample] the same import again (nothing changes): {time.perf_counter() - began:.1f} s")
    rng = random.Random(2026)
    measure("sample", args.rounds, rng)

    if args.scale > 1:
        scaled = workdir / "scaled"
        scaled.mkdir()
        scaled_copy(scaled, args.scale)
        began = time.perf_counter()
        reports = import_shareloc_folder(scaled)
        print(
            f"[x{args.scale}] import: {time.perf_counter() - began:.1f} s "
            f"({', '.join(f'{r.name} {r.created + r.unchanged}' for r in reports.files)})"
        )
        measure(f"x{args.scale}", args.rounds, rng)


if __name__ == "__main__":
    main()
