"""python manage.py import_lycees PATH: the public lycées of lycees_hdf.csv (FORMATS.md)."""

from django.core.management.base import BaseCommand

from shareloc.imports import import_lycees
from shareloc.management.reporting import print_reports


class Command(BaseCommand):
    help = "Importe les lycées publics d'un fichier lycees_hdf.csv (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--strict", action="store_true", help="Ne rien écrire si une ligne est rejetée.")

    def handle(self, path, strict, **options):
        print_reports(self, [import_lycees(path, strict=strict)])
