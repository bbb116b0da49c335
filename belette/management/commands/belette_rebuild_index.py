"""`python manage.py belette_rebuild_index`: rebuild the directory index of the configured backend.
The site-wide rebuild command calls it by name."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from belette.search import ELASTICSEARCH_ERRORS, get_directory_backend


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche de La Belette (intégré ou Elasticsearch), avec une barre de progression."

    def handle(self, *args, **options):
        backend = get_directory_backend()
        self.stdout.write(f"Index La Belette ({backend.name})…")
        try:
            count = backend.rebuild(progress=self.progress)
        except ELASTICSEARCH_ERRORS as error:
            raise CommandError(
                f"Elasticsearch injoignable à {settings.ELASTICSEARCH_URL} ({error.__class__.__name__}) : "
                "index non reconstruit ; la recherche fonctionne en mode réduit."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{count} entrée(s) indexée(s)."))

    def progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="\n" if done >= total else ""
        )
        self.stdout.flush()
