"""Benchmark of the programme's pages on a throw-away SQLite database.

    .venv/bin/python bench/programme_pages.py [--applications 500] [--reviewers 3] [--rounds 30]

Loads the demo (the 2020 edition, six projects, the 2026 call), adds N applications to the 2026
edition, each scored by R reviewers on the edition's four criteria, then measures through Django's
test client (full request: middleware, templates, SVG charts): the public programme page, a project
page with its impact chart, the call form, a submission to the call, the team's ranked list of the
N applications and its CSV export, the review round's page (assignments and progress) and a bulk
assignment of 2 reviewers per application. Prints p50/p95 in milliseconds.
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


def measure(label, rounds, function):
    function()  # warm caches and templates
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(samples)
    print(f"{label:<48} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--reviewers", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="programme-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "maregion.settings.test"
    os.environ["PROGRAMME_FILES_ROOT"] = str(workdir / "private")
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.management.base import BaseCommand
    from django.test import Client
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    try:
        call_command("migrate", verbosity=0)
        from core.roles import STAFF, group_for
        from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
        from programme import demo
        from programme.models import Application, Assignment, CallPage, Edition, Review, Score

        ensure_groups(ensure_site_tree())
        ensure_accounts()
        demo.load(BaseCommand(stdout=io.StringIO()))
        CallPage.objects.update(
            opens_at=timezone.now() - datetime.timedelta(days=1), closes_at=timezone.now() + datetime.timedelta(days=30)
        )
        edition = Edition.objects.get(year=2026)
        review_round = edition.rounds.get(is_current=True)
        criteria = list(review_round.criteria.all())
        User = get_user_model()
        reviewers = [User.objects.create_user(f"relecteur{i}", f"r{i}@example.org", "x") for i in range(args.reviewers)]
        edition.reviewers.add(*reviewers)
        rng = random.Random(2026)
        applications = Application.objects.bulk_create(
            [
                Application(
                    edition=edition,
                    title=f"Projet {n}",
                    applicant_name=f"Agent {n}",
                    applicant_email=f"agent{n}@example.org",
                    answers=[
                        {
                            "name": "titre_du_projet",
                            "label": "Titre du projet",
                            "type": "singleline",
                            "value": f"Projet {n}",
                        }
                    ],
                )
                for n in range(args.applications)
            ]
        )
        Assignment.objects.bulk_create(
            [Assignment(review_round=review_round, application=a, reviewer=r) for a in applications for r in reviewers]
        )
        reviews = Review.objects.bulk_create(
            [Review(application=a, reviewer=r, review_round=review_round) for a in applications for r in reviewers]
        )
        Score.objects.bulk_create(
            [
                Score(review=review, criterion=c, value=rng.choice([None, 0, 1, 2, 3, 4, 5]))
                for review in reviews
                for c in criteria
            ]
        )
        print(
            f"{args.applications} applications, {len(reviews)} reviews, "
            f"{len(reviews) * len(criteria)} scores; {args.rounds} rounds each"
        )

        public = Client()
        # Submitting needs an account allowed to apply (an agent of the Région); each submission
        # comes from its own address so that the per-client hourly limit does not turn it into a 429.
        applicant = Client()
        agent = User.objects.create_user("candidat", "candidat@example.org", "x")
        agent.groups.add(group_for(STAFF))
        applicant.force_login(agent)
        CallPage.objects.update(allow_several_applications=True)
        addresses = (f"10.0.{n // 250}.{n % 250 + 1}" for n in range(100_000))
        team = Client()
        team.force_login(User.objects.get(username="programme"))
        form = {
            "nom_et_prenom": "Camille",
            "e_mail_professionnel": "camille@example.org",
            "direction_ou_service": "DQP",
            "titre_du_projet": "Bench",
            "le_probleme_constate_sur_le_terrain": "x",
            "les_usagers_concernes": "y",
            "temps_que_vous_pourriez_y_consacrer": "50 %",
            "consentement_rgpd": "on",
        }

        def check(response, status=200):
            assert response.status_code == status, (response.status_code, response.content[:300])

        measure("GET /programme/ (public)", args.rounds, lambda: check(public.get("/programme/")))
        measure(
            "GET /programme/tout-est-permis/ (chart)",
            args.rounds,
            lambda: check(public.get("/programme/tout-est-permis/")),
        )
        measure("GET /programme/appel-2026/ (form)", args.rounds, lambda: check(public.get("/programme/appel-2026/")))
        measure(
            "POST /programme/appel-2026/ (submission)",
            args.rounds,
            lambda: check(applicant.post("/programme/appel-2026/", form, REMOTE_ADDR=next(addresses))),
        )
        measure(
            f"GET team list, {args.applications} ranked",
            args.rounds,
            lambda: check(team.get("/programme/espace/candidatures/?edition=2026")),
        )
        measure(
            f"GET team CSV export, {args.applications} rows",
            args.rounds,
            lambda: check(team.get("/programme/espace/candidatures/export.csv?edition=2026")),
        )
        measure(
            f"GET round page, {args.applications} × {args.reviewers}",
            args.rounds,
            lambda: check(team.get(f"/programme/espace/tours/{review_round.pk}/")),
        )
        from programme.assignment import bulk_assign
        from programme.models import ReviewRound

        spare = ReviewRound.objects.create(edition=edition, name="Banc d'essai", sort_order=9)
        team_member = User.objects.get(username="programme")

        # Two reviewers per application, or as many as there are (the quick run has one).
        per_application = min(2, args.reviewers)

        def bulk():
            Assignment.objects.filter(review_round=spare).delete()
            created, _short = bulk_assign(spare, per_application, team_member)
            submitted = Application.objects.filter(edition=edition, stage="submitted").count()
            assert created == per_application * submitted, (created, per_application, submitted)

        measure(f"bulk assign {per_application} per application ({args.applications})", args.rounds, bulk)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
