"""Benchmark of La Belette's embedded directory search, on a throw-away SQLite database.

    .venv/bin/python bench/belette_search.py [--agents 10000] [--rounds 5]

Prints, for the sample (data/sample/belette/, 2,000 agents) and then with N generated agents in the
sample's shape: MRR@10 and recall@5 over the labelled query set (belette/evaluation.py), search and
suggestion latencies (p50/p95, in-process and through the JSON API), the index build time, and the
time to import N agents (fresh, then the same file again).
"""

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from timing import percentiles, timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed_series(function, arguments, **kwargs):
    """(wall ms, CPU ms) of function(argument) for each argument."""
    pairs = [timed(function, *argument, **kwargs) for argument in arguments]
    return [wall for wall, _cpu in pairs], [cpu for _wall, cpu in pairs]


def generate_agents(sample_dir, target_dir, count, seed=2026):
    """agents.csv with the sample's agents plus generated ones up to `count`, in the same shape."""
    from core.text import fold

    rng = random.Random(seed)
    with open(sample_dir / "agents.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    first_names = sorted({row["first_name"] for row in rows})
    last_names = sorted({row["last_name"] for row in rows})
    titles = sorted({row["title"] for row in rows})
    units = sorted({row["unit_code"] for row in rows})
    topics = sorted({topic for row in rows for topic in row["topics"].split("|") if topic})
    sites = [row["site"] for row in rows]
    out = list(rows)
    number = 600000
    while len(out) < count:
        number += 1
        first, last = rng.choice(first_names), rng.choice(last_names)
        slug = fold(f"{first}.{last}").replace(" ", "").replace("'", "")
        out.append(
            {
                "id": f"A{number}",
                "first_name": first,
                "last_name": last,
                "title": rng.choice(titles),
                "unit_code": rng.choice(units),
                "email": f"{slug}{number}@hautsdefrance.fr",
                "phone": f"03 74 27 {rng.randint(10, 99)} {rng.randint(10, 99)}",
                "site": rng.choice(sites),
                "topics": "|".join(rng.sample(topics, rng.choice([0, 0, 1, 2, 3]))),
                "backup_id": rng.choice(["", f"A{rng.randint(500001, 502000)}"]),
                "active": "yes" if rng.random() > 0.03 else "no",
            }
        )
    for name in ("units.csv", "dispositifs.csv", "synonyms.csv"):
        shutil.copy(sample_dir / name, target_dir / name)
    with open(target_dir / "agents.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(out)
    return len(out)


def suggestion_prefixes(queries):
    prefixes = []
    for query, _relevant, _case in queries:
        for size in (3, 5, 8):
            if len(query) > size:
                prefixes.append(query[:size])
    return prefixes


def measure(label, rounds):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client

    from belette.embedded import EmbeddedDirectoryBackend, current_index
    from belette.evaluation import LABELLED_QUERIES, evaluate
    from belette.models import Agent

    backend = EmbeddedDirectoryBackend()
    build, _cpu = timed(backend.rebuild)
    mrr, recall, rows = evaluate(backend)
    queries = [query for query, _relevant, _case in LABELLED_QUERIES]
    prefixes = suggestion_prefixes(LABELLED_QUERIES)
    current_index()  # warm
    search_ms = timed_series(backend.search, [(query,) for _round in range(rounds) for query in queries])
    suggest_ms = timed_series(backend.autocomplete, [(prefix,) for _round in range(rounds) for prefix in prefixes])

    user, _created = get_user_model().objects.get_or_create(username="bench")
    user.user_permissions.add(Permission.objects.get(codename="view_directory"))
    client = Client()
    client.force_login(user)
    api_search = timed_series(client.get, [("/api/belette/search/", {"q": query}) for query in queries])
    api_suggest = timed_series(client.get, [("/api/belette/autocomplete/", {"q": prefix}) for prefix in prefixes])

    print(f"\n== {label}: {Agent.objects.count()} agents, {len(current_index().docs)} entries indexed")
    print(f"index build (first search after a change): {build:.0f} ms")
    print(f"MRR@10 = {mrr:.3f}   recall@5 = {recall:.3f}   over {len(LABELLED_QUERIES)} labelled queries")
    misses = [(query, rank) for query, _case, rank in rows if rank != 1]
    if misses:
        print("   not first:", ", ".join(f"{query!r}→{rank}" for query, rank in misses))
    print(f"{'':<32} {'wall p50':>9} {'wall p95':>9} {'CPU p50':>9} {'CPU p95':>9}")
    for name, (wall, cpu) in (
        ("search (in-process)", search_ms),
        ("suggestions (in-process)", suggest_ms),
        ("GET /api/belette/search/", api_search),
        ("GET /api/belette/autocomplete/", api_suggest),
    ):
        (wall50, wall95), (cpu50, cpu95) = percentiles(wall), percentiles(cpu)
        print(f"{name:<32} {wall50:6.1f} ms {wall95:6.1f} ms {cpu50:6.1f} ms {cpu95:6.1f} ms  ({len(wall)} requests)")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="belette-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maregion.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    from belette.imports import import_directory
    from belette.models import Agent, Dispositif

    sample_dir = ROOT / "data" / "sample" / "belette"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"SQLite database {workdir} migrated in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    import_directory(sample_dir)
    print(f"sample imported in {time.perf_counter() - started:.1f} s")
    measure("sample", options.rounds)

    generated = workdir / "generated"
    generated.mkdir()
    total = generate_agents(sample_dir, generated, options.agents)
    Dispositif.contacts.through.objects.all().delete()
    Agent.objects.update(backup=None)
    Agent.objects.all().delete()
    started = time.perf_counter()
    report = import_directory(generated)
    fresh = time.perf_counter() - started
    started = time.perf_counter()
    again = import_directory(generated)
    second = time.perf_counter() - started
    agents = next(file for file in report.files if file.name == "agents.csv")
    print(
        f"\nimport of {total} agents (with units, dispositifs, synonyms): {fresh:.1f} s "
        f"({agents.created} created, {agents.rejected} rejected); same files again: {second:.1f} s "
        f"({again.changed} changed)"
    )
    measure(f"{total} agents", options.rounds)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
