"""The portal's demo content: every page type, the 25 real aid schemes, news, legal pages, a
contact form, menus and site settings.

Idempotent: a page is created (and published once) only when its slug is absent under its
parent; settings and menus are filled only when empty. A second run writes nothing."""

import csv
import datetime
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail.models import Site

from . import demo_aids
from .imports import import_aids
from .models import (
    AideIndexPage,
    AidePage,
    AidTheme,
    ContentPage,
    Department,
    FooterMenuItem,
    FormField,
    FormPage,
    HomePageHighlightedAid,
    MainMenuItem,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    SectionPage,
    SiteIdentity,
    SitemapPage,
    SocialLink,
    live_legal_pages,
)
from .setup import ensure_legal_pages as ensure_typed_legal_pages

AIDS_CSV = Path(settings.BASE_DIR) / "data" / "aides_region_hdf.csv"
# Fixed dates keep the demo identical from one run (and one day) to the next.
DEMO_DAY = datetime.date(2026, 11, 2)


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).first()


def ensure_page(parent, page, owner=None):
    """`page` under `parent` unless a child with its slug exists; published once."""
    existing = child_by_slug(parent, page.slug)
    if existing is not None:
        return existing.specific
    if owner is not None:
        page.owner = owner
    parent.add_child(instance=page)
    page.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)
    return page


def load_content(home, command=None):
    User = get_user_model()
    editor = User.objects.filter(username="editeur").first()
    Department.ensure_all()
    aid_index = ensure_page(
        home,
        AideIndexPage(
            title="Les aides de la Région",
            slug="aides",
            show_in_menus=True,
            seo_title="Les aides de la Région Hauts-de-France",
            search_description="Transport, études, apprentissage, emploi, santé : trouvez les aides de la Région "
            "qui vous concernent.",
            intro="Filtrez par public, thème ou département pour trouver les aides qui vous concernent, puis "
            "faites votre demande en ligne.",
        ),
        editor,
    )
    aids = ensure_aids(aid_index, editor)
    news_index = ensure_news(home, editor)
    services = ensure_services(home, editor)
    legal = ensure_legal_pages(home, editor)
    contact = ensure_contact_form(home, editor)
    ensure_home_blocks(home, aids)
    ensure_settings(home, aid_index, news_index, services, legal, contact)
    if command is not None:
        command.stdout.write(f"  portail : {len(aids)} aides, {news_index.get_children().count()} actualités")


def ensure_aids(aid_index, editor):
    """The 25 real aids through import_aids (home/imports.py): the file's facts plus our texts, written
    to a temporary CSV with the importer's optional columns."""
    with AIDS_CSV.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for slug, name in demo_aids.THEMES.items():
        AidTheme.objects.get_or_create(slug=slug, defaults={"name": name})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / AIDS_CSV.name
        with path.open("w", encoding="utf-8", newline="") as handle:
            columns = [*rows[0].keys(), "summary", "eligibility", "unit", "closes_on", "themes"]
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                text = demo_aids.AIDS[row["name"]]
                writer.writerow(
                    {
                        **row,
                        "summary": text["summary"],
                        "eligibility": text["eligibility"],
                        "unit": text["unit"],
                        "closes_on": text.get("closes_on", ""),
                        "themes": "|".join(text["themes"]),
                    }
                )
        report = import_aids(path, owner=editor)
    for line, message in report.errors:
        raise RuntimeError(f"demo aids, line {line}: {message}")
    aids = list(AidePage.objects.child_of(aid_index).order_by("path"))
    for number, aid in enumerate(aids):
        if aid.review_by is None or not aid.how_to_apply:
            # A few reviews are overdue so that the freshness report has something to show.
            aid.review_by = DEMO_DAY + datetime.timedelta(days=(-30 if number % 8 == 0 else 180))
            aid.how_to_apply = demo_aids.HOW_TO_APPLY
            aid.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    return aids


NEWS = [
    (
        "2026-11-14",
        "Les lycées ouvrent leurs salles aux associations avec Shareloc",
        "Gymnases, salles de réunion, amphithéâtres : les associations peuvent désormais demander en ligne "
        "à utiliser les espaces des lycées publics de la Région.",
        ["Lycées", "Vie associative"],
    ),
    (
        "2026-11-06",
        "Carte Génération : les demandes des apprentis sont ouvertes",
        "Équipement, transport, restauration, hébergement : les apprentis peuvent demander les aides de la carte "
        "Génération pour l'année de formation.",
        ["Apprentissage", "Jeunesse"],
    ),
    (
        "2026-10-28",
        "TER : de nouveaux horaires entre Amiens et Lille",
        "Les horaires de plusieurs trains régionaux changent pour mieux desservir les trajets domicile-travail.",
        ["Transports"],
    ),
    (
        "2026-10-15",
        "Un programme pour les agents qui innovent",
        "Le programme d'intrapreneuriat de la Région accompagne les agents qui portent un projet pour améliorer "
        "le service rendu aux habitants.",
        ["Innovation"],
    ),
    (
        "2026-10-02",
        "Rénovation énergétique : dix lycées en chantier cet automne",
        "La Région poursuit la rénovation de ses lycées pour réduire leur consommation d'énergie.",
        ["Lycées", "Environnement"],
    ),
    (
        "2026-09-18",
        "Formations sanitaires et sociales : les inscriptions sont ouvertes",
        "Aide-soignant, infirmier, éducateur : la Région finance de nombreuses formations et verse des bourses.",
        ["Emploi", "Santé"],
    ),
    (
        "2026-09-04",
        "Rentrée : les lycéens reçoivent leur carte Génération",
        "Les lycéens de la Région peuvent utiliser leur carte pour acheter manuels et équipement.",
        ["Lycées", "Jeunesse"],
    ),
    (
        "2026-08-21",
        "Proch'Emploi : un numéro unique pour trouver un travail près de chez soi",
        "Les conseillers Proch'Emploi mettent en relation les personnes qui cherchent un emploi et les "
        "entreprises qui recrutent.",
        ["Emploi"],
    ),
]


def ensure_news(home, editor):
    news_index = ensure_page(
        home,
        NewsIndexPage(
            title="Actualités",
            slug="actualites",
            show_in_menus=True,
            search_description="Les actualités de la Région Hauts-de-France.",
            intro="Les dernières nouvelles de la Région : lycées, transports, emploi, jeunesse.",
        ),
        editor,
    )
    for day, title, intro, tags in NEWS:
        slug = slugify(title)[:80].rstrip("-")
        if child_by_slug(news_index, slug) is not None:
            continue
        item = NewsPage(
            title=title,
            slug=slug,
            date=datetime.date.fromisoformat(day),
            intro=intro,
            search_description=intro,
            body=[
                (
                    "paragraph",
                    p(
                        intro,
                        "Retrouvez toutes les informations pratiques sur les pages de la Région "
                        "et auprès des services concernés.",
                    ),
                )
            ],
            review_by=DEMO_DAY + datetime.timedelta(days=365),
        )
        item.tags.add(*tags)
        ensure_page(news_index, item, editor)
    return news_index


def ensure_services(home, editor):
    services = ensure_page(
        home,
        SectionPage(
            title="Services",
            slug="services",
            show_in_menus=True,
            search_description="Les services de la Région au quotidien : transports, lycées, apprentissage.",
            intro="Ce que la Région fait pour vous au quotidien.",
        ),
        editor,
    )
    ensure_page(
        services,
        ContentPage(
            show_in_menus=True,
            title="Transports scolaires",
            slug="transports-scolaires",
            search_description="Inscription, tarifs et lignes du transport scolaire régional.",
            intro="Dans les cinq départements, la Région organise le transport des élèves entre leur domicile et "
            "leur établissement.",
            review_by=DEMO_DAY - datetime.timedelta(days=10),
            body=[
                ("heading", {"text": "S'inscrire", "level": "h2"}),
                ("paragraph", p("L'inscription se fait en ligne chaque année, avant l'été, pour la rentrée suivante.")),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Date limite",
                        "text": p("Une inscription tardive peut retarder la délivrance de la carte de transport."),
                    },
                ),
                ("heading", {"text": "Tarifs", "level": "h2"}),
                (
                    "table",
                    {
                        "caption": "Participation des familles par année scolaire",
                        "table": {
                            "first_row_is_table_header": True,
                            "first_col_is_header": True,
                            "data": [
                                ["Situation", "Participation"],
                                ["Élève ayant droit", "Gratuit"],
                                ["Élève non ayant droit", "Selon la distance"],
                            ],
                        },
                    },
                ),
                (
                    "accordion",
                    {
                        "title": "Questions fréquentes",
                        "items": [
                            {
                                "question": "Mon enfant a perdu sa carte, que faire ?",
                                "answer": p("Demandez un duplicata en ligne depuis votre espace famille."),
                            },
                            {
                                "question": "Qui contacter en cas de retard du car ?",
                                "answer": p(
                                    "Le transporteur de la ligne, dont les coordonnées figurent sur la fiche horaire."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "contact",
                    {
                        "name": "Service des transports scolaires",
                        "role": "Inscriptions et réclamations",
                        "email": "transports.scolaires@maregion.example",
                        "phone": "03 74 27 00 00",
                        "address": "",
                        "hours": "du lundi au vendredi, de 9 h à 17 h",
                    },
                ),
            ],
        ),
        editor,
    )
    ensure_page(
        services,
        ContentPage(
            show_in_menus=True,
            title="Apprentissage",
            slug="apprentissage",
            search_description="Les aides de la Région aux apprentis et aux centres de formation.",
            intro="La Région accompagne les apprentis pendant toute leur formation.",
            review_by=DEMO_DAY + datetime.timedelta(days=120),
            body=[
                (
                    "key_figures",
                    {
                        "title": "L'apprentissage en Hauts-de-France",
                        "figures": [
                            {"figure": "4", "label": "aides de la carte Génération pour les apprentis"},
                            {"figure": "5", "label": "départements couverts"},
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "quote": "L'aide à l'équipement m'a permis d'acheter mes outils dès la première semaine.",
                        "author": "Léa",
                        "role": "apprentie en menuiserie",
                    },
                ),
                (
                    "call_to_action",
                    {
                        "text": "Voir les aides aux apprentis",
                        "page": None,
                        "url": "/aides/?public=apprentis",
                        "description": "Toutes les aides en un clic.",
                    },
                ),
            ],
        ),
        editor,
    )
    ensure_page(
        services,
        ContentPage(
            show_in_menus=True,
            title="Lycées",
            slug="lycees",
            search_description="La Région construit, entretient et équipe les lycées publics.",
            intro="La Région construit, rénove et équipe les lycées publics, et ouvre leurs espaces aux associations.",
            review_by=DEMO_DAY + datetime.timedelta(days=200),
            body=[
                (
                    "paragraph",
                    p(
                        "Les associations peuvent demander à utiliser les salles et équipements des lycées "
                        'grâce à <a href="/shareloc/">Shareloc</a>.'
                    ),
                )
            ],
        ),
        editor,
    )
    ensure_page(
        services,
        ContentPage(
            title="Restauration scolaire dans les lycées",
            slug="restauration-scolaire",
            search_description="La cantine des lycées publics : menus, produits locaux, tarifs fixés par la Région.",
            intro="La Région fixe les tarifs de la demi-pension et de l'internat des lycées publics et soutient "
            "les produits locaux et bio dans les assiettes.",
            review_by=DEMO_DAY + datetime.timedelta(days=200),
            body=[
                ("heading", {"text": "Tarifs de la demi-pension", "level": "h2"}),
                (
                    "paragraph",
                    p(
                        "Le prix du repas est le même dans tous les lycées publics de la région ; les familles "
                        "qui ont des difficultés peuvent demander l'aide du fonds social lycéen."
                    ),
                ),
            ],
        ),
        editor,
    )
    return services


LEGAL = {
    "donnees-personnelles": (
        "Données personnelles",
        "Quelles données nous traitons, pourquoi et combien de temps.",
        [
            (
                "paragraph",
                p(
                    "La Région traite les données nécessaires aux services du portail, dans le respect du "
                    "règlement général sur la protection des données (RGPD)."
                ),
            ),
            ("heading", {"text": "Formulaire de contact", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Vos nom, adresse électronique et message servent uniquement à vous répondre ; ils sont "
                    "conservés un an."
                ),
            ),
            ("heading", {"text": "Avis sur les pages", "level": "h2"}),
            (
                "paragraph",
                p(
                    "La question « Cette page vous a-t-elle été utile ? » n'enregistre ni votre identité ni "
                    "votre adresse IP : seulement la réponse, le commentaire (adresses et numéros de "
                    "téléphone masqués) et le jour."
                ),
            ),
            ("heading", {"text": "Shareloc", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Les coordonnées des contacts des demandes de réservation refusées ou annulées sont "
                    "anonymisées au bout de 12 mois. Celles des réservations confirmées sont conservées le "
                    "temps nécessaire à la gestion et au suivi de l'occupation des locaux."
                ),
            ),
            ("heading", {"text": "Vos droits", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Vous pouvez accéder à vos données, les rectifier ou les faire effacer en écrivant au "
                    "délégué à la protection des données de la Région, ou introduire une réclamation auprès "
                    "de la CNIL."
                ),
            ),
        ],
    ),
}


def ensure_legal_pages(home, editor):
    pages = {}
    for slug, (title, description, body) in LEGAL.items():
        existing = child_by_slug(home, slug)
        if existing is not None and not existing.live and not existing.specific.body:
            # setup_site's empty draft: the demo writes and publishes it.
            page = existing.specific
            page.body = body
            page.review_by = DEMO_DAY + datetime.timedelta(days=365)
            page.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
            pages[slug] = page
            continue
        pages[slug] = ensure_page(
            home,
            ContentPage(
                title=title,
                slug=slug,
                search_description=description,
                body=body,
                review_by=DEMO_DAY + datetime.timedelta(days=365),
            ),
            editor,
        )
    # The typed legal pages (notice, accessibility statement, cookies) are setup_site's, made here if missing.
    ensure_typed_legal_pages(home)
    legal = live_legal_pages()
    pages["mentions-legales"], pages["accessibilite"], pages["cookies"] = (
        legal["notice"],
        legal["accessibility"],
        legal["cookies"],
    )
    pages["plan-du-site"] = ensure_page(
        home,
        SitemapPage(
            title="Plan du site",
            slug="plan-du-site",
            search_description="Toutes les pages du portail.",
            intro="Toutes les rubriques et pages du portail Ma Région.",
        ),
        editor,
    )
    return pages


def ensure_contact_form(home, editor):
    existing = child_by_slug(home, "contact")
    if existing is not None:
        return existing.specific
    form = FormPage(
        title="Nous contacter",
        slug="contact",
        search_description="Écrire aux services de la Région.",
        intro=p("Une question sur une aide ou un service ? Écrivez-nous, nous répondons sous cinq jours ouvrés."),
        thank_you_text=p("Merci, votre message a bien été envoyé. Une copie vous a été adressée par courriel."),
        to_address="contact@maregion.example",
        from_address="ne-pas-repondre@maregion.example",
        subject="Nouveau message depuis le portail",
        confirmation_text="Bonjour,\n\nNous avons bien reçu votre message et nous vous répondrons rapidement.",
    )
    form.form_fields = [
        FormField(sort_order=0, label="Votre nom", field_type="singleline", required=True),
        FormField(
            sort_order=1,
            label="Votre adresse électronique",
            field_type="email",
            required=True,
            help_text="Pour vous répondre, et pour vous envoyer une copie de votre message.",
        ),
        FormField(
            sort_order=2,
            label="Sujet",
            field_type="dropdown",
            required=True,
            choices="Une aide\nUn service\nL'accessibilité du site\nAutre chose",
        ),
        FormField(sort_order=3, label="Votre message", field_type="multiline", required=True),
    ]
    return ensure_page(home, form, editor)


def ensure_home_blocks(home, aids):
    home = home.specific
    if home.tiles:
        return
    home.tiles = [
        (
            "tile",
            {
                "title": "Trouver une aide",
                "description": "Transport, études, emploi : les aides de la Région.",
                "page": None,
                "url": "/aides/",
            },
        ),
        (
            "tile",
            {
                "title": "Shareloc",
                "description": "Réserver une salle ou un gymnase d'un lycée pour votre association.",
                "page": None,
                "url": "/shareloc/",
            },
        ),
        (
            "tile",
            {
                "title": "Le programme d'intrapreneuriat",
                "description": "Les projets des agents qui innovent.",
                "page": None,
                "url": "/programme/",
            },
        ),
        (
            "tile",
            {
                "title": "Actualités",
                "description": "Les dernières nouvelles de la Région.",
                "page": None,
                "url": "/actualites/",
            },
        ),
    ]
    home.key_figures_title = "La Région en chiffres"
    home.key_figures = [
        ("figure", {"figure": "6 millions", "label": "d'habitants"}),
        ("figure", {"figure": "5", "label": "départements"}),
        ("figure", {"figure": "268", "label": "lycées publics"}),
        ("live_figure", {"measure": "aids", "label": "aides en ligne sur ce portail"}),
    ]
    highlighted = [
        aid
        for aid in aids
        if aid.slug.startswith(("carte-generation-lyceens", "bourse-de-mobilite", "aide-pour-le-permis"))
    ]
    home.highlighted_aids = [HomePageHighlightedAid(aid=aid, sort_order=i) for i, aid in enumerate(highlighted)]
    home.save_revision().publish()


def ensure_settings(home, aid_index, news_index, services, legal, contact):
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        return
    identity = SiteIdentity.for_site(site)
    if not identity.contact_email:
        identity.phone = "03 74 27 00 00"
        identity.contact_email = "contact@maregion.example"
        identity.contact_page = contact
        identity.publication_director = "Le président du conseil régional"
        identity.host_name = "Hébergeur de démonstration SAS"
        identity.host_address = "1 rue de l'Exemple\n59000 Lille"
        identity.host_phone = "03 20 00 00 00"
        identity.social_links = [
            SocialLink(network="facebook", url="https://www.facebook.com/regionhautsdefrance", sort_order=0),
            SocialLink(network="linkedin", url="https://www.linkedin.com/company/region-hauts-de-france", sort_order=1),
            SocialLink(network="youtube", url="https://www.youtube.com/@regionhautsdefrance", sort_order=2),
        ]
        identity.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_items.exists() and not navigation.footer_items.exists():
        navigation.main_items = [
            MainMenuItem(link_page=aid_index, link_text="Aides", sort_order=0),
            MainMenuItem(link_page=services, sort_order=1),
            MainMenuItem(link_url="/shareloc/", link_text="Shareloc", sort_order=2),
            MainMenuItem(link_url="/programme/", link_text="Le programme", sort_order=3),
            MainMenuItem(link_page=news_index, sort_order=4),
        ]
        navigation.footer_items = [
            FooterMenuItem(link_page=legal["plan-du-site"], sort_order=0),
            FooterMenuItem(link_page=legal["mentions-legales"], sort_order=1),
            # No label of its own: the footer says "Accessibilité : <état>" from the statement.
            FooterMenuItem(link_page=legal["accessibilite"], sort_order=2),
            FooterMenuItem(link_page=legal["donnees-personnelles"], sort_order=3),
            FooterMenuItem(link_page=legal["cookies"], sort_order=4),
            FooterMenuItem(link_page=contact, link_text="Contact", sort_order=5),
        ]
        navigation.save()
