"""Review rounds and the assignment of reviewers.

An edition reviews its applications in rounds (pre-selection, hackathon, final...): each round has its
own criteria and weights (`Criterion.review_round`), the stage of the applications it reviews, a due
date and, optionally, anonymised review. The team assigns reviewers to applications per round
(`Assignment`, programme.assignment); a reviewer sees only what is assigned to them in the current
round. An assignment is never deleted: a removal (by the team, or a declared conflict of interest)
is kept with who, when and why."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from ..workflow import Stage
from .applications import Application
from .editions import Edition


class ReviewRound(ClusterableModel):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("édition"))
    name = models.CharField(_("nom du tour"), max_length=120, help_text=_("Par exemple « Présélection »."))
    stage = models.CharField(
        _("candidatures évaluées"),
        max_length=20,
        choices=Stage.choices,
        default=Stage.SUBMITTED,
        help_text=_("Le tour évalue les candidatures à cette étape (déposées, présélectionnées…)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_current = models.BooleanField(
        _("tour en cours"),
        default=False,
        help_text=_("Les évaluateurs ne voient que les candidatures qui leur sont attribuées dans le tour en cours."),
    )
    due_on = models.DateField(_("évaluations à rendre le"), null=True, blank=True)
    anonymised = models.BooleanField(
        _("évaluation anonymisée"),
        default=False,
        help_text=_(
            "Les évaluateurs ne voient ni le nom, ni l'e-mail, ni le service de la personne candidate, ni le nom "
            "des pièces jointes ; l'équipe voit tout."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("is_current"), FieldPanel("due_on")]),
        FieldPanel("anonymised"),
        InlinePanel("criteria", heading=_("Critères d'évaluation"), label=_("critère"), min_num=1),
    ]

    class Meta:
        ordering = ["edition", "sort_order", "pk"]
        verbose_name = _("tour d'évaluation")
        verbose_name_plural = _("tours d'évaluation")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="programme_round_name_per_edition"),
            models.UniqueConstraint(
                fields=["edition"], condition=Q(is_current=True), name="programme_one_current_round_per_edition"
            ),
        ]

    def __str__(self):
        return f"{self.edition} – {self.name}"

    def get_constraints(self):
        # Form validation leaves the one-current-round constraint to save(), which ends the edition's
        # other current round first (the database still enforces it).
        return [
            (model, [c for c in constraints if c.name != "programme_one_current_round_per_edition"])
            for model, constraints in super().get_constraints()
        ]

    def save(self, *args, **kwargs):
        # Making a round current ends the edition's previous current round (one at a time).
        with transaction.atomic():
            if self.is_current:
                ReviewRound.objects.filter(edition_id=self.edition_id, is_current=True).exclude(pk=self.pk).update(
                    is_current=False
                )
            super().save(*args, **kwargs)


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_at__isnull=True)


class Assignment(models.Model):
    """A reviewer asked to review an application in a round. Removed, it stays (who, when, why)."""

    review_round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("tour")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("candidature")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_assignments",
        verbose_name=_("évaluateur"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attribuée par"),
    )
    assigned_at = models.DateTimeField(_("attribuée le"), default=timezone.now)
    removed_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retirée par"),
    )
    removed_reason = models.CharField(_("motif du retrait"), max_length=255, blank=True)
    reminded_at = models.DateTimeField(_("dernier rappel le"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["review_round", "application", "reviewer"]
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        constraints = [
            models.UniqueConstraint(fields=["review_round", "application", "reviewer"], name="programme_one_assignment")
        ]

    def __str__(self):
        return f"{self.reviewer} / {self.application_id} ({self.review_round.name})"
