"""Set up what a real installation needs, without any demo content (idempotent).

Each app contributes its part through the Wagtail hook `register_site_setup`: a function in the app's
wagtail_hooks.py, registered with an `order` (smallest first: home, whose tree the others hang their
pages under, has the smallest), that returns the dotted path of a `setup(command)` function. This
command names no app. Every part is idempotent and never overwrites what an administrator changed.
"""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string
from wagtail import hooks

from core.indexing import search_index_updated_on_exit

HOOK = "register_site_setup"


class Command(BaseCommand):
    help = (
        "Prépare une installation réelle (idempotent) : arborescence des pages, site par défaut "
        "(SITE_HOSTNAME, SITE_PORT), rôles et permissions, circuit de relecture, calendriers."
    )

    def handle(self, *args, **options):
        with search_index_updated_on_exit():
            for hook in hooks.get_hooks(HOOK):
                path = hook()
                self.stdout.write(f"[{path.split('.', 1)[0]}] installation…")
                import_string(path)(self)
        self.stdout.write(self.style.SUCCESS("Site prêt."))
