"""The StreamField block library every page of the portal shares (programme and shareloc may reuse it).

Each block carries the accessibility rule it needs (alternative text, table caption, heading
level, transcript) as validation, so an editor cannot publish an inaccessible block."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from core.links import validate_link

from .block_rules import (  # noqa: F401 (RichTextHeadingOrder and field_error are imported from here by models)
    RICH_FEATURES,
    RICH_TEXT_HEADING,
    RichTextHeadingOrder,
    field_error,
    heading_order_error,
)
from .layout_blocks import (
    AltImageBlock,
    CardsBlock,
    ColumnsBlock,
    FrameBlock,
    GalleryBlock,
    HeroBlock,
    ImageTextBlock,
    StepsBlock,
    TabsBlock,
    check_link_text,
)


def heading_levels(child):
    """The levels of the headings in a stream child, in order: a heading block's own, a block's titles (its
    `heading_levels(value)`), a rich text's `<hN>`s."""
    if child.block_type == "heading":
        return [int(child.value["level"][1])]
    if hasattr(child.block, "heading_levels"):
        return child.block.heading_levels(child.value)
    source = getattr(child.value, "source", None)
    return [int(level) for level in RICH_TEXT_HEADING.findall(source)] if isinstance(source, str) else []


class HeadingBlock(blocks.StructBlock):
    """A heading whose level the editor picks; the page title is the only h1."""

    text = blocks.CharBlock(label=_("texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Titre de niveau 2")), ("h3", _("Titre de niveau 3")), ("h4", _("Titre de niveau 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "home/blocks/heading.html"


class ImageBlock(AltImageBlock):
    """An image of the text (the text alternative rule is AltImageBlock's), with an optional caption."""

    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("libellé du bouton"), max_length=80)
    page = blocks.PageChooserBlock(label=_("page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse externe"), required=False, validators=[validate_link])
    description = blocks.CharBlock(label=_("phrase d'accroche"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise field_error("url", _("Choisissez une page du site ou donnez une adresse."))
        return value

    class Meta:
        icon = "link"
        label = _("Appel à l'action")
        template = "home/blocks/call_to_action.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question ou titre"), max_length=250)
    answer = blocks.RichTextBlock(label=_("réponse"), features=RICH_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre de la FAQ"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordéon / FAQ")
        template = "home/blocks/accordion.html"


class AccessibleTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("titre du tableau (légende)"), max_length=250)
    table = TableBlock(label=_("tableau"), table_options={"startRows": 3, "startCols": 3})

    def clean(self, value):
        value = super().clean(value)
        table = value.get("table") or {}
        if not (table.get("first_row_is_table_header") or table.get("first_col_is_header")):
            raise field_error(
                "table", _("Indiquez une ligne ou une colonne d'en-tête (« La première ligne est un en-tête »).")
            )
        return value

    class Meta:
        icon = "table"
        label = _("Tableau")
        template = "home/blocks/table.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    author = blocks.CharBlock(label=_("auteur"), required=False, max_length=150)
    role = blocks.CharBlock(label=_("qualité de l'auteur"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "home/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("intitulé (sinon le titre du document)"), required=False, max_length=200)

    def clean(self, value):
        # The title is the link's text (its format and size follow it): it must say what the document is.
        value = super().clean(value)
        check_link_text(value, "title")
        return value

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "home/blocks/document.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("adresse de la vidéo"), validators=[validate_link])
    title = blocks.CharBlock(label=_("titre de la vidéo"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("transcription"),
        features=RICH_FEATURES,
        help_text=_("Obligatoire (RGAA 4.1) : le texte de ce qui est dit et montré."),
    )

    class Meta:
        icon = "media"
        label = _("Vidéo avec transcription")
        template = "home/blocks/video.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("service ou personne"), max_length=150)
    role = blocks.CharBlock(label=_("mission"), required=False, max_length=200)
    email = blocks.EmailBlock(label=_("courriel"), required=False)
    phone = blocks.CharBlock(label=_("téléphone"), required=False, max_length=30)
    address = blocks.TextBlock(label=_("adresse postale"), required=False)
    hours = blocks.CharBlock(label=_("horaires"), required=False, max_length=200)

    class Meta:
        icon = "user"
        label = _("Fiche contact")
        template = "home/blocks/contact_card.html"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("chiffre"), max_length=30)
    label = blocks.CharBlock(label=_("ce qu'il mesure"), max_length=150)


class LiveFigureBlock(blocks.StructBlock):
    """A key figure the site counts itself at each display, so it never goes stale: the home page's
    « aides en ligne » is the number of live, public aid pages now, not the number on the day an
    editor typed it. HomePage.key_figure_items() computes it."""

    MEASURES = {"aids": _("aides en ligne"), "news": _("actualités publiées")}
    measure = blocks.ChoiceBlock(label=_("ce que le site compte"), choices=list(MEASURES.items()))
    label = blocks.CharBlock(label=_("ce qu'il mesure"), max_length=150)

    class Meta:
        icon = "order"
        label = _("Chiffre calculé par le site")


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False, max_length=150)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("chiffres"), min_num=1, max_num=6)

    class Meta:
        icon = "pick"
        label = _("Chiffres clés")
        template = "home/blocks/key_figures.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("type"),
        default="info",
        choices=[("info", _("Information")), ("warning", _("Attention")), ("success", _("Bon à savoir"))],
    )
    title = blocks.CharBlock(label=_("titre"), required=False, max_length=150)
    text = blocks.RichTextBlock(label=_("texte"), features=RICH_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "home/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Texte"), features=RICH_FEATURES, icon="pilcrow")
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = AccessibleTableBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    video = VideoBlock()
    contact = ContactCardBlock()
    key_figures = KeyFiguresBlock()
    callout = CalloutBlock()
    hero = HeroBlock()
    image_text = ImageTextBlock()
    cards = CardsBlock()
    columns = ColumnsBlock()
    steps = StepsBlock()
    tabs = TabsBlock()
    gallery = GalleryBlock()
    frame = FrameBlock()

    def clean(self, value):
        value = super().clean(value)
        # Heading levels may not skip one (h2 then h4), whether the heading is a block of its own or a title
        # inside a text block: screen-reader users navigate by them.
        previous = 1
        errors = {}
        for index, child in enumerate(value):
            message, previous = heading_order_error(heading_levels(child), previous)
            if message:
                errors[index] = ValidationError(message)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


class QuickAccessTileBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=80)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=200)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("ou adresse"),
        required=False,
        max_length=300,
        validators=[validate_link],
        help_text=_("https://…, mailto:…, tel:… ou un chemin du site commençant par « / »."),
    )

    class Meta:
        icon = "link"
        label = _("Accès rapide")
