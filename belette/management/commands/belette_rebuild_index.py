"""`python manage.py belette_rebuild_index`: rebuild the directory index of the configured backend.
The site-wide rebuild command calls it by name."""

from django.core.management.base import BaseCommand

from belette.search import get_directory_backend


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche de La Belette (intégré ou Elasticsearch), avec une barre de progression."

    def handle(self, *args, **options):
        backend = get_directory_backend()
        self.stdout.write(f"Index La Belette ({backend.name})…")
        count = backend.rebuild(progress=self.progress)
        self.stdout.write(self.style.SUCCESS(f"{count} entrée(s) indexée(s)."))

    def progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="\n" if done >= total else ""
        )
        self.stdout.flush()
