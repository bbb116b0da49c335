import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve as static_serve
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.models import Page

from core.exports import SafeSpreadsheetExportMixin
from core.forms import LoginForm
from core.pagination import bad_request
from core.privacy import mask_personal_data
from core.ratelimit import allow

from .forms import FeedbackForm
from .models.base import BasePage
from .models.feedback import PageFeedback

logger = logging.getLogger(__name__)


@require_GET
def media(request, path):
    """A public upload from MEDIA_ROOT (when SERVE_MEDIA is on and no front server answered first)."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)


class LoginView(auth_views.LoginView):
    """/connexion/: a signed-in person goes straight on to `next`, unless `next` is this very page (a
    bookmark, a link copied after signing in), where Django would see a loop: then the home page."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return "" if url and urlsplit(url).path == self.request.path else url


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 otherwise; says nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health check: the database does not answer", exc_info=True)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /connexion/",
        "Disallow: /belette/",
        "Disallow: /recherche/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's form submissions listing, exported by core.exports' formula-safe path."""


FEEDBACK_PER_HOUR = 30


@require_POST
def page_feedback(request):
    """Record one anonymous "was this page useful?" answer, then go back to the page."""
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        if form.errors.keys() - {"commentaire"}:
            return bad_request(request, _("Votre avis n'a pas pu être lu : répondez « oui » ou « non »."))
        return bad_request(request, form.errors["commentaire"][0])
    page_id, useful, comment = (form.cleaned_data[name] for name in ("page", "utile", "commentaire"))
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not isinstance(page, BasePage) or not page.show_feedback:
        return bad_request(request, _("Cette page n'accepte pas d'avis."))
    target = page.get_url(request) or "/"
    if not allow(request, "feedback", FEEDBACK_PER_HOUR, 3600) or not allow(request, f"feedback:{page.pk}", 1, 86400):
        return HttpResponseRedirect(f"{target}?avis=deja#avis")
    PageFeedback.objects.create(page=page, useful=useful == "oui", comment=mask_personal_data(comment))
    return HttpResponseRedirect(f"{target}?avis=merci#avis")
