"""Build the demo site: the site tree, the role accounts, and each app's demo content.

Each app contributes its part through the Wagtail hook `register_demo_loader`: a function in the app's
wagtail_hooks.py, registered with an `order` (smallest first: home, whose tree the others hang their
pages under, has the smallest), that returns the dotted path of a `load(command)` function. The path is
imported here only, so that serving the site never loads demo code, and this command names no app.
Every loader is idempotent: a second run changes nothing.
"""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string
from wagtail import hooks

from home.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

HOOK = "register_demo_loader"


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent) et affiche les comptes de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Ne pas afficher les comptes.")

    def handle(self, *args, **options):
        for hook in hooks.get_hooks(HOOK):
            path = hook()
            self.stdout.write(f"[{path.split('.', 1)[0]}] contenu de démonstration…")
            import_string(path)(self)
        if not options["quiet_accounts"]:
            self.stdout.write(
                self.style.SUCCESS(f"\nComptes de démonstration (mot de passe commun : {DEMO_PASSWORD}) :")
            )
            for account in DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<14} {account.role}")
