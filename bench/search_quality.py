"""Ranking quality of the citizen search: the labelled queries of search/evaluation.py over the demo portal.

    .venv/bin/python bench/search_quality.py            # a throw-away SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/search_quality.py --keep-url

Migrates, loads the portal's, the programme's and the search's demo content (the pages the queries are
about), then prints MRR@10, top-5, MRR by category, the queries not answered first, and the latency of
one ranking (p50 / p95, in-process).
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

from timing import percentiles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-url", action="store_true", help="use DATABASE_URL as given (PostgreSQL)")
    options = parser.parse_args()
    if not options.keep_url or not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="maregion-search-quality-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/quality.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maregion.settings.test")
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.core.management import call_command
    from django.core.management.base import OutputWrapper

    from home import demo as home_demo
    from programme import demo as programme_demo
    from search import demo as search_demo
    from search import engine
    from search.evaluation import LABELLED_QUERIES, evaluate

    class Command:
        stdout = OutputWrapper(io.StringIO())

    call_command("migrate", verbosity=0)
    for module in (home_demo, programme_demo, search_demo):
        module.load(Command())
    from django.db import connection

    engine.ranked_urls("aide")  # builds the index once
    measures = evaluate(engine.ranked_urls)
    print(f"database: {connection.vendor}, {measures.count} labelled queries")
    print(f"MRR@10 {measures.mrr:.3f}   top-5 {measures.top5:.3f}")
    for category, value in sorted(measures.by_category.items()):
        print(f"  {category:10} MRR {value:.3f}")
    for query, rank in measures.misses:
        print(f"  not first: {query!r} (rank {rank})")
    times = []
    for query, _relevant, _category in LABELLED_QUERIES:
        started = time.perf_counter()
        engine.ranked_urls(query)
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentiles(times)
    print(f"ranking latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
