"""The aid schemes and how they are classified: audiences, themes, départements.

The catalogue page that lists them is `aid_index.AideIndexPage`: it serves home.catalogue, which
reads this module."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.links import validate_link

from ..aid_natures import NATURE_CHOICES
from ..blocks import RICH_FEATURES, BodyBlock, DocumentBlock, RichTextHeadingOrder
from .base import BasePage


class AidAudience(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("public d'une aide")
        verbose_name_plural = _("publics des aides")

    def __str__(self):
        return self.name


class AidTheme(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("illustration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Illustre les aides de ce thème qui n'ont pas d'image propre (décorative)."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("image")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème d'une aide")
        verbose_name_plural = _("thèmes des aides")

    def __str__(self):
        return self.name


DEPARTMENTS = (("02", "Aisne"), ("59", "Nord"), ("60", "Oise"), ("62", "Pas-de-Calais"), ("80", "Somme"))


class Department(models.Model):
    """The five départements of the Région (fixed reference data, see ensure_all)."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @classmethod
    def ensure_all(cls):
        if cls.objects.count() == len(DEPARTMENTS):
            return
        for code, name in DEPARTMENTS:
            cls.objects.get_or_create(code=code, defaults={"name": name})


# French order without a locale on the server: PostgreSQL's ICU collation, or on SQLite the `fr_fold`
# collation that home/apps.py registers on each connection (core.text.fold: no case, no accents).
FRENCH_COLLATIONS = {"postgresql": "fr-x-icu", "sqlite": "fr_fold"}


def by_name():
    """The aids' titles in French order, accents and case aside ("école", "Éole", "Zèbre")."""
    collation = FRENCH_COLLATIONS.get(connection.vendor)
    return (Collate(models.F("title"), collation) if collation else models.F("title")).asc()


class AidePageForm(WagtailAdminPageForm):
    """The admin's form: an editor states the aid's nature (the model allows none for older code paths)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nature"].required = True


class AidePage(BasePage):
    """One aid scheme of the Région: who, what, where, when, how much and how to apply."""

    PERIODICITY_CHOICES = [
        ("ponctuelle", _("ponctuelle")),
        ("mensuelle", _("mensuelle")),
        ("annuelle", _("annuelle")),
        ("autre", _("autre")),
    ]
    STATUS_OPEN, STATUS_CLOSED, STATUS_UPCOMING = "open", "closed", "upcoming"
    STATUS_LABELS = {STATUS_OPEN: _("Ouverte"), STATUS_CLOSED: _("Clôturée"), STATUS_UPCOMING: _("À venir")}

    summary = models.TextField(_("résumé"), help_text=_("Deux ou trois phrases : ce que l'aide apporte, à qui."))
    audiences = ParentalManyToManyField(AidAudience, verbose_name=_("publics"), blank=True, related_name="aids")
    themes = ParentalManyToManyField(AidTheme, verbose_name=_("thèmes"), blank=True, related_name="aids")
    nature = models.CharField(
        _("nature de l'aide"),
        max_length=20,
        choices=NATURE_CHOICES,
        blank=True,
        db_index=True,
        help_text=_("Ce que l'aide apporte : un filtre du catalogue des aides."),
    )
    whole_region = models.BooleanField(_("toute la Région"), default=True)
    departments = ParentalManyToManyField(
        Department,
        verbose_name=_("départements"),
        blank=True,
        related_name="aids",
        help_text=_("Seulement si l'aide ne couvre pas toute la Région."),
    )
    opens_on = models.DateField(_("ouverture le"), null=True, blank=True)
    closes_on = models.DateField(_("clôture le"), null=True, blank=True)
    amount_eur = models.DecimalField(_("montant (€)"), max_digits=10, decimal_places=2, null=True, blank=True)
    amount_text = models.CharField(
        _("montant en clair"), max_length=150, blank=True, help_text=_("Par exemple : « jusqu'à 400 € par mois ».")
    )
    periodicity = models.CharField(_("périodicité"), max_length=20, choices=PERIODICITY_CHOICES, blank=True)
    eligibility = RichTextField(
        _("conditions d'éligibilité"),
        blank=True,
        features=RICH_FEATURES,
        validators=[RichTextHeadingOrder(after_level=2)],
    )
    how_to_apply = RichTextField(
        _("comment faire la demande"),
        blank=True,
        features=RICH_FEATURES,
        validators=[RichTextHeadingOrder(after_level=2)],
    )
    apply_url = models.URLField(
        _("adresse du service en ligne"), max_length=500, blank=True, validators=[validate_link]
    )
    documents = StreamField([("document", DocumentBlock())], verbose_name=_("documents"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("compléments"), blank=True)
    # A plain code that La Belette resolves (the portal never imports belette).
    responsible_unit_code = models.CharField(
        _("service responsable (code La Belette)"),
        max_length=40,
        blank=True,
        db_index=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("nature"),
            ],
            heading=_("Pour qui, sur quoi"),
        ),
        MultiFieldPanel(
            [FieldPanel("whole_region"), FieldPanel("departments", widget=forms.CheckboxSelectMultiple)],
            heading=_("Territoire"),
        ),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Dates")),
        FieldRowPanel(
            [FieldPanel("amount_eur"), FieldPanel("amount_text"), FieldPanel("periodicity")], heading=_("Montant")
        ),
        FieldPanel("eligibility"),
        FieldPanel("how_to_apply"),
        FieldPanel("apply_url"),
        FieldPanel("documents"),
        FieldPanel("body"),
        FieldPanel("responsible_unit_code"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("eligibility"),
        index.SearchField("how_to_apply"),
        index.FilterField("whole_region"),
        index.FilterField("opens_on"),
        index.FilterField("closes_on"),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    # Wagtail's API v2: /api/v2/pages/?type=home.AidePage&fields=nature&nature=bourse
    api_fields = [APIField("nature")]
    base_form_class = AidePageForm
    parent_page_types = ["home.AideIndexPage"]
    subpage_types = []
    show_feedback = True

    class Meta:
        verbose_name = _("aide")
        verbose_name_plural = _("aides")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("La clôture doit suivre l'ouverture.")})

    def status_on(self, day):
        if self.opens_on and day < self.opens_on:
            return self.STATUS_UPCOMING
        if self.closes_on and day > self.closes_on:
            return self.STATUS_CLOSED
        return self.STATUS_OPEN

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    def themes_with_illustration(self):
        """(the aid's themes, the image of its first illustrated theme or None), in one query."""
        themes = list(self.themes.select_related("image").order_by("name"))
        return themes, next((theme.image for theme in themes if theme.image_id), None)

    def related_aids(self, themes, audiences, limit=3):
        """Up to `limit` other live aids that share a theme or an audience with this one (`themes` and
        `audiences`: this aid's, already read). Open ones first, then upcoming ones, then closed ones (a
        closed aid never comes before an open one); among equals, the most themes and audiences shared,
        then the name. One query whatever the number of aids."""
        theme_ids, audience_ids = [theme.pk for theme in themes], [audience.pk for audience in audiences]
        if not theme_ids and not audience_ids:
            return []
        today = timezone.localdate()
        rank = models.Case(
            models.When(closes_on__lt=today, then=models.Value(2)),
            models.When(opens_on__gt=today, then=models.Value(1)),
            default=models.Value(0),
        )
        shared = models.Count("themes", filter=models.Q(themes__in=theme_ids), distinct=True) + models.Count(
            "audiences", filter=models.Q(audiences__in=audience_ids), distinct=True
        )
        return list(
            AidePage.objects.live()
            .exclude(pk=self.pk)
            .filter(models.Q(themes__in=theme_ids) | models.Q(audiences__in=audience_ids))
            .annotate(status_rank=rank, shared=shared)
            .order_by("status_rank", "-shared", by_name(), "pk")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"], context["illustration"] = self.themes_with_illustration()
        context["audiences"] = list(self.audiences.order_by("name"))
        context["related_aids"] = self.related_aids(context["themes"], context["audiences"])
        return context

    @property
    def amount_display(self):
        if self.amount_text:
            return self.amount_text
        if self.amount_eur is None:
            return ""
        amount = f"{self.amount_eur:,.0f}".replace(",", "\u202f")
        return f"{amount} €" + (f" ({self.get_periodicity_display()})" if self.periodicity else "")
