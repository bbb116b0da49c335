"""python manage.py shareloc_add_manager USERNAME UAI [--password P]"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Collection

from core import roles
from shareloc.catalogue.models import Lycee


class Command(BaseCommand):
    help = "Crée le compte USERNAME au besoin et en fait un gestionnaire du lycée UAI."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("uai")
        parser.add_argument("--password", default=None, help="Mot de passe (d'un nouveau compte, ou nouveau).")
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, username, uai, password, email, **options):
        lycee = Lycee.objects.filter(uai=uai.strip().upper()).first()
        if lycee is None:
            raise CommandError(f"Lycée inconnu : « {uai} » (importez d'abord les lycées).")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created and not password:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(roles.sync_role(roles.LYCEE_MANAGER, root_collection=Collection.get_first_root_node()))
        lycee.managers.add(user)
        verb = "créé" if created else "existant"
        self.stdout.write(self.style.SUCCESS(f"Compte {verb} « {username} » : gestionnaire de {lycee}."))
        if created and not password:
            self.stdout.write("Sans mot de passe : définissez-en un avec --password ou « changepassword ».")
