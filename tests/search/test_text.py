"""The one text analysis (core/text.py) and the one masking of personal data (core/privacy.py), in the
forms the search and the directory use them."""

from core.privacy import mask_personal_data
from core.text import excerpt, fold, highlight, tokens


def test_fold_removes_case_accents_and_ligatures_and_accepts_none():
    assert fold("Région") == fold("REGION") == "region"
    assert fold("Cœur ÆGIS") == "coeur aegis"
    assert fold(None) == ""


def test_tokens_drop_stop_words_and_elisions_and_stem_plurals():
    assert tokens("Qui gère les cartes de l'Université ?") == ("carte", "universite")


def test_highlight_by_prefix_marks_whole_words_and_escapes_the_rest():
    html = highlight("Les aides <b>régionales</b> & l'aide", ["aide", "region"])
    assert html == "Les <mark>aides</mark> &lt;b&gt;<mark>régionales</mark>&lt;/b&gt; &amp; l&#x27;<mark>aide</mark>"


def test_highlight_by_token_marks_only_words_whose_form_or_stem_matched():
    html = highlight("Cartes TER <script>", frozenset({"carte", "ter"}), prefix=False)
    assert html == "<mark>Cartes</mark> <mark>TER</mark> &lt;script&gt;"
    assert highlight("Terminus", frozenset({"ter"}), prefix=False) == "Terminus"


def test_excerpt_cuts_around_the_first_match_on_word_boundaries():
    text = "mot " * 100 + "Le vélo électrique " + "mot " * 100
    html = excerpt(text, ["velo"], length=60)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>vélo</mark>" in html and len(html) < 120


def test_personal_data_is_masked_with_the_labels_asked_for():
    text = "Écrivez à jean.dupont@example.org ou au +33 6 12 34 56 78, dossier 2024"
    assert mask_personal_data(text) == "Écrivez à [courriel masqué] ou au [téléphone masqué], dossier 2024"
    assert mask_personal_data("06.12.34.56.78", number_label="[numéro]") == "[numéro]"
