"""Build the demo site: the site tree, the role accounts, and each app's demo content.

Each app contributes its part through the Wagtail hook `register_demo_loader`: a function in the app's
wagtail_hooks.py, registered with an `order` (smallest first: home, whose tree the others hang their
pages under, has the smallest), that returns the dotted path of a `load(command)` function. The path is
imported here only, so that serving the site never loads demo code, and this command names no app.
Every loader is idempotent: a second run changes nothing. It first runs setup_site (what a real
installation has too), and refuses to run under the production settings (it creates accounts whose
password is published) unless told explicitly. The search indexes are up to date when it ends.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from wagtail import hooks

from core.indexing import search_index_updated_on_exit
from home.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

HOOK = "register_demo_loader"
PRODUCTION_SETTINGS = "maregion.settings.production"
FORCE_FLAG = "--i-know-this-creates-demo-accounts"


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent) et affiche les comptes de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Ne pas afficher les comptes.")
        parser.add_argument(
            FORCE_FLAG,
            dest="force_in_production",
            action="store_true",
            help="Autorise le chargement sous les réglages de production (crée des comptes au mot de passe public).",
        )

    def handle(self, *args, **options):
        # The marker, not the module's name: a local settings module built on the production one refuses too.
        if settings.PRODUCTION_SETTINGS and not options["force_in_production"]:
            where = settings.SETTINGS_MODULE
            if where != PRODUCTION_SETTINGS:
                where += f", bâtis sur {PRODUCTION_SETTINGS}"
            raise CommandError(
                f"Refusé : load_demo crée {len(DEMO_ACCOUNTS)} comptes au mot de passe public, pas en production "
                f"(réglages {where}) ; ajoutez {FORCE_FLAG} si c'est voulu."
            )
        with search_index_updated_on_exit():
            call_command("setup_site", stdout=self.stdout, stderr=self.stderr)
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
