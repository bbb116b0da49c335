"""python manage.py shareloc_add_association USERNAME "NAME" (--rna W123456789 | --siret 12345678900011)
[--password P]: an association and its first member, for the Région's staff (idempotent)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from shareloc.bookings.associations import add_member, clean_identifiers
from shareloc.bookings.models import Association


class Command(BaseCommand):
    help = (
        "Crée l'association (ou la retrouve par son RNA ou son SIRET) et y rattache le compte USERNAME, créé au besoin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name")
        identifier = parser.add_mutually_exclusive_group(required=True)
        identifier.add_argument("--rna", default="")
        identifier.add_argument("--siret", default="")
        parser.add_argument("--password", default=None)
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, username, name, rna, siret, password, email, **options):
        existing = (
            Association.objects.filter(rna=rna.strip().upper()).first()
            if rna
            else Association.objects.filter(siret="".join(siret.split())).first()
        )
        try:
            if existing is None:
                rna, siret = clean_identifiers(rna, siret)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        association = existing or Association.objects.create(
            name=name,
            rna=rna,
            siret=siret,
            contact_name=user.get_full_name() or username,
            contact_email=user.email or email or f"{username}@invalid.example",
        )
        try:
            add_member(association, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        verb = "créé" if created else "existant"
        self.stdout.write(f"Compte {username} ({verb}) membre de « {association.name} » ({association.identifier}).")
