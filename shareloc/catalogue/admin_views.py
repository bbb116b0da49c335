"""Back-office views of the catalogue: Wagtail's ModelViewSet, narrowed per lycée.

Every view goes through `LyceeScoped`: the listing only holds rows of the lycées the user manages,
and an edit, delete, copy, inspect, history or usage view of another lycée's row answers 404 (as
if the row did not exist: a manager does not learn what other lycées hold). Forms only offer the
user's own lycées and spaces, and check them again on save.
"""

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EQUIPMENT_CHOICES, WEEKDAY_CHOICES, Space
from .permissions import lycee_filter, managed_lycees


class LyceeScoped:
    """Mixin of every view: rows restricted to the user's lycées (`lycee_path` leads to the Lycee)."""

    lycee_path = "lycee"
    read_only_q = None  # rows that this view may show but never change (see admin.BookingViewSet)
    changes = False

    def scoped(self, queryset):
        return queryset.filter(lycee_filter(self.request.user, self.lycee_path)).distinct()

    def get_object(self, *args, **kwargs):
        # Wagtail's edit/delete/copy/inspect views take an optional queryset, history and usage none.
        obj = super().get_object(*args, **kwargs)
        rows = self.scoped(type(obj)._default_manager.filter(pk=obj.pk))
        if self.changes and self.read_only_q is not None:
            rows = rows.exclude(self.read_only_q)
        if not rows.exists():
            raise Http404(_("Aucun élément de ce type dans vos lycées."))
        return obj


class ScopedIndexView(LyceeScoped, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped(super().get_base_queryset())


def scoped_views(path, read_only_q=None):
    """The view classes of a viewset whose rows reach their lycée through `path`."""
    attrs = {"lycee_path": path, "read_only_q": read_only_q}
    changing = {**attrs, "changes": True}
    return {
        "index_view_class": type("IndexView", (ScopedIndexView,), attrs),
        "add_view_class": type("CreateView", (LyceeScoped, generic.CreateView), attrs),
        "edit_view_class": type("EditView", (LyceeScoped, generic.EditView), changing),
        "delete_view_class": type("DeleteView", (LyceeScoped, generic.DeleteView), changing),
        "copy_view_class": type("CopyView", (LyceeScoped, generic.CopyView), changing),
        "inspect_view_class": type("InspectView", (LyceeScoped, generic.InspectView), attrs),
        "history_view_class": type("HistoryView", (LyceeScoped, history.HistoryView), attrs),
        "usage_view_class": type("UsageView", (LyceeScoped, usage.UsageView), attrs),
    }


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view is narrowed to the user's lycées."""

    lycee_path = "lycee"
    read_only_q = None
    add_to_admin_menu = False
    export_formats = ["csv", "xlsx"]

    def __init__(self, *args, **kwargs):
        for name, view_class in scoped_views(self.lycee_path, self.read_only_q).items():
            setattr(self, name, view_class)
        super().__init__(*args, **kwargs)


class ScopedForm(WagtailAdminModelForm):
    """Offers only the user's lycées and spaces, and refuses others on save (a forged POST)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if "lycee" in self.fields:
            self.fields["lycee"].queryset = managed_lycees(user)
        if "space" in self.fields:
            self.fields["space"].queryset = Space.objects.filter(lycee__in=managed_lycees(user)).select_related("lycee")

    def clean(self):
        cleaned = super().clean()
        space, lycee = cleaned.get("space"), cleaned.get("lycee")
        if space is not None and lycee is not None and space.lycee_id != lycee.pk:
            self.add_error("space", _("Cet espace n'appartient pas à ce lycée."))
        return cleaned


class SpaceForm(ScopedForm):
    equipment = forms.MultipleChoiceField(
        label=_("équipements"), choices=EQUIPMENT_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Space
        fields = [
            "lycee",
            "code",
            "name",
            "kind",
            "capacity",
            "area_m2",
            "accessible",
            "equipment",
            "hourly_rate_eur",
            "description",
        ]


class OpeningWindowForm(ScopedForm):
    weekdays = forms.MultipleChoiceField(label=_("jours"), choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple)
