"""The labelled citizen queries (search/evaluation.py) over the demo portal hold their floor: the site
search's best answers, ranked by the page index, on whichever database the suite runs (SQLite or
PostgreSQL). bench/search_quality.py prints the same measures."""

import io

import pytest
from django.core.management.base import OutputWrapper

from search import engine
from search.evaluation import CATEGORIES, LABELLED_QUERIES, evaluate

# Just under what was measured (docs/search.md): SQLite and PostgreSQL both give MRR 0.955, top-5 0.986.
MRR_FLOOR = 0.93
TOP5_FLOOR = 0.97
CATEGORY_FLOOR = 0.8


class _Command:
    stdout = OutputWrapper(io.StringIO())


@pytest.fixture
def demo_portal(db, settings):
    """The portal's, the programme's and the search's demo content (the parts the queries are about)."""
    from home import demo as home_demo
    from programme import demo as programme_demo
    from search import demo as search_demo

    for module in (home_demo, programme_demo, search_demo):
        module.load(_Command())


def test_the_labelled_set_covers_every_category_with_sixty_queries_or_more():
    assert len(LABELLED_QUERIES) >= 60
    assert {category for _query, _pages, category in LABELLED_QUERIES} == set(CATEGORIES)


def test_citizen_queries_find_their_page_first_on_this_database(demo_portal):
    measures = evaluate(engine.ranked_urls)
    report = f"MRR {measures.mrr:.3f}, top-5 {measures.top5:.3f}, misses {measures.misses}"
    assert measures.mrr >= MRR_FLOOR, report
    assert measures.top5 >= TOP5_FLOOR, report
    for category, value in measures.by_category.items():
        assert value >= CATEGORY_FLOOR, f"{category}: {value:.2f} — {report}"
