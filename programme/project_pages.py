"""From application to project: the team creates a selected application's project page (a draft under
the programme's page) pre-filled from the application's answers, and the two are linked both ways
(ProjectPage.application, Application.project)."""

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Organisation, ProgrammePage, ProjectPage, TeamMember
from .workflow import Stage

# Stages of an application whose project may exist: selected and beyond, still in the programme.
PROJECT_STAGES = (Stage.SELECTED, Stage.PRE_INCUBATION, Stage.JURY_DECISION)


def existing_page(application):
    return ProjectPage.objects.filter(application=application).first()


def refusal(application):
    """Why no project page can be created from `application` (a French sentence), or None."""
    if existing_page(application) is not None:
        return _("Cette candidature a déjà sa page projet.")
    if application.archived_at is not None or application.stage not in PROJECT_STAGES:
        return _("Seule une candidature sélectionnée devient un projet.")
    if ProgrammePage.objects.first() is None:
        return _("La page du programme n'existe pas encore : créez-la avant les pages projet.")
    return None


def _answer(application, *words):
    """The first non-empty answer whose question's label contains one of `words` (accents kept)."""
    for answer in application.answers:
        label = (answer.get("label") or "").lower()
        if answer.get("type") != "file" and answer.get("value") and any(word in label for word in words):
            return str(answer["value"]).strip()
    return ""


def _paragraphs(text):
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def _unique_slug(parent, title):
    base = slugify(title)[:70] or "projet"
    slug, number = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_project_page(application, user):
    """The project page of a selected application, as a draft (never published here): title, team,
    sponsor (an organisation whose name is the applicant's direction), problem and users from the
    answers. Raises ValidationError with the reason when it may not be created."""
    problem = refusal(application)
    if problem:
        raise ValidationError(problem)
    parent = ProgrammePage.objects.first()
    direction = _answer(application, "direction", "service", "commanditaire")
    problem_text = _answer(application, "problème", "probleme")
    page = ProjectPage(
        title=application.title,
        slug=_unique_slug(parent, application.title),
        edition=application.edition,
        application=application,
        problem=_paragraphs(problem_text) or f"<p>{escape(_('À compléter.'))}</p>",
        target_users=_paragraphs(_answer(application, "usager")),
        sponsor=Organisation.objects.filter(name__iexact=direction).first() if direction else None,
        live=False,
    )
    if application.applicant_name:
        page.team_members = [TeamMember(name=application.applicant_name, role=_("porteur·se du projet"))]
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
