"""python manage.py shareloc_send_reminders: run by cron once a day (docs/deploy.md, scheduled jobs)."""

from django.core.management.base import BaseCommand

from shareloc.bookings import tasks


class Command(BaseCommand):
    help = (
        "Envoie les rappels (deux jours avant chaque date confirmée) et passe en « expirée » chaque date "
        "d'une demande restée en attente une fois cette date commencée."
    )

    def handle(self, **options):
        expired = tasks.expire_requests.call()
        count = tasks.send_reminders.call()
        self.stdout.write(f"{expired} date(s) expirée(s), {count} rappel(s) envoyé(s).")
