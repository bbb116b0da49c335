"""What every editorial page of the portal shares: an Open Graph image and a "review by" date."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class BasePage(Page):
    """What every editorial page shares: an Open Graph image and a "review by" date.

    The page's owner (Wagtail's `owner`) is the person answerable for its freshness."""

    review_by = models.DateField(
        _("à relire avant le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle le propriétaire de la page doit vérifier qu'elle est toujours exacte."),
    )
    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage (réseaux sociaux)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = Page.promote_panels + [FieldPanel("og_image")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("owner"), FieldPanel("review_by")], heading=_("Fraîcheur du contenu")),
    ]

    # Pages that show the "Cette page vous a-t-elle été utile ?" box.
    show_feedback = False
    og_type = "website"

    class Meta:
        abstract = True


def freshness_models():
    """The concrete page models that carry a review date (every subclass of BasePage)."""
    return [model for model in apps.get_models() if issubclass(model, BasePage) and not model._meta.abstract]
