"""The legal pages of a real installation (setup_site, no demo): the legal notice from the site settings,
the accessibility statement with every part of the RGAA model, the cookies page that lists exactly the
cookies the site sets, and no other cookie on an anonymous visit of any public page type."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from core.cookies import essential_names, lifetime, site_cookies
from home.models import (
    AccessibilityStatementPage,
    AideIndexPage,
    ContentPage,
    CookiesPage,
    FormField,
    FormPage,
    LegalNoticePage,
    NewsIndexPage,
    SectionPage,
    SiteIdentity,
)
from tests.home.conftest import AidePageFactory, ContentPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

# The headings of the model statement published with the RGAA, in its order.
RGAA_MODEL_HEADINGS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Non-conformités",
    "Dérogations pour charge disproportionnée",
    "Contenus non soumis à l'obligation d'accessibilité",
    "Établissement de cette déclaration d'accessibilité",
    "Technologies utilisées pour la réalisation du site",
    "Environnement de test",
    "Outils pour évaluer l'accessibilité",
    "Pages du site ayant fait l'objet de la vérification de conformité",
    "Retour d'information et contact",
    "Voies de recours",
]
TO_FILL = "[À compléter par la Région : "


def setup_site():
    call_command("setup_site", stdout=io.StringIO(), stderr=io.StringIO())
    return Site.objects.get(is_default_site=True)


def headings(html):
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)]


def unescape(html):
    """The HTML with entities read back and white space collapsed, to compare with sentences."""
    html = html.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return " ".join(html.split())


@pytest.fixture
def site(db, clock):
    return setup_site()


def test_setup_site_publishes_the_three_legal_pages_linked_from_the_footer_and_in_both_site_maps(client, site):
    notice = LegalNoticePage.objects.get()
    statement = AccessibilityStatementPage.objects.get()
    cookies = CookiesPage.objects.get()
    assert [page.url for page in (notice, statement, cookies)] == ["/mentions-legales/", "/accessibilite/", "/cookies/"]
    assert all(page.live for page in (notice, statement, cookies))
    # The personal-data page is the Région's own text: still a draft.
    assert not ContentPage.objects.get(slug="donnees-personnelles").live

    home = client.get("/").content.decode()
    footer = home[home.index('class="site-footer"') :]
    for page in (notice, cookies):
        assert f'<a href="{page.url}">{page.title}</a>' in unescape(footer)
    # No audit yet: the RGAA's required footer mention says so.
    assert '<a href="/accessibilite/">Accessibilité : non conforme</a>' in footer
    assert "/donnees-personnelles/" not in footer  # a draft: no link to a 404

    sitemap = client.get("/sitemap.xml").content.decode()
    human_map = client.get("/plan-du-site/").content.decode()
    for page in (notice, statement, cookies):
        assert f"{site.root_url}{page.url}</loc>" in sitemap
        assert f'href="{page.url}"' in human_map


def test_setup_site_twice_keeps_one_of_each_and_replaces_an_old_empty_draft(client, db, clock):
    home = setup_site().root_page
    LegalNoticePage.objects.get().delete()
    # An installation made before the typed pages: an empty ContentPage draft at the same address.
    old = ContentPage(title="Mentions légales", slug="mentions-legales", live=False)
    home.add_child(instance=old)
    old.save_revision()
    setup_site()
    assert not ContentPage.objects.filter(slug="mentions-legales").exists()
    assert LegalNoticePage.objects.get().url == "/mentions-legales/"
    for model in (LegalNoticePage, AccessibilityStatementPage, CookiesPage):
        assert model.objects.count() == 1


def test_the_legal_notice_shows_publisher_director_and_host_from_the_site_settings(client, site):
    identity = SiteIdentity.for_site(site)
    identity.organisation = "Région Exemple"
    identity.address = "1 place de la Mairie\n80000 Amiens"
    identity.phone = "03 22 00 00 00"
    identity.save()
    html = unescape(client.get("/mentions-legales/").content.decode())
    assert "Région Exemple" in html and "1 place de la Mairie<br>80000 Amiens" in html
    assert '<a href="tel:0322000000">03 22 00 00 00</a>' in html
    # Not filled yet: each missing part says what the Région must write.
    assert TO_FILL + "le nom et la fonction du directeur ou de la directrice de la publication]" in html
    assert TO_FILL + "le nom de l'hébergeur]" in html
    assert TO_FILL + "l'adresse de l'hébergeur]" in html
    assert TO_FILL + "le téléphone de l'hébergeur]" in html

    identity.publication_director = "Camille Martin, présidente du conseil régional"
    identity.host_name = "Hébergeur Public SAS"
    identity.host_address = "2 rue des Serveurs\n59000 Lille"
    identity.host_phone = "03 20 11 22 33"
    identity.save()
    html = unescape(client.get("/mentions-legales/").content.decode())
    assert "Camille Martin, présidente du conseil régional" in html
    assert "Hébergeur Public SAS" in html and "2 rue des Serveurs<br>59000 Lille" in html
    assert '<a href="tel:0320112233">03 20 11 22 33</a>' in html
    assert TO_FILL not in html
    assert {"Éditeur du site", "Directeur ou directrice de la publication", "Hébergement"} <= set(headings(html))


def test_the_accessibility_statement_follows_the_rgaa_model_with_placeholders_until_the_audit(client, site):
    html = unescape(client.get("/accessibilite/").content.decode())
    assert headings(html) == RGAA_MODEL_HEADINGS
    assert "est <strong>non conforme</strong> avec le référentiel général" in html
    for missing in ("la date de l'audit", "le taux de critères respectés", "la date de la déclaration"):
        assert f"{TO_FILL}{missing}]" in html
    # What the project knows is filled in.
    assert "<li>WAI-ARIA</li>" in html and "axe-core" in html
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in html

    statement = AccessibilityStatementPage.objects.get()
    statement.conformity = "partial"
    statement.audit_date = dt.date(2026, 11, 20)
    statement.auditor = "Cabinet Audit Exemple"
    statement.compliance_rate = Decimal("72.5")
    statement.statement_date = dt.date(2026, 11, 27)
    statement.test_environment = "Firefox et NVDA\nSafari et VoiceOver"
    statement.audited_pages = "Accueil – /\nContact – /contact/"
    statement.non_compliances = "<ul><li>Le plan interactif des lycées n'a pas d'alternative textuelle.</li></ul>"
    statement.save_revision().publish()
    identity = SiteIdentity.for_site(site)
    identity.contact_email = "accessibilite@maregion.example"
    identity.save()
    html = unescape(client.get("/accessibilite/").content.decode())
    assert "est <strong>partiellement conforme</strong>" in html
    assert "par Cabinet Audit Exemple le 20 novembre 2026" in html
    assert "<strong>72,5 %</strong> des critères du RGAA sont respectés" in html
    assert "établie le 27 novembre 2026" in html
    assert "Le plan interactif des lycées n'a pas d'alternative textuelle." in html
    assert "<li>Safari et VoiceOver</li>" in html and "<li>Contact – /contact/</li>" in html
    assert '<a href="mailto:accessibilite@maregion.example">' in html
    assert TO_FILL not in html
    # The footer follows the statement.
    assert '<a href="/accessibilite/">Accessibilité : partiellement conforme</a>' in client.get("/").content.decode()


def test_the_accessibility_rate_must_be_a_percentage(site):
    statement = AccessibilityStatementPage.objects.get()
    statement.compliance_rate = Decimal("120")
    with pytest.raises(Exception, match="100"):
        statement.full_clean()


def test_the_cookies_page_lists_each_cookie_with_its_purpose_and_lifetime_from_the_settings(client, site):
    html = unescape(client.get("/cookies/").content.decode())
    rows = re.findall(r'<th scope="row"><code>([^<]+)</code></th><td>[^<]+</td><td>([^<]+)</td>', html)
    browser_session = "jusqu'à la fermeture du navigateur"
    assert rows == [("csrftoken", "1 an"), ("sessionid", "2 semaines"), ("messages", browser_session)]
    assert "aucun bandeau" in html
    with override_settings(SESSION_COOKIE_AGE=3 * 24 * 3600, CSRF_COOKIE_NAME="jeton"):
        html = client.get("/cookies/").content.decode()
    assert "<code>jeton</code>" in html and "3 jours" in html


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(31449600, "1 an"), (2 * 365 * 86400, "2 ans"), (1209600, "2 semaines"), (86400, "1 jour"), (7200, "2 heures")],
)
def test_a_cookie_lifetime_reads_in_french(seconds, words):
    assert lifetime(seconds) == words


def test_an_anonymous_visit_of_every_public_page_type_sets_only_the_listed_essential_cookies(client, site):
    home = site.root_page
    section = home.add_child(instance=SectionPage(title="Services", slug="services"))
    section.save_revision().publish()
    ContentPageFactory(parent=section, title="Transports", slug="transports")
    AidePageFactory(parent=AideIndexPage.objects.get(), title="Une aide", slug="une-aide")
    NewsPageFactory(parent=NewsIndexPage.objects.get(), title="Une nouvelle", slug="une-nouvelle")
    contact = FormPage(title="Contact", slug="contact", to_address="a@maregion.example", subject="Message")
    contact.form_fields = [FormField(sort_order=0, label="Votre message", field_type="multiline", required=True)]
    home.add_child(instance=contact)
    contact.save_revision().publish()
    paths = [
        "/",
        "/services/",
        "/services/transports/",
        "/aides/",
        "/aides/?q=aide",
        "/aides/une-aide/",
        "/actualites/",
        "/actualites/une-nouvelle/",
        "/actualites/flux/",
        "/contact/",
        "/plan-du-site/",
        "/mentions-legales/",
        "/accessibilite/",
        "/cookies/",
        "/recherche/?q=aide",
        "/shareloc/",
        "/programme/",
        "/sitemap.xml",
        "/page-inconnue/",
    ]
    set_by = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        for name in response.cookies:
            set_by.setdefault(name, path)
    # Sending a form (the contact form, with its confirmation) is part of an anonymous visit too.
    client.post("/contact/", {"votre_message": "Bonjour"})
    for name in client.cookies:
        set_by.setdefault(name, "/contact/ (envoi)")
    assert set_by, "no page set a cookie: the test would not see one"
    assert {name: path for name, path in set_by.items() if name not in essential_names()} == {}
    assert all(cookie.essential for cookie in site_cookies())  # no consent step exists: none may be optional


def test_the_demo_keeps_the_legal_pages_of_the_setup_and_fills_the_host(client, db, clock):
    call_command("load_demo", stdout=io.StringIO())
    html = unescape(client.get("/mentions-legales/").content.decode())
    assert "Hébergeur de démonstration SAS" in html and "Le président du conseil régional" in html
    footer = unescape(client.get("/").content.decode()).split('class="site-footer"')[1]
    for path, label in (
        ("/mentions-legales/", "Mentions légales"),
        ("/accessibilite/", "Accessibilité : non conforme"),
        ("/cookies/", "Gestion des cookies"),
    ):
        assert f'<a href="{path}">{label}</a>' in footer


def test_the_administrator_edits_the_legal_pages_and_the_host_in_the_admin(client, site, django_user_model):
    admin = django_user_model.objects.create_superuser("alix", "alix@maregion.example", "x")
    client.force_login(admin)
    html = client.get(f"/admin/settings/home/siteidentity/{site.pk}/").content.decode()
    for name in ("publication_director", "host_name", "host_address", "host_phone"):
        assert f'name="{name}"' in html
    statement = AccessibilityStatementPage.objects.get()
    html = client.get(f"/admin/pages/{statement.pk}/edit/").content.decode()
    for name in ("conformity", "audit_date", "compliance_rate", "non_compliances", "audited_pages"):
        assert f'name="{name}"' in html
    for model in (LegalNoticePage, CookiesPage):
        assert client.get(f"/admin/pages/{model.objects.get().pk}/edit/").status_code == 200
