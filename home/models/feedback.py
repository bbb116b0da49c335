"""Answers to "Cette page vous a-t-elle été utile ?"."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """One "was this page useful?" answer. No personal data: no user, no address, only the day."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="feedback"
    )
    useful = models.BooleanField(_("utile"))
    comment = models.TextField(_("commentaire"), blank=True, max_length=1000)
    created_on = models.DateField(_("jour"), default=datetime.date.today, db_index=True)

    class Meta:
        verbose_name = _("avis sur une page")
        verbose_name_plural = _("avis sur les pages")
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return f"{self.page_id} – {'oui' if self.useful else 'non'} ({self.created_on})"
