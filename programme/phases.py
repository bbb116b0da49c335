"""The rule of a project's phase history, once: dates never go backwards; a phase may come back."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_phase_history(rows):
    """`rows`: (phase, start date) in the order they were entered. Raises ValidationError when a phase
    starts before the one above it, or when a row lacks its phase or its date."""
    previous = None
    for position, (phase, started_on) in enumerate(rows, start=1):
        if not phase or not started_on:
            raise ValidationError(_("Phase n° %(n)d : indiquez la phase et sa date de début.") % {"n": position})
        if previous is not None and started_on < previous:
            raise ValidationError(
                _(
                    "Phase n° %(n)d : elle commence le %(date)s, avant la phase précédente (%(previous)s). "
                    "Les phases se suivent dans l'ordre des dates."
                )
                % {"n": position, "date": started_on.strftime("%d/%m/%Y"), "previous": previous.strftime("%d/%m/%Y")}
            )
        previous = started_on
