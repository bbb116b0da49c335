"""The foundation: settings from the environment, health check, demo loader, API, base template."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def clean_environ(**env):
    """This process's environment without what the test run added, plus `env`."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return {**base, **env}


def run_python(code, **env):
    """Run Python in a fresh process with the given environment (settings are read at start-up)."""
    full_env = clean_environ(**{"DJANGO_SETTINGS_MODULE": "maregion.settings.test", **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def run_manage(*args, **env):
    full_env = clean_environ(**env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down():
    # A real server that refuses connections: port 9 on loopback has no PostgreSQL.
    result = run_python(
        "import django; django.setup();"
        "from django.test import Client; r = Client().get('/healthz/');"
        "print(r.status_code, r.content.decode())",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/nothing",
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "database": "down"}


@pytest.mark.parametrize("url", ["nonsense", "postgres://u@h:notaport/db", "postgres://", "foo://bar/db"])
def test_malformed_database_url_stops_with_one_line_naming_the_variable(url):
    result = run_manage("check", DATABASE_URL=url, DJANGO_SETTINGS_MODULE="maregion.settings.dev")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("DATABASE_URL is malformed")


def test_production_settings_pass_check_deploy_without_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="maregion.settings.production",
        SECRET_KEY="k" * 20 + "a-long-random-production-secret-for-the-test-only-9f8e7d",
        ALLOWED_HOSTS="maregion.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secret_key():
    env = clean_environ(DJANGO_SETTINGS_MODULE="maregion.settings.production", ALLOWED_HOSTS="maregion.example")
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("env", "expression", "expected"),
    [
        ({}, "settings.CACHES['default']['BACKEND']", "django.core.cache.backends.filebased.FileBasedCache"),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/3"},
            "settings.CACHES['default']['BACKEND']",
            "django_redis.cache.RedisCache",
        ),
        ({}, "settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']", "search.backends"),
        (
            {"ELASTICSEARCH_URL": "http://127.0.0.1:9200"},
            "settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']",
            "wagtail.search.backends.elasticsearch8",
        ),
        (
            {"EMAIL_URL": "smtp+tls://bob:s%40cret@mail.example:587"},
            "(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_PASSWORD, "
            "settings.EMAIL_USE_TLS)",
            "('core.mail_backends.SMTPBackend', 'mail.example', 587, 's@cret', True)",
        ),
        ({}, "settings.EMAIL_BACKEND", "core.mail_backends.ConsoleBackend"),
        ({}, "(settings.LANGUAGE_CODE, settings.TIME_ZONE)", "('fr', 'Europe/Paris')"),
        ({}, "settings.TASKS['default']['BACKEND']", "django_tasks_db.DatabaseBackend"),
        (
            {"DATABASE_URL": "postgres://app:pw@db.example:5432/maregion"},
            "(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
            "('django.db.backends.postgresql', 'maregion')",
        ),
    ],
)
def test_settings_come_from_the_environment(env, expression, expected):
    env = {"DJANGO_SETTINGS_MODULE": "maregion.settings.dev", **env}
    result = run_python(f"import django; django.setup(); from django.conf import settings; print({expression})", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_the_project_package_imports_under_its_mapped_name():
    result = run_python("import maregion.wsgi, maregion.settings.base as b; print(b.PROJECT_DIR.name)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "site"


def snapshot():
    out = io.StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        stdout=out,
        exclude=["contenttypes", "auth.permission", "sessions", "django_tasks_database", "admin.logentry"],
    )
    return json.loads(out.getvalue())


@pytest.mark.django_db(transaction=True)
def test_load_demo_twice_leaves_the_database_as_after_the_first_run():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    second = snapshot()
    assert len(first) == len(second)
    assert first == second


@pytest.mark.django_db
def test_load_demo_prints_one_account_per_role():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    for username in ("admin", "editeur", "moderateur", "gestionnaire", "association", "agent", "programme"):
        assert f"  {username} " in text
    from django.contrib.auth import authenticate

    from home.demo import DEMO_PASSWORD

    assert authenticate(username="editeur", password=DEMO_PASSWORD) is not None


@pytest.mark.django_db
def test_home_page_is_served_with_landmarks_and_skip_link(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    for landmark in ('role="banner"', 'role="search"', 'role="contentinfo"', "<main", "<nav"):
        assert landmark in html
    assert "cdn" not in html.lower()


@pytest.mark.django_db
def test_unknown_path_answers_the_french_404_page(client, home_page):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_500_page_needs_neither_database_nor_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Une erreur est survenue" in html and 'lang="fr"' in html


@pytest.mark.django_db
def test_wagtail_api_v2_lists_pages_images_and_documents(client, home_page):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert home_page.title in titles
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


@pytest.mark.django_db
def test_openapi_schema_and_its_documentation_page_are_served_locally(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    docs = client.get("/api/schema/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


@pytest.mark.django_db
def test_admin_is_in_french(client, demo_accounts):
    client.force_login(demo_accounts["admin"])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()
    assert "Tableau de bord" in response.content.decode()


def test_tasks_run_through_the_database_backend_by_default():
    result = run_python(
        "import django; django.setup();"
        "from django_tasks import task_backends; print(type(task_backends['default']).__name__)",
        DJANGO_SETTINGS_MODULE="maregion.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "DatabaseBackend"
