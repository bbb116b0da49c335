"""The one link rule (core/links.py), and a walk over every model field and every StreamField block
of the project: a field or block that holds an address must use `validate_link`, and refuse
`javascript:` and `data:`.

What counts as link-like is explicit: a URLField or URLBlock, or a text field or block whose name says
it holds an address (LINK_NAME). A new link field that forgets the validator fails here; a text field
whose name looks like a link but is not one must be listed in NOT_LINKS with the reason."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField

from core.links import is_safe_link, validate_link

PROJECT_APPS = {"core", "home", "programme", "shareloc", "belette", "search"}

LINK_NAME = re.compile(r"(^|_)(url|urls|link|links|href|website|site_web|lien|path)($|_)")

# Link fields of libraries' models that our templates render: they cannot carry our validator, so the
# test checks that they refuse script addresses, and the code that renders them applies is_safe_link.
RENDERED_LIBRARY_LINKS = [("wagtailsearchpromotions.SearchPromotion", "external_link_url")]

# (model label or block path, field name): why it is not an address rendered in an href.
NOT_LINKS = {
    ("home.MainMenuItem", "link_text"): "the label of a menu entry",
    ("home.FooterMenuItem", "link_text"): "the label of a menu entry",
}

HOSTILE = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\njavascript:alert(1)",
    "\x01javascript:alert(1)",
    "DATA:text/html,<script>alert(1)</script>",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/\\evil.example/",
    "ftp://files.example/",
]


def _refuses_or_makes_safe(clean, value):
    """A hostile value is refused, or (URLField's form field adds "http:" to "//host") comes out as
    an address that passes the rule; `javascript:` and `data:` are always refused."""
    try:
        cleaned = clean(value)
    except ValidationError:
        return True
    if value.strip().lower().startswith(("javascript", "java\t", "data:")):
        return False
    return is_safe_link(getattr(cleaned, "url", cleaned))


def _is_link_field(model, field):
    if field.model is not model and field.model._meta.app_label not in PROJECT_APPS:
        return False  # inherited from Wagtail (Page.url_path): not typed by a person
    if (model._meta.label, field.name) in NOT_LINKS:
        return False
    if isinstance(field, models.URLField):
        return True
    return isinstance(field, models.CharField | models.TextField) and bool(LINK_NAME.search(field.name))


def project_link_fields():
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.Field) and field.concrete and _is_link_field(model, field):
                found.append((model, field))
    return found


def _walk_block(block, path):
    yield path, block
    children = getattr(block, "child_blocks", None)
    if children:
        for name, child in children.items():
            yield from _walk_block(child, f"{path}.{name}")
    child = getattr(block, "child_block", None)
    if child is not None:
        yield from _walk_block(child, f"{path}[]")


def project_link_blocks():
    found = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, StreamField) or field.model is not model:
                continue
            for path, block in _walk_block(field.stream_block, f"{model._meta.label}.{field.name}"):
                name = path.rsplit(".", 1)[-1]
                if isinstance(block, blocks.URLBlock) or (
                    isinstance(block, blocks.CharBlock | blocks.TextBlock) and LINK_NAME.search(name)
                ):
                    found[path] = block
    return sorted(found.items())


@pytest.mark.parametrize(
    "value",
    [
        "https://www.hautsdefrance.fr/aides/",
        "http://example.org",
        "mailto:contact@hautsdefrance.fr",
        "mailto:contact@hautsdefrance.fr?subject=Aide",
        "tel:+33 3 74 27 00 00",
        "/aides/",
        "/",
        "",
    ],
)
def test_the_link_rule_accepts_web_mail_phone_and_site_paths(value):
    validate_link(value)


@pytest.mark.parametrize("value", HOSTILE + ["aides/", "mailto:", "tel:alert(1)", "https://"])
def test_the_link_rule_refuses_everything_else_in_french(value):
    with pytest.raises(ValidationError) as caught:
        validate_link(value)
    assert "Adresse refusée" in caught.value.messages[0]


def test_the_walk_finds_the_known_link_fields_and_blocks():
    """Guards the walk itself: if it found nothing, every other test here would pass vacuously."""
    fields = {(model._meta.label, field.name) for model, field in project_link_fields()}
    assert {
        ("home.SiteIdentity", "alert_link"),
        ("home.SocialLink", "url"),
        ("home.MainMenuItem", "link_url"),
        ("home.FooterMenuItem", "link_url"),
        ("home.AidePage", "apply_url"),
        ("programme.Organisation", "url"),
        ("belette.Dispositif", "portal_url"),
        ("programme.ProjectPage", "product_path"),
    } <= fields
    paths = {path for path, _block in project_link_blocks()}
    assert "home.HomePage.tiles.tile.url" in paths
    assert "home.ContentPage.body.call_to_action.url" in paths


@pytest.mark.parametrize("model_field", project_link_fields(), ids=lambda mf: f"{mf[0]._meta.label}.{mf[1].name}")
def test_every_link_field_uses_the_one_rule_and_refuses_script(model_field):
    model, field = model_field
    assert validate_link in field.validators, (
        f"{model._meta.label}.{field.name} holds an address: add validators=[validate_link] (core/links.py)"
    )
    for value in HOSTILE:
        assert _refuses_or_makes_safe(lambda v: field.clean(v, None), value), value


@pytest.mark.django_db  # an embed block looks its address up in Wagtail's embed cache
@pytest.mark.parametrize("path_block", project_link_blocks(), ids=lambda pb: pb[0])
def test_every_link_block_uses_the_one_rule_and_refuses_script(path_block):
    path, block = path_block
    assert validate_link in block.field.validators, (
        f"{path} holds an address: add validators=[validate_link] (core/links.py)"
    )
    for value in HOSTILE:
        assert _refuses_or_makes_safe(lambda v: block.clean(block.to_python(v)), value), value


@pytest.mark.parametrize("address", ["javascript:alert(document.domain)", "data:text/html,<script>x</script>"])
def test_rich_text_links_lose_a_script_address(address):
    """Rich text (RichTextBlock, RichTextField) is cleaned by Wagtail's own URL check when saved."""
    import json

    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from home.blocks import RICH_FEATURES

    contentstate = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "text": "cliquez",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 7, "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": address}}},
    }
    html = ContentstateConverter(features=RICH_FEATURES).to_database_format(json.dumps(contentstate))
    assert "cliquez" in html
    assert "javascript" not in html and "data:" not in html


@pytest.mark.parametrize("label_field", RENDERED_LIBRARY_LINKS, ids=lambda lf: ".".join(lf))
def test_library_link_fields_we_render_refuse_script(label_field):
    label, name = label_field
    field = apps.get_model(label)._meta.get_field(name)
    for value in HOSTILE:
        try:
            field.clean(value, None)
        except ValidationError:
            continue
        # What passes (ftp:, "//host" made http:) is filtered by is_safe_link where it is rendered.
        assert not value.strip().lower().startswith(("javascript", "java\t", "data:", "vbscript")), value
