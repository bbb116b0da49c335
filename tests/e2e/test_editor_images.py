"""As an editor (not an administrator): upload an image, then choose it in a page's Image block. Wagtail
grants image permissions per collection; setup_site gives the roles theirs on the root collection."""

import pytest
from wagtail.images.tests.utils import get_test_image_file

from .conftest import login


def build_site():
    from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
    from home.models import ContentPage

    home = ensure_site_tree()
    ensure_groups(home)
    ensure_accounts()
    guide = ContentPage(title="Guide des lycées", slug="guide-des-lycees")
    home.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


@pytest.mark.django_db(transaction=True)
def test_an_editor_uploads_an_image_and_chooses_it_in_an_image_block(live_server, page, tmp_path):
    from wagtail.images import get_image_model

    guide = build_site()
    upload = tmp_path / "facade-du-lycee.png"
    upload.write_bytes(get_test_image_file().file.getvalue())
    login(page, live_server, "editeur")

    page.goto(f"{live_server.url}/admin/images/add/")
    page.set_input_files("input[name=file]", str(upload))
    page.fill("input[name=title]", "Façade du lycée")
    # Wait for the upload's answer: wait_for_load_state alone returned before the POST (a failed run under load).
    with page.expect_navigation():
        page.locator("form[enctype] button[type=submit], form[enctype] input[type=submit]").first.click()
    image = get_image_model().objects.get(title="Façade du lycée")
    assert image.uploaded_by_user.username == "editeur"

    page.goto(f"{live_server.url}/admin/pages/{guide.pk}/edit/")
    page.locator("[data-streamfield-stream-container] button[title], button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Image").first.click()
    page.get_by_role("button", name="Choisir une image").first.click()
    page.locator(".modal").get_by_text("Façade du lycée").first.click()
    page.wait_for_timeout(500)
    page.get_by_label("image décorative", exact=False).first.check()
    page.get_by_role("button", name="Enregistrer le brouillon").first.click()
    page.wait_for_load_state()

    guide.refresh_from_db()
    body = guide.get_latest_revision_as_object().body
    assert [block.block_type for block in body] == ["image"]
    assert body[0].value["image"].pk == image.pk
