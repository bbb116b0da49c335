"""The search's part of the demo: who reads the search reports, who picks promoted results, one pick."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Page

from home.demo import EDITORS, MODERATORS

# Promoted results of the demo: (query, slug of the page shown first, why).
PROMOTIONS = (
    ("aide", "aides", "Toutes les aides de la Région, avec un filtre par public et par thème."),
    ("salle", "shareloc", "Réserver une salle ou un gymnase d'un lycée pour votre association."),
)


def load(command):
    report = Permission.objects.get(content_type__app_label="search", codename="view_search_reports")
    picks = Permission.objects.filter(content_type__app_label="wagtailsearchpromotions",
                                      codename__in=("add_searchpromotion", "change_searchpromotion",
                                                    "delete_searchpromotion"))
    for name in (EDITORS, MODERATORS):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(report)
            if name == MODERATORS:
                group.permissions.add(*picks)
    created = sum(_promote(*promotion) for promotion in PROMOTIONS)
    command.stdout.write(f"  recherche : rapports ouverts aux éditeurs et modérateurs, "
                         f"{created} résultat(s) promu(s) créé(s)")


def _promote(query_string, slug, description):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    page = Page.objects.filter(slug=slug, depth=3).first()
    if page is None:
        return 0
    query, _created = Query.objects.get_or_create(query_string=query_string)
    _promotion, created = SearchPromotion.objects.get_or_create(
        query=query, page=page, defaults={"description": description, "sort_order": 0})
    return int(created)
