"""What a selection jury decides on applications (selected, not selected, waiting list), the edits an
applicant makes to a submitted application, and the drafts they keep before submitting."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .juries import Decision, JurySession


class SelectionOutcome(models.TextChoices):
    SELECTED = "selected", _("Sélectionnée")
    NOT_SELECTED = "not_selected", _("Non sélectionnée")
    WAITING_LIST = "waiting_list", _("Liste d'attente")


class SelectionDecision(Decision):
    """A selection jury's decision on an application, recorded beforehand and published with its
    whole session (the same rules as the follow-up juries' decisions on projects)."""

    session = models.ForeignKey(
        JurySession, on_delete=models.CASCADE, related_name="selection_decisions", verbose_name=_("session")
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="selection_decisions", verbose_name=_("candidature")
    )
    outcome = models.CharField(_("décision"), max_length=20, choices=SelectionOutcome.choices)
    justification = models.TextField(
        _("justification publique"), help_text=_("Envoyée à la personne candidate avec la décision.")
    )
    internal_note = models.TextField(_("note interne"), blank=True, help_text=_("Lue par l'équipe seulement."))

    class Meta:
        ordering = ["session__date", "application__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "application"],
                condition=Q(withdrawn_at__isnull=True),
                name="programme_one_selection_decision_per_session",
            ),
            models.CheckConstraint(condition=~Q(justification=""), name="programme_selection_decision_justified"),
        ]
        verbose_name = _("décision de sélection")
        verbose_name_plural = _("décisions de sélection")

    def __str__(self):
        return f"{self.application.title} : {self.get_outcome_display()}"
