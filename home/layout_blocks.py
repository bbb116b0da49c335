"""Layout blocks of the block library: hero, image and text, cards, columns, steps, tabs, gallery and an
allow-listed embedded map or frame. Accessible by construction: every image has a text alternative or is
marked decorative, every frame has a title, every heading level is known to the body's heading-order rule
(`heading_levels`), link texts are never "cliquez ici"."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.links import validate_link

from .block_rules import RICH_FEATURES, RICH_TEXT_HEADING, field_error

VAGUE_LINK_TEXTS = {"cliquez ici", "ici", "lire la suite", "en savoir plus", "plus", "lien", "voir", "cliquer ici"}


def check_link_text(value, name):
    text = (value.get(name) or "").strip().lower().rstrip(".!… ")
    if text in VAGUE_LINK_TEXTS:
        raise field_error(name, _("Le libellé d'un lien doit dire où il mène (pas « %(text)s »).") % {"text": text})


class AltImageBlock(blocks.StructBlock):
    """An image with its text alternative, or marked decorative."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("texte alternatif"),
        required=False,
        max_length=250,
        help_text=_("Ce que l'image apporte à la lecture. Obligatoire sauf si l'image est décorative."),
    )
    decorative = blocks.BooleanBlock(label=_("image décorative (ignorée par les lecteurs d'écran)"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise field_error("alt_text", _("Donnez un texte alternatif, ou cochez « image décorative »."))
        return value


class LinkBlock(blocks.StructBlock):
    """An optional link: a page of the site or an address, with a text that says where it leads."""

    text = blocks.CharBlock(label=_("libellé du lien"), required=False, max_length=80)
    page = blocks.PageChooserBlock(label=_("page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse"), required=False, validators=[validate_link])

    def clean(self, value):
        value = super().clean(value)
        if (value.get("page") or value.get("url")) and not (value.get("text") or "").strip():
            raise field_error("text", _("Donnez le libellé du lien."))
        check_link_text(value, "text")
        return value


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=120)
    text = blocks.TextBlock(label=_("texte"), required=False, max_length=400)
    image = ImageChooserBlock(label=_("image de fond (décorative)"), required=False)
    link = LinkBlock(label=_("bouton"), required=False)

    def heading_levels(self, value):
        return [2]

    class Meta:
        icon = "image"
        label = _("Bandeau")
        template = "home/blocks/hero.html"


class ImageTextBlock(blocks.StructBlock):
    image = AltImageBlock(label=_("image"))
    text = blocks.RichTextBlock(label=_("texte"), features=RICH_FEATURES)
    image_on_right = blocks.BooleanBlock(label=_("image à droite"), required=False)

    def heading_levels(self, value):
        return [int(level) for level in RICH_TEXT_HEADING.findall(value["text"].source)]

    class Meta:
        icon = "image"
        label = _("Image et texte")
        template = "home/blocks/image_text.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=120)
    text = blocks.TextBlock(label=_("texte"), required=False, max_length=300)
    image = ImageChooserBlock(label=_("image"), required=False)
    image_alt = blocks.CharBlock(label=_("texte alternatif de l'image"), required=False, max_length=250)
    image_decorative = blocks.BooleanBlock(label=_("image décorative"), required=False)
    page = blocks.PageChooserBlock(label=_("page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse"), required=False, validators=[validate_link])

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_decorative") and not (value.get("image_alt") or "").strip():
            raise field_error("image_alt", _("Donnez un texte alternatif, ou cochez « image décorative »."))
        return value


class CardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre de la série (facultatif)"), required=False, max_length=120)
    cards = blocks.ListBlock(CardBlock(), label=_("cartes"), min_num=1, max_num=12)

    def heading_levels(self, value):
        # A titled series is an h2 with h3 cards; an untitled one's cards are h2s.
        return [2, 3] if value.get("title") else [2]

    class Meta:
        icon = "table"
        label = _("Cartes")
        template = "home/blocks/cards.html"


class ColumnsBlock(blocks.StructBlock):
    columns = blocks.ListBlock(
        blocks.RichTextBlock(label=_("colonne"), features=RICH_FEATURES), label=_("colonnes"), min_num=2, max_num=3
    )

    def heading_levels(self, value):
        return [int(level) for column in value["columns"] for level in RICH_TEXT_HEADING.findall(column.source)]

    class Meta:
        icon = "grip"
        label = _("Colonnes")
        template = "home/blocks/columns.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("étape"), max_length=120)
    text = blocks.RichTextBlock(label=_("détail"), required=False, features=["bold", "italic", "link", "ul"])


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("étapes"), min_num=2, max_num=12)

    def heading_levels(self, value):
        return [2, 3]

    class Meta:
        icon = "list-ol"
        label = _("Étapes")
        template = "home/blocks/steps.html"


class TabBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("onglet"), max_length=60)
    content = blocks.RichTextBlock(label=_("contenu"), features=["bold", "italic", "link", "ol", "ul", "document-link"])


class TabsBlock(blocks.StructBlock):
    tabs = blocks.ListBlock(TabBlock(), label=_("onglets"), min_num=2, max_num=6)

    def heading_levels(self, value):
        return [2]

    class Meta:
        icon = "folder-open-1"
        label = _("Onglets")
        template = "home/blocks/tabs.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre (facultatif)"), required=False, max_length=120)
    images = blocks.ListBlock(AltImageBlock(), label=_("images"), min_num=2, max_num=24)

    def heading_levels(self, value):
        return [2] if value.get("title") else []

    class Meta:
        icon = "image"
        label = _("Galerie")
        template = "home/blocks/gallery.html"


def allowed_frame_hosts():
    return getattr(settings, "MAREGION_FRAME_HOSTS", ())


class FrameBlock(blocks.StructBlock):
    """A map or a frame from an allow-listed host (settings.MAREGION_FRAME_HOSTS), with a title for screen readers."""

    url = blocks.URLBlock(label=_("adresse du cadre"), validators=[validate_link])
    title = blocks.CharBlock(
        label=_("titre du cadre"), max_length=150, help_text=_("Ce que contient le cadre, lu par les lecteurs d'écran.")
    )
    height = blocks.IntegerBlock(label=_("hauteur (pixels)"), min_value=200, max_value=900, default=450)
    fallback_text = blocks.CharBlock(
        label=_("lien de remplacement"),
        max_length=120,
        default=_("Ouvrir la carte dans un nouvel onglet"),
        help_text=_("Pour qui ne peut pas utiliser le cadre."),
    )

    def clean(self, value):
        value = super().clean(value)
        parts = urlsplit(value.get("url") or "")
        if parts.scheme != "https" or parts.hostname not in allowed_frame_hosts():
            raise field_error(
                "url",
                _("Seules les adresses https de ces sites sont acceptées : %(hosts)s.")
                % {"hosts": ", ".join(allowed_frame_hosts())},
            )
        return value

    class Meta:
        icon = "site"
        label = _("Carte ou cadre intégré")
        template = "home/blocks/frame.html"
