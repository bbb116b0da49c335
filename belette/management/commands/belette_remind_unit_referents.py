"""`python manage.py belette_remind_unit_referents [--dry-run]`: send each unit's référent(s) one e-mail
listing the entries of their units (units, agents in post, dispositifs) not updated for 12 months. A
unit without référents of its own is looked after by its nearest ancestor's. Run it daily from cron:
each référent is written to at most once in 30 days; the 12-month report shows who was asked and when."""

from django.core.management.base import BaseCommand

from belette.freshness import send_referent_reminders


class Command(BaseCommand):
    help = "Envoie à chaque référent d'unité la liste des fiches de ses unités non mises à jour depuis 12 mois."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="N'envoie rien : dit qui serait relancé.")

    def handle(self, *args, **options):
        due, orphans = send_referent_reminders(dry_run=options["dry_run"])
        for user, units in due:
            count = sum(len(entries) for _unit, entries in units)
            self.stdout.write(f"{user.get_username()} : {count} fiche(s) dans {len(units)} unité(s)")
        verb = "seraient relancés" if options["dry_run"] else "relancés"
        self.stdout.write(f"{len(due)} référent(s) {verb}.")
        if orphans:
            names = ", ".join(unit.code for unit, _entries in orphans)
            self.stdout.write(f"{len(orphans)} unité(s) sans référent ont des fiches à revoir : {names}")
