"""python manage.py shareloc_anonymise: run by cron once a day (docs/deploy.md, scheduled jobs)."""

from django.core.management.base import BaseCommand

from shareloc.bookings import tasks


class Command(BaseCommand):
    help = "Anonymise les coordonnées des demandes refusées, annulées ou expirées depuis plus de 12 mois."

    def handle(self, **options):
        count = tasks.anonymise_old_requests.call()
        self.stdout.write(f"{count} demande(s) anonymisée(s).")
