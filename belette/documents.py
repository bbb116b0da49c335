"""What both backends of the directory search share: the kinds of entries, the field weights, the
documents read from the database, the result's shape (FORMATS.md) and the address of an entry's page."""

from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import synonym_sets as shared_synonym_sets

from .models import Agent, Dispositif, Unit

KINDS = ("dispositif", "unit", "agent")
KIND_LABELS = {"dispositif": _("Dispositif"), "unit": _("Unité"), "agent": _("Agent")}
FACETS = ("pole", "site")

# Field weights: an exact name above an acronym or alias, above a topic, above other text.
NAME, KEY, TOPIC, TEXT, CONTEXT = 10.0, 8.0, 5.0, 2.0, 1.5
# People ask for a service or a scheme more often than for a person: a light prior by kind.
KIND_PRIOR = {"dispositif": 1.25, "unit": 1.1, "agent": 1.0}


@dataclass
class DirectorySearchResult:
    """A page of results; each result's "snippet" is escaped HTML with <mark> around matched words."""

    count: int
    results: list
    facets: dict = field(default_factory=dict)
    matched_terms: frozenset = frozenset()
    reduced: bool = False  # answered by the embedded backend because Elasticsearch failed


@lru_cache(maxsize=8)
def _url_template(kind):
    return reverse(f"belette:{kind}", args=["KEY"])


def entry_url(kind, key):
    """The entry's page (reverse() once per kind: it is called for every result)."""
    return _url_template(kind).replace("KEY", quote(key, safe=""), 1)


@dataclass
class Doc:
    kind: str
    key: str
    name: str
    unit: dict | None
    pole: str
    site: str
    active: bool
    label: str
    snippet_text: str
    fields: list  # (text, weight)
    exact: list = field(default_factory=list)  # other names that, typed whole, mean this entry
    pole_label: str = ""  # the pôle's name, shown for the pole facet


def load_documents(only=None):
    """Every unit, agent and dispositif as a Doc, plus the synonym sets (four queries); with
    only=(kind, key), just that entry (to re-index one entry in Elasticsearch)."""
    wanted_kind, wanted_key = only or (None, None)

    units = {row["pk"]: row for row in Unit.objects.values("pk", "code", "name", "acronym", "parent_id", "site")}

    def chain(pk):
        out = []
        while pk is not None and pk in units and len(out) < 10:
            out.append(units[pk])
            pk = units[pk]["parent_id"]
        return out  # the unit first, the root last

    def branch(pk):
        path = chain(pk)
        return path[-2]["code"] if len(path) >= 2 else ""

    def unit_ref(pk):
        return {"code": units[pk]["code"], "name": units[pk]["name"]} if pk in units else None

    def context(pk):
        return " ".join(f"{unit['name']} {unit['acronym']}" for unit in chain(pk)[:-1])

    docs = []
    for unit in units.values():
        if wanted_kind and (wanted_kind, wanted_key) != ("unit", unit["code"]):
            continue
        parent = units.get(unit["parent_id"])
        docs.append(
            Doc(
                kind="unit",
                key=unit["code"],
                name=unit["name"],
                unit=unit_ref(unit["parent_id"]),
                pole=branch(unit["pk"]),
                site=unit["site"],
                active=True,
                label=f"{unit['name']} ({unit['acronym']})" if unit["acronym"] else unit["name"],
                snippet_text=" · ".join(filter(None, [unit["acronym"], parent and parent["name"], unit["site"]])),
                fields=[
                    (unit["name"], NAME),
                    (f"{unit['acronym']} {unit['code']}", KEY),
                    (context(unit["parent_id"]), CONTEXT),
                ],
                exact=[unit["acronym"]],
            )
        )
    agents = (
        Agent.objects.all()
        if wanted_kind is None
        else Agent.objects.filter(hr_id=wanted_key if wanted_kind == "agent" else None)
    )
    for agent in agents.values("hr_id", "first_name", "last_name", "title", "unit_id", "site", "topics", "active"):
        unit = units.get(agent["unit_id"], {})
        topics = agent["topics"] or []
        name = f"{agent['first_name']} {agent['last_name']}"
        docs.append(
            Doc(
                kind="agent",
                key=agent["hr_id"],
                name=name,
                unit=unit_ref(agent["unit_id"]),
                pole=branch(agent["unit_id"]),
                site=agent["site"],
                active=agent["active"],
                label=f"{name} – {unit.get('acronym') or unit.get('code', '')}",
                snippet_text=" · ".join(filter(None, [agent["title"], unit.get("name"), ", ".join(topics)])),
                fields=[
                    (name, NAME),
                    (agent["hr_id"], KEY),
                    (" ".join(topics), TOPIC),
                    (agent["title"], TEXT),
                    (context(agent["unit_id"]), CONTEXT),
                ],
            )
        )
    dispositifs = (
        Dispositif.objects.all()
        if wanted_kind is None
        else Dispositif.objects.filter(code=wanted_key if wanted_kind == "dispositif" else None)
    )
    for item in dispositifs.values("code", "name", "aliases", "summary", "audience", "unit_id"):
        unit = units.get(item["unit_id"], {})
        aliases = item["aliases"] or []
        docs.append(
            Doc(
                kind="dispositif",
                key=item["code"],
                name=item["name"],
                unit=unit_ref(item["unit_id"]),
                pole=branch(item["unit_id"]),
                site=unit.get("site", ""),
                active=True,
                label=item["name"],
                snippet_text=" · ".join(filter(None, [", ".join(aliases), item["summary"]])),
                fields=[
                    (item["name"], NAME),
                    (" ".join(aliases) + " " + item["code"], KEY),
                    (" ".join(item["audience"] or []), TEXT),
                    (item["summary"], TEXT),
                    (context(item["unit_id"]), CONTEXT),
                ],
                exact=aliases + [item["code"]],
            )
        )
    names = {unit["code"]: unit["name"] for unit in units.values()}
    for doc in docs:
        doc.pole_label = names.get(doc.pole, "")
    return docs, shared_synonym_sets()
