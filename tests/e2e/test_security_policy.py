"""The Content-Security-Policy in a real browser: the site, the API docs and Wagtail's admin work under
it (the `page` fixture fails a test on any violation), and an inline script is really refused."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_an_inline_script_is_refused_and_the_violation_fails_the_test(live_server, page):
    from home.demo import ensure_site_tree

    ensure_site_tree()
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';"
        " document.body.appendChild(s); }"
    )
    # Chromium's own console report and the securitypolicyviolation event both arrive.
    for _ in range(30):
        if sum("script-src" in violation for violation in page.csp_violations) >= 2:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.ran === undefined")
    assert sum("script-src" in violation for violation in page.csp_violations) >= 2
    page.csp_violations.clear()  # the violation was the point of this test


@pytest.mark.django_db(transaction=True)
def test_swagger_ui_runs_under_the_policy(live_server, page):
    page.goto(live_server.url + "/api/schema/docs/")
    page.locator(".swagger-ui .info").first.wait_for()
    assert page.get_by_text("API Ma Région").first.is_visible()


@pytest.mark.django_db(transaction=True)
def test_the_wagtail_admin_edits_a_page_under_its_policy(live_server, page):
    from django.contrib.auth import get_user_model

    from home.demo import ensure_site_tree

    from .conftest import login

    home = ensure_site_tree()
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", "mot-de-passe-assez-long-42")
    login(page, live_server, "csp-admin", "mot-de-passe-assez-long-42")
    page.goto(f"{live_server.url}/admin/pages/{home.pk}/edit/")
    page.locator("form#page-edit-form").wait_for()
    page.get_by_role("button", name="Enregistrer le brouillon").first.wait_for()
    page.goto(f"{live_server.url}/admin/settings/home/siteidentity/")
    page.wait_for_load_state("networkidle")
