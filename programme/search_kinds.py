"""The programme's kind of results in the site search (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from core.search_kinds import PageKind


class ProjectKind(PageKind):
    key = "projects"
    label = _("Projets du programme")
    order = 40
    model_label = "programme.ProjectPage"
    # A project page sums itself up in the problem it tackles.
    snippet_fields = ("search_description", "problem")


SEARCH_KINDS = (ProjectKind(),)
