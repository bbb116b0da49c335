"""`python manage.py belette_remind_confirmation [--dry-run]`: ask, once a year, each agent whose entry
has not changed for 12 months to confirm it (run it daily or weekly from cron: each agent is asked at
most once in 12 months)."""

from django.core.management.base import BaseCommand

from belette.freshness import send_reminders


class Command(BaseCommand):
    help = "Demande aux agents dont la fiche n'a pas changé depuis 12 mois de la confirmer (une fois par an)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="N'envoie rien : dit qui serait relancé.")

    def handle(self, *args, **options):
        agents = send_reminders(dry_run=options["dry_run"])
        verb = "seraient relancés" if options["dry_run"] else "relancés"
        self.stdout.write(f"{len(agents)} agent(s) {verb}.")
