"""The legal pages every public site of a collectivité must have: the legal notice, the accessibility
statement (the structure of the official RGAA model) and the cookies page.

Their required parts are fields or site settings, not free text, so that nothing can be forgotten:
what the Région has not filled yet shows as "[À compléter par la Région : …]" (home/templates/home/legal/).
`setup_site` creates and publishes one of each (home/setup.py)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import cookies
from core.links import validate_link

from ..blocks import BodyBlock
from .base import BasePage
from .site_settings import SiteIdentity

LEGAL_RICH_FEATURES = ["bold", "italic", "link", "ul", "ol", "document-link"]


class LegalPage(BasePage):
    """What the three legal pages share: one of each, under the home page, with optional extra text."""

    intro = models.TextField(_("chapô"), blank=True)
    body = StreamField(
        BodyBlock(),
        verbose_name=_("texte complémentaire"),
        blank=True,
        help_text=_("Affiché après les rubriques obligatoires de la page."),
    )

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["identity"] = SiteIdentity.for_site(site) if site else None
        context["legal"] = live_legal_pages()
        return context


class LegalNoticePage(LegalPage):
    """Mentions légales: publisher, director of publication and host, from the site settings
    (Paramètres > Identité du site), so that they are written once for the whole site."""

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    template = "home/legal/legal_notice_page.html"

    class Meta:
        verbose_name = _("mentions légales")
        verbose_name_plural = _("mentions légales")


class AccessibilityStatementPage(LegalPage):
    """Déclaration d'accessibilité following the model published with the RGAA: conformity state,
    test results, non-accessible content, how the statement was established, contact, recourse."""

    CONFORMITY = [
        ("total", _("totalement conforme")),
        ("partial", _("partiellement conforme")),
        # The rule when no audit has been made.
        ("none", _("non conforme")),
    ]

    conformity = models.CharField(
        _("état de conformité"),
        max_length=10,
        choices=CONFORMITY,
        default="none",
        help_text=_(
            "Sans audit, le site est « non conforme ». « Totalement conforme » : 100 % des critères "
            "respectés ; « partiellement conforme » : au moins 50 %."
        ),
    )
    rgaa_version = models.CharField(_("version du RGAA"), max_length=20, default="4.1.2")
    audit_date = models.DateField(_("date de l'audit"), null=True, blank=True)
    auditor = models.CharField(_("audit réalisé par"), max_length=200, blank=True)
    compliance_rate = models.DecimalField(
        _("taux de critères respectés (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    statement_date = models.DateField(_("déclaration établie le"), null=True, blank=True)
    non_compliances = RichTextField(_("non-conformités"), blank=True, features=LEGAL_RICH_FEATURES)
    derogations = RichTextField(_("dérogations pour charge disproportionnée"), blank=True, features=LEGAL_RICH_FEATURES)
    exempt_content = RichTextField(
        _("contenus non soumis à l'obligation d'accessibilité"), blank=True, features=LEGAL_RICH_FEATURES
    )
    technologies = models.TextField(_("technologies utilisées"), blank=True, help_text=_("Une par ligne."))
    test_environment = models.TextField(
        _("environnement de test"),
        blank=True,
        help_text=_("Une combinaison navigateur et technologie d'assistance par ligne (ex. : « Firefox et NVDA »)."),
    )
    tools = models.TextField(_("outils d'évaluation"), blank=True, help_text=_("Un par ligne."))
    audited_pages = models.TextField(
        _("pages vérifiées (échantillon)"),
        blank=True,
        help_text=_("Une page par ligne : « Titre – adresse »."),
    )
    multi_year_plan_url = models.CharField(
        _("adresse du schéma pluriannuel de mise en accessibilité"),
        max_length=300,
        blank=True,
        validators=[validate_link],
    )

    search_fields = LegalPage.search_fields + [
        index.SearchField("non_compliances"),
        index.SearchField("derogations"),
        index.SearchField("exempt_content"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("conformity"), FieldPanel("rgaa_version")]),
                FieldRowPanel([FieldPanel("audit_date"), FieldPanel("compliance_rate")]),
                FieldPanel("auditor"),
                FieldPanel("statement_date"),
            ],
            heading=_("État de conformité et résultats des tests"),
        ),
        MultiFieldPanel(
            [FieldPanel("non_compliances"), FieldPanel("derogations"), FieldPanel("exempt_content")],
            heading=_("Contenus non accessibles"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("technologies"),
                FieldPanel("test_environment"),
                FieldPanel("tools"),
                FieldPanel("audited_pages"),
            ],
            heading=_("Établissement de la déclaration"),
        ),
        FieldPanel("multi_year_plan_url"),
        FieldPanel("body"),
    ]

    template = "home/legal/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("déclaration d'accessibilité")
        verbose_name_plural = _("déclarations d'accessibilité")

    @property
    def footer_label(self):
        """The mention the RGAA requires on every page: "Accessibilité : <état>"."""
        return _("Accessibilité : %(state)s") % {"state": self.get_conformity_display()}

    @staticmethod
    def lines(text):
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["technology_list"] = self.lines(self.technologies)
        context["environment_list"] = self.lines(self.test_environment)
        context["tool_list"] = self.lines(self.tools)
        context["audited_page_list"] = self.lines(self.audited_pages)
        context["site_url"] = (self.get_site().root_url + "/") if self.get_site() else "/"
        return context


class CookiesPage(LegalPage):
    """Gestion des cookies: the list of the cookies the site sets (core.cookies, with the lifetimes
    from the settings), and why none needs consent."""

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    template = "home/legal/cookies_page.html"

    class Meta:
        verbose_name = _("page des cookies")
        verbose_name_plural = _("pages des cookies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cookies"] = cookies.site_cookies()
        return context


def live_legal_pages():
    """{"notice": …, "accessibility": …, "cookies": …}: the live legal page of each type, or None."""
    kinds = {LegalNoticePage: "notice", AccessibilityStatementPage: "accessibility", CookiesPage: "cookies"}
    found = dict.fromkeys(kinds.values())
    for page in Page.objects.live().public().type(*kinds).specific().order_by("path"):
        key = kinds[type(page)]
        if found[key] is None:
            found[key] = page
    return found
