"""The programme's part of `setup_site`: its public page (/programme/) and the team's page permissions
under it. Idempotent."""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from core import roles
from home.models import HomePage

from .models import ProgrammePage


def setup(command):
    home = HomePage.objects.first()
    if home is None:
        return
    with transaction.atomic():
        page = ensure_programme_page(home)
        ensure_team_page_permissions(page)
    command.stdout.write(f"  programme : page /{page.slug}/")


def ensure_team_page_permissions(programme):
    """The team edits and publishes the pages under /programme/ (its model permissions come from its
    role, core.roles.PROGRAMME_TEAM, granted by setup_site)."""
    team = roles.group_for(roles.PROGRAMME_TEAM)
    for codename in ("change_page", "add_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=team,
            page=programme,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )


def ensure_programme_page(home):
    page = ProgrammePage.objects.first()
    if page is None:
        page = ProgrammePage(
            title="Programme d'intrapreneuriat",
            slug="programme",
            search_description="Les agents de la Région résolvent les problèmes qu'ils voient sur le terrain.",
            aim="<p>Permettre aux agents de la Région de devenir intrapreneurs : repérer un problème vécu sur le "
            "terrain, le résoudre avec les usagers, et mesurer l'impact de la solution.</p>",
            body="<p>Chaque édition commence par un appel à candidatures, suivi d'un hackathon, d'un jury de "
            "sélection, de trois mois de pré-incubation (d'avril à juillet en 2020) et d'un jury de décision "
            "qui fixe la suite de chaque projet.</p>",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page
