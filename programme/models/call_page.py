"""Calls for applications: a form built by editors, open between two dates. The page serves
programme.calls (the form, the opening rule, the Application it creates), which never imports it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from .. import calls
from .editions import Edition

CALL_FIELD_CHOICES = tuple(FORM_FIELD_CHOICES) + ((calls.FILE_FIELD, _("Fichier joint (PDF, ODT, DOCX, PNG, JPEG)")),)


class CallFormField(AbstractFormField):
    page = ParentalKey("programme.CallPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("type de champ"), max_length=16, choices=CALL_FIELD_CHOICES)

    class Meta(AbstractFormField.Meta):
        verbose_name = _("champ du formulaire")
        verbose_name_plural = _("champs du formulaire")

    def __str__(self):
        return self.label


class CallPage(AbstractEmailForm):
    """A call for applications: a form built by editors, open between two dates, to an audience."""

    class Audience(models.TextChoices):
        STAFF = "staff", _("Agents de la Région (compte agent)")
        ACCOUNTS = "accounts", _("Toute personne ayant un compte sur le site")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="calls", verbose_name=_("édition"))
    intro = RichTextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    audience = models.CharField(
        _("qui peut candidater"), max_length=10, choices=Audience.choices, default=Audience.STAFF
    )
    allow_several_applications = models.BooleanField(
        _("plusieurs candidatures par personne"),
        default=False,
        help_text=_("Sinon, une personne dépose une seule candidature à cet appel."),
    )
    consent_text = models.TextField(
        _("texte du consentement RGPD"),
        default=_(
            "J'accepte que la Région traite les données de ce formulaire pour instruire "
            "ma candidature au programme d'intrapreneuriat. Seule l'équipe du programme y a accès ; "
            "ma hiérarchie n'en est pas informée. Les données sont conservées deux ans."
        ),
    )
    confirmation_text = models.TextField(
        _("message de confirmation (e-mail)"),
        default=_("Nous avons bien reçu votre candidature. L'équipe du programme vous répondra après la clôture."),
    )
    thank_you_text = RichTextField(_("message après envoi"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("allow_several_applications")]),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("champs du formulaire")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("confirmation_text"),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mails"),
        ),
    ]
    parent_page_types = ["programme.ProgrammePage"]
    subpage_types = []
    template = "programme/call_page.html"
    landing_page_template = "programme/call_page_landing.html"

    class Meta:
        verbose_name = _("appel à candidatures")
        verbose_name_plural = _("appels à candidatures")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("La clôture doit suivre l'ouverture.")})

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def status(self, moment=None):
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return "upcoming"
        return "open" if moment < self.closes_at else "closed"

    # Wagtail's form machinery, routed through programme.calls so that the rule lives in one place.
    @property
    def form_builder(self):
        return calls.CallFormBuilder

    def get_form(self, *args, **kwargs):
        kwargs.setdefault("consent_text", self.consent_text)
        return super().get_form(*args, **kwargs)

    def get_submissions(self):
        # Applications replace Wagtail's submissions (none is ever stored): page editors read nothing.
        return super().get_submissions().none()

    def serve(self, request, *args, **kwargs):
        return calls.serve_call(self, request, *args, **kwargs)

    def process_form_submission(self, form):
        return calls.create_application(self, form, form.user)
