"""Benchmark of the portal's pages on a throw-away SQLite database (or DATABASE_URL if given).

    .venv/bin/python bench/portal_pages.py [--aids 1000] [--news 2000] [--rounds 30]

First with the demo content alone (25 real aids, 8 news items), then after adding N generated aids
and M generated news items. Each page is requested through Django's test client (middleware,
Wagtail routing, templates, the menus from the cache): the home page, a content page, the aid list
without and with filters, an aid page, the news list (first and a far page) and the contact form.
Prints p50/p95 in milliseconds and the number of SQL queries of one request.
"""

import argparse
import datetime
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from timing import percentiles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = [
    ("accueil", "/"),
    ("page de contenu", "/services/transports-scolaires/"),
    ("liste des aides", "/aides/"),
    ("liste des aides filtrée", "/aides/?public=apprentis&theme=transport&departement=59&ouvertes=1"),
    ("liste des aides, recherche texte", "/aides/?q=transport"),
    ("page d'une aide", "/aides/bourse-de-mobilite-internationale-mermoz/"),
    ("liste des actualités", "/actualites/"),
    ("actualités, page 50", "/actualites/?page=50"),
    ("formulaire de contact", "/contact/"),
]


def measure(client, rounds, title):
    from django.db import connection

    counter = []

    def count(execute, sql, params, many, context):
        counter.append(sql)
        return execute(sql, params, many, context)

    print(f"\n{title}")
    for label, path in PAGES:
        response = client.get(path)  # warm caches and templates
        if response.status_code == 404:
            continue
        assert response.status_code == 200, (path, response.status_code)
        counter.clear()
        with connection.execute_wrapper(count):
            client.get(path)
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - start) * 1000)
        p50, p95 = percentiles(samples)
        print(f"  {label:<36} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {len(counter):3d} requêtes SQL")


def generate(aid_count, news_count):
    from taggit.models import Tag

    from home.models import AidAudience, AideIndexPage, AidePage, AidTheme, Department, NewsIndexPage, NewsPage

    rng = random.Random(42)
    aid_index = AideIndexPage.objects.get()
    audiences, themes = list(AidAudience.objects.all()), list(AidTheme.objects.all())
    departments = list(Department.objects.all())
    today = datetime.date.today()
    for number in range(aid_count):
        aid = AidePage(
            title=f"Aide générée {number:04} – {rng.choice(['transport', 'logement', 'formation', 'emploi'])}",
            slug=f"aide-generee-{number}",
            summary="Une aide générée pour mesurer le catalogue à grande échelle.",
            amount_eur=rng.choice([None, 50, 200, 1000]),
            whole_region=rng.random() < 0.7,
            opens_on=today - datetime.timedelta(days=rng.randint(-60, 400)),
            closes_on=rng.choice([None, today + datetime.timedelta(days=rng.randint(-200, 300))]),
        )
        aid.audiences = rng.sample(audiences, 2)
        aid.themes = rng.sample(themes, 2)
        if not aid.whole_region:
            aid.departments = rng.sample(departments, 2)
        if aid.closes_on and aid.opens_on and aid.closes_on < aid.opens_on:
            aid.closes_on = None
        aid_index.add_child(instance=aid)
    news_index = NewsIndexPage.objects.get()
    tags = list(Tag.objects.all()[:6])
    for number in range(news_count):
        item = NewsPage(
            title=f"Actualité générée {number:04}",
            slug=f"actualite-generee-{number}",
            date=today - datetime.timedelta(days=number),
            intro="Une actualité générée.",
        )
        item.tags.add(*rng.sample(tags, 2))
        news_index.add_child(instance=item)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aids", type=int, default=1000)
    parser.add_argument("--news", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "maregion.settings.test"
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client

    # One persistent connection, as with CONN_MAX_AGE in production.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Generated pages need no search or reference index for this measure: tasks go nowhere.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    try:
        call_command("migrate", verbosity=0, stdout=io.StringIO())
        from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
        from home.demo_content import load_content

        home = ensure_site_tree()
        ensure_groups(home)
        ensure_accounts()
        load_content(home)
        client = Client()
        print(f"Base : {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, {args.rounds} mesures par page")
        measure(client, args.rounds, "Contenu de démonstration (25 aides, 8 actualités)")
        start = time.perf_counter()
        generate(args.aids, args.news)
        print(f"\n({args.aids} aides et {args.news} actualités générées en {time.perf_counter() - start:.0f} s)")
        measure(client, args.rounds, f"Avec {args.aids + 25} aides et {args.news + 8} actualités")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
