"""La Belette in the Wagtail admin: the directory's entries as snippets, with every edit written to
the change history (who, what, when). The history itself is not editable here: each entry's page
shows it."""

from django.urls import path
from django.utils.functional import classproperty
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.log_actions import LogFormatter
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.list_input import ListField
from home.contacts import PublicContact

from . import history, search_kinds
from .access import directory_admin_view, directory_users, guard_urlpatterns
from .admin_contacts import AgentChooserViewSet, ContactsField, DirectoryChooserViewSet, contact_search
from .models import Agent, ChangeRecord, Dispositif, Unit

TRACKED = (Unit, Agent, Dispositif)


class DirectorySnippetViewSet(SnippetViewSet):
    """Every admin view of a directory model (listing, search, export, edit, history, usage, copy,
    delete, inspect) and its chooser: refused to anyone without the directory permission."""

    chooser_viewset_class = DirectoryChooserViewSet

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns())


class UnitForm(WagtailAdminModelForm):
    """A unit's référents are chosen among the accounts that may read the directory (they are sent
    agents' names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "referents" in self.fields:
            field = self.fields["referents"]
            field.queryset = directory_users().order_by("last_name", "first_name", "username")
            field.label_from_instance = lambda user: (
                f"{user.get_full_name()} ({user.get_username()})" if user.get_full_name() else user.get_username()
            )


def _list_field(model, name, help_text):
    return ListField(label=capfirst(model._meta.get_field(name).verbose_name), required=False, help_text=help_text)


class AgentForm(WagtailAdminModelForm):
    topics = _list_field(
        Agent,
        "topics",
        _("Les sujets que l'agent traite, un par ligne (ou séparés par des virgules) : « TER », « tarifs »."),
    )


class DispositifForm(WagtailAdminModelForm):
    contacts = ContactsField(label=capfirst(Dispositif._meta.get_field("contacts").verbose_name))
    aliases = _list_field(
        Dispositif,
        "aliases",
        _("Un nom ou sigle par ligne (ou séparés par des virgules) : « FRSU », « fonds d'urgence »."),
    )
    audience = _list_field(
        Dispositif, "audience", _("Les publics visés, un par ligne (ou séparés par des virgules) ; vide : tout public.")
    )


class UnitViewSet(DirectorySnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Unités")
    list_display = ["name", "acronym", "code", "kind", "site", "updated_at"]
    list_filter = ["kind", "site"]
    search_fields = ["name", "acronym", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("name"),
            FieldPanel("acronym"),
            FieldPanel("kind"),
            FieldPanel("parent"),
            FieldPanel("head"),
            MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("site")], heading=_("Contact")),
            FieldPanel("referents"),
        ],
        base_form_class=UnitForm,
    )


class AgentViewSet(DirectorySnippetViewSet):
    model = Agent
    icon = "user"
    chooser_viewset_class = AgentChooserViewSet
    menu_label = _("Agents")
    list_display = ["full_name", "hr_id", "unit", "title", "active", "updated_at"]
    list_filter = ["active", "site"]
    search_fields = ["first_name", "last_name", "hr_id", "email"]
    edit_handler = ObjectList(
        [
            FieldPanel("hr_id"),
            FieldPanel("first_name"),
            FieldPanel("last_name"),
            FieldPanel("title"),
            FieldPanel("unit"),
            MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("site")], heading=_("Contact")),
            FieldPanel("topics"),
            FieldPanel("backup"),
            FieldPanel("active"),
        ],
        base_form_class=AgentForm,
    )


class DispositifViewSet(DirectorySnippetViewSet):
    model = Dispositif
    icon = "list-ul"
    menu_label = _("Dispositifs")
    list_display = ["name", "code", "unit", "updated_at"]
    search_fields = ["name", "code", "summary"]
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("name"),
            FieldPanel("aliases"),
            FieldPanel("summary"),
            FieldPanel("audience"),
            FieldPanel("unit"),
            FieldPanel("contacts"),
            FieldPanel("portal_url"),
            FieldPanel("portal_page"),
        ],
        base_form_class=DispositifForm,
    )


class BeletteGroup(SnippetViewSetGroup):
    items = (UnitViewSet, AgentViewSet, DispositifViewSet)
    menu_icon = "group"
    menu_label = _("La Belette")
    menu_name = "belette"


register_snippet(BeletteGroup)


class DirectoryDeleteBulkAction(DeleteBulkAction):
    """The snippets' bulk delete for the directory's models, refused without the directory permission.

    Wagtail's bulk action views (/admin/bulk/belette/agent/delete/?id=…) live outside the viewsets'
    URLs and only check a permission on POST: their confirmation page listed the entries' names, under
    "you may not delete these", to any admin user. Registered after Wagtail's (order) so it wins."""

    @classproperty
    def models(cls):
        return list(TRACKED)

    def dispatch(self, request, *args, **kwargs):
        return directory_admin_view(super().dispatch)(request, *args, **kwargs)


hooks.register("register_bulk_action", DirectoryDeleteBulkAction, order=100)


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


@hooks.register("register_admin_urls")
def register_contact_search():
    # The suggestions of the contact chooser (agents' names: directory staff only, see admin_contacts).
    return [path("belette/contacts/", contact_search, name="belette_contact_search")]


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
