"""Benchmark of issue 18's Région planning and commune autocomplete, on a throw-away SQLite database.

    .venv/bin/python bench/shareloc_planning.py [--rounds 30]

Loads the real public lycées and communes and the sample (data/sample/shareloc/), then measures through
Django's test client (the whole request):
- GET /shareloc/planning/?departement=NN (the public Région planning, ten lycées a page) for a week and a
  month, over the five départements and their pages;
- GET /api/shareloc/communes/?q=… for typed beginnings of real commune names.
Prints p50/p95 and the most SQL queries of a request. Set DATABASE_URL to run it elsewhere.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from shareloc_data import SAMPLE, load_reference_data
from timing import percentiles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEPARTMENTS = ["02", "59", "60", "62", "80"]


def timed(client, path, params, rounds, check):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, max_queries = [], 0
    for index, each in enumerate(params[: rounds + 3]):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(path, each)
            elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, (each, response.status_code)
        check(response)
        if index >= 3:  # the first requests warm caches up
            durations.append(elapsed)
            max_queries = max(max_queries, len(queries))
    return percentiles(durations), max_queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="shareloc-planning-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "maregion.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from home.demo import ensure_site_tree
    from shareloc.catalogue.demo import ensure_catalogue_page
    from shareloc.catalogue.imports import import_shareloc_folder
    from shareloc.catalogue.planning import area_lycees
    from shareloc.models import Commune

    print(f"database: {os.environ['DATABASE_URL']}")
    call_command("migrate", verbosity=0)
    load_reference_data()
    import_shareloc_folder(SAMPLE)
    ensure_site_tree()
    ensure_catalogue_page()
    rng = random.Random(2026)
    client = Client()

    for view in ("semaine", "mois"):
        params = []
        for _round in range(args.rounds + 3):
            department = rng.choice(DEPARTMENTS)
            pages = (area_lycees(department).count() + 9) // 10
            params.append(
                {"departement": department, "vue": view, "date": "2027-01-12", "page": rng.randint(1, max(pages, 1))}
            )
        (p50, p95), queries = timed(
            client, "/shareloc/planning/", params, args.rounds, lambda r: r.content.count(b"<caption")
        )
        biggest = max(area_lycees(d).count() for d in DEPARTMENTS)
        print(
            f"GET /shareloc/planning/?departement=…&vue={view} (10 lycées a page; {biggest} lycées lend spaces "
            f"in the largest département): p50 {p50:.0f} ms, p95 {p95:.0f} ms, at most {queries} queries"
        )

    names = list(Commune.objects.values_list("name", flat=True))
    params = [{"q": name[: rng.randint(2, 6)]} for name in rng.sample(names, args.rounds * 3 + 3)]
    (p50, p95), queries = timed(
        client, "/api/shareloc/communes/", params, args.rounds * 3, lambda r: r.json()["results"]
    )
    print(
        f"GET /api/shareloc/communes/?q=… ({len(names)} communes): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"at most {queries} queries"
    )


if __name__ == "__main__":
    main()
