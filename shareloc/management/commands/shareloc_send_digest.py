"""python manage.py shareloc_send_digest: run by cron once a day (docs/deploy.md, scheduled jobs)."""

from django.core.management.base import BaseCommand

from shareloc.bookings import tasks


class Command(BaseCommand):
    help = "Envoie à chaque gestionnaire la liste de ses demandes en attente (résumé quotidien, facultatif)."

    def handle(self, **options):
        count = tasks.send_digest.call()
        self.stdout.write(f"{count} résumé(s) envoyé(s).")
