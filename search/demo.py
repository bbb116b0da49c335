"""The search's part of the demo: the roles that read the search reports and pick promoted results
(core/roles.py), two picks, and every indexed object of a kind that an import left out of the index."""

from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from core import roles
from core.models import SynonymSet, synonym_sets
from core.search_kinds import IndexedKind, PageKind
from core.text import fold

from .kinds import registry

# Promoted results of the demo: (query, slug of the page shown first, why).
PROMOTIONS = (
    ("aide", "aides", "Toutes les aides de la Région, avec un filtre par public et par thème."),
    ("salle", "shareloc", "Réserver une salle ou un gymnase d'un lycée pour votre association."),
)


# The citizens' words for the Région's, in the synonym vocabulary both searches share (core.SynonymSet),
# added beside La Belette's sets: everyday word ↔ the word of the pages.
PORTAL_SYNONYMS = (
    ("train", "TER", "train régional"),
    ("bus scolaire", "car scolaire", "transport scolaire", "transports scolaires"),
    ("nounou", "crèche", "garde d'enfants", "assistante maternelle"),
    ("resto U", "restaurant universitaire", "restauration universitaire", "Crous"),
    ("manger", "repas", "restauration"),
    ("cantine", "restauration scolaire", "demi-pension"),
    ("infirmier", "infirmière", "aide-soignant", "sanitaire et social", "sanitaires et sociales", "paramédical"),
    ("erasmus", "étranger", "mobilité internationale"),
    ("auto-école", "permis de conduire", "permis B"),
    ("voiture", "véhicule", "auto"),
    ("gymnase", "salle de sport", "salle", "espace"),
    ("louer", "réserver", "emprunter", "prêt"),
    ("chômeur", "demandeur d'emploi", "sans emploi", "stagiaire de la formation professionnelle"),
    ("contacter", "contact", "écrire", "joindre"),
    ("accessible", "accessibilité", "RGAA"),
    ("travail", "emploi", "job"),
)


def load(command):
    for role in (roles.EDITOR, roles.MODERATOR):
        roles.sync_role(role)
    synonyms = add_synonyms(PORTAL_SYNONYMS)
    created = sum(_promote(*promotion) for promotion in PROMOTIONS)
    indexed = sum(index_unindexed(kind) for kind in registry.available() if _indexes_objects(kind))
    command.stdout.write(
        f"  recherche : rapports ouverts aux éditeurs et modérateurs, "
        f"{created} résultat(s) promu(s) créé(s), {synonyms} ensemble(s) de synonymes ajouté(s), "
        f"{indexed} objet(s) ajouté(s) à l'index"
    )


def add_synonyms(sets):
    """Add each set whose terms no existing set already holds (idempotent)."""
    existing = {frozenset(fold(term) for term in terms) for terms in synonym_sets()}
    added = 0
    for terms in sets:
        if frozenset(fold(term) for term in terms) not in existing:
            SynonymSet.objects.create(terms=list(terms))
            added += 1
    return added


def _indexes_objects(kind):
    # Pages are indexed as they are saved; other indexed models may be written without signals.
    return isinstance(kind, IndexedKind) and not isinstance(kind, PageKind)


def index_unindexed(kind):
    """Add to the search index the objects of a kind that are not in it yet. Imports that write with
    bulk_create (a CSV import, for example) send no signal, so Wagtail never indexed them."""
    model = kind.model
    content_type = ContentType.objects.get_for_model(model)
    indexed = set(IndexEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True))
    missing = [obj for obj in model.get_indexed_objects() if str(obj.pk) not in indexed]
    if missing:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, missing)
    return len(missing)


def _promote(query_string, slug, description):
    page = Page.objects.filter(slug=slug, depth=3).first()
    if page is None:
        return 0
    query, _created = Query.objects.get_or_create(query_string=query_string)
    _promotion, created = SearchPromotion.objects.get_or_create(
        query=query, page=page, defaults={"description": description, "sort_order": 0}
    )
    return int(created)
