"""The Wagtail API v2 (pages, images, documents), read-only and public like the site itself."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)


# The OpenAPI schema documents our own JSON APIs; Wagtail's API v2 documents itself.
DOCUMENTED_API_PREFIXES = ("/api/shareloc/", "/api/belette/", "/api/search/", "/api/programme/")


def only_our_endpoints(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep the endpoints under our API prefixes."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(DOCUMENTED_API_PREFIXES)]
