"""`python manage.py import_belette DIR [--full] [--strict] [--quiet]`: thin wrapper over belette/imports.py."""

from pathlib import Path

from django.core.management.base import CommandError

from belette.imports import FILES, import_directory
from core.imports import ImportCommand


class Command(ImportCommand):
    help = "Importe l'annuaire La Belette (units.csv, agents.csv, dispositifs.csv, synonyms.csv) depuis DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Dossier contenant les fichiers CSV.")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Import complet : désactive (sans jamais les supprimer) les agents absents du fichier.",
        )
        super().add_arguments(parser)

    def import_files(self, options, progress):
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"Dossier introuvable : {directory}")
        if not any((directory / name).exists() for name in FILES):
            raise CommandError(f"Aucun des fichiers attendus ({', '.join(FILES)}) dans {directory}")
        return import_directory(directory, full=options["full"], strict=options["strict"], progress=progress)
