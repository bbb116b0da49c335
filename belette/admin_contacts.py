"""Choosing agents in the admin so that two « Isabelle Dupont » can be told apart: every choice shows
the agent's job title and unit.

- A dispositif's contacts: ContactsField / ContactsWidget. The chosen contacts are checkboxes (untick
  to remove); a text box adds agents by matricule; with JavaScript the site's combobox
  (core/combobox.js, « choose » mode) suggests agents as one types a name (`contact_search`, a JSON
  endpoint of the admin) and belette/contact_chooser.js ticks the chosen one.
- A unit's head and an agent's backup use Wagtail's agent chooser, given a search box and the title
  and unit columns (AgentChooserViewSet).

Agents' names are the directory's: every view here is refused (403) without the directory permission
(belette.access), whatever model permissions the account holds."""

import re

from django import forms
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from core.text import fold

from .access import directory_admin_view, guard_urlpatterns
from .models import Agent
from .search import get_directory_backend

SUGGESTIONS = 20


def describe(agent):
    """« Isabelle Dupont — Cheffe de projet, Service TER (A1) », and « plus en poste » when so."""
    details = ", ".join(part for part in (agent.title, str(agent.unit)) if part)
    text = f"{agent.full_name} — {details} ({agent.hr_id})" if details else f"{agent.full_name} ({agent.hr_id})"
    return text if agent.active else f"{text} – {_('plus en poste')}"


def find_agents(query, limit=SUGGESTIONS):
    """Agents matching a typed name, title or unit, best first, through the directory's search (accents,
    typos, a word of the unit telling homonyms apart); a matricule typed exactly comes first."""
    query = (query or "").strip()[:100]
    if len(fold(query)) < 2:
        return []
    hr_ids = [row["id"] for row in get_directory_backend().search(query, kind="agent", limit=limit).results]
    exact = Agent.objects.filter(hr_id__iexact=query).values_list("hr_id", flat=True).first()
    if exact:
        hr_ids = [exact] + [hr_id for hr_id in hr_ids if hr_id != exact]
    found = Agent.objects.select_related("unit").in_bulk(hr_ids[:limit], field_name="hr_id")
    return [found[hr_id] for hr_id in hr_ids[:limit] if hr_id in found]


@directory_admin_view
def contact_search(request):
    """GET ?q=…: {"results": [{id, hr_id, name, title, unit, active, label}]} (at most 20)."""
    results = [
        {
            "id": agent.pk,
            "hr_id": agent.hr_id,
            "name": agent.full_name,
            "title": agent.title,
            "unit": str(agent.unit),
            "active": agent.active,
            "label": describe(agent),
        }
        for agent in find_agents(request.GET.get("q", ""))
    ]
    return JsonResponse({"results": results})


class ContactsWidget(forms.Widget):
    template_name = "belette/widgets/contacts.html"

    class Media:
        css = {"all": ["belette/contact_chooser.css"]}
        # This one first: it listens for the combobox's choices before the combobox starts.
        js = ["belette/contact_chooser.js", "core/combobox.js"]

    def value_from_datadict(self, data, files, name):
        ids = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return {"ids": [str(value) for value in ids or []], "add": data.get(f"{name}-ajout", "")}

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked means no contact

    def format_value(self, value):
        if isinstance(value, dict):
            return value
        return {"ids": [str(getattr(item, "pk", item)) for item in value or []], "add": ""}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = self.format_value(value)
        ids = [int(pk) for pk in value["ids"] if str(pk).isdigit()]
        agents = Agent.objects.select_related("unit").in_bulk(ids)
        context["widget"].update(
            chosen=[(agent.pk, describe(agent)) for agent in (agents.get(pk) for pk in dict.fromkeys(ids)) if agent],
            pending=value["add"],
            source=reverse("belette_contact_search"),
        )
        return context


class ContactsField(forms.ModelMultipleChoiceField):
    """The chosen agents' ids, plus the matricules typed in the « ajouter » box."""

    widget = ContactsWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Agent.objects.all())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value if isinstance(value, dict) else super().prepare_value(value)

    def clean(self, value):
        if not isinstance(value, dict):
            return super().clean(value)
        ids = list(value["ids"])
        wanted = [token for token in re.split(r"[\s,;]+", value["add"] or "") if token]
        if wanted:
            found = dict(
                (hr_id.upper(), pk)
                for hr_id, pk in Agent.objects.filter(hr_id__in={token.upper() for token in wanted}).values_list(
                    "hr_id", "pk"
                )
            )
            unknown = [token for token in wanted if token.upper() not in found]
            if unknown:
                raise forms.ValidationError(
                    _("Matricule inconnu : %(ids)s. Saisissez le matricule d'un agent (ex. A500001)."),
                    code="unknown_hr_id",
                    params={"ids": ", ".join(unknown)},
                )
            ids += [str(found[token.upper()]) for token in wanted]
        return super().clean(list(dict.fromkeys(ids)))

    def has_changed(self, initial, data):
        if not isinstance(data, dict):
            return super().has_changed(initial, data)
        before = {str(getattr(item, "pk", item)) for item in initial or []}
        return bool((data["add"] or "").strip()) or before != set(data["ids"])


class AgentFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Nom, fonction, unité ou matricule"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Rechercher un agent")}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        hr_ids = [agent.hr_id for agent in find_agents(query, limit=50)]
        return objects.filter(Q(hr_id__in=hr_ids) | Q(hr_id__iexact=query))


class AgentChooserColumnsMixin:
    filter_form_class = AgentFilterForm

    def get_object_list(self):
        return Agent.objects.select_related("unit")

    @property
    def columns(self):
        return super().columns + [
            Column("job_title", label=_("Fonction"), accessor="title"),
            Column("unit", label=_("Unité"), accessor="unit"),
            Column("hr_id", label=_("Matricule"), accessor="hr_id"),
        ]


class AgentChooseView(AgentChooserColumnsMixin, ChooseView):
    pass


class AgentChooseResultsView(AgentChooserColumnsMixin, ChooseResultsView):
    pass


class DirectoryChooserViewSet(SnippetChooserViewSet):
    """The chooser (choose, results, chosen, create) of a directory model: directory staff only."""

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns())


class AgentChooserViewSet(DirectoryChooserViewSet):
    choose_view_class = AgentChooseView
    choose_results_view_class = AgentChooseResultsView
