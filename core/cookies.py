"""Every cookie the site sets, with its purpose and lifetime: read by the cookies page, held by
tests/home/test_legal_pages.py (an anonymous visit of every public page type sets nothing else).

All of them are strictly necessary to a service the visitor asks for (security of forms, being
signed in, a message after an action): the French rule (article 82 of the loi Informatique et
Libertés, CNIL guidelines) exempts them from consent, hence no consent banner. A cookie that is not
strictly necessary (audience measurement, a third-party player) would need consent first: add it
here as non-essential and the test fails until a consent step exists."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DAY = 24 * 3600


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str
    essential: bool = True


def lifetime(seconds):
    """A cookie's lifetime in French words: "1 an", "2 semaines", "12 heures"."""
    days = round(seconds / DAY)
    if days >= 360:
        years = max(1, round(days / 365))
        return ngettext("%(count)d an", "%(count)d ans", years) % {"count": years}
    if days >= 7 and days % 7 == 0:
        weeks = days // 7
        return ngettext("%(count)d semaine", "%(count)d semaines", weeks) % {"count": weeks}
    if days >= 1:
        return ngettext("%(count)d jour", "%(count)d jours", days) % {"count": days}
    hours = max(1, round(seconds / 3600))
    return ngettext("%(count)d heure", "%(count)d heures", hours) % {"count": hours}


def site_cookies():
    """The cookies the site sets, names and lifetimes from the settings (so the page never lies)."""
    browser_session = str(_("jusqu'à la fermeture du navigateur"))
    session_lifetime = (
        browser_session if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else lifetime(settings.SESSION_COOKIE_AGE)
    )
    found = [
        Cookie(
            name=settings.SESSION_COOKIE_NAME,
            purpose=str(
                _(
                    "Vous garder connecté à votre compte (Shareloc, programme, espace des agents) et retenir "
                    "l'accès à une page protégée par un mot de passe. Il n'est déposé qu'une fois connecté "
                    "ou après une action qui le demande."
                )
            ),
            lifetime=session_lifetime,
        ),
        Cookie(
            name="messages",
            purpose=str(
                _(
                    "Afficher un message de confirmation après une action (« votre demande a été envoyée ») ; "
                    "effacé dès que le message est affiché."
                )
            ),
            lifetime=browser_session,
        ),
    ]
    if not settings.CSRF_USE_SESSIONS:
        found.insert(
            0,
            Cookie(
                name=settings.CSRF_COOKIE_NAME,
                purpose=str(
                    _(
                        "Protéger les formulaires du site contre l'envoi de données par un autre site à votre "
                        "insu (falsification de requête)."
                    )
                ),
                lifetime=lifetime(settings.CSRF_COOKIE_AGE),
            ),
        )
    return found


def essential_names():
    return {cookie.name for cookie in site_cookies() if cookie.essential}
