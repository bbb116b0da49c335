"""Rebuild every search index of the site: Wagtail's (pages and indexed models, on every configured
backend), then the own index of each kind that has one (its `rebuild_command`). Each step prints its own
progress."""

import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from search import vocabulary
from search.kinds import registry


def steps():
    """(command, label) of each rebuild, Wagtail's first."""
    kinds = registry.available()
    wagtail = ", ".join(str(kind.label).lower() for kind in kinds if not kind.own_backend)
    out = [("update_index", f"index de Wagtail ({wagtail})")]
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        out.append(("rebuild_page_index", "index des pages (Elasticsearch)"))
    out += [(kind.rebuild_command, f"index « {kind.label} »") for kind in kinds if kind.rebuild_command]
    return out


class Command(BaseCommand):
    help = "Reconstruit tous les index de recherche du site (Wagtail et ceux des applications), avec la progression."

    def handle(self, *args, **options):
        available = get_commands()
        started = time.monotonic()
        todo = steps()
        for number, (command, label) in enumerate(todo, start=1):
            prefix = f"[{number}/{len(todo)}]"
            if command not in available:
                self.stdout.write(f"{prefix} {label} : ignoré (commande « {command} » absente)")
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"{prefix} {label} ({command})"))
            step_started = time.monotonic()
            call_command(command, stdout=self.stdout, stderr=self.stderr)
            self.stdout.write(f"{prefix} terminé en {time.monotonic() - step_started:.1f} s")
        vocabulary.forget()
        self.stdout.write(self.style.SUCCESS(f"Index reconstruits en {time.monotonic() - started:.1f} s."))
