"""News: the news items, their tags, and the news list with its RSS and Atom feeds (home.feeds,
which reads the list page it is given and imports no model)."""

import datetime
import re

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.pagination import paginate_or_error

from .. import feeds
from ..blocks import BodyBlock
from .base import BasePage

TAG_SLUG = re.compile(r"[-\w]{1,100}")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("étiquette d'actualité")
        verbose_name_plural = _("étiquettes d'actualités")

    def __str__(self):
        return f"{self.content_object} – {self.tag}"


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=datetime.date.today)
    intro = models.TextField(_("chapô"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Laisser vide si l'image est purement décorative."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("étiquettes"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    show_feedback = True
    og_type = "article"

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        ordering = ["-date"]


class NewsIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(_("chapô"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.NewsPage"]
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = _("liste des actualités")
        verbose_name_plural = _("listes des actualités")

    def news(self, tag=None):
        news = NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")
        if tag is not None:
            news = news.filter(tags=tag)
        return news

    def tag_from(self, request):
        """The `tag` parameter as a Tag, None when absent; 404 for an unknown or malformed one."""
        slug = request.GET.get("tag")
        if slug is None:
            return None
        # A slug is letters, digits and dashes; anything else (a NUL byte…) never reaches the database.
        tag = Tag.objects.filter(slug=slug).first() if TAG_SLUG.fullmatch(slug) else None
        if tag is None:
            raise Http404(_("Étiquette inconnue."))
        return tag

    @path("")
    def index(self, request):
        tag = self.tag_from(request)
        news = self.news(tag).select_related("image").prefetch_related("image__renditions", "tags")
        page_obj, error = paginate_or_error(news, request, self.per_page)
        if error:
            return error
        context = {"news_page": page_obj, "current_tag": tag, "all_tags": self.tags_in_use()}
        return self.render(request, context_overrides=context)

    def tags_in_use(self):
        return (
            Tag.objects.filter(
                home_newspagetag_items__content_object__live=True,
                home_newspagetag_items__content_object__path__startswith=self.path,
            )
            .distinct()
            .order_by("name")
        )

    @path("rss/", name="rss")
    def rss(self, request):
        return feeds.NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        return feeds.NewsAtomFeed(self)(request)
