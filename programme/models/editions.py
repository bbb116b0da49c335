"""Editions of the programme (calendar, budget envelopes, the criteria of its review rounds) and the organisations
that sponsor or partner with it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from core.links import validate_link


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    is_sponsor = models.BooleanField(
        _("commanditaire"), default=False, help_text=_("Direction ou service qui porte un projet.")
    )
    is_partner = models.BooleanField(_("partenaire"), default=False)
    url = models.URLField(_("site web"), blank=True, validators=[validate_link])
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("is_sponsor"), FieldPanel("is_partner")]),
        FieldPanel("url"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Edition(ClusterableModel):
    """One cohort of the programme: its call, calendar, budget and reviewers (its review rounds, each with
    its criteria, are in programme.models.review_rounds)."""

    year = models.PositiveSmallIntegerField(_("année"), unique=True)
    name = models.CharField(_("nom"), max_length=120)
    summary = models.TextField(_("résumé"), blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="programme_editions_reviewed",
        verbose_name=_("évaluateurs"),
        help_text=_("Personnes à qui l'équipe peut attribuer des candidatures à évaluer (tours d'évaluation)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("name")]),
        FieldPanel("summary"),
        InlinePanel("events", heading=_("Calendrier"), label=_("étape")),
        InlinePanel("envelopes", heading=_("Enveloppes budgétaires"), label=_("enveloppe")),
        FieldPanel("reviewers"),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        permissions = [
            ("manage_programme", _("Gérer le programme : candidatures, jurys, projets (équipe du programme)"))
        ]

    def __str__(self):
        return self.name


class EditionEvent(Orderable):
    class Kind(models.TextChoices):
        CALL = "call", _("Appel à candidatures")
        HACKATHON = "hackathon", _("Hackathon")
        SELECTION_JURY = "selection_jury", _("Jury de sélection")
        PRE_INCUBATION = "pre_incubation", _("Pré-incubation")
        DECISION_JURY = "decision_jury", _("Jury de décision")
        OTHER = "other", _("Autre")

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    label = models.CharField(_("libellé"), max_length=200)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("date de fin"), null=True, blank=True)
    shown_date = models.CharField(
        _("date affichée"),
        max_length=60,
        blank=True,
        help_text=_("Quand seule une période est connue (par exemple « fin 2019 ») : affichée à la place des dates."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("shown_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("étape du calendrier")
        verbose_name_plural = _("calendrier")

    def __str__(self):
        return f"{self.label} ({self.starts_on:%d/%m/%Y})"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La date de fin précède la date de début.")})


class BudgetEnvelope(Orderable):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="envelopes")
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    amount_max = models.DecimalField(
        _("montant maximal (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Pour une fourchette (par exemple 50 000 à 100 000 €)."),
    )
    period = models.CharField(_("période"), max_length=60, blank=True, help_text=_("Par exemple « par semestre »."))
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="envelopes",
        verbose_name=_("partenaire"),
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("amount_max")]),
        FieldPanel("period"),
        FieldPanel("partner"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("enveloppe budgétaire")
        verbose_name_plural = _("enveloppes budgétaires")

    def __str__(self):
        return f"{self.edition} – {self.label}"

    def clean(self):
        if self.amount_max is not None and self.amount is not None and self.amount_max < self.amount:
            raise ValidationError({"amount_max": _("Le montant maximal est inférieur au montant.")})


class Criterion(Orderable):
    """A criterion of one review round (pre-selection, hackathon...), with its weight in that round."""

    review_round = ParentalKey(
        "programme.ReviewRound", on_delete=models.CASCADE, related_name="criteria", verbose_name=_("tour")
    )
    name = models.CharField(_("critère"), max_length=120)
    description = models.CharField(_("description"), max_length=255, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("poids"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("weight")]

    class Meta(Orderable.Meta):
        verbose_name = _("critère d'évaluation")
        verbose_name_plural = _("critères d'évaluation")

    def __str__(self):
        return f"{self.name} (×{self.weight})"
