"""La Belette in the Wagtail admin: the directory's entries as snippets, with every edit written to
the change history (who, what, when). The history itself is not editable here: each entry's page
shows it."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.contacts import PublicContact

from . import history, search_kinds
from .models import Agent, ChangeRecord, Dispositif, Unit

TRACKED = (Unit, Agent, Dispositif)


class UnitViewSet(SnippetViewSet):
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
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("site")], heading=_("Contact")),
    ]


class AgentViewSet(SnippetViewSet):
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


class DispositifViewSet(SnippetViewSet):
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


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_admin_edit(request, instance):
    if isinstance(instance, TRACKED):
        history.record_instance_edit(instance, ChangeRecord.Source.ADMIN, request.user)


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


@hooks.register("register_search_kinds")
def register_search_kinds():
    return search_kinds.SEARCH_KINDS


@hooks.register("register_demo_loader", order=40)
def register_demo_loader():
    return "belette.demo.load"


@hooks.register("register_aid_contact")
def aid_public_contact(page):
    """The public contact of the unit responsible for the dispositif linked to this aid page: its shared
    mailbox and phone, never an agent's."""
    dispositif = Dispositif.objects.filter(portal_page_id=page.pk).select_related("unit").first()
    unit = dispositif.unit if dispositif else None
    if unit is None or not (unit.email or unit.phone):
        return None
    return PublicContact(service=unit.name, email=unit.email, phone=unit.phone)
