"""`python manage.py import_belette DIR [--full] [--strict]`: thin wrapper over belette/imports.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from belette.imports import FILES, import_directory


class Command(BaseCommand):
    help = "Importe l'annuaire La Belette (units.csv, agents.csv, dispositifs.csv, synonyms.csv) depuis DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Dossier contenant les fichiers CSV.")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Import complet : désactive (sans jamais les supprimer) les agents absents du fichier.",
        )
        parser.add_argument("--strict", action="store_true", help="N'écrit rien si une seule ligne est rejetée.")

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"Dossier introuvable : {directory}")
        if not any((directory / name).exists() for name in FILES):
            raise CommandError(f"Aucun des fichiers attendus ({', '.join(FILES)}) dans {directory}")
        report = import_directory(directory, full=options["full"], strict=options["strict"], progress=self.progress)
        for line in report.lines():
            self.stdout.write(line)
        if report.aborted:
            self.stdout.write(self.style.WARNING("Import strict interrompu : rien n'a été écrit."))
        if report.rejected:
            raise CommandError(f"{report.rejected} ligne(s) ou fichier(s) rejeté(s).")
        self.stdout.write(self.style.SUCCESS("Import terminé."))

    def progress(self, name, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(
            f"\r{name} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="\n" if done == total else ""
        )
        self.stdout.flush()
