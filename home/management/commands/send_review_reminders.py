from django.core.management.base import BaseCommand

from home.freshness import send_review_reminders


class Command(BaseCommand):
    help = "Envoie à chaque propriétaire la liste de ses pages dont la date de relecture est dépassée (quotidien)."

    def handle(self, *args, **options):
        result = send_review_reminders.enqueue()
        self.stdout.write(f"Rappels de relecture mis en file (tâche {result.id}).")
