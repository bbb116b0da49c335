"""The portal's plain pages: the home page, content and section pages, the human site map."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BodyBlock, KeyFigureBlock, LiveFigureBlock, QuickAccessTileBlock
from .aid_index import AideIndexPage
from .aids import AidePage
from .base import BasePage
from .news import NewsIndexPage, NewsPage


class HomePage(BasePage):
    """The portal's front page: the root of the site tree."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image du bandeau (décorative)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tiles = StreamField([("tile", QuickAccessTileBlock())], verbose_name=_("accès rapides"), blank=True)
    key_figures_title = models.CharField(_("titre des chiffres clés"), max_length=150, blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock()), ("live_figure", LiveFigureBlock())], verbose_name=_("chiffres clés"), blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("tiles"),
        InlinePanel("highlighted_aids", label=_("aides mises en avant"), max_num=6),
        MultiFieldPanel([FieldPanel("key_figures_title"), FieldPanel("key_figures")], heading=_("Chiffres clés")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["highlighted_aids"] = [
            item.aid for item in self.highlighted_aids.select_related("aid").filter(aid__live=True)
        ]
        context["latest_news"] = (
            NewsPage.objects.live()
            .public()
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")[:3]
        )
        context["aid_index"] = AideIndexPage.objects.live().first()
        context["news_index"] = NewsIndexPage.objects.live().first()
        context["key_figure_items"] = self.key_figure_items()
        return context

    def key_figure_items(self):
        """(figure, label) of each key figure, the counted ones counted now (one query per measure used)."""
        counters = {
            "aids": lambda: AidePage.objects.live().public().count(),
            "news": lambda: NewsPage.objects.live().public().count(),
        }
        counted, items = {}, []
        for block in self.key_figures:
            if block.block_type == "live_figure":
                measure = block.value["measure"]
                if measure not in counted:
                    counted[measure] = counters[measure]()
                items.append((str(counted[measure]), block.value["label"]))
            else:
                items.append((block.value["figure"], block.value["label"]))
        return items


class HomePageHighlightedAid(Orderable):
    home = ParentalKey(HomePage, related_name="highlighted_aids", on_delete=models.CASCADE)
    aid = models.ForeignKey("home.AidePage", verbose_name=_("aide"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("aid", "home.AidePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("aide mise en avant")
        verbose_name_plural = _("aides mises en avant")

    def __str__(self):
        return str(self.aid)


class ContentPage(BasePage):
    """A page of text built from the block library (services, legal pages, guides)."""

    intro = models.TextField(_("chapô"), blank=True, help_text=_("Une ou deux phrases qui résument la page."))
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro", boost=2), index.SearchField("body")]
    show_feedback = True

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


class SectionPage(BasePage):
    """A rubric: an introduction, then its live sub-pages as cards."""

    intro = models.TextField(_("chapô"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image du bandeau (décorative)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Une photo ou une illustration qui donne le ton de la rubrique ; elle n'est pas lue aux aveugles."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("page de rubrique")
        verbose_name_plural = _("pages de rubrique")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Title, address and description live on Page itself: no per-type query needed.
        context["children"] = (
            self.get_children()
            .live()
            .public()
            .only("title", "url_path", "path", "depth", "search_description", "seo_title")
        )
        return context


class SitemapPage(BasePage):
    """The human site map ("plan du site"): the tree of live pages, news items aside."""

    intro = models.TextField(_("chapô"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_depth_below_home = 2

    class Meta:
        verbose_name = _("plan du site")
        verbose_name_plural = _("plans du site")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        root = site.root_page if site else self.get_parent()
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(root)
            .filter(depth__lte=root.depth + self.max_depth_below_home)
            .exclude(content_type__model="newspage", content_type__app_label="home")
            .only("title", "url_path", "path", "depth")
            .order_by("path")
        )
        context["tree"] = build_tree(pages, root.depth + 1)
        context["tree_root"] = root
        return context


def build_tree(pages, top_depth):
    """Nest pages (ordered by path) as [(page, [children...]), ...] from `top_depth` down."""
    roots, stack = [], []
    for page in pages:
        if page.depth < top_depth:
            continue
        node = (page, [])
        while stack and stack[-1][0].depth >= page.depth:
            stack.pop()
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots
