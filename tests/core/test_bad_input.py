"""Crafted input on public paths answers a clear 4xx, never a 500 (issue 14's crashes, one test each)."""

import pytest

from core.pagination import BadParameter, parse_positive_int
from tests.home.conftest import AideIndexPageFactory, AidePageFactory, NewsIndexPageFactory, NewsPageFactory


@pytest.mark.parametrize("raw", ["²", "٣", "-1", "0", "1e3", "1.0", " ", "9" * 30, "+1", "0x10", "1_000"])
def test_parse_positive_int_refuses_anything_but_ascii_digits_in_range(raw):
    with pytest.raises(BadParameter):
        parse_positive_int(raw)


def test_parse_positive_int_reads_plain_numbers_and_gives_the_default_when_absent():
    assert parse_positive_int("42") == 42
    assert parse_positive_int(" 7 ") == 7
    assert parse_positive_int(None, default=1) == 1
    assert parse_positive_int("", default=3) == 3
    with pytest.raises(BadParameter):
        parse_positive_int("1000", maximum=999)


@pytest.fixture
def portal(home_page):
    aids = AideIndexPageFactory(parent=home_page)
    AidePageFactory(parent=aids)
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news)
    return {"aids": aids, "news": news}


@pytest.mark.parametrize("path", ["/aides/", "/actualites/"])
@pytest.mark.parametrize("value", ["²", "٣", "-5", "99999999999999999999", "%00"])
def test_a_page_number_that_is_not_a_plain_positive_integer_answers_400(client, portal, path, value):
    response = client.get(f"{path}?page={value}")
    assert response.status_code == 400
    assert "nombre entier positif" in response.content.decode()


@pytest.mark.parametrize("value", ["²", "-1", "99999999999999999999", "abc"])
def test_feedback_with_a_malformed_page_id_answers_400(client, portal, value):
    response = client.post("/avis-page/", {"page": value, "utile": "oui"})
    assert response.status_code == 400


@pytest.mark.parametrize("value", ["²", "-1", "99999999999999999999"])
def test_search_page_and_api_refuse_a_malformed_page_number_with_400(client, home_page, value):
    assert client.get(f"/recherche/?q=aide&kind=aids&page={value}").status_code == 400
    assert client.get(f"/api/search/?q=aide&kind=aids&page={value}").status_code == 400


@pytest.mark.parametrize("q", ["%00", "a%00b", "%22", "aide%22", "%01%02", "%EF%BB%BF", "x" * 10_000])
def test_search_entry_points_clean_the_query_instead_of_failing(client, portal, q):
    assert client.get(f"/recherche/?q={q}").status_code == 200
    assert client.get(f"/api/search/?q={q}").status_code in {200, 400}
    assert client.get(f"/api/search/suggestions/?q={q}").status_code == 200


def test_a_query_left_empty_by_cleaning_is_the_missing_q_of_the_api(client, portal):
    response = client.get("/api/search/?q=%00%22")
    assert response.status_code == 400
    assert "obligatoire" in response.json()["detail"]


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("a\x00b", "a b"),
        ('"aide', "aide"),
        ("aide (logement)", "aide logement"),
        ("Saint-Omer", "Saint-Omer"),
        ("é\u200bté", "été"),
        ("  deux   mots ", "deux mots"),
        (None, ""),
    ],
)
def test_clean_query_drops_control_characters_and_query_syntax(raw, cleaned):
    from core.text import clean_query

    assert clean_query(raw) == cleaned


def test_clean_query_caps_the_length():
    from core.text import MAX_QUERY_LENGTH, clean_query

    assert len(clean_query("mot " * 1000)) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("search", ["%22", "%00", "aide%22%28", "%22%22%22"])
def test_wagtail_api_search_is_cleaned_on_every_backend(client, portal, endpoint, search):
    assert client.get(f"/api/v2/{endpoint}/?search={search}").status_code == 200


@pytest.mark.parametrize("param", ["offset", "limit"])
@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "%C2%B2", "1e3"])
def test_wagtail_api_offset_and_limit_out_of_range_answer_400(client, portal, param, value):
    assert client.get(f"/api/v2/pages/?{param}={value}").status_code == 400


def test_wagtail_api_offset_within_range_still_works(client, portal):
    assert client.get("/api/v2/pages/?offset=1&limit=5").status_code == 200


@pytest.mark.parametrize("next_url", ["/connexion/", "/connexion/?next=/connexion/", "/connexion/?a=1"])
def test_a_signed_in_person_sent_back_to_the_login_page_lands_on_the_home_page(client, demo_accounts, next_url):
    from django.utils.http import urlencode

    client.force_login(demo_accounts["editeur"])
    response = client.get("/connexion/?" + urlencode({"next": next_url}))
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_signed_in_person_still_goes_on_to_another_next_page(client, demo_accounts):
    client.force_login(demo_accounts["editeur"])
    response = client.get("/connexion/?next=/aides/")
    assert response.status_code == 302
    assert response["Location"] == "/aides/"
