"""Site settings edited in the admin: the site's identity (contact, social links, alert banner) and
its menus. home.chrome reads them, cached, for every page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.links import validate_link


def default_organisation():
    """The publishing organisation's name from the settings (ORGANISATION_NAME), as the identity's first value."""
    return settings.ORGANISATION_NAME


@register_setting(icon="site")
class SiteIdentity(ClusterableModel, BaseSiteSetting):
    """Logo, contact details, the legal notice's director of publication and host, social links and the alert banner."""

    ALERT_LEVELS = [("info", _("Information")), ("warning", _("Attention")), ("error", _("Alerte"))]

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=150, default=default_organisation)
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
    publication_director = models.CharField(
        _("directeur ou directrice de la publication"),
        max_length=200,
        blank=True,
        help_text=_("Nom et fonction, par exemple « Prénom Nom, président du conseil régional »."),
    )
    host_name = models.CharField(_("hébergeur"), max_length=200, blank=True, help_text=_("Raison sociale."))
    host_address = models.TextField(_("adresse de l'hébergeur"), blank=True)
    host_phone = models.CharField(_("téléphone de l'hébergeur"), max_length=30, blank=True)
    alert_message = models.CharField(_("message du bandeau d'alerte"), max_length=300, blank=True)
    alert_level = models.CharField(_("niveau"), max_length=10, choices=ALERT_LEVELS, default="info")
    alert_link = models.CharField(_("lien (facultatif)"), max_length=300, blank=True, validators=[validate_link])
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
                FieldPanel("publication_director"),
                FieldPanel("host_name"),
                FieldPanel("host_address"),
                FieldPanel("host_phone"),
            ],
            heading=_("Mentions légales"),
            help_text=_("Affichés sur la page « Mentions légales » ; un champ vide y apparaît « à compléter »."),
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
    url = models.URLField(_("adresse"), validators=[validate_link])

    class Meta(Orderable.Meta):
        verbose_name = _("lien vers un réseau social")
        verbose_name_plural = _("liens vers les réseaux sociaux")

    def __str__(self):
        return self.get_network_display()


class MenuItem(Orderable):
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link_url = models.CharField(_("ou adresse"), max_length=300, blank=True, validators=[validate_link])
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
