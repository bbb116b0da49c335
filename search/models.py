from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchQueryDay(models.Model):
    """How often a query was searched on one day, and what it found: no user, no address, no time of day.

    One row per (day, normalised query, kind) keeps the log small and says nothing about one visit."""

    date = models.DateField(_("date"), db_index=True)
    query = models.CharField(_("recherche"), max_length=200)
    kind = models.CharField(_("type de résultat"), max_length=32, blank=True, help_text=_("Vide : tous les types."))
    searches = models.PositiveIntegerField(_("nombre de recherches"), default=0)
    result_count = models.PositiveIntegerField(
        _("nombre de résultats"), default=0, help_text=_("Lors de la dernière recherche du jour.")
    )
    zero_result_searches = models.PositiveIntegerField(
        _("recherches sans résultat"), default=0, help_text=_("Celles de ces recherches qui n'ont rien trouvé.")
    )
    staff = models.BooleanField(
        _("recherche d'agents"),
        default=False,
        help_text=_("Faite par un agent de la Région connecté : jamais montrée dans les rapports des éditeurs."),
    )

    class Meta:
        verbose_name = _("recherche du jour")
        verbose_name_plural = _("journal des recherches")
        constraints = [
            models.UniqueConstraint(fields=["date", "query", "kind", "staff"], name="search_query_day_unique_by_staff")
        ]
        indexes = [models.Index(fields=["result_count", "date"], name="search_query_day_found")]
        permissions = [("view_search_reports", _("Peut consulter les rapports de recherche"))]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} « {self.query} » ({self.searches})"

    @classmethod
    def record(cls, query, kind, result_count, date=None, staff=False):
        """Count one search with its own result count; two queries on the usual path (an update, or an
        insert the first time)."""
        date = date or timezone.localdate()
        key = {"date": date, "query": query[:200], "kind": kind or "", "staff": bool(staff)}
        found_nothing = int(result_count == 0)
        changes = {
            "searches": F("searches") + 1,
            "result_count": result_count,
            "zero_result_searches": F("zero_result_searches") + found_nothing,
        }
        if cls.objects.filter(**key).update(**changes):
            return
        try:
            with transaction.atomic():
                cls.objects.create(**key, searches=1, result_count=result_count, zero_result_searches=found_nothing)
        except IntegrityError:  # another request created the row in between
            cls.objects.filter(**key).update(**changes)
