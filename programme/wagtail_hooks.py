"""The programme team's admin: editions (calendar, budget, reviewers), review rounds (criteria and
weights), organisations, juries, impact indicators and project reviews, grouped under one menu. Access
follows model permissions, which only the programme team's role grants (core.roles.PROGRAMME_TEAM)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

from . import search_kinds
from .access import is_team
from .models import ApplicantMessage, Edition, Indicator, JurySession, Organisation, ProjectReview, ReviewRound


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = _("Éditions")
    list_display = ["name", "year"]
    ordering = ["-year"]


class ReviewRoundViewSet(SnippetViewSet):
    model = ReviewRound
    icon = "list-ol"
    menu_label = _("Tours d'évaluation")
    list_display = ["name", "edition", "stage", "is_current", "due_on", "anonymised"]
    list_filter = ["edition", "is_current"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "is_sponsor", "is_partner"]
    list_filter = ["is_sponsor", "is_partner"]
    search_fields = ["name"]


class JurySessionPermissionPolicy(ModelPermissionPolicy):
    """A published session is read-only for everyone, superusers included: no edit, no delete (also
    in the listing's bulk delete, which asks this policy object by object)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and instance.is_published:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


register_permission_policy(JurySession, JurySessionPermissionPolicy(JurySession))


class RefusePublishedSessionMixin:
    """Edit and delete views send a published session's page back to its read-only inspect view."""

    def dispatch(self, request, *args, **kwargs):
        session = getattr(self, "object", None) or self.get_object()
        if session.is_published:
            messages.error(
                request,
                gettext(
                    "Cette session de jury est publiée : elle ne se modifie ni ne se supprime. "
                    "Une décision se corrige par une nouvelle décision qui la remplace."
                ),
            )
            return redirect(session.snippet_viewset.get_url_name("inspect"), session.pk)
        return super().dispatch(request, *args, **kwargs)


class JurySessionEditView(RefusePublishedSessionMixin, EditView):
    pass


class JurySessionDeleteView(RefusePublishedSessionMixin, DeleteView):
    pass


class JurySessionViewSet(SnippetViewSet):
    model = JurySession
    icon = "tasks"
    menu_label = _("Jurys")
    list_display = ["__str__", "edition", "quorum", "published_at"]
    list_filter = ["edition", "kind"]
    inspect_view_enabled = True
    edit_view_class = JurySessionEditView
    delete_view_class = JurySessionDeleteView


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "crosshairs"
    menu_label = _("Indicateurs d'impact")
    list_display = ["name", "project", "unit", "direction", "target"]
    list_filter = ["project"]


class ProjectReviewViewSet(SnippetViewSet):
    model = ProjectReview
    icon = "calendar-check"
    menu_label = _("Revues de projet")
    list_display = ["project", "due_on", "owner", "held_on", "reminder_sent_at"]
    ordering = ["due_on"]


class ApplicantMessageViewSet(SnippetViewSet):
    model = ApplicantMessage
    icon = "mail"
    menu_label = _("Messages aux candidats")
    list_display = ["stage", "subject"]


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    items = (
        EditionViewSet,
        ReviewRoundViewSet,
        OrganisationViewSet,
        JurySessionViewSet,
        IndicatorViewSet,
        ProjectReviewViewSet,
        ApplicantMessageViewSet,
    )
    menu_icon = "pick"
    menu_label = _("Programme")
    menu_name = "programme"
    add_to_admin_menu = True


register_snippet(ProgrammeViewSetGroup)


class TeamOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return is_team(request.user)


@hooks.register("register_admin_menu_item")
def register_team_space_menu_item():
    return TeamOnlyMenuItem(
        _("Espace candidatures"), reverse("programme:space"), icon_name="folder-open-inverse", order=310
    )


@hooks.register("register_search_kinds")
def register_search_kinds():
    return search_kinds.SEARCH_KINDS


@hooks.register("register_demo_loader", order=20)
def register_demo_loader():
    return "programme.demo.load"


@hooks.register("register_site_setup", order=20)
def register_site_setup():
    return "programme.setup.setup"


@hooks.register("register_page_header_buttons")
def project_application_button(page, user, view_name, next_url=None):
    """On a project page created from an application, the team (only) gets a link back to it."""
    specific = getattr(page, "specific_deferred", page)
    application_id = getattr(specific, "application_id", None)
    if application_id and is_team(user):
        yield Button(
            _("Candidature d'origine"),
            reverse("programme:application_detail", args=[application_id]),
            icon_name="doc-full",
            priority=80,
        )
