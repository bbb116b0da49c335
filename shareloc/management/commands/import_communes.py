"""python manage.py import_communes PATH: communes_hdf.csv (FORMATS.md), used by the `near` filter."""

from functools import partial

from core.imports import ImportCommand, run_import
from shareloc.catalogue.imports import import_communes


class Command(ImportCommand):
    help = "Importe les communes d'un fichier communes_hdf.csv (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        super().add_arguments(parser)

    def import_files(self, options, progress):
        return run_import([partial(import_communes, options["path"], progress=progress)], strict=options["strict"])
