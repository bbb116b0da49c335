"""The forms of the association's pages and of the manager's inbox (validation only: the rules are in
associations.py and workflow.py; the insurance certificate's check is its model field's validator)."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import parse_local_datetime

from .associations import clean_identifiers
from .models import Association


def add_local_times(form, data):
    """`start_at` and `end_at` in `data` from its `day`, `start` and `end` in Paris time; a time the clock
    change skips is an error on its field."""
    day = data.get("day")
    for name in ("start", "end"):
        if day and data.get(name):
            try:
                data[f"{name}_at"] = parse_local_datetime(f"{day.isoformat()}T{data[name]:%H:%M}")
            except ValueError:
                form.add_error(name, _("Cette heure n'existe pas ce jour-là à Paris (passage à l'heure d'été)."))
    return data


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'association"), max_length=255)
    rna = forms.CharField(
        label=_("Numéro RNA"),
        required=False,
        max_length=20,
        help_text=_("W suivi de 9 chiffres. Ou bien indiquez le SIRET."),
    )
    siret = forms.CharField(label=_("SIRET"), required=False, max_length=20, help_text=_("14 chiffres."))
    contact_name = forms.CharField(label=_("Prénom et nom de la personne à contacter"), max_length=200)
    contact_phone = forms.CharField(label=_("Téléphone"), required=False, max_length=30)
    email = forms.EmailField(label=_("Adresse électronique"))
    username = forms.CharField(label=_("Identifiant de connexion"), max_length=150)
    password = forms.CharField(
        label=_("Mot de passe"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("12 caractères au moins, pas seulement des chiffres."),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Cet identifiant est déjà pris."))
        return username

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password

    def clean(self):
        data = super().clean()
        try:
            data["rna"], data["siret"] = clean_identifiers(data.get("rna", ""), data.get("siret", ""))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
            else:
                self.add_error("rna", error)
        return data


class RequestForm(forms.Form):
    day = forms.DateField(
        label=_("Date (première date pour une série)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"}))
    repeat_weekly_until = forms.DateField(
        label=_("Répéter chaque semaine jusqu'au (facultatif)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Laisser vide pour un seul créneau."),
    )
    attendees = forms.IntegerField(label=_("Nombre de personnes"), min_value=1)
    purpose = forms.CharField(
        label=_("Objet de l'occupation"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, space, equipment=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space
        self.fields["attendees"].max_value = space.capacity
        self.fields["attendees"].widget.attrs["max"] = space.capacity
        self.fields["attendees"].help_text = _("Au plus %(n)d.") % {"n": space.capacity}
        self.fields["idempotency_key"].initial = uuid.uuid4().hex
        self.equipment_items = list(equipment)
        for item in self.equipment_items:
            self.fields[f"equipment_{item.code}"] = forms.IntegerField(
                label=_("%(name)s (quantité, %(n)d en stock)") % {"name": item.name, "n": item.quantity},
                required=False,
                min_value=0,
                max_value=item.quantity,
            )

    def equipment_fields(self):
        return [self[f"equipment_{item.code}"] for item in self.equipment_items]

    def base_fields_list(self):
        return [self[name] for name in ("day", "start", "end", "repeat_weekly_until", "attendees", "purpose")]

    def clean(self):
        return add_local_times(self, super().clean())

    def slot(self):
        """(start, end) as aware datetimes, Paris time."""
        return self.cleaned_data["start_at"], self.cleaned_data["end_at"]

    def equipment_lines(self):
        return tuple(
            (item.code, self.cleaned_data.get(f"equipment_{item.code}"))
            for item in self.equipment_items
            if self.cleaned_data.get(f"equipment_{item.code}")
        )


class _CheckedFile:
    """What the file widget shows of a stored private file: its name, linked to a view that checks the
    reader's permission (private storage has no URL of its own: asking it for one raises)."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name.rsplit("/", 1)[-1]


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for a file in private storage: the current file links to `url` (a checked view)."""

    def __init__(self, attrs=None, url=""):
        super().__init__(attrs)
        self.url = url

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def format_value(self, value):
        if self.is_initial(value):
            return _CheckedFile(value.name, self.url)
        return None


class AssociationProfileForm(forms.ModelForm):
    class Meta:
        model = Association
        fields = ["contact_name", "contact_email", "contact_phone", "insurance_certificate", "insurance_expires_on"]
        widgets = {"insurance_expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            url = reverse("shareloc:insurance_file", args=[self.instance.pk])
            self.fields["insurance_certificate"].widget = PrivateFileInput(url=url)

    def clean(self):
        data = super().clean()
        if data.get("insurance_certificate") and not data.get("insurance_expires_on"):
            self.add_error("insurance_expires_on", _("Indiquez jusqu'à quand l'assurance est valable."))
        return data


class DecisionForm(forms.Form):
    """The manager's form: the dates to accept (all checked by default), or a reason to decline."""

    decision = forms.ChoiceField(choices=(("approve", _("Accepter")), ("decline", _("Refuser"))))
    dates = forms.MultipleChoiceField(label=_("Dates à accepter"), required=False, widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(
        label=_("Motif du refus"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    without_equipment = forms.MultipleChoiceField(
        label=_("Accorder l'espace sans ce matériel (indisponible)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("L'association en est prévenue ; ce matériel n'est alors ni prêté ni décompté du stock."),
    )

    def __init__(self, *args, date_choices=(), equipment_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dates"].choices = date_choices
        self.fields["without_equipment"].choices = equipment_choices
        for value, label in date_choices:
            self.fields[f"reason_{value}"] = forms.CharField(
                label=_("Motif si le %(date)s n'est pas retenu") % {"date": label},
                required=False,
                max_length=2000,
            )

    def date_reasons(self):
        """{ISO date: reason} typed for dates left unticked."""
        chosen = set(self.cleaned_data.get("dates") or ())
        return {
            name.removeprefix("reason_"): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("reason_") and value and value.strip() and name.removeprefix("reason_") not in chosen
        }

    def reason_fields(self):
        return [self[name] for name in self.fields if name.startswith("reason_")]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif du refus."))
        if data.get("decision") == "approve" and not data.get("dates"):
            self.add_error("dates", _("Cochez au moins une date à accepter."))
        return data


class ChangeForm(forms.Form):
    """Ask to move a confirmed date: which date, to which space of the lycée, which day and hours."""

    original = forms.TypedChoiceField(label=_("Date à modifier"), coerce=int)
    space = forms.TypedChoiceField(label=_("Espace"), coerce=int)
    day = forms.DateField(label=_("Nouvelle date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Heure de fin"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, dates=(), spaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original"].choices = dates
        self.fields["space"].choices = spaces

    def clean(self):
        return add_local_times(self, super().clean())


class InviteForm(forms.Form):
    """The profile page's invitation of another member (shareloc/booking/_members.html)."""

    email = forms.EmailField(
        label=_("Inviter un autre membre (adresse électronique)"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "invite-%s")
        super().__init__(*args, **kwargs)


class CancelForm(forms.Form):
    """The member's reason for cancelling dates of a request (request_detail.html, cancel_confirm.html);
    the dates themselves are the request page's table of checkboxes, read by the view."""

    reason = forms.CharField(
        label=_("Motif de l'annulation (facultatif)"),
        required=False,
        max_length=2000,
        error_messages={"max_length": _("Le motif de l'annulation dépasse %(limit_value)d caractères.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cancel-%s")
        super().__init__(*args, **kwargs)
