"""`python manage.py import_belette DIR [--full [--force]] [--dry-run] [--strict] [--quiet]`: thin wrapper over
belette/imports.py."""

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
        parser.add_argument(
            "--force",
            action="store_true",
            help="Avec --full : désactive même plus de 20 %% des agents en poste (sinon l'import complet refuse).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="N'écrit rien : dit ce que l'import ferait et nomme les agents qu'il désactiverait.",
        )
        super().add_arguments(parser)

    def import_files(self, options, progress):
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"Dossier introuvable : {directory}")
        if not any((directory / name).exists() for name in FILES):
            raise CommandError(f"Aucun des fichiers attendus ({', '.join(FILES)}) dans {directory}")
        report = import_directory(
            directory,
            full=options["full"],
            strict=options["strict"],
            progress=progress,
            force=options["force"],
            dry_run=options["dry_run"],
        )
        if options["dry_run"]:
            names = [name for file_report in report.files for name in getattr(file_report, "to_deactivate", [])]
            self.stdout.write(f"Simulation (--dry-run) : rien n'a été écrit. Agents à désactiver : {len(names)}.")
            for name in names:
                self.stdout.write(f"  - {name}")
        return report
