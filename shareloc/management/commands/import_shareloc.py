"""python manage.py import_shareloc DIR: spaces, windows, closures, bookings, equipment (FORMATS.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shareloc.imports import SHARELOC_FILES, import_shareloc_folder
from shareloc.management.reporting import print_reports


class Command(BaseCommand):
    help = (
        "Importe les fichiers Shareloc présents dans DIR, dans cet ordre : "
        + ", ".join(f"{name}.csv" for name in SHARELOC_FILES)
        + " (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--strict", action="store_true", help="Ne rien écrire d'un fichier dont une ligne est rejetée."
        )

    def handle(self, folder, strict, **options):
        if not Path(folder).is_dir():
            raise CommandError(f"« {folder} » n'est pas un dossier.")
        reports = import_shareloc_folder(folder, strict=strict)
        if not reports:
            raise CommandError(f"Aucun fichier Shareloc ({', '.join(SHARELOC_FILES)}.csv) dans « {folder} ».")
        print_reports(self, reports)
