"""The query log keeps no personal data; the admin reports show the top queries and those that found nothing."""

import datetime
import re

import pytest

from search.models import SearchQueryDay
from tests.conftest import TEST_NOW

pytestmark = pytest.mark.django_db


def test_each_search_is_counted_per_day_query_and_kind_without_user_or_address(client, make_page, demo_accounts):
    make_page("home.ContentPage", "Lycées de la Région", intro="Les lycées.")
    client.force_login(demo_accounts["association"])

    client.get("/recherche/", {"q": "  Lycées "}, REMOTE_ADDR="203.0.113.7")
    client.get("/recherche/", {"q": "lycées"})
    client.get("/api/search/", {"q": "LYCÉES", "kind": "pages"})
    client.get("/recherche/", {"q": "introuvable"})

    rows = {(row.query, row.kind): (row.searches, row.result_count) for row in SearchQueryDay.objects.all()}
    assert rows == {("lycées", ""): (2, 1), ("lycées", "pages"): (1, 1), ("introuvable", ""): (1, 0)}
    # The model has no field that could hold who searched or from where.
    field_names = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert field_names == {"id", "date", "query", "kind", "searches", "result_count", "zero_result_searches", "staff"}


def test_e_mail_addresses_and_phone_numbers_typed_in_the_box_are_not_logged(client, home_page):
    client.get("/recherche/", {"q": "jean.dupont@example.org 06 12 34 56 78 dossier"})

    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["[courriel] [numéro] dossier"]


def test_next_pages_and_suggestions_are_not_logged_again(client, make_page):
    for number in range(11):
        make_page("home.NewsPage", f"Salon numéro {number}", intro="Salon.")

    client.get("/recherche/", {"q": "salon", "kind": "news", "page": "2"})
    client.get("/api/search/suggestions/", {"q": "salon"})

    assert SearchQueryDay.objects.count() == 0


@pytest.fixture
def logged_queries(db, clock):
    today = TEST_NOW.date()  # the clock's day
    SearchQueryDay.objects.create(date=today, query="apprentissage", kind="", searches=30, result_count=4)
    SearchQueryDay.objects.create(
        date=today - datetime.timedelta(days=1), query="apprentissage", kind="", searches=12, result_count=4
    )
    SearchQueryDay.objects.create(
        date=today, query="bourse erasmus", kind="", searches=9, result_count=0, zero_result_searches=9
    )
    SearchQueryDay.objects.create(
        date=today, query="cantine", kind="aids", searches=2, result_count=0, zero_result_searches=2
    )
    return today


def test_top_queries_report_sums_the_days_most_searched_first(client, demo_accounts, logged_queries):
    client.force_login(demo_accounts["admin"])

    response = client.get("/admin/rapports/recherches/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Recherches les plus fréquentes" in html
    assert html.index("apprentissage") < html.index("bourse erasmus") < html.index("cantine")
    assert re.search(r">\s*42\s*<", html)  # 30 + 12 searches of "apprentissage"


def test_no_result_report_lists_only_queries_that_found_nothing(client, demo_accounts, logged_queries):
    client.force_login(demo_accounts["admin"])

    response = client.get("/admin/rapports/recherches/sans-resultat/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "bourse erasmus" in html and "cantine" in html
    assert "apprentissage" not in html


def test_no_result_report_filters_by_kind_and_exports_csv(client, demo_accounts, logged_queries):
    client.force_login(demo_accounts["admin"])

    response = client.get("/admin/rapports/recherches/sans-resultat/", {"kind": "aids", "export": "csv"})

    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert response.status_code == 200
    assert "cantine" in content and "bourse erasmus" not in content


@pytest.mark.parametrize("username", ["association", "agent", "gestionnaire"])
def test_reports_are_refused_without_the_permission(client, demo_accounts, logged_queries, username):
    client.force_login(demo_accounts[username])

    for url in ("/admin/rapports/recherches/", "/admin/rapports/recherches/sans-resultat/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "apprentissage" not in response.content.decode()


def test_an_editor_given_the_permission_sees_the_reports(client, demo_accounts, logged_queries):
    from django.contrib.auth.models import Permission

    editor = demo_accounts["editeur"]
    editor.user_permissions.add(Permission.objects.get(codename="view_search_reports"))
    client.force_login(editor)

    assert client.get("/admin/rapports/recherches/").status_code == 200


def test_demo_opens_the_reports_to_editors_and_promotes_the_aid_catalogue_once(demo_accounts, make_page):
    from io import StringIO
    from types import SimpleNamespace

    from wagtail.contrib.search_promotions.models import SearchPromotion

    from search import demo

    catalogue = make_page("home.ContentPage", "Les aides", slug="aides")
    command = SimpleNamespace(stdout=StringIO())

    demo.load(command)
    demo.load(command)

    assert demo_accounts["editeur"].has_perm("search.view_search_reports")
    assert not demo_accounts["association"].has_perm("search.view_search_reports")
    assert list(SearchPromotion.objects.values_list("query__query_string", "page_id")) == [("aide", catalogue.pk)]


def test_each_search_keeps_its_own_result_count_in_the_zero_result_count(client, make_page):
    client.get("/recherche/", {"q": "gymnase"})  # nothing yet
    make_page("home.ContentPage", "Gymnase du lycée", intro="Salle de sport.")
    client.get("/recherche/", {"q": "gymnase"})  # found now

    row = SearchQueryDay.objects.get(query="gymnase")
    assert (row.searches, row.zero_result_searches, row.result_count) == (2, 1, 1)


def test_the_zero_result_report_counts_public_searches_only_and_never_shows_staff_queries(
    client, demo_accounts, home_page
):
    client.get("/recherche/", {"q": "piscine municipale"})
    client.force_login(demo_accounts["agent"])  # Région staff: may search the directory
    client.get("/recherche/", {"q": "piscine municipale"})
    client.get("/recherche/", {"q": "martine durandal"})
    client.get("/api/search/", {"q": "martine durandal", "kind": "directory"})
    client.logout()

    assert SearchQueryDay.objects.filter(staff=True).count() == 3
    client.force_login(demo_accounts["admin"])
    for url in ("/admin/rapports/recherches/", "/admin/rapports/recherches/sans-resultat/"):
        html = client.get(url).content.decode()
        assert "durandal" not in html
    report = client.get("/admin/rapports/recherches/sans-resultat/", {"export": "csv"})
    content = b"".join(report.streaming_content).decode() if report.streaming else report.content.decode()
    assert "piscine municipale,1," in content.replace('"', "")


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("jean.dupont at gmail.com dossier", "[courriel] dossier"),
        ("jean arobase gmail point com", "[courriel]"),
        ("aide 12 bis rue des Lilas", "aide [adresse]"),
        ("rappel 06 12 34 56 78", "rappel [numéro]"),
    ],
)
def test_personal_data_spelled_out_is_scrubbed_before_the_log(client, home_page, typed, kept):
    client.get("/recherche/", {"q": typed})

    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == [kept]


def test_from_a_zero_result_row_an_editor_adds_a_promotion_or_a_synonym_in_one_click(
    client, demo_accounts, logged_queries
):
    from wagtail.contrib.search_promotions.models import Query

    client.force_login(demo_accounts["admin"])
    html = client.get("/admin/rapports/recherches/sans-resultat/").content.decode()
    assert "/admin/rapports/recherches/sans-resultat/promouvoir/?q=bourse+erasmus" in html
    assert "/admin/snippets/core/synonymset/add/?terms=bourse+erasmus%7C" in html

    response = client.get("/admin/rapports/recherches/sans-resultat/promouvoir/", {"q": "bourse erasmus"})
    query = Query.objects.get(query_string="bourse erasmus")
    assert response.status_code == 302 and response.url == f"/admin/searchpicks/{query.pk}/"
    form = client.get("/admin/snippets/core/synonymset/add/", {"terms": "bourse erasmus|"}).content.decode()
    assert "bourse erasmus" in form
