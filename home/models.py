"""The portal's page types, taxonomies, site settings, menus and page feedback."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import RICH_FEATURES, BodyBlock, DocumentBlock, KeyFigureBlock, QuickAccessTileBlock

# --- shared page behaviour -------------------------------------------------------------------


class BasePage(Page):
    """What every editorial page shares: an Open Graph image and a "review by" date.

    The page's owner (Wagtail's `owner`) is the person answerable for its freshness."""

    review_by = models.DateField(
        _("à relire avant le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle le propriétaire de la page doit vérifier qu'elle est toujours exacte."),
    )
    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage (réseaux sociaux)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = Page.promote_panels + [FieldPanel("og_image")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("owner"), FieldPanel("review_by")], heading=_("Fraîcheur du contenu")),
    ]

    # Pages that show the "Cette page vous a-t-elle été utile ?" box.
    show_feedback = False
    og_type = "website"

    class Meta:
        abstract = True

    @property
    def is_overdue(self):
        return self.review_by is not None and self.review_by < timezone.localdate()


def freshness_models():
    """The concrete page models that carry a review date (every subclass of BasePage)."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, BasePage) and not m._meta.abstract]


# --- taxonomies ------------------------------------------------------------------------------


class AidAudience(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("public d'une aide")
        verbose_name_plural = _("publics des aides")

    def __str__(self):
        return self.name


class AidTheme(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème d'une aide")
        verbose_name_plural = _("thèmes des aides")

    def __str__(self):
        return self.name


DEPARTMENTS = (("02", "Aisne"), ("59", "Nord"), ("60", "Oise"), ("62", "Pas-de-Calais"), ("80", "Somme"))


class Department(models.Model):
    """The five départements of the Région (fixed reference data, see ensure_all)."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @classmethod
    def ensure_all(cls):
        if cls.objects.count() == len(DEPARTMENTS):
            return
        for code, name in DEPARTMENTS:
            cls.objects.get_or_create(code=code, defaults={"name": name})


# --- home ------------------------------------------------------------------------------------


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
    key_figures = StreamField([("figure", KeyFigureBlock())], verbose_name=_("chiffres clés"), blank=True)

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
        return context


class HomePageHighlightedAid(Orderable):
    home = ParentalKey(HomePage, related_name="highlighted_aids", on_delete=models.CASCADE)
    aid = models.ForeignKey("home.AidePage", verbose_name=_("aide"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("aid", "home.AidePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("aide mise en avant")
        verbose_name_plural = _("aides mises en avant")

    def __str__(self):
        return str(self.aid)


# --- content and section pages ---------------------------------------------------------------


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
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
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


# --- the aid catalogue -----------------------------------------------------------------------


def _checkboxes():
    from django import forms

    return forms.CheckboxSelectMultiple


class AidePage(BasePage):
    """One aid scheme of the Région: who, what, where, when, how much and how to apply."""

    PERIODICITY_CHOICES = [
        ("ponctuelle", _("ponctuelle")),
        ("mensuelle", _("mensuelle")),
        ("annuelle", _("annuelle")),
        ("autre", _("autre")),
    ]
    STATUS_OPEN, STATUS_CLOSED, STATUS_UPCOMING = "open", "closed", "upcoming"
    STATUS_LABELS = {STATUS_OPEN: _("Ouverte"), STATUS_CLOSED: _("Clôturée"), STATUS_UPCOMING: _("À venir")}

    summary = models.TextField(_("résumé"), help_text=_("Deux ou trois phrases : ce que l'aide apporte, à qui."))
    audiences = ParentalManyToManyField(AidAudience, verbose_name=_("publics"), blank=True, related_name="aids")
    themes = ParentalManyToManyField(AidTheme, verbose_name=_("thèmes"), blank=True, related_name="aids")
    whole_region = models.BooleanField(_("toute la Région"), default=True)
    departments = ParentalManyToManyField(
        Department,
        verbose_name=_("départements"),
        blank=True,
        related_name="aids",
        help_text=_("Seulement si l'aide ne couvre pas toute la Région."),
    )
    opens_on = models.DateField(_("ouverture le"), null=True, blank=True)
    closes_on = models.DateField(_("clôture le"), null=True, blank=True)
    amount_eur = models.DecimalField(_("montant (€)"), max_digits=10, decimal_places=2, null=True, blank=True)
    amount_text = models.CharField(
        _("montant en clair"), max_length=150, blank=True, help_text=_("Par exemple : « jusqu'à 400 € par mois ».")
    )
    periodicity = models.CharField(_("périodicité"), max_length=20, choices=PERIODICITY_CHOICES, blank=True)
    eligibility = RichTextField(_("conditions d'éligibilité"), blank=True, features=RICH_FEATURES)
    how_to_apply = RichTextField(_("comment faire la demande"), blank=True, features=RICH_FEATURES)
    apply_url = models.URLField(_("adresse du service en ligne"), max_length=500, blank=True)
    documents = StreamField([("document", DocumentBlock())], verbose_name=_("documents"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("compléments"), blank=True)
    # A plain code that La Belette resolves (the portal never imports belette).
    responsible_unit_code = models.CharField(
        _("service responsable (code La Belette)"),
        max_length=40,
        blank=True,
        db_index=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("audiences", widget=_checkboxes()), FieldPanel("themes", widget=_checkboxes())],
            heading=_("Pour qui, sur quoi"),
        ),
        MultiFieldPanel(
            [FieldPanel("whole_region"), FieldPanel("departments", widget=_checkboxes())], heading=_("Territoire")
        ),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Dates")),
        FieldRowPanel(
            [FieldPanel("amount_eur"), FieldPanel("amount_text"), FieldPanel("periodicity")], heading=_("Montant")
        ),
        FieldPanel("eligibility"),
        FieldPanel("how_to_apply"),
        FieldPanel("apply_url"),
        FieldPanel("documents"),
        FieldPanel("body"),
        FieldPanel("responsible_unit_code"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("eligibility"),
        index.SearchField("how_to_apply"),
        index.FilterField("whole_region"),
        index.FilterField("opens_on"),
        index.FilterField("closes_on"),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    parent_page_types = ["home.AideIndexPage"]
    subpage_types = []
    show_feedback = True

    class Meta:
        verbose_name = _("aide")
        verbose_name_plural = _("aides")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("La clôture doit suivre l'ouverture.")})

    def status_on(self, day):
        if self.opens_on and day < self.opens_on:
            return self.STATUS_UPCOMING
        if self.closes_on and day > self.closes_on:
            return self.STATUS_CLOSED
        return self.STATUS_OPEN

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    @property
    def amount_display(self):
        if self.amount_text:
            return self.amount_text
        if self.amount_eur is None:
            return ""
        amount = f"{self.amount_eur:,.0f}".replace(",", "\u202f")
        return f"{amount} €" + (f" ({self.get_periodicity_display()})" if self.periodicity else "")


class AideIndexPage(BasePage):
    """The aid catalogue: filters (django-filter) over the live AidePages below it."""

    intro = models.TextField(_("chapô"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.AidePage"]
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = _("catalogue des aides")
        verbose_name_plural = _("catalogues des aides")

    def serve(self, request, *args, **kwargs):
        from .catalogue import aid_catalogue

        result = aid_catalogue(self, request)
        context = self.get_context(request, *args, **kwargs)
        context.update(result.context)
        return TemplateResponse(request, self.get_template(request), context, status=result.status)


# --- news ------------------------------------------------------------------------------------


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
        from taggit.models import Tag

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
        from core.pagination import paginate_or_error

        tag = self.tag_from(request)
        news = self.news(tag).select_related("image").prefetch_related("image__renditions", "tags")
        page_obj, error = paginate_or_error(news, request, self.per_page)
        if error:
            return error
        context = {"news_page": page_obj, "current_tag": tag, "all_tags": self.tags_in_use()}
        return self.render(request, context_overrides=context)

    def tags_in_use(self):
        from taggit.models import Tag

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
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


# --- forms -----------------------------------------------------------------------------------


class FormField(AbstractFormField):
    page = ParentalKey("home.FormPage", related_name="form_fields", on_delete=models.CASCADE)

    class Meta(AbstractFormField.Meta):
        verbose_name = _("champ de formulaire")
        verbose_name_plural = _("champs de formulaire")

    def __str__(self):
        return self.label


class FormPage(EmailFormMixin, FormMixin, BasePage):
    """A form built in the admin (contact form): honeypot, rate limit, confirmation e-mail."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)
    thank_you_text = RichTextField(_("message de remerciement"), blank=True, features=RICH_FEATURES)
    confirmation_text = models.TextField(
        _("texte du courriel de confirmation"),
        blank=True,
        help_text=_("Envoyé à l'adresse saisie dans le formulaire (s'il a un champ de type courriel)."),
    )

    content_panels = Page.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("champs du formulaire")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
                FieldPanel("confirmation_text"),
            ],
            heading=_("Courriels"),
        ),
    ]
    submissions_per_hour = 5

    class Meta:
        verbose_name = _("page de formulaire")
        verbose_name_plural = _("pages de formulaire")

    def get_submissions_list_view_class(self):
        from .views import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_form_class(self):
        from .forms import with_honeypot

        return with_honeypot(super().get_form_class())

    def serve(self, request, *args, **kwargs):
        from .forms import serve_form_page

        return serve_form_page(self, request, *args, **kwargs)

    def send_mail(self, form):
        from core.email import send_email_after_commit

        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        send_email_after_commit(self.subject or str(self.title), self.render_email(form), addresses)


# --- settings and menus ----------------------------------------------------------------------


@register_setting(icon="site")
class SiteIdentity(ClusterableModel, BaseSiteSetting):
    """Logo, contact details, social links and the alert banner."""

    ALERT_LEVELS = [("info", _("Information")), ("warning", _("Attention")), ("error", _("Alerte"))]

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=150, default="Région Hauts-de-France")
    address = models.TextField(
        _("adresse postale"), blank=True, default="151 avenue du Président Hoover, 59555 Lille Cedex"
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page de contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    alert_message = models.CharField(_("message du bandeau d'alerte"), max_length=300, blank=True)
    alert_level = models.CharField(_("niveau"), max_length=10, choices=ALERT_LEVELS, default="info")
    alert_link = models.CharField(_("lien (facultatif)"), max_length=300, blank=True)
    alert_starts_at = models.DateTimeField(_("affiché à partir du"), null=True, blank=True)
    alert_ends_at = models.DateTimeField(_("affiché jusqu'au"), null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_page"),
            ],
            heading=_("Identité et contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("alert_message"),
                FieldPanel("alert_level"),
                FieldPanel("alert_link"),
                FieldRowPanel([FieldPanel("alert_starts_at"), FieldPanel("alert_ends_at")]),
            ],
            heading=_("Bandeau d'alerte"),
        ),
        InlinePanel("social_links", label=_("réseaux sociaux")),
    ]

    class Meta:
        verbose_name = _("identité du site")
        verbose_name_plural = _("identités du site")

    def __str__(self):
        return str(_("Identité du site"))

    def clean(self):
        super().clean()
        if self.alert_starts_at and self.alert_ends_at and self.alert_ends_at <= self.alert_starts_at:
            raise ValidationError({"alert_ends_at": _("La fin doit suivre le début.")})

    def alert_is_active(self, now=None):
        if not self.alert_message:
            return False
        now = now or timezone.now()
        if self.alert_starts_at and now < self.alert_starts_at:
            return False
        return not (self.alert_ends_at and now >= self.alert_ends_at)

    @cached_property
    def active_alert(self):
        return self.alert_is_active()


class SocialLink(Orderable):
    NETWORKS = [
        ("facebook", "Facebook"),
        ("instagram", "Instagram"),
        ("linkedin", "LinkedIn"),
        ("youtube", "YouTube"),
        ("mastodon", "Mastodon"),
        ("bluesky", "Bluesky"),
        ("x", "X"),
    ]
    identity = ParentalKey(SiteIdentity, related_name="social_links", on_delete=models.CASCADE)
    network = models.CharField(_("réseau"), max_length=20, choices=NETWORKS)
    url = models.URLField(_("adresse"))

    class Meta(Orderable.Meta):
        verbose_name = _("lien vers un réseau social")
        verbose_name_plural = _("liens vers les réseaux sociaux")

    def __str__(self):
        return self.get_network_display()


class MenuItem(Orderable):
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link_url = models.CharField(_("ou adresse"), max_length=300, blank=True)
    link_text = models.CharField(
        _("libellé"), max_length=80, blank=True, help_text=_("Par défaut, le titre de la page.")
    )

    panels = [PageChooserPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if not self.link_page_id and not self.link_url:
            raise ValidationError({"link_url": _("Choisissez une page ou donnez une adresse.")})

    @property
    def label(self):
        return self.link_text or (self.link_page.title if self.link_page_id else self.link_url)


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu and the footer menu, edited in the admin."""

    panels = [
        InlinePanel("main_items", label=_("menu principal"), max_num=8),
        InlinePanel("footer_items", label=_("menu du pied de page")),
    ]

    class Meta:
        verbose_name = _("menus")
        verbose_name_plural = _("menus")

    def __str__(self):
        return str(_("Menus"))


class MainMenuItem(MenuItem):
    navigation = ParentalKey(NavigationSettings, related_name="main_items", on_delete=models.CASCADE)

    class Meta(MenuItem.Meta):
        verbose_name = _("entrée du menu principal")
        verbose_name_plural = _("entrées du menu principal")


class FooterMenuItem(MenuItem):
    navigation = ParentalKey(NavigationSettings, related_name="footer_items", on_delete=models.CASCADE)

    class Meta(MenuItem.Meta):
        verbose_name = _("entrée du menu de pied de page")
        verbose_name_plural = _("entrées du menu de pied de page")


# --- page feedback ---------------------------------------------------------------------------


class PageFeedback(models.Model):
    """One "was this page useful?" answer. No personal data: no user, no address, only the day."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="feedback"
    )
    useful = models.BooleanField(_("utile"))
    comment = models.TextField(_("commentaire"), blank=True, max_length=1000)
    created_on = models.DateField(_("jour"), default=datetime.date.today, db_index=True)

    class Meta:
        verbose_name = _("avis sur une page")
        verbose_name_plural = _("avis sur les pages")
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return f"{self.page_id} – {'oui' if self.useful else 'non'} ({self.created_on})"
