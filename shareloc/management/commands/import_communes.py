"""python manage.py import_communes PATH: communes_hdf.csv (FORMATS.md), used by the `near` filter."""

from django.core.management.base import BaseCommand

from shareloc.imports import import_communes
from shareloc.management.reporting import print_reports


class Command(BaseCommand):
    help = "Importe les communes d'un fichier communes_hdf.csv (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--strict", action="store_true", help="Ne rien écrire si une ligne est rejetée.")

    def handle(self, path, strict, **options):
        print_reports(self, [import_communes(path, strict=strict)])
