"""Copy the public holidays and the configured zone's school-holiday days into Shareloc's calendars.

Adds missing days only (an administrator's correction is never overwritten), prints each day added,
and warns when the package's school-holiday data ends within 12 months of the last bookable date;
with --check that warning exits with status 1 (the cron line of docs/deploy.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from shareloc.catalogue.holiday_calendars import data_warning, default_years, school_data_end, sync_calendars


class Command(BaseCommand):
    help = (
        "Ajoute les jours fériés et les jours de vacances scolaires manquants (zone réglée dans l'administration), "
        "sans jamais modifier une correction ; avertit quand les vacances connues s'arrêtent trop tôt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            nargs="+",
            type=int,
            metavar="ANNÉE",
            help="Années à synchroniser (par défaut : de l'année scolaire en cours à deux ans plus tard).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Code de sortie 1 si les vacances scolaires connues s'arrêtent à moins de 12 mois "
            "de la dernière date réservable.",
        )

    def handle(self, *args, **options):
        years = options["years"] or default_years()
        if any(year < 1900 or year > 2200 for year in years):
            raise CommandError("Années hors limites : donnez des années entre 1900 et 2200.")
        with transaction.atomic():
            result = sync_calendars(years)
        self.stdout.write(f"Années {years[0]}–{years[-1]}, zone {result.zone} :")
        for label, added in (("jour férié", result.public_added), ("jour de vacances", result.school_added)):
            for day, name in added:
                self.stdout.write(f"  + {label} {day:%d/%m/%Y} {name}".rstrip())
        self.stdout.write(
            self.style.SUCCESS(
                f"{result[0]} jour(s) férié(s) et {result[1]} jour(s) de vacances ajouté(s) ; "
                f"vacances scolaires connues jusqu'au {school_data_end():%d/%m/%Y}."
            )
        )
        warning = data_warning()
        if warning:
            self.stderr.write(self.style.WARNING(warning))
            if options["check"]:
                raise CommandError("Calendrier des vacances scolaires bientôt épuisé (voir ci-dessus).")
