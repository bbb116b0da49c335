"""In Wagtail's admin: an editor builds a content page with every layout block through the StreamField's
block chooser and saves it, the moderator publishes it, and each block is on the public page with no axe
violation. And an h4 right after the page title inside a text block is refused, in French."""

import re

import pytest
from wagtail.images.tests.utils import get_test_image_file

from .conftest import axe_violations, login

LAYOUT_BLOCK_TYPES = ["hero", "image_text", "cards", "columns", "steps", "tabs", "gallery", "frame", "document"]
# Draftail writes its content to the form's hidden input at most every 250 ms.
DRAFTAIL_SAVE_DELAY = 600
SKIPPED_LEVEL = "Ce titre de niveau 4 suit un titre de niveau 1 : un niveau est sauté."


def build_site():
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
    from home.models import ContentPage

    home = ensure_site_tree()
    ensure_groups(home)
    ensure_accounts()
    guide = ContentPage(title="Guide de la rentrée", slug="guide-de-la-rentree", live=False)
    home.add_child(instance=guide)
    guide.save_revision()
    for title in ("Cour du lycée", "Salle de classe"):
        get_image_model().objects.create(title=title, file=get_test_image_file(filename=f"{title}.png"))
    get_document_model().objects.create(
        title="Calendrier scolaire", file=ContentFile(b"%PDF-1.4\n" + b"0" * 2000, name="calendrier.pdf")
    )
    return guide


def add_block(page, label):
    """Append a block of type `label` at the end of the body, through the StreamField's block chooser."""
    page.locator("button.c-sf-add-button:not([data-streamfield-list-add])").last.click()
    page.get_by_role("option", name=re.compile(rf"^\s*{re.escape(label)}\s*$")).first.click()
    page.wait_for_timeout(300)


def add_list_item(page):
    """One more item at the end of the list of the block added last (its last "+" button)."""
    page.locator("button[data-streamfield-list-add]").last.click()
    page.wait_for_timeout(300)


def field(page, name):
    return page.locator(f"[name='{name}']")


def type_rich_text(page, name, text):
    """Type into the Draftail editor of the rich-text field `name`."""
    editor = field(page, name).locator("xpath=ancestor::*[.//*[@contenteditable='true']][1]")
    editor = editor.locator("[contenteditable='true']").first
    editor.click()
    editor.press_sequentially(text)


def choose(page, name, button, title):
    """Open the chooser of the field `name` and pick the item called `title` in the modal."""
    page.locator(f"[id='{name}-chooser']").get_by_role("button", name=button).click()
    page.locator(".modal").get_by_text(title, exact=True).first.click()
    page.locator(".modal").wait_for(state="hidden")


def publish(page):
    """The "Publier" action of the editor's footer menu (a dropdown item, clicked as such)."""
    page.wait_for_timeout(DRAFTAIL_SAVE_DELAY)
    page.locator("button[name='action-publish']").dispatch_event("click")
    # Published, Wagtail goes back to the parent's listing; refused, it stays on the edit form.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"), timeout=15000)


@pytest.mark.django_db(transaction=True)
def test_an_editor_builds_a_page_with_each_layout_block_and_a_moderator_publishes_it(live_server, page):
    guide = build_site()
    login(page, live_server, "editeur")
    page.goto(f"{live_server.url}/admin/pages/{guide.pk}/edit/")
    try:
        add_block(page, "Bandeau")
        field(page, "body-0-value-title").fill("Bienvenue au lycée")
        field(page, "body-0-value-text").fill("Tout pour bien commencer l'année.")

        add_block(page, "Image et texte")
        choose(page, "body-1-value-image-image", "Choisir une image", "Cour du lycée")
        field(page, "body-1-value-image-alt_text").fill("La cour du lycée sous les arbres")
        type_rich_text(page, "body-1-value-text", "La cour est ouverte dès 7 h 30.")

        add_block(page, "Cartes")
        field(page, "body-2-value-cards-0-value-title").fill("Cantine")
        field(page, "body-2-value-cards-0-value-text").fill("Les menus de la semaine.")

        add_block(page, "Colonnes")
        add_list_item(page)
        type_rich_text(page, "body-3-value-columns-0-value", "Horaires du matin")
        type_rich_text(page, "body-3-value-columns-1-value", "Horaires du soir")

        add_block(page, "Étapes")
        field(page, "body-4-value-title").fill("S'inscrire")
        add_list_item(page)
        field(page, "body-4-value-steps-0-value-title").fill("Remplir le dossier")
        field(page, "body-4-value-steps-1-value-title").fill("Le déposer au secrétariat")

        add_block(page, "Onglets")
        add_list_item(page)
        field(page, "body-5-value-tabs-0-value-title").fill("Lycéens")
        type_rich_text(page, "body-5-value-tabs-0-value-content", "Ce qu'apportent les lycéens.")
        field(page, "body-5-value-tabs-1-value-title").fill("Parents")
        type_rich_text(page, "body-5-value-tabs-1-value-content", "Ce que signent les parents.")

        add_block(page, "Galerie")
        add_list_item(page)
        choose(page, "body-6-value-images-0-value-image", "Choisir une image", "Cour du lycée")
        field(page, "body-6-value-images-0-value-alt_text").fill("La cour vue du préau")
        choose(page, "body-6-value-images-1-value-image", "Choisir une image", "Salle de classe")
        field(page, "body-6-value-images-1-value-decorative").check()

        add_block(page, "Carte ou cadre intégré")
        field(page, "body-7-value-url").fill("https://www.openstreetmap.org/export/embed.html?bbox=3.0,50.6,3.1,50.7")
        field(page, "body-7-value-title").fill("Plan d'accès au lycée")

        add_block(page, "Document à télécharger")
        choose(page, "body-8-value-document", "Choisir un document", "Calendrier scolaire")

        page.wait_for_timeout(DRAFTAIL_SAVE_DELAY)
        with page.expect_navigation():
            page.get_by_role("button", name="Enregistrer le brouillon").first.click()
        guide.refresh_from_db()
        draft = guide.get_latest_revision_as_object().body
        assert len(draft) == len(LAYOUT_BLOCK_TYPES), page.locator(".messages").inner_text()

        # The editor may not publish (the "Relecture" workflow): the moderator does, from the same form.
        page.goto(f"{live_server.url}/")
        page.context.clear_cookies()
        login(page, live_server, "moderateur")
        page.goto(f"{live_server.url}/admin/pages/{guide.pk}/edit/")
        publish(page)
    except Exception:
        page.screenshot(path="/tmp/look_e2e.png", full_page=True)
        with open("/tmp/look_e2e.html", "w") as dump:
            dump.write(page.content())
        raise

    guide.refresh_from_db()
    assert guide.live, "the page was not published"
    assert [child.block_type for child in guide.body] == LAYOUT_BLOCK_TYPES
    assert guide.revisions.filter(user__username="editeur").exists()  # the editor's draft

    page.goto(f"{live_server.url}/guide-de-la-rentree/")
    main = page.locator("main")
    assert main.locator(".block-hero").get_by_text("Bienvenue au lycée").count() == 1
    assert main.locator(".block-image-text img[alt='La cour du lycée sous les arbres']").count() == 1
    assert main.locator(".card__title").get_by_text("Cantine").count() == 1
    assert main.locator(".block-columns__column").count() == 2
    assert main.locator(".steps__item").count() == 2
    assert main.get_by_role("tab").count() == 2
    main.get_by_role("tab", name="Parents").click()
    assert main.get_by_text("Ce que signent les parents.").is_visible()
    assert main.locator(".gallery__item img").count() == 2
    assert main.locator(".gallery__item img[alt='']").count() == 1  # the decorative one
    # The map is another site's: it loads when the visitor asks, and takes the focus.
    frame = main.locator('iframe[title="Plan d\'accès au lycée"]')
    assert frame.count() == 0
    main.get_by_role("button", name="Afficher la carte").click()
    assert frame.count() == 1
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert "PDF" in main.locator(".block-document").inner_text()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_an_h4_right_after_the_title_in_a_text_block_is_refused_in_french(live_server, page):
    guide = build_site()
    revisions = guide.revisions.count()
    login(page, live_server, "editeur")
    page.goto(f"{live_server.url}/admin/pages/{guide.pk}/edit/")
    try:
        add_block(page, "Texte")
        editor = field(page, "body-0-value").locator("xpath=ancestor::*[.//*[@contenteditable='true']][1]")
        editor.locator("[contenteditable='true']").first.click()
        # Draftail's shortcut: "#### " at the start of a line makes it a level-4 heading.
        page.keyboard.type("#### Les horaires")
        page.keyboard.press("Enter")
        page.keyboard.type("Ouvert de 8 h à 17 h.")
        assert editor.locator("h4").count() == 1
        page.wait_for_timeout(DRAFTAIL_SAVE_DELAY)
        with page.expect_navigation():
            page.get_by_role("button", name="Enregistrer le brouillon").first.click()
    except Exception:
        page.screenshot(path="/tmp/look_e2e_h4.png", full_page=True)
        raise
    assert page.get_by_text(SKIPPED_LEVEL).count() >= 1
    assert guide.revisions.count() == revisions  # nothing saved
    page.goto(f"{live_server.url}/")  # leave the editor (its lock release) while the database is still there
