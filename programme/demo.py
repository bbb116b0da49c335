"""The programme's demo: the 2020 edition as its founding documents tell it (prepared at the end of
2019; call and preselection early in 2020: 19 applications, 9 preselected, 6 selected; three months of
pre-incubation from April to July; jury on 7 July 2020; start in September 2020), its six projects,
their outcomes and the means. What the documents do not say (team names, sponsors, phases after
September 2020, impact figures, the selection jury's exact date, amounts committed) is the demo's
illustration and is labelled "exemple de démonstration" on the pages. Plus an open 2026 call.
Idempotent: everything is looked up before being created, nothing is re-saved."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from home.models import HomePage

from .models import (
    Application,
    BudgetEnvelope,
    BudgetTranche,
    CallFormField,
    CallPage,
    Criterion,
    Edition,
    EditionEvent,
    Indicator,
    JuryDecision,
    JurySession,
    Measurement,
    Organisation,
    Phase,
    ProjectPage,
    ProjectPhase,
    ProjectReview,
    ReviewRound,
    SelectionDecision,
    SelectionOutcome,
    StageChange,
    TeamMember,
    Track,
)
from .setup import ensure_programme_page, ensure_team_page_permissions
from .workflow import Stage

D = datetime.date
SELECTION_JURY = D(2020, 3, 5)
DECISION_JURY = D(2020, 7, 7)
FIRST_REVIEW = D(2021, 1, 7)
# What the founding documents date: the start of the projects after the jury. Phases after it are the
# demo's illustration, and shown as such.
PROGRAMME_START = D(2020, 9, 1)

CRITERIA = (
    ("Problème vécu sur le terrain", "Le problème est-il réel, fréquent, documenté ?", 3),
    ("Impact pour les usagers", "Combien de personnes, quel gain pour elles ?", 3),
    ("Faisabilité", "Peut-on tester une première solution en quelques mois ?", 2),
    ("Engagement de l'équipe", "Temps disponible, soutien de la hiérarchie.", 2),
)
# The hackathon's own round: the preselected projects, judged on what the two days showed.
HACKATHON_CRITERIA = (
    ("Compréhension des usagers", "Des usagers rencontrés, des besoins reformulés avec eux ?", 3),
    ("Première solution testable", "Une maquette ou un test concret possible dès la pré-incubation ?", 2),
    ("Équipe et sponsor", "Une équipe disponible et une direction prête à porter le projet ?", 2),
)

# (title, slug, tagline, problem, users, track, justification, phases, product, sponsor, team)
PROJECTS = (
    (
        "Tout est permis",
        "tout-est-permis",
        "Financer le permis de conduire pour accéder à un emploi.",
        "Sans permis, de nombreux demandeurs d'emploi des Hauts-de-France ne peuvent pas accepter un poste "
        "éloigné des transports en commun ; les aides existent mais sont dispersées et mal connues.",
        "Demandeurs d'emploi, jeunes en insertion, conseillers emploi.",
        Track.TERRITORY_STARTUP,
        "Suite en mode startup de territoire, avec beta.gouv.fr, à partir de septembre 2020.",
        [
            (Phase.PRE_INCUBATION, D(2020, 4, 1)),
            (Phase.INVESTIGATION, D(2020, 9, 1)),
            (Phase.CONSTRUCTION, D(2021, 3, 1)),
            (Phase.ACCELERATION, D(2022, 1, 3)),
        ],
        ("", "", ""),
        "Direction de l'emploi et de la formation",
        [("Claire M.", "intrapreneure", "woman"), ("Karim B.", "intrapreneur", "man")],
    ),
    (
        "La Belette",
        "la-belette",
        "Savoir qui fait quoi à la Région.",
        "Les agents perdent du temps à trouver le bon interlocuteur : l'organigramme ne dit pas qui traite quel "
        "dispositif, et les usagers sont renvoyés de service en service.",
        "Agents de la Région, en particulier ceux de l'accueil et des antennes.",
        Track.INTERNAL_STARTUP,
        "Suite en startup interne, selon la démarche de beta.gouv.fr, sur les coûts internes de la Région.",
        [
            (Phase.PRE_INCUBATION, D(2020, 4, 1)),
            (Phase.INVESTIGATION, D(2020, 7, 8)),
            (Phase.CONSTRUCTION, D(2021, 1, 11)),
        ],
        ("La Belette", "/belette/", ""),
        "Direction des ressources humaines",
        [("Sophie L.", "intrapreneure", "woman")],
    ),
    (
        "Ma Région",
        "ma-region",
        "La refonte en profondeur du portail des usagers.",
        "Le portail de la Région présente les aides par direction et non par besoin ; les usagers ne trouvent "
        "pas les aides auxquelles ils ont droit.",
        "Citoyens, associations, entreprises, lycéens et leurs familles.",
        Track.INTERNAL_INCUBATOR,
        "Suite dans l'incubateur interne, à créer à l'été 2020.",
        [
            (Phase.PRE_INCUBATION, D(2020, 4, 1)),
            (Phase.INVESTIGATION, D(2020, 7, 8)),
            (Phase.CONSTRUCTION, D(2021, 2, 1)),
        ],
        ("Ma Région", "", "home"),
        "Direction de la communication",
        [("Julien R.", "intrapreneur", "man"), ("Nadia K.", "intrapreneure", "woman")],
    ),
    (
        "Shareloc",
        "shareloc",
        "Partager les espaces et les équipements inoccupés des lycées.",
        "Les salles, gymnases et équipements des lycées publics restent vides le soir, le week-end et pendant "
        "les vacances, alors que des associations cherchent où se réunir et pratiquer.",
        "Associations, gestionnaires des lycées.",
        Track.EXTENDED_INVESTIGATION,
        "Investigation prolongée.",
        [
            (Phase.PRE_INCUBATION, D(2020, 4, 1)),
            (Phase.INVESTIGATION, D(2020, 7, 8)),
            (Phase.INVESTIGATION, D(2020, 10, 8)),
            (Phase.CONSTRUCTION, D(2021, 1, 11)),
        ],
        ("Shareloc", "/shareloc/", ""),
        "Direction des lycées",
        [("Élodie P.", "intrapreneure", "woman"), ("Thomas V.", "intrapreneur", "")],
    ),
    (
        "Suivi des porteurs de projets subventionnés",
        "suivi-porteurs-subventionnes",
        "Suivre les porteurs de projets après le versement de la subvention.",
        "Une fois la subvention versée, la Région perd de vue les porteurs de projets et ne sait pas "
        "ce que l'aide a permis.",
        "Instructeurs des aides, porteurs de projets.",
        Track.CLASSIC_PROJECT,
        "Suite en mode projet classique.",
        [(Phase.PRE_INCUBATION, D(2020, 4, 1)), (Phase.CLASSIC_PROJECT, D(2020, 7, 8))],
        ("", "", ""),
        "Direction des finances",
        [("Marie T.", "intrapreneure", "woman")],
    ),
    (
        "Procédures de contrôle allégées",
        "procedures-controle-allegees",
        "Alléger les procédures de contrôle des aides.",
        "Les contrôles demandent aux bénéficiaires des pièces déjà transmises et mobilisent les agents sur "
        "des dossiers sans risque.",
        "Bénéficiaires des aides, agents du contrôle.",
        Track.CLASSIC_PROJECT,
        "Suite en mode projet classique.",
        [(Phase.PRE_INCUBATION, D(2020, 4, 1)), (Phase.CLASSIC_PROJECT, D(2020, 7, 8))],
        ("", "", ""),
        "Direction de la qualité et de la performance",
        [("Paul G.", "intrapreneur", "man")],
    ),
)

# Demo figures only: plausible orders of magnitude, never real measurements.
INDICATORS = {
    "tout-est-permis": (
        "Permis financés",
        "permis",
        "up",
        Decimal(600),
        [
            (D(2021, 6, 30), 40),
            (D(2021, 12, 31), 130),
            (D(2022, 6, 30), 260),
            (D(2022, 12, 31), 410),
            (D(2023, 6, 30), 520),
        ],
    ),
    "la-belette": (
        "Recherches dans l'annuaire par mois",
        "recherches",
        "up",
        Decimal(5000),
        [(D(2021, 6, 30), 800), (D(2021, 12, 31), 2100), (D(2022, 6, 30), 3400), (D(2022, 12, 31), 4200)],
    ),
    "shareloc": (
        "Délai moyen de réponse à une demande",
        "jours",
        "down",
        Decimal(5),
        [(D(2021, 6, 30), 21), (D(2021, 12, 31), 14), (D(2022, 6, 30), 9), (D(2022, 12, 31), 7)],
    ),
    "ma-region": (
        "Usagers qui trouvent l'aide cherchée",
        "%",
        "up",
        Decimal(80),
        [(D(2021, 6, 30), 52), (D(2022, 1, 31), 61), (D(2022, 6, 30), 68)],
    ),
}

CALL_FIELDS = (
    ("Nom et prénom", "singleline", True, "", ""),
    ("E-mail professionnel", "email", True, "", "La confirmation de dépôt vous sera envoyée à cette adresse."),
    ("Direction ou service", "singleline", True, "", ""),
    ("Titre du projet", "singleline", True, "", ""),
    (
        "Le problème constaté sur le terrain",
        "multiline",
        True,
        "",
        "Décrivez une situation vécue : qui est gêné, combien de fois, avec quelles conséquences.",
    ),
    ("Les usagers concernés", "multiline", True, "", ""),
    ("Temps que vous pourriez y consacrer", "dropdown", True, "20 %\n50 %\n100 %", ""),
    ("Présentation complémentaire", "file", False, "", "Facultatif."),
)

OTHER_APPLICATIONS = (  # 13 applications not selected in 2020: 3 preselected, 10 not.
    "Covoiturage entre agents des antennes",
    "Guichet unique des associations sportives",
    "Dématérialisation des cartes de transport scolaire",
    "Bourse d'échange de matériel entre lycées",
    "Tableau de bord énergie des lycées",
    "Accueil des nouveaux arrivants",
    "Prêt de véhicules de service",
    "Signalement des pannes dans les lycées",
    "Agenda partagé des salles de réunion",
    "Traduction des courriers en langage clair",
    "Plateforme de mentorat des apprentis",
    "Recensement des friches régionales",
    "Cartographie des circuits courts",
)


EDITION_2020_SUMMARY = (
    "Première édition, préparée à la fin de 2019 par la direction de la qualité et de la performance avec le "
    "soutien du directeur général des services. Appel à candidatures et présélection au début de 2020 : "
    "19 candidatures, 9 projets présélectionnés, 6 sélectionnés. Trois mois de pré-incubation, d'avril à "
    "juillet 2020, pendant lesquels les équipes ont mené l'investigation ; jury le 7 juillet 2020 ; démarrage "
    "des suites en septembre 2020. Moyens : un chef de programme de catégorie A ; 40 000 € pour le "
    "partenariat avec beta.gouv.fr ; 50 000 à 100 000 € pour six mois par projet en mode startup de "
    "territoire ; des coûts internes pour la startup interne. Partenaires : beta.gouv.fr et la DINUM, et un "
    "réseau d'ambassadeurs et d'experts. Un incubateur interne est à créer à l'été 2020 ; de nouveaux appels "
    "sont à venir."
)


def load(command):
    with transaction.atomic():
        home = HomePage.objects.first()
        organisations = ensure_organisations()
        edition_2020, edition_2026 = ensure_editions(organisations)
        programme = ensure_programme_page(home)
        ensure_team_page_permissions(programme)
        owner = get_user_model().objects.filter(username="programme").first()
        applications = ensure_2020_applications(edition_2020, owner)
        projects = ensure_projects(programme, edition_2020, organisations, applications)
        if owner is not None:
            ensure_juries(edition_2020, projects, owner, organisations, applications)
        ensure_indicators(projects)
        ensure_call_2026(programme, edition_2026)
    command.stdout.write(
        f"  programme : {Application.objects.count()} candidatures, "
        f"{ProjectPage.objects.count()} projets, appel 2026 sur /programme/appel-2026/"
    )


def ensure_organisations():
    rows = (
        (
            "beta.gouv.fr",
            False,
            True,
            "https://beta.gouv.fr",
            "Incubateur de services publics numériques de l'État : partenaire des startups de territoire.",
        ),
        (
            "DINUM",
            False,
            True,
            "https://www.numerique.gouv.fr",
            "Direction interministérielle du numérique, dont relève beta.gouv.fr.",
        ),
        ("Direction générale des services", True, False, "", "Commanditaire du programme."),
        ("Direction de la qualité et de la performance", True, False, "", "Porte le programme d'intrapreneuriat."),
        ("Direction de l'emploi et de la formation", True, False, "", ""),
        ("Direction des ressources humaines", True, False, "", ""),
        ("Direction de la communication", True, False, "", ""),
        ("Direction des lycées", True, False, "", ""),
        ("Direction des finances", True, False, "", ""),
    )
    result = {}
    for name, sponsor, partner, url, description in rows:
        result[name], _created = Organisation.objects.get_or_create(
            name=name, defaults={"is_sponsor": sponsor, "is_partner": partner, "url": url, "description": description}
        )
    return result


def ensure_editions(organisations):
    edition_2020, created = Edition.objects.get_or_create(
        year=2020,
        defaults={
            "name": "Édition 2020",
            "summary": EDITION_2020_SUMMARY,
        },
    )
    if created:
        EditionEvent.objects.bulk_create(
            [
                EditionEvent(
                    edition=edition_2020,
                    kind=EditionEvent.Kind.OTHER,
                    sort_order=0,
                    label="Préparation du programme",
                    starts_on=D(2019, 12, 1),
                    shown_date="Fin 2019",
                ),
                EditionEvent(
                    edition=edition_2020,
                    kind=EditionEvent.Kind.CALL,
                    sort_order=1,
                    label="Appel à candidatures et présélection : 19 candidatures, 9 projets présélectionnés",
                    starts_on=D(2020, 1, 6),
                    shown_date="Début 2020",
                ),
                EditionEvent(
                    edition=edition_2020,
                    kind=EditionEvent.Kind.SELECTION_JURY,
                    sort_order=2,
                    label="Jury de sélection : 6 projets retenus sur 9 présélectionnés",
                    starts_on=SELECTION_JURY,
                    shown_date="Début 2020",
                ),
                EditionEvent(
                    edition=edition_2020,
                    kind=EditionEvent.Kind.PRE_INCUBATION,
                    sort_order=3,
                    label="Trois mois de pré-incubation des 6 projets, pendant lesquels les équipes mènent "
                    "l'investigation",
                    starts_on=D(2020, 4, 1),
                    ends_on=D(2020, 7, 31),
                    shown_date="D'avril à juillet 2020",
                ),
                EditionEvent(
                    edition=edition_2020,
                    kind=EditionEvent.Kind.DECISION_JURY,
                    sort_order=4,
                    label="Jury : la suite de chaque projet",
                    starts_on=DECISION_JURY,
                ),
                EditionEvent(
                    edition=edition_2020,
                    kind=EditionEvent.Kind.OTHER,
                    sort_order=5,
                    label="Création de l'incubateur interne",
                    starts_on=D(2020, 7, 8),
                    shown_date="Été 2020",
                ),
                EditionEvent(
                    edition=edition_2020,
                    kind=EditionEvent.Kind.OTHER,
                    sort_order=6,
                    label="Démarrage des projets, selon la suite donnée à chacun",
                    starts_on=PROGRAMME_START,
                    shown_date="Septembre 2020",
                ),
            ]
        )
        BudgetEnvelope.objects.bulk_create(
            [
                BudgetEnvelope(
                    edition=edition_2020,
                    sort_order=0,
                    label="Partenariat beta.gouv.fr",
                    amount=Decimal(40000),
                    partner=organisations["beta.gouv.fr"],
                ),
                BudgetEnvelope(
                    edition=edition_2020,
                    sort_order=1,
                    label="Startup de territoire",
                    amount=Decimal(50000),
                    amount_max=Decimal(100000),
                    period="par semestre",
                ),
            ]
        )
    edition_2026, created = Edition.objects.get_or_create(
        year=2026, defaults={"name": "Édition 2026", "summary": "Nouvel appel ouvert à tous les agents de la Région."}
    )
    if created:
        EditionEvent.objects.bulk_create(
            [
                EditionEvent(
                    edition=edition_2026,
                    kind=EditionEvent.Kind.CALL,
                    sort_order=0,
                    label="Appel à candidatures",
                    starts_on=D(2026, 10, 1),
                    ends_on=D(2027, 1, 31),
                ),
                EditionEvent(
                    edition=edition_2026,
                    kind=EditionEvent.Kind.HACKATHON,
                    sort_order=1,
                    label="Hackathon",
                    starts_on=D(2027, 2, 18),
                ),
                EditionEvent(
                    edition=edition_2026,
                    kind=EditionEvent.Kind.SELECTION_JURY,
                    sort_order=2,
                    label="Jury de sélection",
                    starts_on=D(2027, 3, 4),
                ),
            ]
        )
    # Outside `if created`: a database migrated from before review rounds gets the hackathon's too.
    ensure_rounds(edition_2020, preselection_due=D(2020, 2, 10), hackathon_due=SELECTION_JURY, current="Hackathon")
    ensure_rounds(edition_2026, preselection_due=D(2027, 2, 10), hackathon_due=D(2027, 3, 1), current="Présélection")
    return edition_2020, edition_2026


def ensure_rounds(edition, preselection_due, hackathon_due, current):
    """Two review rounds per edition, each with its criteria: the pre-selection of the submitted
    applications, then the hackathon's review of the preselected ones (its scores do not overwrite the
    pre-selection's). Migration 0010 already made a "Présélection" round of an older database's criteria."""
    rounds = (
        ("Présélection", Stage.SUBMITTED, preselection_due, CRITERIA),
        ("Hackathon", Stage.PRESELECTED, hackathon_due, HACKATHON_CRITERIA),
    )
    for order, (name, stage, due_on, criteria) in enumerate(rounds):
        review_round, created = ReviewRound.objects.get_or_create(
            edition=edition,
            name=name,
            defaults={"stage": stage, "sort_order": order, "due_on": due_on, "is_current": name == current},
        )
        if not review_round.criteria.exists():
            Criterion.objects.bulk_create(
                [
                    Criterion(review_round=review_round, sort_order=i, name=n, description=d, weight=w)
                    for i, (n, d, w) in enumerate(criteria)
                ]
            )
        if created and name == current:
            review_round.save()  # ends the edition's other current round


def ensure_2020_applications(edition, owner):
    """19 applications whose logged history gives the funnel 19 / 9 / 6."""
    when = timezone.make_aware(datetime.datetime(2020, 1, 20, 10, 0))
    selected = [row[0] for row in PROJECTS]
    plans = (
        [(title, "selected") for title in selected]
        + [(title, "preselected") for title in OTHER_APPLICATIONS[:3]]
        + [(title, "submitted") for title in OTHER_APPLICATIONS[3:]]
    )
    steps = {
        "selected": [
            (Stage.SUBMITTED, Stage.PRESELECTED, D(2020, 2, 14), "Retenue pour le hackathon."),
            (Stage.PRESELECTED, Stage.SELECTED, SELECTION_JURY, "Retenue par le jury de sélection."),
            (Stage.SELECTED, Stage.PRE_INCUBATION, D(2020, 4, 1), "Début de la pré-incubation."),
            (Stage.PRE_INCUBATION, Stage.JURY_DECISION, DECISION_JURY, "Décision du jury du 7 juillet."),
        ],
        "preselected": [
            (Stage.SUBMITTED, Stage.PRESELECTED, D(2020, 2, 14), "Retenue pour le hackathon."),
            (Stage.PRESELECTED, Stage.NOT_RETAINED, SELECTION_JURY, "Non retenue par le jury de sélection."),
        ],
        "submitted": [(Stage.SUBMITTED, Stage.NOT_RETAINED, D(2020, 2, 14), "Non retenue pour le hackathon.")],
    }
    result = {}
    for number, (title, plan) in enumerate(plans, start=1):
        history = steps[plan]
        application, created = Application.objects.get_or_create(
            edition=edition,
            title=title,
            defaults={
                "applicant_name": f"Agent·e n° {number} (démo)",
                "stage": history[-1][1],
                "submitted_at": when + datetime.timedelta(days=number % 10),
                "consent_given_at": when + datetime.timedelta(days=number % 10),
                "answers": [
                    {"name": "titre_du_projet", "label": "Titre du projet", "type": "singleline", "value": title}
                ],
            },
        )
        if created:
            StageChange.objects.bulk_create(
                [
                    StageChange(
                        application=application,
                        source=source,
                        target=target,
                        by=owner,
                        reason=reason,
                        at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0))),
                    )
                    for source, target, day, reason in history
                ]
            )
        result[title] = application
    return result


def ensure_projects(programme, edition, organisations, applications):
    home = HomePage.objects.first()
    projects = {}
    for title, slug, tagline, problem, users, _track, _why, phases, product, sponsor, team in PROJECTS:
        page = ProjectPage.objects.filter(slug=slug).first()
        if page is None:
            label, path, page_ref = product
            page = ProjectPage(
                title=title,
                slug=slug,
                edition=edition,
                tagline=tagline,
                application=applications[title],
                problem=f"<p>{problem}</p>",
                target_users=f"<p>{users}</p>",
                # Team names and sponsors are the demo's: the page says so (demo_example).
                demo_example=True,
                sponsor=organisations[sponsor],
                product_label=label,
                product_path=path,
                product_page=home if page_ref == "home" else None,
            )
            page.phases = [
                ProjectPhase(phase=phase, started_on=day, sort_order=i, demo_example=day > PROGRAMME_START)
                for i, (phase, day) in enumerate(phases)
            ]
            page.team_members = [
                TeamMember(name=name, role=role, gender=gender, sort_order=i)
                for i, (name, role, gender) in enumerate(team)
            ]
            programme.add_child(instance=page)
            page.save_revision().publish()
        projects[slug] = page
    return projects


def ensure_selection_decisions(session, applications, owner):
    """The selection jury's decisions on the 9 preselected applications: the 6 projects selected, the
    other 3 not. Recorded before the session is marked published, like a real session."""
    if session.is_published:  # a published session no longer changes
        return
    recorded = timezone.make_aware(datetime.datetime.combine(session.date, datetime.time(17, 0)))
    outcomes = [(row[0], SelectionOutcome.SELECTED) for row in PROJECTS] + [
        (title, SelectionOutcome.NOT_SELECTED) for title in OTHER_APPLICATIONS[:3]
    ]
    for title, outcome in outcomes:
        SelectionDecision.objects.get_or_create(
            session=session,
            application=applications[title],
            defaults={
                "outcome": outcome,
                "justification": "Sélectionné pour la pré-incubation (6 projets sur 9 présélectionnés)."
                if outcome == SelectionOutcome.SELECTED
                else "Non retenu parmi les 6 projets de la pré-incubation.",
                "recorded_by": owner,
                "recorded_at": recorded,
            },
        )


def ensure_juries(edition, projects, owner, organisations, applications):
    User = get_user_model()
    members = list(User.objects.filter(username__in=("programme", "admin", "agent")))
    # Sessions are filled in (members, presences, decisions) before they are published: a published
    # session no longer changes.
    selection, _created = JurySession.objects.get_or_create(
        edition=edition, kind=JurySession.Kind.SELECTION, date=SELECTION_JURY, defaults={"quorum": 2}
    )
    decision_jury, _created = JurySession.objects.get_or_create(
        edition=edition, kind=JurySession.Kind.DECISION, date=DECISION_JURY, defaults={"quorum": 2}
    )
    for session in (selection, decision_jury):
        if not session.is_published:
            session.members.set(members)
            session.present.set(members)
    ensure_selection_decisions(selection, applications, owner)
    recorded = timezone.make_aware(datetime.datetime(2020, 7, 7, 17, 0))
    for _title, slug, _tag, _problem, _users, track, why, *_rest in PROJECTS:
        decision, created = JuryDecision.objects.get_or_create(
            session=decision_jury,
            project=projects[slug],
            defaults={
                "track": track,
                "justification": why,
                "owner": owner,
                "next_review_on": FIRST_REVIEW,
                "recorded_by": owner,
                "recorded_at": recorded,
            },
        )
        ProjectReview.objects.get_or_create(
            project=projects[slug], due_on=FIRST_REVIEW, defaults={"owner": owner, "decision": decision}
        )
    for session, published_at in (
        (selection, datetime.datetime(2020, 3, 5, 19, 0)),
        (decision_jury, datetime.datetime(2020, 7, 7, 19, 0)),
    ):
        JurySession.objects.filter(pk=session.pk, published_at__isnull=True).update(
            published_at=timezone.make_aware(published_at), published_by=owner
        )
    # Money opened by the decision on Tout est permis: the partnership and a first six-month tranche.
    permis = projects["tout-est-permis"]
    if not BudgetTranche.objects.filter(page=permis).exists():
        decision = JuryDecision.objects.get(session=decision_jury, project=permis)
        partnership, startup = edition.envelopes.order_by("sort_order")
        BudgetTranche.objects.bulk_create(
            [
                BudgetTranche(
                    page=permis,
                    decision=decision,
                    envelope=partnership,
                    sort_order=0,
                    label="Partenariat beta.gouv.fr",
                    amount=Decimal(40000),
                    starts_on=D(2020, 9, 1),
                    ends_on=D(2021, 8, 31),
                ),
                BudgetTranche(
                    page=permis,
                    decision=decision,
                    envelope=startup,
                    sort_order=1,
                    label="Premier semestre de la startup de territoire (montant : exemple de démonstration)",
                    amount=Decimal(50000),
                    starts_on=D(2020, 9, 1),
                    ends_on=D(2021, 2, 28),
                ),
            ]
        )


def ensure_indicators(projects):
    for slug, (name, unit, direction, target, values) in INDICATORS.items():
        indicator, created = Indicator.objects.get_or_create(
            project=projects[slug],
            name=name,
            defaults={
                "unit": unit,
                "direction": direction,
                "target": target,
                "description": "Exemple de démonstration : valeurs fictives.",
            },
        )
        if created:
            Measurement.objects.bulk_create(
                [
                    Measurement(
                        indicator=indicator,
                        measured_on=day,
                        value=Decimal(value),
                        is_demo=True,
                        sort_order=i,
                        source="démonstration",
                    )
                    for i, (day, value) in enumerate(values)
                ]
            )


def ensure_call_2026(programme, edition):
    if CallPage.objects.filter(slug="appel-2026").exists():
        return
    call = CallPage(
        title="Appel à candidatures 2026",
        slug="appel-2026",
        edition=edition,
        opens_at=timezone.make_aware(datetime.datetime(2026, 10, 1, 9, 0)),
        closes_at=timezone.make_aware(datetime.datetime(2027, 1, 31, 23, 59)),
        intro="<p>Vous avez repéré un problème dans votre travail ou auprès des usagers ? Proposez de le résoudre. "
        "Votre candidature reste confidentielle : seule l'équipe du programme la lit.</p>",
        thank_you_text="<p>L'équipe du programme reviendra vers vous après la clôture de l'appel.</p>",
        to_address="programme@demo.maregion.example",
        from_address="ne-pas-repondre@maregion.example",
        subject="Nouvelle candidature au programme",
    )
    call.form_fields = [
        CallFormField(
            label=label, field_type=kind, required=required, choices=choices, help_text=help_text, sort_order=i
        )
        for i, (label, kind, required, choices, help_text) in enumerate(CALL_FIELDS)
    ]
    programme.add_child(instance=call)
    call.save_revision().publish()
