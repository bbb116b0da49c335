"""La Belette in the Wagtail admin: the directory's entries as snippets, with every edit written to
the change history (who, what, when). The history itself is not editable here: each entry's page
shows it."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.contacts import PublicContact

from . import history, search_kinds
from .access import guard_urlpatterns
from .models import Agent, ChangeRecord, Dispositif, Unit

TRACKED = (Unit, Agent, Dispositif)


class DirectoryChooserViewSet(SnippetChooserViewSet):
    """The chooser (choose, results, chosen, create) of a directory model: directory staff only."""

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns())


class DirectorySnippetViewSet(SnippetViewSet):
    """Every admin view of a directory model (listing, search, export, edit, history, usage, copy,
    delete, inspect) and its chooser: refused to anyone without the directory permission."""

    chooser_viewset_class = DirectoryChooserViewSet

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns())


class UnitViewSet(DirectorySnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Unités")
    list_display = ["name", "acronym", "code", "kind", "site", "updated_at"]
    list_filter = ["kind", "site"]
    search_fields = ["name", "acronym", "code"]
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("head"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("site")], heading=_("Contact")),
    ]


class AgentViewSet(DirectorySnippetViewSet):
    model = Agent
    icon = "user"
    menu_label = _("Agents")
    list_display = ["full_name", "hr_id", "unit", "title", "active", "updated_at"]
    list_filter = ["active", "site"]
    search_fields = ["first_name", "last_name", "hr_id", "email"]
    panels = [
        FieldPanel("hr_id"),
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("title"),
        FieldPanel("unit"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("site")], heading=_("Contact")),
        FieldPanel("topics"),
        FieldPanel("backup"),
        FieldPanel("active"),
    ]


class DispositifViewSet(DirectorySnippetViewSet):
    model = Dispositif
    icon = "list-ul"
    menu_label = _("Dispositifs")
    list_display = ["name", "code", "unit", "updated_at"]
    search_fields = ["name", "code", "summary"]
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("aliases"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("unit"),
        FieldPanel("contacts"),
        FieldPanel("portal_url"),
        FieldPanel("portal_page"),
    ]


class BeletteGroup(SnippetViewSetGroup):
    items = (UnitViewSet, AgentViewSet, DispositifViewSet)
    menu_icon = "group"
    menu_label = _("La Belette")
    menu_name = "belette"


register_snippet(BeletteGroup)


@hooks.register("before_edit_snippet")
def remember_contacts(request, instance):
    # The contacts are saved after the form's fields: keep them as they were, to record their change.
    if isinstance(instance, Dispositif) and request.method == "POST":
        request.belette_contacts_before = history.contacts_of(instance)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_admin_edit(request, instance):
    if isinstance(instance, TRACKED):
        extra = {}
        before = getattr(request, "belette_contacts_before", None)
        if isinstance(instance, Dispositif) and before is not None:
            extra["contacts"] = [before, history.contacts_of(instance)]
        history.record_instance_edit(instance, ChangeRecord.Source.ADMIN, request.user, extra=extra)


@hooks.register("after_delete_snippet")
def record_admin_delete(request, instances):
    for instance in instances:
        if isinstance(instance, TRACKED):
            history.record(
                instance.search_kind,
                instance.key,
                ChangeRecord.Action.DELETED,
                {},
                ChangeRecord.Source.ADMIN,
                request.user,
            )


class BeletteChangeFormatter(LogFormatter):
    """How the admin's history shows La Belette's changes: « Téléphone : ancien → nouveau »."""

    label = _("Changement de la fiche (La Belette)")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        changes = "; ".join(f"{capfirst(label)} : {old} → {new}" for label, old, new in data.get("changes", []))
        head = f"{data.get('action', '')} ({data.get('source', '')})"
        return f"{head} : {changes}" if changes else head


@hooks.register("register_log_actions")
def register_belette_log_actions(actions):
    actions.register_action(history.LOG_ACTION)(BeletteChangeFormatter)


@hooks.register("register_search_kinds")
def register_search_kinds():
    return search_kinds.SEARCH_KINDS


@hooks.register("register_demo_loader", order=40)
def register_demo_loader():
    return "belette.demo.load"


@hooks.register("register_aid_contact")
def aid_public_contacts(page_ids):
    """The public contact of the unit responsible for the dispositif linked to each of these aid pages: its
    shared mailbox and phone, never an agent's (one query for all the pages)."""
    contacts = {}
    dispositifs = Dispositif.objects.filter(portal_page_id__in=page_ids).select_related("unit").order_by("name", "pk")
    for dispositif in dispositifs:
        unit = dispositif.unit
        if dispositif.portal_page_id in contacts or unit is None or not (unit.email or unit.phone):
            continue
        contacts[dispositif.portal_page_id] = PublicContact(service=unit.name, email=unit.email, phone=unit.phone)
    return contacts
