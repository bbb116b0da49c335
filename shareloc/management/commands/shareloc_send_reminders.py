"""python manage.py shareloc_send_reminders: run by cron once a day (docs/deploy.md, scheduled jobs)."""

from django.core.management.base import BaseCommand

from shareloc.bookings import tasks


class Command(BaseCommand):
    help = (
        "Envoie les rappels (deux jours avant chaque date confirmée) et passe en « expirée » les demandes "
        "restées en attente après leur première date."
    )

    def handle(self, **options):
        expired = tasks.expire_requests.call()
        count = tasks.send_reminders.call()
        self.stdout.write(f"{expired} demande(s) expirée(s), {count} rappel(s) envoyé(s).")
