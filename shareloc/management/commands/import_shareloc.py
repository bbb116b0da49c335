"""python manage.py import_shareloc DIR: spaces, windows, closures, bookings, equipment (FORMATS.md)."""

from pathlib import Path

from django.core.management.base import CommandError

from core.imports import ImportCommand
from shareloc.catalogue.imports import SHARELOC_FILES, import_shareloc_folder


class Command(ImportCommand):
    help = (
        "Importe les fichiers Shareloc présents dans DIR, dans cet ordre : "
        + ", ".join(f"{name}.csv" for name in SHARELOC_FILES)
        + " (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        super().add_arguments(parser)

    def import_files(self, options, progress):
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"« {folder} » n'est pas un dossier.")
        if not any((folder / f"{name}.csv").exists() for name in SHARELOC_FILES):
            raise CommandError(f"Aucun fichier Shareloc ({', '.join(SHARELOC_FILES)}.csv) dans « {folder} ».")
        return import_shareloc_folder(folder, strict=options["strict"], progress=progress)
