"""The portal's reader for data/FORMATS.md's aid file (`import_aids`), on core's import framework.

One row is one aid scheme, a live AidePage under the aid catalogue. A row updates the aid with its
`slug`, else the aid with its `link`, else the aid with its name; otherwise it creates one. Two rows
never silently become one page: distinct names that slugify alike get distinct slugs ("+26" and "-26"
become "plus-26" and "moins-26", then a number if still taken), and a row that would update an aid
another row of the file already wrote is rejected.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.csvfiles import split_list
from core.imports import FileReport, read_rows
from core.links import validate_link

from .aid_natures import NATURE_CHOICES, nature_from_name
from .models import AidAudience, AideIndexPage, AidePage, AidTheme

REQUIRED = ("name", "amount_eur", "amount_unit", "periodicity", "audience", "link")
OPTIONAL = ("slug", "summary", "description", "eligibility", "closes_on", "unit", "themes", "nature")
# The `audience` codes of the file and the public each one means on the site: (slug, name shown).
AUDIENCE_CODES = {
    "apprenti": ("apprentis", "Apprentis"),
    "salarie": ("salaries", "Salariés"),
    "enseignement_superieur": ("etudiants", "Étudiants"),
    "etudiant": ("etudiants", "Étudiants"),
    "lyceen": ("lyceens", "Lycéens"),
    "stagiaire": ("stagiaires", "Stagiaires de la formation professionnelle"),
    "chomeur": ("demandeurs-emploi", "Demandeurs d'emploi"),
    "inactif": ("sans-activite", "Personnes sans activité professionnelle"),
    "professionnalisation": ("contrats-pro", "Contrats de professionnalisation"),
    "service_civique": ("service-civique", "Volontaires du service civique"),
    "": ("tout-public", "Tout public"),
}
PERIOD_WORDS = {"mensuelle": "par mois", "annuelle": "par an", "ponctuelle": "versés en une fois", "autre": ""}
SLUG_LENGTH = 80


def aid_slug(name):
    """The slug of an aid's name, keeping the sign of an age limit ("+26 ans" / "-26 ans")."""
    name = re.sub(r"\+\s*(?=\d)", " plus ", name)
    name = re.sub(r"(?<![\w])-\s*(?=\d)", " moins ", name)
    return slugify(name)[:SLUG_LENGTH].rstrip("-") or "aide"


def amount_text(amount, unit, periodicity):
    if amount is None:
        return ""
    number = f"{int(amount):,}".replace(",", "\u202f") if amount == int(amount) else f"{amount}".replace(".", ",")
    unit = unit or "€"
    words = PERIOD_WORDS.get(periodicity, "") if unit == "€" else ""
    return " ".join(part for part in (number, unit, words) if part)


def paragraphs(text):
    return "".join(f"<p>{escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text) if part.strip())


class RowError(Exception):
    pass


def parse_row(row):
    """The row's values for the aid (only the columns the file has and fills, for the optional ones)."""
    name = row["name"]
    if not name:
        raise RowError(_("le nom (name) est vide."))
    if len(name) > 255:
        raise RowError(_("le nom dépasse 255 caractères."))
    values = {"title": name}
    amount = None
    if row["amount_eur"]:
        try:
            amount = Decimal(row["amount_eur"].replace(",", "."))
        except InvalidOperation:
            raise RowError(_("montant (amount_eur) illisible : « %(v)s ».") % {"v": row["amount_eur"]}) from None
        if amount < 0 or amount >= 10**8 or not amount.is_finite():
            raise RowError(_("montant (amount_eur) hors limites : « %(v)s ».") % {"v": row["amount_eur"]})
    periodicity = row["periodicity"]
    if periodicity and periodicity not in dict(AidePage.PERIODICITY_CHOICES):
        raise RowError(
            _("périodicité inconnue « %(v)s » (attendu : %(choices)s).")
            % {"v": periodicity, "choices": ", ".join(dict(AidePage.PERIODICITY_CHOICES))}
        )
    values.update(
        amount_eur=amount,
        amount_text=amount_text(amount, row["amount_unit"][:10], periodicity),
        periodicity=periodicity,
    )
    codes = split_list(row["audience"]) or [""]
    unknown = [code for code in codes if code not in AUDIENCE_CODES]
    if unknown:
        raise RowError(
            _("public(s) inconnu(s) : %(codes)s (attendu : %(known)s).")
            % {"codes": ", ".join(unknown), "known": ", ".join(code for code in AUDIENCE_CODES if code)}
        )
    values["audiences"] = list(dict.fromkeys(AUDIENCE_CODES[code] for code in codes))
    link = row["link"]
    if link:
        try:
            validate_link(link)  # the rule of the admin form (core/links.py)
        except ValidationError:
            raise RowError(_("lien (link) invalide : « %(v)s ».") % {"v": link[:100]}) from None
        if len(link) > 500:
            raise RowError(_("lien (link) de plus de 500 caractères."))
    values["apply_url"] = link
    if row.get("slug"):
        if slugify(row["slug"]) != row["slug"] or len(row["slug"]) > SLUG_LENGTH:
            raise RowError(_("identifiant (slug) invalide : « %(v)s ».") % {"v": row["slug"][:100]})
    if row.get("closes_on"):
        try:
            values["closes_on"] = datetime.date.fromisoformat(row["closes_on"])
        except ValueError:
            raise RowError(_("date de clôture (closes_on) invalide, attendu AAAA-MM-JJ.")) from None
    if row.get("summary"):
        values["summary"] = row["summary"]
    if row.get("eligibility"):
        values["eligibility"] = paragraphs(row["eligibility"])
    if row.get("description"):
        values["body"] = [("paragraph", paragraphs(row["description"]))]
    if row.get("unit"):
        if len(row["unit"]) > 40:
            raise RowError(_("code de service (unit) de plus de 40 caractères."))
        values["responsible_unit_code"] = row["unit"]
    if row.get("themes"):
        values["themes"] = split_list(row["themes"])
    if row.get("nature"):
        if row["nature"] not in dict(NATURE_CHOICES):
            raise RowError(
                _("nature inconnue « %(v)s » (attendu : %(choices)s).")
                % {"v": row["nature"][:40], "choices": ", ".join(dict(NATURE_CHOICES))}
            )
        values["nature"] = row["nature"]
    return values


def _audiences(pairs):
    return [AidAudience.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in pairs]


def _themes(names):
    themes = []
    for value in names:
        theme = AidTheme.objects.filter(slug=value).first() or AidTheme.objects.filter(name__iexact=value).first()
        if theme is None:
            theme = AidTheme.objects.create(name=value, slug=slugify(value)[:60] or "theme")
        themes.append(theme)
    return themes


def _differs(aid, field, value):
    if field == "body":
        return [(child.block_type, child.block.get_prep_value(child.value)) for child in aid.body] != value
    return getattr(aid, field) != value


def _apply(aid, values, created):
    """Set the row's values on `aid`; True when anything changed."""
    changed = created
    audiences = _audiences(values.pop("audiences"))
    themes = _themes(values.pop("themes")) if "themes" in values else None
    if "nature" not in values and not aid.nature:
        # No nature in the file and none on the aid yet: the rules of home/aid_natures.py (an editor's
        # choice is never overwritten by a file that says nothing).
        values["nature"] = nature_from_name(values["title"])
    for field, value in values.items():
        if created or _differs(aid, field, value):
            setattr(aid, field, value)
            changed = True
    if created or {a.pk for a in audiences} != set(aid.audiences.values_list("pk", flat=True)):
        aid.audiences = audiences
        changed = True
    if themes is not None and (created or {t.pk for t in themes} != set(aid.themes.values_list("pk", flat=True))):
        aid.themes = themes
        changed = True
    return changed


def import_aids(path, owner=None):
    """Import the aid file at `path` under the site's aid catalogue; returns its FileReport."""
    report = FileReport(name=getattr(path, "name", str(path)))
    rows = read_rows(report, path, REQUIRED, OPTIONAL)
    if rows is None:
        return report
    index = AideIndexPage.objects.first()
    if index is None:
        report.reject_file(_("Aucun catalogue des aides : lancez d'abord « manage.py setup_site »."))
        return report
    existing = [page for page in AidePage.objects.child_of(index)]
    by_slug = {page.slug: page for page in existing}
    by_link = {page.apply_url: page for page in existing if page.apply_url}
    by_title = {page.title: page for page in existing}
    taken = set(index.get_children().values_list("slug", flat=True))
    written = {}  # page pk -> line that wrote it
    for line, row in rows:
        try:
            values = parse_row(row)
        except RowError as error:
            report.reject(line, str(error))
            continue
        aid = (
            by_slug.get(row.get("slug", ""))
            if row.get("slug")
            else by_link.get(values["apply_url"]) or by_title.get(values["title"])
        )
        if aid is not None and aid.pk in written:
            report.reject(
                line, _("même aide que la ligne %(line)d (même slug, lien ou nom).") % {"line": written[aid.pk]}
            )
            continue
        created = aid is None
        if created:
            slug = row.get("slug") or _free_slug(aid_slug(values["title"]), taken)
            taken.add(slug)
            aid = AidePage(slug=slug, summary=values["title"], owner=owner)
        if not _apply(aid, values, created):
            report.unchanged += 1
            written[aid.pk] = line
            continue
        try:
            with transaction.atomic():
                if created:
                    index.add_child(instance=aid)
                revision = aid.save_revision(user=owner)
                if created or aid.live:
                    revision.publish(user=owner, skip_permission_checks=True)
        except ValidationError as error:
            messages = error.message_dict.values() if hasattr(error, "error_dict") else [error.messages]
            report.reject(line, " ; ".join(str(message) for group in messages for message in group))
            if created:
                taken.discard(aid.slug)
            continue
        if created:
            report.created += 1
        else:
            report.updated += 1
        written[aid.pk] = line
        by_slug[aid.slug], by_title[aid.title] = aid, aid
        if aid.apply_url:
            by_link[aid.apply_url] = aid
    return report


def _free_slug(base, taken):
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug, number = base[: SLUG_LENGTH - len(suffix)] + suffix, number + 1
    return slug
