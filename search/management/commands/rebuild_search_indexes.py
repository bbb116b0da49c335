"""Rebuild every search index of the site: Wagtail's (pages, spaces… on every configured backend) and
La Belette's directory index. Each step prints its own progress."""

import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from search import vocabulary

STEPS = (
    ("update_index", "index de Wagtail (pages, aides, actualités, espaces, projets)"),
    ("belette_rebuild_index", "index de l'annuaire La Belette"),
)


class Command(BaseCommand):
    help = "Reconstruit tous les index de recherche du site (Wagtail et La Belette), avec la progression."

    def handle(self, *args, **options):
        available = get_commands()
        started = time.monotonic()
        for number, (command, label) in enumerate(STEPS, start=1):
            prefix = f"[{number}/{len(STEPS)}]"
            if command not in available:
                self.stdout.write(f"{prefix} {label} : ignoré (commande « {command} » absente)")
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"{prefix} {label} ({command})"))
            step_started = time.monotonic()
            call_command(command, stdout=self.stdout, stderr=self.stderr)
            self.stdout.write(f"{prefix} terminé en {time.monotonic() - step_started:.1f} s")
        vocabulary.forget()
        self.stdout.write(self.style.SUCCESS(f"Index reconstruits en {time.monotonic() - started:.1f} s."))
