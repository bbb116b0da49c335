import re

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from core.accounts import SitePasswordResetConfirmView, SitePasswordResetForm
from core.exports import make_exports_safe
from core.storage import document_urlpatterns
from home import views as home_views

from .api import api_router

urlpatterns = [
    path("healthz/", home_views.healthz, name="healthz"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(document_urlpatterns())),
    path("connexion/", home_views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "connexion/mot-de-passe-oublie/",
        auth_views.PasswordResetView.as_view(form_class=SitePasswordResetForm),
        name="password_reset",
    ),
    path(
        "connexion/mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "connexion/nouveau-mot-de-passe/<uidb64>/<token>/",
        SitePasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "connexion/nouveau-mot-de-passe/fait/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("api/v2/", api_router.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script under the CSP.
    path("api/schema/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("home.urls")),
    path("", include("shareloc.urls")),
    path("", include("belette.urls")),
    path("", include("programme.urls")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.MEDIA_URL.startswith("/"):
    # Public uploads (images, their renditions, documents) on local disk, served by us unless the front
    # server answers /media/ first (docs/deploy.md, "Media"); SERVE_MEDIA=0 turns this off.
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", home_views.media, name="media")
    ]

# Every spreadsheet export of the admin, Wagtail's own reports included, goes through core.exports.
make_exports_safe(urlpatterns)

# Wagtail's page serving comes last: it answers every path the others did not claim.
urlpatterns += [path("", include(wagtail_urls))]
