"""The search reaches the apps only through hooks: each app contributes its kinds (core/search_kinds.py)
and its demo loader; search/ imports no other app."""

import ast
from pathlib import Path

from wagtail import hooks

from core.search_kinds import SearchKind
from search.kinds import registry

SEARCH_DIR = Path(__file__).resolve().parents[2] / "search"
OTHER_APPS = {"home", "programme", "shareloc", "belette"}


def test_the_kinds_come_from_the_apps_hooks_in_the_order_of_the_page():
    assert [kind.key for kind in registry.all()] == ["aids", "news", "spaces", "projects", "pages", "directory"]
    assert all(isinstance(kind, SearchKind) for kind in registry.all())
    contributed = [kind.key for hook in hooks.get_hooks("register_search_kinds") for kind in hook()]
    assert sorted(contributed) == ["aids", "directory", "news", "projects", "spaces"]


def test_a_visitor_gets_suggestions_from_every_page_first_then_from_spaces():
    assert [(kind.key, kind.suggestion_limit) for kind in registry.suggesting_kinds(None)] == [
        ("pages", 5),
        ("spaces", 3),
    ]


def test_no_module_of_the_search_imports_another_app():
    for path in SEARCH_DIR.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not {name.split(".")[0] for name in names} & OTHER_APPS, (path, names)


def test_demo_loaders_come_from_the_hooks_home_first():
    paths = [hook() for hook in hooks.get_hooks("register_demo_loader")]
    assert paths == [
        "home.demo.load",
        "programme.demo.load",
        "shareloc.demo.load",
        "belette.demo.load",
        "search.demo.load",
    ]
