from django.core.management.base import BaseCommand

from programme.retention import anonymise, delete_stale_drafts, expired, retention_days


class Command(BaseCommand):
    help = (
        "Anonymise the programme's applications that were never selected, once the retention period "
        "(PROGRAMME_RETENTION_DAYS) has passed, and delete the drafts of closed calls. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say how many, change nothing")

    def handle(self, *args, **options):
        applications = expired()
        if options["dry_run"]:
            self.stdout.write(
                f"{applications.count()} candidature(s) à anonymiser (conservation : {retention_days()} jours)."
            )
            return
        count = anonymise(applications)
        self.stdout.write(f"{count} candidature(s) anonymisée(s).")
        drafts = delete_stale_drafts()
        if drafts:
            self.stdout.write(f"{drafts} brouillon(s) d'appels clos supprimé(s).")
