from django.core.management.base import BaseCommand

from programme.assignment import REMIND_DAYS_BEFORE, REMINDER_INTERVAL_DAYS, send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail the reviewers who have unfinished reviews in a current review round due soon (or overdue), "
        "at most once every few days. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=REMIND_DAYS_BEFORE,
            help="start reminding this many days before the round's due date (default %(default)s)",
        )
        parser.add_argument(
            "--every",
            type=int,
            default=REMINDER_INTERVAL_DAYS,
            help="remind a reviewer at most once in this many days (default %(default)s)",
        )

    def handle(self, *args, **options):
        count = send_due_reminders(days_before=options["days"], interval_days=options["every"])
        self.stdout.write(f"{count} rappel(s) d'évaluation envoyé(s).")
