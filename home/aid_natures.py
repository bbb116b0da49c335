"""What an aid gives: its "nature", a small closed list chosen from the Région's 25 real schemes.

The reference file (data/aides_region_hdf.csv) has no such column, so `import_aids` reads an optional
`nature` column and, for an aid that has none yet, derives it from the aid's name with the rules below
(documented in data/FORMATS.md). The data migration that added the field used the same rules. No
model import here: the migration and the import read this module as it is.
"""

import re

from django.utils.translation import gettext_lazy as _

from core.text import fold

FINANCIAL, GRANT, COSTS_PAID = "aide-financiere", "bourse", "prise-en-charge"
REDUCTION, SERVICE = "reduction", "service"

NATURE_CHOICES = [
    (FINANCIAL, _("Aide financière")),
    (GRANT, _("Bourse")),
    (COSTS_PAID, _("Prise en charge des frais")),
    (REDUCTION, _("Réduction ou gratuité")),
    (SERVICE, _("Service ou mise à disposition")),
]

# First match wins, on the folded name (lower case, no accents); an aid no rule names is a financial aid.
NAME_RULES = (
    (re.compile(r"^bourse\b"), GRANT),  # "Bourse d'études…", not "…des étudiants boursiers"
    (re.compile(r"\bcarte ter\b|\babo\b|\bgratuit"), REDUCTION),  # TER cards and season tickets, free meals
    (re.compile(r"\bparc auto\b|\bpret\b|\bmise a disposition\b"), SERVICE),  # a car lent at 1 € a day
    (re.compile(r"^(financement|accompagnement)\b"), COSTS_PAID),  # the Région pays the training body
)


def nature_from_name(name):
    """The nature the rules give an aid called `name`."""
    folded = fold(name)
    for pattern, nature in NAME_RULES:
        if pattern.search(folded):
            return nature
    return FINANCIAL
