"""Error pages Django does not draw itself, and who is told about errors.

Django renders 400.html, 403.html, 404.html, 500.html and 403_csrf.html (CSRF failure) from
site/templates; a 405 comes from `require_POST`-style views with an empty body, which this middleware
replaces with the site's French page (keeping the `Allow` header). API answers are left as they are.
"""

from django.template.loader import render_to_string


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not getattr(response, "streaming", False)
            and not response.content
            and not request.path_info.startswith("/api/")
        ):
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
