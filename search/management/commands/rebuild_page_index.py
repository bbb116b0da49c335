"""Rebuild the portal's pages index on Elasticsearch (core/page_elastic.py): a new index loaded from the
live public pages, then the alias moved at once. Without ELASTICSEARCH_URL there is nothing to rebuild: the
embedded index is built in memory by each process."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.elastic import ELASTICSEARCH_ERRORS
from core.page_elastic import ElasticsearchPageEngine


class Command(BaseCommand):
    help = "Reconstruit l'index des pages du portail sur Elasticsearch (rien à faire sans ELASTICSEARCH_URL)."

    def handle(self, *args, **options):
        if not getattr(settings, "ELASTICSEARCH_URL", ""):
            self.stdout.write("Pas d'Elasticsearch configuré : l'index des pages est construit en mémoire.")
            return
        try:
            count = ElasticsearchPageEngine().rebuild(
                progress=lambda done, total: self.stdout.write(f"  {done}/{total} pages")
            )
        except ELASTICSEARCH_ERRORS as error:
            message = f"Elasticsearch ne répond pas ({error.__class__.__name__}) : index non reconstruit."
            raise CommandError(message) from None
        self.stdout.write(self.style.SUCCESS(f"Index des pages reconstruit : {count} pages."))
