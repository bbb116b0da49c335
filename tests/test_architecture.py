"""The house rules of docs/architecture.md that review alone lets slip, checked on the source code with
the standard library's `ast` (no Django, no database): a new import cycle, an app reaching into another,
a demo module imported by the site, or a second copy of a shared rule fails the suite.

Every import counts: at module level, inside a function, under `try`; only `if TYPE_CHECKING:` blocks are
left out (they never run). Migrations are left out too: they are generated history, imported by nothing.
"""

import ast
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Import name -> folder. The Django project lives in site/ but is imported as `maregion` (pyproject.toml).
PACKAGES = {
    "maregion": "site",
    "core": "core",
    "home": "home",
    "programme": "programme",
    "shareloc": "shareloc",
    "belette": "belette",
    "search": "search",
}
SERVICE_APPS = ("home", "programme", "shareloc", "belette", "search")
# docs/architecture.md: these may use home (blocks, base pages, settings); search reaches the others
# only through the hooks they register.
MAY_USE_HOME = ("programme", "shareloc", "belette")
SKIPPED_FOLDERS = {"migrations", "__pycache__", "node_modules", "static", "templates"}
# The one definition each of these may have in the project.
SHARED_RULES = ("parse_local_datetime", "fold", "highlight", "check_upload", "client_address", "neutralise")


@dataclass(frozen=True)
class Import:
    target: str
    line: int
    in_function: bool


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    tree: ast.Module
    imports: list

    @property
    def app(self):
        return self.name.split(".", 1)[0]

    @property
    def where(self):
        return self.path.relative_to(ROOT).as_posix()


def module_name(package, folder, path):
    parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package, *parts])


def python_files(folder):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if not SKIPPED_FOLDERS.intersection(path.relative_to(ROOT / folder).parts[:-1]):
            yield path


def is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class ImportCollector(ast.NodeVisitor):
    """The imports of one module, as (dotted name, names imported from it, line, inside a function?)."""

    def __init__(self):
        self.found = []
        self.depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def visit_If(self, node):
        if is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            self.found.append((alias.name, (), node.lineno, self.depth > 0, 0))

    def visit_ImportFrom(self, node):
        names = tuple(alias.name for alias in node.names)
        self.found.append((node.module or "", names, node.lineno, self.depth > 0, node.level))


def resolve(module_name_, is_package, raw, known):
    """The project modules one import statement makes Python run (the deepest known module of each name)."""
    base, names, line, in_function, level = raw
    if level:
        package = module_name_ if is_package else module_name_.rsplit(".", 1)[0]
        parts = package.split(".")
        parts = parts[: len(parts) - (level - 1)]
        base = ".".join(parts + ([base] if base else []))
    targets = set()
    for name in names or ("",):
        candidate = f"{base}.{name}" if name and name != "*" else base
        if candidate in known:
            targets.add(candidate)
            continue
        # `import a.b.c` or `from a.b import attribute`: the deepest module that exists.
        parts = base.split(".")
        while parts and ".".join(parts) not in known:
            parts.pop()
        if parts:
            targets.add(".".join(parts))
    return [Import(target, line, in_function) for target in sorted(targets) if target != module_name_]


def load_modules():
    modules = {}
    for package, folder in PACKAGES.items():
        for path in python_files(folder):
            name = module_name(package, folder, path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            modules[name] = Module(name, path, path.name == "__init__.py", tree, [])
    for module in modules.values():
        collector = ImportCollector()
        collector.visit(module.tree)
        for raw in collector.found:
            module.imports.extend(resolve(module.name, module.is_package, raw, modules))
    return modules


MODULES = load_modules()


def describe(module, imported):
    where = "inside a function" if imported.in_function else "at module level"
    return f"{module.where}:{imported.line} imports {imported.target} ({where})"


def is_demo(name):
    """A demo module: demo.py, demo_*.py, anything in a `demo` package, and the load_demo command that
    runs them (it is the demo's own entry point)."""
    parts = name.split(".")
    return any(part == "demo" or part.startswith("demo_") for part in parts) or parts[-1] == "load_demo"


# --- (a) no import cycle ---------------------------------------------------------------------------------


def strongly_connected_components(graph):
    """Tarjan's algorithm, iterative (the graph has hundreds of modules)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def shortest_cycle_through(start, graph, allowed):
    """The shortest chain start -> ... -> start inside `allowed` (breadth first)."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child == start:
                chain = [node]
                while previous[chain[-1]] is not None:
                    chain.append(previous[chain[-1]])
                return [*reversed(chain), start]
            if child in allowed and child not in previous:
                previous[child] = node
                queue.append(child)
    return None


def readable_chain(chain):
    steps = []
    for source, target in zip(chain, chain[1:], strict=False):
        imported = next(i for i in MODULES[source].imports if i.target == target)
        place = "in a function" if imported.in_function else "module level"
        steps.append(f"{source} --({MODULES[source].where}:{imported.line}, {place})--> ")
    return "".join(steps) + chain[-1]


def import_cycles():
    graph = {name: {i.target for i in module.imports} for name, module in MODULES.items()}
    cycles = []
    for component in strongly_connected_components(graph):
        allowed, covered = set(component), set()
        for node in component:  # one shortest cycle through every member not yet shown in one
            if node in covered:
                continue
            chain = shortest_cycle_through(node, graph, allowed)
            covered.update(chain)
            cycles.append(readable_chain(chain))
    return cycles


def test_no_two_modules_import_each_other_directly_or_through_a_chain():
    cycles = import_cycles()
    assert not cycles, f"{len(cycles)} import cycle(s):\n" + "\n".join(cycles)


def test_the_cycle_finder_sees_a_cycle_through_a_function_level_import():
    # The check above must not pass because it sees nothing: a two-module cycle built by hand.
    modules = {"a": "from b import x\n", "b": "def f():\n    from a import y\n"}
    found = {}
    for name, source in modules.items():
        collector = ImportCollector()
        collector.visit(ast.parse(source))
        found[name] = {i.target for raw in collector.found for i in resolve(name, False, raw, modules)}
    assert strongly_connected_components(found) == [["a", "b"]]
    assert shortest_cycle_through("a", found, {"a", "b"}) == ["a", "b", "a"]


# --- (b) service apps never import one another ------------------------------------------------------------


def allowed_between_apps(source, target):
    if source.app == "search":
        return False  # search reaches the other apps only through the hooks they register
    if source.app in MAY_USE_HOME and target.startswith("home."):
        return True  # blocks, base pages, settings (demo modules are the next test's business)
    if is_demo(source.name):
        return is_demo(target) or target == "home.models" or target.startswith("home.models.")
    return False


def test_service_apps_never_import_one_another():
    violations = [
        describe(module, imported)
        for module in MODULES.values()
        if module.app in SERVICE_APPS
        for imported in module.imports
        if imported.target.split(".", 1)[0] in SERVICE_APPS
        and imported.target.split(".", 1)[0] != module.app
        and not allowed_between_apps(module, imported.target)
    ]
    assert not violations, f"{len(violations)} import(s) across service apps:\n" + "\n".join(violations)


def test_core_imports_no_service_app():
    # core is what every app shares: if it named one of them, that app could no more use it without a cycle.
    violations = [
        describe(module, imported)
        for module in MODULES.values()
        if module.app == "core"
        for imported in module.imports
        if imported.target.split(".", 1)[0] in (*SERVICE_APPS, "maregion")
    ]
    assert not violations, "core imports an app:\n" + "\n".join(violations)


# --- (c) the demo is never imported by the site -----------------------------------------------------------


def test_nothing_outside_the_demo_imports_a_demo_module():
    violations = [
        describe(module, imported)
        for module in MODULES.values()
        if not is_demo(module.name)
        for imported in module.imports
        if is_demo(imported.target)
    ]
    assert not violations, f"{len(violations)} import(s) of a demo module:\n" + "\n".join(violations)


def names_a_group(call):
    """`user.groups.filter(name=...)`, `Group.objects.get(name=...)`, `...filter(groups__name=...)`."""
    keywords = {keyword.arg for keyword in call.keywords if keyword.arg}
    if any(keyword.startswith("groups__name") for keyword in keywords):
        return True
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)):
        return False
    owner = func.value
    on_groups = owner.attr == "groups" or (
        owner.attr == "objects" and isinstance(owner.value, ast.Name) and owner.value.id == "Group"
    )
    return on_groups and any(keyword == "name" or keyword.startswith("name__") for keyword in keywords)


def test_authorisation_never_names_a_group():
    # Permissions are checked by name (core/roles.py): renaming a group in the admin changes nobody's rights.
    violations = [
        f"{module.where}:{node.lineno}"
        for module in MODULES.values()
        if not is_demo(module.name) and module.name != "core.roles"
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Call) and names_a_group(node)
    ]
    assert not violations, "group looked up by its name:\n" + "\n".join(violations)


# --- (d) one of each ---------------------------------------------------------------------------------------


def definitions(function_name):
    return [
        f"{module.where}:{node.lineno}"
        for module in MODULES.values()
        for node in ast.walk(module.tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function_name
    ]


def test_each_shared_rule_is_defined_once():
    problems = {name: found for name in SHARED_RULES if len(found := definitions(name)) != 1}
    assert not problems, "\n".join(f"def {name}: {len(found)} definitions {found}" for name, found in problems.items())


def test_file_signatures_are_checked_in_one_module():
    # An upload check written by hand instead of calling check_upload carries its own "%PDF" bytes.
    holders = sorted(
        {
            module.where
            for module in MODULES.values()
            for node in ast.walk(module.tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, bytes) and node.value.startswith(b"%PDF")
        }
    )
    assert len(holders) == 1, f"file signatures in {holders}: every upload goes through check_upload"


def test_accents_are_folded_in_one_module():
    # Folding written by hand instead of calling fold: a unicodedata NFD/NFKD decomposition.
    holders = sorted(
        {
            module.where
            for module in MODULES.values()
            for node in ast.walk(module.tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "normalize"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value in {"NFD", "NFKD"}
        }
    )
    assert len(holders) == 1, f"accent folding in {holders}: every app calls the one fold"


COMBOBOX_HANDLING = re.compile(r"aria-activedescendant")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def test_one_combobox_script():
    scripts = []
    for folder in PACKAGES.values():
        for path in sorted((ROOT / folder).rglob("*.js")):
            parts = path.relative_to(ROOT / folder).parts
            if "static" in parts and "vendor" not in parts and COMBOBOX_HANDLING.search(path.read_text("utf-8")):
                scripts.append(path.relative_to(ROOT).as_posix())
        for path in sorted((ROOT / folder).rglob("*.html")):
            inline = INLINE_SCRIPT.findall(path.read_text("utf-8"))
            if any(COMBOBOX_HANDLING.search(code) for code in inline):
                scripts.append(f"{path.relative_to(ROOT).as_posix()} (inline script)")
    assert len(scripts) == 1, f"combobox handling in {scripts}: one script, configured by data- attributes"


# --- (e) imports that hide where things are ----------------------------------------------------------------


def test_no_star_import_and_no_dunder_import_in_the_apps():
    # Settings modules extend base.py with `from .base import *`: Django's own convention, kept.
    violations = []
    for module in MODULES.values():
        if module.name.startswith("maregion.settings"):
            continue
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
                violations.append(f"{module.where}:{node.lineno} star import")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
                violations.append(f"{module.where}:{node.lineno} __import__")
        source = module.path.read_text("utf-8")
        for number, line in enumerate(source.splitlines(), start=1):
            if re.search(r"noqa:[^#]*\bE402\b", line):
                violations.append(f"{module.where}:{number} import below code (noqa: E402)")
    assert not violations, "\n".join(violations)


def test_one_urls_module_per_app():
    extra = sorted(
        module.where
        for module in MODULES.values()
        if module.app in SERVICE_APPS and module.name.rsplit(".", 1)[-1].endswith("_urls")
    )
    assert not extra, f"routes outside the app's urls.py: {extra}"


def unexplained_function_imports(source):
    """Line numbers of the imports inside a function that no comment explains. A run of imports counts as
    one: a comment on the line just above its first statement, or on one of its lines, explains them all."""
    lines = source.splitlines()
    tree = ast.parse(source)

    def commented(node):
        return any("#" in lines[number - 1] for number in range(node.lineno, node.end_lineno + 1))

    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for body in ast.walk(function):
            for field in ("body", "orelse", "finalbody", "handlers"):
                statements = getattr(body, field, None)
                if not isinstance(statements, list):
                    continue
                run = []
                for statement in [*statements, None]:
                    if isinstance(statement, ast.Import | ast.ImportFrom):
                        run.append(statement)
                        continue
                    if run:
                        above = run[0].lineno - 2
                        explained = (above >= 0 and lines[above].strip().startswith("#")) or any(map(commented, run))
                        if not explained:
                            found.extend(node.lineno for node in run)
                    run = []
    return sorted(set(found))


def test_every_import_inside_a_function_says_why():
    # docs/architecture.md: an import inside a function is allowed only for a real reason (the app registry
    # not ready yet, an optional dependency), said in a comment; otherwise it goes at the top of the module.
    violations = [
        f"{module.where}:{line}"
        for module in MODULES.values()
        for line in unexplained_function_imports(module.path.read_text("utf-8"))
    ]
    assert not violations, "import inside a function without a comment saying why:\n" + "\n".join(violations)


def test_the_function_import_check_sees_an_unexplained_import():
    source = (
        "def explained():\n"
        "    # The app registry is not ready at import time.\n"
        "    from a import b\n"
        "    from a import c\n"
        "    return b, c\n\n"
        "def inline():\n"
        "    from a import d  # optional dependency\n\n"
        "def hidden():\n"
        "    x = 1\n"
        "    from a import e\n"
        "    return x, e\n"
    )
    assert unexplained_function_imports(source) == [12]


PAGE_LINKS = re.compile(r"\b(has_next|has_previous|next_page_number|previous_page_number)\b")


def test_one_pagination_include():
    # Every public list is paginated by core/pagination.html ({% querystring %}, one look, one wording
    # by default). Wagtail admin pages keep Wagtail's own pagination conventions (its `p` parameter).
    hand_written = []
    for folder in PACKAGES.values():
        for path in sorted((ROOT / folder).rglob("*.html")):
            where = path.relative_to(ROOT).as_posix()
            source = path.read_text("utf-8")
            if where == "core/templates/core/pagination.html" or '{% extends "wagtailadmin/' in source:
                continue
            if PAGE_LINKS.search(source):
                hand_written.append(where)
    assert not hand_written, f"pagination written by hand in {hand_written}: include core/pagination.html"


def test_shareloc_catalogue_never_imports_the_bookings():
    # Shareloc's two parts (docs/shareloc.md): the bookings build on the catalogue, never the reverse (the
    # catalogue tells them through signals). shareloc.models re-exports both parts, so it counts as bookings.
    violations = [
        describe(module, imported)
        for module in MODULES.values()
        if module.name.startswith("shareloc.catalogue.")
        for imported in module.imports
        if imported.target.startswith("shareloc.bookings") or imported.target == "shareloc.models"
    ]
    assert not violations, "the catalogue imports the bookings:\n" + "\n".join(violations)


# --- (f) one field template -------------------------------------------------------------------------------

# A form control written by hand in a template: a <textarea>, a <select>, or an <input> of any type but
# hidden and submit (they show no field), and checkbox inside a <table> (a table of checkboxes, one per
# row, is not a field group: its column header and each row's label say what it does).
HAND_WRITTEN_CONTROL = re.compile(r"<(textarea|select)\b|<input\b[^>]*>", re.IGNORECASE)
INPUT_TYPE = re.compile(r"""\btype=["']?([a-z]+)""", re.IGNORECASE)
TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)
# Templates that may write controls by hand, each for a reason. An entry that no longer needs it fails
# test_every_field_template_exception_is_still_needed, so the lists only shrink.
FIELD_TEMPLATE_EXCEPTIONS = {
    "core/templates/core/forms/combobox.html": "the one combobox field: its <input> carries the WAI-ARIA "
    "combobox attributes that core/static/core/combobox.js drives, which no Django widget renders",
    "site/templates/base.html": "the header's site search on every page, a combobox (as above) sent to "
    "/recherche/, whose view validates q; no page's view has a form for it",
    "site/templates/404.html": "the error page's search box: Django's 404 handler renders it without a view of "
    "ours; /recherche/ validates q",
    "core/templates/core/widgets/list_input.html": "a widget's own template (ListInput), drawn by {{ field }} "
    "inside the field template",
    "belette/templates/belette/widgets/contacts.html": "a widget's own template (ContactChooser), drawn by "
    "{{ field }} inside the field template",
    "home/templates/home/aide_index_page.html": "the aids' facets: each option shows its live count "
    "(home/catalogue.py facets()), which Django's widgets cannot; AidFilterSet validates every value (400)",
    "shareloc/templates/shareloc/booking/_admin_feeds.html": "a read-only iCal address to copy, sent nowhere, "
    "in a Wagtail admin page (admin_ical.html)",
}


def hand_written_controls(source):
    """(tag, line) of each control that should be drawn by a Django form through the field template."""
    found = []
    for match in HAND_WRITTEN_CONTROL.finditer(source):
        tag = match.group(1) or "input"
        if tag == "input":
            kind = (INPUT_TYPE.search(match.group(0)) or [None, "text"])[1].lower()
            if kind in {"hidden", "submit"}:
                continue
            opened = [closing for closing in TABLE_TAG.findall(source[: match.start()])]
            if kind == "checkbox" and opened.count("") > opened.count("/"):
                continue
            tag = f'input type="{kind}"'
        found.append((tag, source.count("\n", 0, match.start()) + 1))
    return found


def site_templates():
    """Every template the site draws: not the Wagtail admin's (its own field templates), not e-mails."""
    for folder in PACKAGES.values():
        for path in sorted((ROOT / folder).rglob("*.html")):
            where = path.relative_to(ROOT).as_posix()
            parts = path.relative_to(ROOT / folder).parts
            if "node_modules" in parts or "emails" in parts or "wagtailadmin" in parts:
                continue
            source = path.read_text("utf-8")
            if '{% extends "wagtailadmin/' in source:
                continue
            yield where, source


def test_form_fields_are_drawn_by_the_field_template():
    # docs/architecture.md: a field of a site page comes from a Django form (validated in the view) and is
    # drawn by core/forms/field.html ({{ form.x.as_field_group }}), so its label, help text, errors and
    # aria-describedby are written once.
    allowed = set(FIELD_TEMPLATE_EXCEPTIONS)
    by_hand = [
        f"{where}:{line}: <{tag}>"
        for where, source in site_templates()
        if where not in allowed
        for tag, line in hand_written_controls(source)
    ]
    assert not by_hand, "form fields written by hand (use a Django form and its field template):\n" + "\n".join(by_hand)


def test_every_field_template_exception_is_still_needed():
    templates = dict(site_templates())
    stale = sorted(
        where for where in set(FIELD_TEMPLATE_EXCEPTIONS) if not hand_written_controls(templates.get(where, ""))
    )
    assert not stale, f"exceptions with no hand-written field left (delete them): {stale}"


def test_the_field_check_sees_a_hand_written_field_and_spares_a_table_of_checkboxes():
    source = (
        '<input type="hidden" name="page"><table><tr><td><input type="checkbox" name="dates"></td></tr></table>\n'
        '<input type="checkbox" name="ok"><input name="q"><select name="s"></select><textarea></textarea>\n'
        '<button type="submit">OK</button><input type="submit" value="OK">'
    )
    assert hand_written_controls(source) == [
        ('input type="checkbox"', 2),
        ('input type="text"', 2),
        ("select", 2),
        ("textarea", 2),
    ]
