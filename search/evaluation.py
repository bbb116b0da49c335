"""A labelled set of citizen queries over the demo portal (home/demo_content.py), and the measures of
ranking quality (MRR@10, top-5) that bench/search_quality.py prints and tests/search check.

Each query lists the slugs of the pages that answer it; the category says what it exercises. The
ranking measured is the site search's `best` list (promotions first, then the pages by relevance)."""

from collections import defaultdict
from dataclasses import dataclass

CATEGORIES = ("keyword", "question", "everyday", "typo", "accent", "plural", "acronym")

PERMIS = "aide-pour-le-permis-de-conduire"
GARDE = "aide-a-la-garde-denfants"
MERMOZ = "bourse-de-mobilite-internationale-mermoz"
BOURSE_SANITAIRE = "bourse-detudes-sanitaires-et-sociales"
FORMATIONS_SANITAIRES = "financement-des-formations-sanitaires-et-sociales-de-niveau-3-et-4"
REPAS_CROUS = "100-repas-gratuits-en-restosu-pour-les-etudiants-boursiers-echelon-3-a-7"
RESTO_ETUDIANTS = "aide-regionale-a-la-restauration-des-etudiants-boursiers"
RESTO_SANITAIRE = "aide-a-la-restauration-des-etudiants-et-etudiantes-ayants-droit-a-une-bourse-en"
RESTAURATION_ETUDIANTS = {REPAS_CROUS, RESTO_ETUDIANTS, RESTO_SANITAIRE}
TRANSPORT_SCOLAIRE = "transports-scolaires"
ABO_TER = "mon-abo-etudiant-et-apprenti-ter"
# The +26 and -26 cards are two aids (import_aids keeps the sign in the slug).
CARTE_TER_PLUS = "carte-ter-hauts-de-france-plus-26-ans"
CARTE_TER_MOINS = "carte-ter-hauts-de-france-moins-26-ans"
TRANSPORT_ETUDIANTS = "aide-au-transport-aux-particuliers-etudiants-et-etudiantes"
VAE = "accompagnement-validation-des-acquis-de-lexperience-vae"
FRSU = "fonds-regional-social-durgence-frsu"
FONDS_SANITAIRE = "fonds-regional-daide-durgence-pour-les-etudiants-et-etudiantes-du-secteur-sanita"
FSA = "fonds-de-solidarite-des-apprentis-et-apprenties-fsa"
LYCEENS = "carte-generation-lyceens"
APPRENTIS_EQUIPEMENT = "carte-generation-apprentis-aide-a-lequipement"
APPRENTIS_HEBERGEMENT = "carte-generation-apprentis-aide-a-lhebergement"
APPRENTIS_TRANSPORT = "carte-generation-apprentis-aide-au-transport"
APPRENTIS_RESTAURATION = "carte-generation-apprentis-aide-a-la-restauration"
APPRENTIS = {"apprentissage", APPRENTIS_EQUIPEMENT, APPRENTIS_HEBERGEMENT, APPRENTIS_TRANSPORT, APPRENTIS_RESTAURATION}
PARC_AUTO = "en-route-pour-lemploi-parc-auto-a-1-par-jour"
REMUNERATION = "remuneration-indemnites-de-transport-et-protection-sociale-des-stagiaires-de-la"
NEWS_FORMATIONS = "formations-sanitaires-et-sociales-les-inscriptions-sont-ouvertes"
NEWS_PROCHEMPLOI = "prochemploi-un-numero-unique-pour-trouver-un-travail-pres-de-chez-soi"
SHARELOC = "shareloc"  # the catalogue page (the programme's project page has the same slug)

LABELLED_QUERIES = [
    # keyword: the words of the page, as a citizen types them
    ("permis de conduire", {PERMIS}, "keyword"),
    ("garde d'enfants", {GARDE}, "keyword"),
    ("carte TER", {CARTE_TER_PLUS, CARTE_TER_MOINS, ABO_TER}, "keyword"),
    ("transport scolaire", {TRANSPORT_SCOLAIRE}, "keyword"),
    ("mobilité internationale", {MERMOZ}, "keyword"),
    ("fonds d'urgence étudiant", {FRSU, FONDS_SANITAIRE}, "keyword"),
    ("équipement apprenti", {APPRENTIS_EQUIPEMENT}, "keyword"),
    ("manuels scolaires", {LYCEENS}, "keyword"),
    ("voiture à 1 euro", {PARC_AUTO}, "keyword"),
    ("mentions légales", {"mentions-legales"}, "keyword"),
    ("données personnelles", {"donnees-personnelles"}, "keyword"),
    ("plan du site", {"plan-du-site"}, "keyword"),
    ("shareloc", {SHARELOC}, "keyword"),
    ("appel à candidatures", {"appel-2026"}, "keyword"),
    ("rénovation énergétique des lycées", {"renovation-energetique-dix-lycees-en-chantier-cet-automne"}, "keyword"),
    # question: a whole sentence, question words included
    ("comment financer mon permis B ?", {PERMIS}, "question"),
    ("qui entretient les lycées ?", {"lycees"}, "question"),
    ("comment faire garder mes enfants quand je travaille ?", {GARDE}, "question"),
    ("comment partir étudier à l'étranger ?", {MERMOZ}, "question"),
    ("où manger pas cher quand on est étudiant ?", RESTAURATION_ETUDIANTS, "question"),
    ("comment inscrire mon enfant au transport scolaire ?", {TRANSPORT_SCOLAIRE}, "question"),
    ("qui paie ma formation d'aide-soignant ?", {FORMATIONS_SANITAIRES}, "question"),
    ("comment obtenir un diplôme grâce à mon expérience ?", {VAE}, "question"),
    ("comment contacter la région ?", {"contact"}, "question"),
    ("le site est-il accessible ?", {"accessibilite"}, "question"),
    ("qui s'occupe de la carte génération lycéens ?", {LYCEENS}, "question"),
    ("comment réserver une salle dans un lycée ?", {SHARELOC}, "question"),
    (
        "je cherche un travail près de chez moi",
        {NEWS_PROCHEMPLOI},
        "question",
    ),
    # everyday: the citizen's word, not the Région's
    ("abonnement train étudiant", {ABO_TER}, "everyday"),
    ("bus scolaire", {TRANSPORT_SCOLAIRE}, "everyday"),
    ("nounou", {GARDE}, "everyday"),
    ("crèche", {GARDE}, "everyday"),
    ("resto U", RESTAURATION_ETUDIANTS, "everyday"),
    ("cantine du lycée", {"restauration-scolaire"}, "everyday"),
    ("erasmus", {MERMOZ}, "everyday"),
    ("louer un gymnase pour mon association", {SHARELOC}, "everyday"),
    (
        "infirmier",
        {BOURSE_SANITAIRE, FORMATIONS_SANITAIRES, NEWS_FORMATIONS},
        "everyday",
    ),
    ("auto-école", {PERMIS}, "everyday"),
    ("pas de voiture pour aller travailler", {PARC_AUTO}, "everyday"),
    ("chômeur en formation", {REMUNERATION}, "everyday"),
    ("repas gratuits", {REPAS_CROUS}, "everyday"),
    ("stage à l'étranger", {MERMOZ}, "everyday"),
    # typo
    ("perrmis de conduire", {PERMIS}, "typo"),
    ("bourse d'études sanitair", {BOURSE_SANITAIRE}, "typo"),
    ("apprentisage", APPRENTIS, "typo"),
    ("restauartion étudiants", RESTAURATION_ETUDIANTS, "typo"),
    ("mobilitée internationale", {MERMOZ}, "typo"),
    ("acessibilité", {"accessibilite"}, "typo"),
    ("transprot scolaire", {TRANSPORT_SCOLAIRE}, "typo"),
    ("manuells scolaires", {LYCEENS}, "typo"),
    # accent: typed without accents
    ("etudiant restauration", RESTAURATION_ETUDIANTS, "accent"),
    ("declaration d'accessibilite", {"accessibilite"}, "accent"),
    ("lycees", {"lycees"}, "accent"),
    ("remuneration des stagiaires", {REMUNERATION}, "accent"),
    ("generation apprentis transport", {APPRENTIS_TRANSPORT}, "accent"),
    ("rentree lyceens carte", {"rentree-les-lyceens-recoivent-leur-carte-generation"}, "accent"),
    ("securite des donnees", {"donnees-personnelles"}, "accent"),
    # plural: singular and plural alike
    ("bourses d'études", {BOURSE_SANITAIRE, MERMOZ}, "plural"),
    ("aides aux apprentis", APPRENTIS, "plural"),
    ("frais de transports des étudiants", {TRANSPORT_ETUDIANTS}, "plural"),
    (
        "formations sanitaires",
        {FORMATIONS_SANITAIRES, NEWS_FORMATIONS},
        "plural",
    ),
    ("indemnités de transport", {REMUNERATION}, "plural"),
    ("repas des apprentis", {APPRENTIS_RESTAURATION}, "plural"),
    # acronym
    ("FRSU", {FRSU}, "acronym"),
    ("FSA", {FSA}, "acronym"),
    ("TER", {CARTE_TER_PLUS, CARTE_TER_MOINS, ABO_TER, "ter-de-nouveaux-horaires-entre-amiens-et-lille"}, "acronym"),
    ("vae", {VAE}, "acronym"),
    ("CFA hébergement", {APPRENTIS_HEBERGEMENT}, "acronym"),
    ("RGAA", {"accessibilite"}, "acronym"),
    ("Crous", {REPAS_CROUS}, "acronym"),
]


@dataclass
class Measures:
    mrr: float
    top5: float
    count: int
    by_category: dict
    misses: list


def slug_of(url):
    return (url or "").rstrip("/").rsplit("/", 1)[-1]


def rank_of_first_relevant(urls, relevant, depth=10):
    for position, url in enumerate(urls[:depth], start=1):
        if slug_of(url) in relevant:
            return position
    return None


def evaluate(ranked_urls, queries=LABELLED_QUERIES):
    """ranked_urls(query) -> the result addresses, best first. MRR@10, top-5 and MRR by category."""
    reciprocal, top5, by_category, misses = [], 0, defaultdict(list), []
    for query, relevant, category in queries:
        rank = rank_of_first_relevant(ranked_urls(query), relevant)
        value = 1 / rank if rank else 0.0
        reciprocal.append(value)
        by_category[category].append(value)
        top5 += bool(rank and rank <= 5)
        if rank != 1:
            misses.append((query, rank))
    count = len(queries)
    return Measures(
        mrr=sum(reciprocal) / count,
        top5=top5 / count,
        count=count,
        by_category={name: sum(values) / len(values) for name, values in by_category.items()},
        misses=misses,
    )
