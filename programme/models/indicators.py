"""Impact indicators of projects and their measurements (charts and takeaways: programme.impact)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable


class Indicator(ClusterableModel):
    class Direction(models.TextChoices):
        UP = "up", _("plus c'est haut, mieux c'est")
        DOWN = "down", _("plus c'est bas, mieux c'est")

    project = models.ForeignKey(
        "programme.ProjectPage", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("projet")
    )
    name = models.CharField(_("nom"), max_length=160)
    unit = models.CharField(_("unité"), max_length=40)
    direction = models.CharField(
        _("sens d'amélioration"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    target = models.DecimalField(_("cible"), max_digits=14, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("définition"), blank=True)

    panels = [
        FieldPanel("project"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction"), FieldPanel("target")]),
        FieldPanel("description"),
        InlinePanel("measurements", heading=_("Mesures"), label=_("mesure")),
    ]

    class Meta:
        ordering = ["project__title", "name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="programme_indicator_unique_name")]
        verbose_name = _("indicateur d'impact")
        verbose_name_plural = _("indicateurs d'impact")

    def __str__(self):
        return f"{self.name} ({self.unit})"


class Measurement(Orderable):
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    is_demo = models.BooleanField(
        _("chiffre de démonstration"), default=False, help_text=_("Valeur fictive, affichée comme telle.")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("measured_on"), FieldPanel("value")]),
        FieldPanel("source"),
        FieldPanel("is_demo"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="programme_one_measurement_per_day")
        ]
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")

    def __str__(self):
        return f"{self.indicator.name} {self.measured_on}: {self.value}"
