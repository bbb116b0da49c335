"""The search backends that the settings build from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def backends_for(**env):
    """WAGTAILSEARCH_BACKENDS and SEARCH_FALLBACK_BACKEND as maregion.settings.base builds them from env."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "ELASTICSEARCH_URL", "ELASTICSEARCH_INDEX_PREFIX")
    }
    environment.update(env)
    code = (
        "import json, maregion.settings.base as s; "
        "print(json.dumps([s.WAGTAILSEARCH_BACKENDS, s.SEARCH_FALLBACK_BACKEND]))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("env", "expected_default"),
    [
        ({}, {"BACKEND": "search.backends"}),
        (
            {"DATABASE_URL": "postgres://u@db:5432/maregion"},
            {"BACKEND": "search.backends", "SEARCH_CONFIG": "french_unaccent"},
        ),
    ],
)
def test_the_database_backend_is_the_default_without_elasticsearch(env, expected_default):
    backends, fallback = backends_for(**env)

    assert backends == {"default": expected_default}
    assert fallback is None


def test_elasticsearch_url_selects_elasticsearch_with_prefix_french_analysis_and_a_database_fallback():
    backends, fallback = backends_for(
        ELASTICSEARCH_URL="http://es:9200",
        ELASTICSEARCH_INDEX_PREFIX="hdf_",
        DATABASE_URL="postgres://u@db:5432/maregion",
    )

    default = backends["default"]
    assert default["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert default["URLS"] == ["http://es:9200"]
    assert default["INDEX"] == "hdf_wagtail"
    assert default["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]["type"] == "french"
    assert fallback == "fallback"
    assert backends["fallback"] == {"BACKEND": "search.backends", "SEARCH_CONFIG": "french_unaccent"}
