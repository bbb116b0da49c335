"""Forms built in the admin (the contact form). The page serves home.forms (honeypot, rate limit,
e-mails) and lists its submissions with home.views' formula-safe export: neither imports this module."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .. import forms
from ..blocks import RICH_FEATURES, RichTextHeadingOrder
from .base import BasePage


class FormField(AbstractFormField):
    page = ParentalKey("home.FormPage", related_name="form_fields", on_delete=models.CASCADE)

    class Meta(AbstractFormField.Meta):
        verbose_name = _("champ de formulaire")
        verbose_name_plural = _("champs de formulaire")

    def __str__(self):
        return self.label


class FormPage(EmailFormMixin, FormMixin, BasePage):
    """A form built in the admin (contact form): honeypot, rate limit, confirmation e-mail."""

    intro = RichTextField(
        _("introduction"), blank=True, features=RICH_FEATURES, validators=[RichTextHeadingOrder(after_level=1)]
    )
    thank_you_text = RichTextField(
        _("message de remerciement"),
        blank=True,
        features=RICH_FEATURES,
        validators=[RichTextHeadingOrder(after_level=1)],
    )
    confirmation_text = models.TextField(
        _("texte du courriel de confirmation"),
        blank=True,
        help_text=_("Envoyé à l'adresse saisie dans le formulaire (s'il a un champ de type courriel)."),
    )

    content_panels = Page.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("champs du formulaire")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
                FieldPanel("confirmation_text"),
            ],
            heading=_("Courriels"),
        ),
    ]
    submissions_per_hour = 5

    class Meta:
        verbose_name = _("page de formulaire")
        verbose_name_plural = _("pages de formulaire")

    def get_submissions_list_view_class(self):
        # Imported when called, not at the top: Wagtail's admin views import models of other apps,
        # which are not loaded yet while Django imports this one.
        from ..views import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_form_class(self):
        return forms.with_honeypot(super().get_form_class())

    def serve(self, request, *args, **kwargs):
        return forms.serve_form_page(self, request, *args, **kwargs)

    def send_mail(self, form):
        # Wagtail calls this when `to_address` is set; its own render_email lists the answers.
        forms.send_notification(self, form)
