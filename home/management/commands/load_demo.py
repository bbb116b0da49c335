"""Build the demo site: the site tree, the role accounts, and each app's demo content.

Each installed app of ours that has a `demo` module with a `load(command)` function contributes
its part, in INSTALLED_APPS order (home first: the others hang their pages under its tree). So
this command imports no service app, and a new app joins the demo by adding a `demo.py`.
Every loader is idempotent: a second run changes nothing.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

from home.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

OUR_APPS = ("home", "shareloc", "belette", "programme", "search")


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent) et affiche les comptes de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Ne pas afficher les comptes.")

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            if app_config.name not in OUR_APPS or not module_has_submodule(app_config.module, "demo"):
                continue
            module = import_module(f"{app_config.name}.demo")
            self.stdout.write(f"[{app_config.name}] contenu de démonstration…")
            module.load(self)
        if not options["quiet_accounts"]:
            self.stdout.write(
                self.style.SUCCESS(f"\nComptes de démonstration (mot de passe commun : {DEMO_PASSWORD}) :")
            )
            for account in DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<14} {account.role}")
