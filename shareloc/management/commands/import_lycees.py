"""python manage.py import_lycees PATH: the public lycées of lycees_hdf.csv (FORMATS.md)."""

from functools import partial

from core.imports import ImportCommand, run_import
from shareloc.catalogue.imports import import_lycees


class Command(ImportCommand):
    help = "Importe les lycées publics d'un fichier lycees_hdf.csv (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        super().add_arguments(parser)

    def import_files(self, options, progress):
        return run_import([partial(import_lycees, options["path"], progress=progress)], strict=options["strict"])
