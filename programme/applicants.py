"""The applicant's side: "Mes candidatures" (each of one's applications, its status and history in
plain words, its attachments), withdrawing before the call closes, and the e-mail sent to the
applicant at each change of stage, from the messages the team edits (ApplicantMessage)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.email import absolute_url, send_email_after_commit, send_template_email_after_commit

from .models import ApplicantMessage, Application
from .workflow import APPLICANT, Stage, apply_transition

# What each stage means for the person who applied (the team's labels are for the team).
PLAIN_STATUS = {
    Stage.SUBMITTED: gettext_lazy("Reçue : l'équipe du programme l'examinera après la clôture de l'appel."),
    Stage.PRESELECTED: gettext_lazy("Présélectionnée : vous êtes invité·e au hackathon."),
    Stage.SELECTED: gettext_lazy("Sélectionnée : votre projet entre dans le programme."),
    Stage.PRE_INCUBATION: gettext_lazy("En pré-incubation : vous explorez le problème avec les usagers."),
    Stage.JURY_DECISION: gettext_lazy("Le jury de décision a fixé la suite de votre projet."),
    Stage.NOT_RETAINED: gettext_lazy("Non retenue : votre candidature n'a pas été retenue à cette étape."),
    Stage.WITHDRAWN: gettext_lazy("Retirée : vous avez retiré votre candidature."),
}


def plain_status(stage):
    return PLAIN_STATUS.get(stage, Stage(stage).label if stage in Stage.values else stage)


def my_applications(user):
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(applicant=user).select_related("edition", "call").order_by("-submitted_at")


def history(application):
    """[(when, plain sentence)] from submission to now; the team's internal reasons are not shown."""
    lines = [(application.submitted_at, _("Candidature déposée."))]
    for change in application.stage_changes.all():
        lines.append((change.at, plain_status(change.target)))
    for decision in application.selection_decisions.all():
        # The waiting list changes no stage: the published decision is the line of the history.
        if decision.outcome == "waiting_list" and decision.session.is_published and not decision.is_withdrawn:
            lines.append((decision.session.published_at, _("Liste d'attente : le jury de sélection vous y a placé·e.")))
    for edit in application.edits.all():
        lines.append((edit.at, _("Candidature modifiée : %(questions)s.") % {"questions": ", ".join(edit.changed)}))
    return sorted(lines, key=lambda line: line[0])


def can_withdraw(application, moment=None):
    moment = moment or timezone.now()
    call = application.call
    return application.stage == Stage.SUBMITTED and call is not None and moment < call.closes_at


def withdraw(application, user, reason=""):
    """The applicant withdraws their application, while the call is open and before any decision."""
    if application.applicant_id != user.pk:
        raise PermissionDenied(_("Cette candidature n'est pas la vôtre."))
    if not can_withdraw(application):
        raise ValidationError(
            _("Cette candidature ne peut plus être retirée : l'appel est clos ou une décision a été prise.")
        )
    change = apply_transition(
        application,
        Stage.WITHDRAWN,
        user,
        {APPLICANT},
        (reason or "").strip() or _("Retirée par la personne candidate."),
    )
    notify_applicant(application, change)
    return change


def placeholders(application, justification=""):
    return {
        "titre": application.title,
        "reference": application.reference,
        "statut": str(plain_status(application.stage)),
        "lien": absolute_url(reverse("programme:my_applications")),
        "nom": application.applicant_name,
        "justification": justification or "",
    }


def fill(text, values):
    """Replace {titre}, {reference}, {statut}, {lien}, {nom} in a message the team wrote (nothing else
    is interpreted: no template language in text typed in the admin)."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def notify_applicant(application, change, justification=""):
    """E-mail the applicant about the stage `application` just reached: the team's message for that
    stage when there is one, else the default text. `justification` is a jury decision's public
    justification ({justification} in the team's message; a paragraph of the default text)."""
    if not application.applicant_email:
        return
    values = placeholders(application, justification)
    message = ApplicantMessage.objects.filter(stage=change.target).first()
    if message:
        send_email_after_commit(
            fill(message.subject, values), fill(message.body, values), [application.applicant_email]
        )
        return
    context = {"application": application, "status": plain_status(application.stage), **values}
    send_template_email_after_commit("programme/emails/stage_change", context, [application.applicant_email])


def notify_waiting_list(application, justification=""):
    """E-mail the applicant that a selection jury put their application on its waiting list (the stage
    does not change, so there is no stage message for it: the text is the default one)."""
    if not application.applicant_email:
        return
    context = {"application": application, **placeholders(application, justification)}
    send_template_email_after_commit("programme/emails/selection_waiting_list", context, [application.applicant_email])
