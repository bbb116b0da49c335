from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page


def search(request):
    """The site search page (issue 8 grows it); here: live pages through Wagtail's backend."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.live().public().search(query, operator="and") if query else Page.objects.none()
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        raise Http404("page invalide") from None
    except EmptyPage:
        raise Http404("page hors limites") from None
    return TemplateResponse(request, "search/search.html", {"search_query": query, "results": page})
