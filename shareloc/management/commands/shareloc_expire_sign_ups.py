"""python manage.py shareloc_expire_sign_ups: run by cron once a day (docs/deploy.md, scheduled jobs)."""

from django.core.management.base import BaseCommand

from shareloc.bookings.associations import expire_unconfirmed_sign_ups


class Command(BaseCommand):
    help = "Supprime les inscriptions d'associations dont le lien de confirmation a expiré sans servir."

    def handle(self, **options):
        count = expire_unconfirmed_sign_ups()
        self.stdout.write(f"{count} inscription(s) non confirmée(s) supprimée(s).")
