"""The search's part of the demo: who reads the search reports, who picks promoted results, one pick."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Page

from home.demo import EDITORS, MODERATORS

from .kinds import registry

# Promoted results of the demo: (query, slug of the page shown first, why).
PROMOTIONS = (
    ("aide", "aides", "Toutes les aides de la Région, avec un filtre par public et par thème."),
    ("salle", "shareloc", "Réserver une salle ou un gymnase d'un lycée pour votre association."),
)


def load(command):
    report = Permission.objects.get(content_type__app_label="search", codename="view_search_reports")
    picks = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions",
        codename__in=("add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"),
    )
    for name in (EDITORS, MODERATORS):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(report)
            if name == MODERATORS:
                group.permissions.add(*picks)
    created = sum(_promote(*promotion) for promotion in PROMOTIONS)
    indexed = index_unindexed(registry.get("spaces"))
    command.stdout.write(
        f"  recherche : rapports ouverts aux éditeurs et modérateurs, "
        f"{created} résultat(s) promu(s) créé(s), {indexed} espace(s) ajouté(s) à l'index"
    )


def index_unindexed(kind):
    """Add to the search index the objects of a kind that are not in it yet. Imports that write with
    bulk_create (Shareloc's spaces) send no signal, so Wagtail never indexed them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backends
    from wagtail.search.models import IndexEntry

    if not kind.is_available():
        return 0
    model = kind.model
    content_type = ContentType.objects.get_for_model(model)
    indexed = set(IndexEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True))
    missing = [obj for obj in model.get_indexed_objects() if str(obj.pk) not in indexed]
    if missing:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, missing)
    return len(missing)


def _promote(query_string, slug, description):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    page = Page.objects.filter(slug=slug, depth=3).first()
    if page is None:
        return 0
    query, _created = Query.objects.get_or_create(query_string=query_string)
    _promotion, created = SearchPromotion.objects.get_or_create(
        query=query, page=page, defaults={"description": description, "sort_order": 0}
    )
    return int(created)
