"""Benchmark of the site search page /recherche/ and of GET /api/search/ on SQLite: the demo data plus 2,000
generated pages.

    .venv/bin/python bench/search_page.py [--pages 2000] [--rounds 20] [--fresh] [--profile /api/search/]

Builds (once, kept in /tmp/maregion-bench-search/ unless --fresh) a SQLite database with the migrations, the
demo (`load_demo`) and N extra pages (content pages, aid schemes and news in French, indexed by Wagtail's
database backend), then requests the page through Django's test client for a set of queries (common and
rare words, several words, a typo that triggers "vous vouliez dire", a kind filter, a second page), the same
queries on /api/search/, and the suggestions API, and prints p50 / p95 / max per request type and overall, in
milliseconds. With --profile PATH it prints where the time goes (cProfile) instead.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

from timing import spread

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = Path("/tmp/maregion-bench-search")

QUERIES = {
    "common word": ["aide", "lycée", "région", "formation", "jeunes"],
    "rarer word": ["vélo", "gymnase", "permis", "apprentissage", "patrimoine"],
    "several words": ["aide au permis de conduire", "transport scolaire lycée", "formation professionnelle jeunes"],
    "typo (did you mean)": ["apprentisage", "patrimoinne", "gymnaze"],
    "kind filter": [("formation", "news"), ("aide", "aids"), ("lycée", "pages")],
    "page 2 of a kind": [("formation", "news", 2), ("aide", "aids", 2)],
}
SUGGESTIONS = ["ap", "tra", "lyc", "form", "vél"]

THEMES = [
    "Formation",
    "Transport",
    "Culture",
    "Sport",
    "Emploi",
    "Environnement",
    "Santé",
    "Numérique",
    "Agriculture",
    "Tourisme",
    "Patrimoine",
    "Logement",
    "Jeunesse",
    "Mobilité",
    "Innovation",
]
OBJECTS = [
    "aide",
    "bourse",
    "subvention",
    "appel à projets",
    "prêt d'honneur",
    "chèque",
    "programme",
    "accompagnement",
    "forum",
    "journée portes ouvertes",
    "concours",
    "atelier",
    "rencontre",
]
PUBLICS = [
    "jeunes",
    "lycéens",
    "apprentis",
    "associations",
    "entreprises",
    "communes",
    "agriculteurs",
    "demandeurs d'emploi",
    "étudiants",
    "familles",
    "artisans",
    "sportifs",
]
PLACES = [
    "Lille",
    "Amiens",
    "Arras",
    "Beauvais",
    "Laon",
    "Dunkerque",
    "Calais",
    "Valenciennes",
    "Saint-Quentin",
    "Compiègne",
    "Boulogne-sur-Mer",
    "Lens",
    "Douai",
    "Abbeville",
    "Soissons",
    "Roubaix",
    "Tourcoing",
]
WORDS = [
    "région",
    "lycée",
    "vélo",
    "gymnase",
    "permis",
    "apprentissage",
    "territoire",
    "projet",
    "dossier",
    "financement",
    "calendrier",
    "inscription",
    "partenaires",
    "accessibilité",
    "qualité",
    "réseau",
]
# Body text is drawn from a larger vocabulary with Zipf-like frequencies (a few words everywhere, most words
# rare), like real pages: the demo's own texts plus the lists above.
STEMS = [
    "aménagement",
    "association",
    "bâtiment",
    "candidature",
    "cantine",
    "chantier",
    "citoyen",
    "collège",
    "conseil",
    "convention",
    "démarche",
    "département",
    "développement",
    "dispositif",
    "économie",
    "égalité",
    "énergie",
    "équipement",
    "europe",
    "exposition",
    "festival",
    "filière",
    "guichet",
    "handicap",
    "habitat",
    "hôpital",
    "industrie",
    "internat",
    "jardin",
    "laboratoire",
    "littoral",
    "musée",
    "métropole",
    "nature",
    "orientation",
    "paysage",
    "pêche",
    "piscine",
    "port",
    "quartier",
    "rénovation",
    "ruralité",
    "sécurité",
    "solidarité",
    "stage",
    "théâtre",
    "tramway",
    "université",
    "usine",
    "village",
]


def setup_django(fresh, workdir=WORKDIR):
    if fresh and workdir.exists():
        for path in workdir.iterdir():
            path.unlink()
    workdir.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    # The test settings run tasks in-process: every page is indexed as it is created, no worker needed.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maregion.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)


def build(pages, seed=2026):
    from django.apps import apps
    from django.core.management import call_command

    from home.demo import ensure_site_tree

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    models = [apps.get_model(label) for label in ("home.ContentPage", "home.AidePage", "home.NewsPage")]
    existing = sum(model.objects.filter(slug__startswith="bench-").count() for model in models)
    if existing >= pages:
        print(f"{existing} generated pages already there (the demo was loaded with them)")
        return
    try:
        call_command("load_demo", verbosity=0)
    except Exception as error:  # another app's demo failing must not stop the measure of this one
        print(f"load_demo failed ({error.__class__.__name__}: {error}); measuring with the site tree only")
    home = ensure_site_tree()
    print(f"database migrated and demo loaded in {time.perf_counter() - started:.1f} s")
    rng = random.Random(seed)
    vocabulary = list(
        dict.fromkeys(
            WORDS
            + OBJECTS
            + PUBLICS
            + [w.lower() for w in THEMES]
            + STEMS
            + [f"{stem}{suffix}" for stem in STEMS for suffix in ("s", "al", "iste", "ement", "aire")]
        )
    )
    rng.shuffle(vocabulary)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    started = time.perf_counter()
    for number in range(existing, pages):
        model = models[number % 3]
        theme, obj, public, place = rng.choice(THEMES), rng.choice(OBJECTS), rng.choice(PUBLICS), rng.choice(PLACES)
        title = f"{theme} : {obj} pour les {public} de {place}"
        text = " ".join(rng.choices(vocabulary, weights=weights, k=60))
        page = model(title=title, slug=f"bench-{number}")
        if model.__name__ == "AidePage":
            page.summary = f"{obj.capitalize()} de la Région pour les {public}. {text}"
        else:
            page.intro = f"{theme} à {place} : {text}"
        home.add_child(instance=page)
        if (number + 1) % 250 == 0:
            print(f"  {number + 1}/{pages} pages ({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"{pages - existing} pages generated and indexed in {time.perf_counter() - started:.1f} s")


def _params(item):
    query, kind, page = (item, None, None) if isinstance(item, str) else (tuple(item) + (None,))[:3]
    params = {"q": query}
    if kind:
        params["kind"] = kind
    if page:
        params["page"] = page
    return params


CPU = []  # CPU time of every request measured (ms): on a machine shared with other jobs, wall time is
# mostly waiting for a core, CPU time is what the request itself costs.


def _timed(client, path, rounds, queries):
    samples = []
    for _ in range(rounds):
        for item in queries:
            params = _params(item)
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(path, params)
            samples.append((time.perf_counter() - started) * 1000)
            CPU.append((path, (time.process_time() - cpu) * 1000))
            assert response.status_code == 200, (path, params, response.status_code)
    return samples


def measure(rounds):
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    print(f"\n{Page.objects.live().count()} live pages; {rounds} rounds of each request")
    for path in ("/recherche/", "/api/search/"):  # warm caches (site root paths, index) like a running site
        client.get(path, {"q": "aide"})
    rows = []
    for path, name in (("/recherche/", "search page"), ("/api/search/", "search API")):
        everything = []
        for label, queries in QUERIES.items():
            samples = _timed(client, path, rounds, queries)
            everything.extend(samples)
            rows.append((f"{name}: {label}", *spread(samples)))
        rows.append((f"{name}, all queries", *spread(everything)))
    samples = []
    for _ in range(rounds):
        for query in SUGGESTIONS:
            started = time.perf_counter()
            response = client.get("/api/search/suggestions/", {"q": query})
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    rows.append(("suggestions API", *spread(samples)))
    for path in ("/recherche/", "/api/search/"):
        rows.append((f"CPU time, {path}", *spread([ms for where, ms in CPU if where == path])))
    print(f"\n{'request':44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, p50, p95, worst in rows:
        print(f"{label:44} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    from django.contrib.auth.models import AnonymousUser

    from search.engine import search_site

    for query in ("aide", "vélo", "gymnase"):
        print(f"results for « {query} »: {search_site(query, AnonymousUser(), suggest=False).counts}")


def profile(path, rounds, top=30):
    """cProfile of `rounds` passes over every query of QUERIES on `path`: where the time goes."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client()
    client.get(path, {"q": "aide"})
    queries = [item for items in QUERIES.values() for item in items]
    profiler = cProfile.Profile()
    profiler.enable()
    _timed(client, path, rounds, queries)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats("wt/search", top)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database from scratch")
    parser.add_argument("--workdir", type=Path, default=WORKDIR, help=f"where the database is kept ({WORKDIR})")
    parser.add_argument("--profile", metavar="PATH", help="print a cProfile of PATH (/api/search/) instead")
    args = parser.parse_args()
    setup_django(args.fresh, args.workdir)
    build(args.pages)
    if args.profile:
        profile(args.profile, args.rounds)
    else:
        measure(args.rounds)


if __name__ == "__main__":
    main()
