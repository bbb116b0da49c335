"""Import the aid schemes from a CSV file (data/FORMATS.md, "Aid schemes") under the aid catalogue."""

from functools import partial
from pathlib import Path

from core.imports import ImportCommand, run_import
from home.imports import import_aids


class Command(ImportCommand):
    help = (
        "Importe les aides depuis un fichier CSV (format : data/FORMATS.md) ; met à jour une aide existante "
        "par son identifiant (slug), son lien ou son nom."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Le fichier CSV des aides (data/aides_region_hdf.csv).")
        super().add_arguments(parser)

    def import_files(self, options, progress):
        return run_import([partial(import_aids, options["file"])], strict=options["strict"])
