from django.core.management.base import BaseCommand

from programme.reviews import REMIND_DAYS_BEFORE, send_reminders


class Command(BaseCommand):
    help = "E-mail the owners of project reviews due soon (once per review). Run daily from cron."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=REMIND_DAYS_BEFORE,
            help="remind this many days before the review (default %(default)s)",
        )

    def handle(self, *args, **options):
        count = send_reminders(days_before=options["days"])
        self.stdout.write(f"{count} rappel(s) de revue envoyé(s).")
