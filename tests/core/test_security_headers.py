"""The Content-Security-Policy and Permissions-Policy headers (site/settings/base.py, core/security.py)."""

import pytest


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz/", "/connexion/", "/api/schema/docs/"])
def test_site_pages_forbid_inline_scripts_and_unused_features(client, path):
    response = client.get(path)
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'self'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_swagger_ui_start_up_script_is_a_file_of_the_site(client):
    page = client.get("/api/schema/docs/").content.decode()
    assert "<script>" not in page
    assert client.get("/api/schema/docs/?script=").status_code == 200


@pytest.mark.django_db
def test_only_wagtail_admin_may_run_inline_scripts(client):
    policy = directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert not any(source.startswith("'nonce-") for source in policy["script-src"])
