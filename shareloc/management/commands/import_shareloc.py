"""python manage.py import_shareloc DIR [--cancel-bookings] [--dry-run] [--strict] [--quiet]: spaces,
windows, closures, bookings, equipment (FORMATS.md)."""

from pathlib import Path

from django.core.management.base import CommandError

from core.imports import ImportCommand
from shareloc.catalogue.imports import SHARELOC_FILES, import_shareloc_folder


class Command(ImportCommand):
    help = (
        "Importe les fichiers Shareloc présents dans DIR, dans cet ordre : "
        + ", ".join(f"{name}.csv" for name in SHARELOC_FILES)
        + " (idempotent). Une fermeture ou un changement de créneaux qui tombe sur des réservations "
        "confirmées à venir est refusé en les nommant, sauf avec --cancel-bookings."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--cancel-bookings",
            action="store_true",
            help=(
                "Écrit aussi les fermetures et créneaux qui tombent sur des réservations confirmées à venir : "
                "elles sont annulées avec le motif et les associations prévenues par courriel."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="N'écrit rien, n'envoie aucun courriel : dit ce que l'import ferait, réservations touchées comprises.",
        )
        super().add_arguments(parser)

    def import_files(self, options, progress):
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"« {folder} » n'est pas un dossier.")
        if not any((folder / f"{name}.csv").exists() for name in SHARELOC_FILES):
            raise CommandError(f"Aucun fichier Shareloc ({', '.join(SHARELOC_FILES)}.csv) dans « {folder} ».")
        report = import_shareloc_folder(
            folder,
            strict=options["strict"],
            progress=progress,
            cancel_bookings=options["cancel_bookings"],
            dry_run=options["dry_run"],
        )
        if options["dry_run"]:
            self.stdout.write("Simulation (--dry-run) : rien n'a été écrit, aucun courriel envoyé.")
        return report
