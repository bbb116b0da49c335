"""The one model every app shares: the synonym vocabulary of the site's searches."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def clean_terms(terms):
    """The terms trimmed, blank ones dropped, each kept once (case and accents kept as typed)."""
    out, seen = [], set()
    for term in terms or []:
        term = " ".join(str(term).split())
        if term and term.lower() not in seen:
            seen.add(term.lower())
            out.append(term)
    return out


class SynonymSet(models.Model):
    """Words or phrases that mean the same to someone who searches (everyday word ↔ the Région's word).
    Both searches use them: La Belette's directory and the portal's pages."""

    terms = models.JSONField(
        _("termes"), default=list, help_text=_("Mots ou expressions qui veulent dire la même chose pour qui cherche.")
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("ensemble de synonymes")
        verbose_name_plural = _("synonymes")
        ordering = ["pk"]

    def __str__(self):
        return " | ".join(self.terms)

    def save(self, *args, **kwargs):
        self.terms = clean_terms(self.terms)
        super().save(*args, **kwargs)


def synonym_sets():
    """Every set's terms (one query)."""
    return [terms for terms in SynonymSet.objects.values_list("terms", flat=True) if terms]
