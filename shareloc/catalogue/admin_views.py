"""Back-office views of the catalogue: Wagtail's ModelViewSet, narrowed per lycée.

Every view goes through `LyceeScoped`: the listing only holds rows of the lycées the user manages,
and an edit, delete, copy, inspect, history or usage view of another lycée's row answers 404 (as
if the row did not exist: a manager does not learn what other lycées hold). Forms only offer the
user's own lycées and spaces, and check them again on save.
"""

from django import forms
from django.db import router, transaction
from django.db.models.deletion import Collector, ProtectedError
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import SafeIndexView

from .displacement import (
    closure_reason,
    describe,
    displaced_by_closure,
    displaced_by_windows,
    windows_after_change,
    windows_changed_reason,
    withdraw,
)
from .forms import parse_request
from .models import EQUIPMENT_CHOICES, WEEKDAY_CHOICES, OpeningWindow, Space
from .permissions import lycee_filter, managed_lycees, sees_all_lycees
from .planning import VIEWS, build_planning


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


class ScopedIndexView(LyceeScoped, SafeIndexView):
    def get_base_queryset(self):
        return self.scoped(super().get_base_queryset())


class KeepsBookingsDeleteMixin:
    """Every delete view of the catalogue: a row that bookings or requests still hang on (a space, its
    lycée, a lent piece of equipment) is not deleted. The database refuses it (Booking.space and the
    requests' keys are PROTECT); this view says so beforehand, in French, lists what holds the row, and
    offers no delete button. Bookings are never lost through a delete: the manager cancels or deletes
    them one by one first, each a decision of its own."""

    protected_template_name = "shareloc/admin_protected_delete.html"

    def holders(self):
        collector = Collector(using=router.db_for_write(type(self.object)), origin=self.object)
        try:
            collector.collect([self.object])
        except ProtectedError as error:
            return list(error.protected_objects)
        return []

    def get(self, request, *args, **kwargs):
        held_by = self.holders()  # Wagtail's setup() has fetched self.object, narrowed to the user's lycées
        if held_by:
            return self.refuse(held_by, status=200)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        held_by = self.holders()
        if held_by:
            return self.refuse(held_by, status=409)
        return super().post(request, *args, **kwargs)

    def refuse(self, held_by, status):
        bookings = [row for row in held_by if row._meta.model_name == "booking"]
        requests = [row for row in held_by if row._meta.model_name != "booking"]
        context = self.get_context_data()
        context.update(
            bookings=bookings[:MAX_LISTED],
            bookings_count=len(bookings),
            requests=requests[:MAX_LISTED],
            requests_count=len(requests),
        )
        return TemplateResponse(self.request, self.protected_template_name, context, status=status)


def scoped_views(path, read_only_q=None, delete_mixins=()):
    """The view classes of a viewset whose rows reach their lycée through `path`; `delete_mixins` go
    before the delete view (OpeningWindowViewSet's confirmation of the bookings it cancels)."""
    attrs = {"lycee_path": path, "read_only_q": read_only_q}
    changing = {**attrs, "changes": True}
    delete_bases = (*delete_mixins, KeepsBookingsDeleteMixin, LyceeScoped, generic.DeleteView)
    return {
        "index_view_class": type("IndexView", (ScopedIndexView,), attrs),
        "add_view_class": type("CreateView", (LyceeScoped, generic.CreateView), attrs),
        "edit_view_class": type("EditView", (LyceeScoped, generic.EditView), changing),
        "delete_view_class": type("DeleteView", delete_bases, changing),
        "copy_view_class": type("CopyView", (LyceeScoped, generic.CopyView), changing),
        "inspect_view_class": type("InspectView", (LyceeScoped, generic.InspectView), attrs),
        "history_view_class": type("HistoryView", (LyceeScoped, history.HistoryView), attrs),
        "usage_view_class": type("UsageView", (LyceeScoped, usage.UsageView), attrs),
    }


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view is narrowed to the user's lycées."""

    lycee_path = "lycee"
    read_only_q = None
    delete_view_mixins = ()
    add_to_admin_menu = False
    export_formats = ["csv", "xlsx"]

    def __init__(self, *args, **kwargs):
        for name, view_class in scoped_views(self.lycee_path, self.read_only_q, self.delete_view_mixins).items():
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "min_notice_days" in self.fields:
            self.fields["min_notice_days"].required = False  # empty means no notice

    def clean_min_notice_days(self):
        return self.cleaned_data.get("min_notice_days") or 0

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
            "auto_confirm",
            "min_notice_days",
            "horizon_days",
            "max_hours_per_month",
        ]


MAX_LISTED = 30


class DisplacingForm(ScopedForm):
    """A form whose change may close a space when confirmed bookings exist: it lists them and saves only
    once `cancel_bookings` is ticked; the bookings are then cancelled with the reason, and the
    associations told (displacement.py)."""

    cancel_bookings = forms.BooleanField(
        label=_("Annuler les réservations confirmées concernées et prévenir les associations"),
        required=False,
        help_text=_("Nécessaire seulement si la modification tombe sur des réservations confirmées."),
    )
    displaced = ()

    # Each form says which confirmed bookings its change falls on and why they are cancelled: ClosureForm
    # and OpeningWindowForm are the two (abstract here, as the base is never used on its own).
    def displaced_bookings(self, cleaned):
        raise NotImplementedError

    def withdraw_reason(self):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.displaced = self.displaced_bookings(cleaned)
        if self.displaced and not cleaned.get("cancel_bookings"):
            lines = [describe(booking) for booking in self.displaced[:MAX_LISTED]]
            if len(self.displaced) > MAX_LISTED:
                lines.append(_("… et %(n)d autre(s).") % {"n": len(self.displaced) - MAX_LISTED})
            self.add_error(
                "cancel_bookings",
                [
                    _(
                        "Cette modification tombe sur %(n)d réservation(s) confirmée(s). Cochez la case pour "
                        "les annuler et prévenir les associations, ou changez les dates."
                    )
                    % {"n": len(self.displaced)}
                ]
                + lines,
            )
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if self.displaced:
            withdraw(self.displaced, self.withdraw_reason(), self.for_user)
        return instance


class ClosureForm(DisplacingForm):
    def displaced_bookings(self, cleaned):
        lycee, space = cleaned.get("lycee"), cleaned.get("space")
        if lycee is None:
            return []
        return displaced_by_closure(
            lycee.pk, space.pk if space else None, cleaned.get("start_date"), cleaned.get("end_date")
        )

    def withdraw_reason(self):
        return closure_reason(self.cleaned_data.get("reason") or "")


class OpeningWindowForm(DisplacingForm):
    weekdays = forms.MultipleChoiceField(label=_("jours"), choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple)

    def displaced_bookings(self, cleaned):
        change = windows_after_change(self.instance, cleaned)
        if change is None:
            return []
        space, windows = change
        return displaced_by_windows(space, windows)

    def withdraw_reason(self):
        return windows_changed_reason()


class ConfirmCancellationForm(forms.Form):
    cancel_bookings = forms.BooleanField(
        label=_("Annuler les réservations confirmées concernées et prévenir les associations"),
        required=True,
        error_messages={
            "required": _(
                "Cette suppression tombe sur des réservations confirmées : cochez la case pour les annuler "
                "et prévenir les associations, ou gardez le créneau."
            )
        },
    )


class WindowDeleteMixin:
    """The delete view of an opening window. When the space's other windows no longer hold some
    confirmed future bookings, the page lists them and deletes only once the manager ticks the box;
    the bookings are then cancelled with the reason and the associations told, through the same
    path as a closure or a window change (displacement.withdraw). Without such bookings, Wagtail's
    usual confirmation."""

    template_name = "shareloc/admin_window_confirm_delete.html"

    def displaced_bookings(self):
        window = self.object
        others = OpeningWindow.objects.filter(space_id=window.space_id).exclude(pk=window.pk)
        return displaced_by_windows(window.space, list(others))

    def get_form_class(self):
        return ConfirmCancellationForm if self.displaced else forms.Form

    def get(self, request, *args, **kwargs):
        self.displaced = self.displaced_bookings()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            self.displaced = self.displaced_bookings()
            return super().post(request, *args, **kwargs)

    def delete_action(self):
        super().delete_action()
        if self.displaced:
            withdraw(self.displaced, self.withdraw_reason(), self.request.user)

    def withdraw_reason(self):
        return _("Le créneau d'ouverture de l'espace a été supprimé : il n'est plus ouvert à cette heure.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["displaced"] = [describe(booking) for booking in self.displaced[:MAX_LISTED]]
        context["displaced_count"] = len(self.displaced)
        context["displaced_more"] = max(0, len(self.displaced) - MAX_LISTED)
        return context


def planning_admin_view(request, uai=None):
    """The manager's planning of one of their lycées (pending requests and names included); without a
    UAI, the first lycée they manage. Another lycée answers 404, as the other admin views do."""
    lycees = managed_lycees(request.user).order_by("name")
    lycee = lycees.filter(uai=uai.upper()).first() if uai else lycees.first()
    if lycee is None:
        raise Http404(_("Aucun lycée de ce type parmi les vôtres."))
    view, anchor, errors = parse_request(request.GET, timezone.localdate())
    planning = build_planning(lycee, view, anchor, private=True)
    return TemplateResponse(
        request,
        "shareloc/admin_planning.html",
        {
            "lycee": lycee,
            "lycees": lycees.only("uai", "name") if not sees_all_lycees(request.user) else [],
            "planning": planning,
            "errors": errors,
            "views": VIEWS,
        },
        status=400 if errors else 200,
    )
