"""import_aids: data/FORMATS.md's aid file, on the common CSV rules."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from home.models import AidePage
from tests.conftest import TEST_NOW

HEADER = "name,amount_eur,amount_unit,periodicity,audience,link"
CLOSES_ON = TEST_NOW.date() + dt.timedelta(days=200)  # a closing date after the clock's day


@pytest.fixture
def catalogue(db):
    call_command("setup_site", stdout=io.StringIO(), stderr=io.StringIO())


def write(tmp_path, *lines, header=HEADER, bom=False):
    path = tmp_path / "aides.csv"
    path.write_text(("\ufeff" if bom else "") + "\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_aids", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


TER_PLUS = "Carte TER +26 ans,,€,annuelle,,https://example.org/plus-26"
TER_MINUS = "Carte TER -26 ans,,,autre,,https://example.org/moins-26"


def test_names_that_slugify_alike_stay_two_aids(catalogue, tmp_path):
    status, out, _err = run(write(tmp_path, TER_PLUS, TER_MINUS))
    assert status == 0
    assert "2 créé(s)" in out
    slugs = sorted(AidePage.objects.live().values_list("slug", flat=True))
    assert slugs == ["carte-ter-moins-26-ans", "carte-ter-plus-26-ans"]


def test_the_real_file_gives_25_live_aids_and_a_second_run_changes_nothing(catalogue, settings):
    path = settings.BASE_DIR / "data" / "aides_region_hdf.csv"
    assert run(path)[0] == 0
    assert AidePage.objects.live().count() == 25
    status, out, _err = run(path)
    assert status == 0 and "0 créé(s), 0 mis à jour, 25 inchangé(s), 0 rejeté(s)" in out


def test_a_row_updates_the_aid_with_its_link_or_its_slug_instead_of_duplicating_it(catalogue, tmp_path, clock):
    run(write(tmp_path, TER_PLUS, bom=True))
    status, out, _err = run(
        write(tmp_path, "Carte TER plus de 26 ans,49,€,annuelle,salarie,https://example.org/plus-26")
    )
    assert status == 0 and "1 mis à jour" in out
    aid = AidePage.objects.get()
    assert (aid.title, aid.amount_eur, aid.slug) == ("Carte TER plus de 26 ans", 49, "carte-ter-plus-26-ans")
    assert [a.slug for a in aid.audiences.all()] == ["salaries"]
    header = HEADER + ",slug,summary,closes_on,unit"
    status, out, _err = run(
        write(
            tmp_path,
            TER_MINUS.replace("moins-26", "autre") + f",carte-ter-plus-26-ans,Résumé,{CLOSES_ON},DTR",
            header=header,
        )
    )
    assert status == 0 and "1 mis à jour" in out
    aid = AidePage.objects.get()
    assert (aid.summary, aid.closes_on, aid.responsible_unit_code) == ("Résumé", CLOSES_ON, "DTR")


def test_bad_rows_are_reported_with_their_line_and_the_good_ones_imported(catalogue, tmp_path):
    path = write(
        tmp_path,
        TER_PLUS,
        ",,,,,https://example.org/sans-nom",
        "Aide X,beaucoup,€,annuelle,,https://example.org/x",
        "Aide Y,,€,hebdomadaire,,https://example.org/y",
        "Aide Z,,€,annuelle,martien,https://example.org/z",
        "Aide W,,€,annuelle,,javascript:alert(1)",
        "Carte TER +26 ans,,€,annuelle,,https://example.org/plus-26",
    )
    status, out, err = run(path)
    assert status == 1
    assert "1 créé(s)" in out and "6 rejeté(s)" in out
    for line, reason in (
        (3, "le nom (name) est vide"),
        (4, "montant (amount_eur) illisible"),
        (5, "périodicité inconnue"),
        (6, "public(s) inconnu(s) : martien"),
        (7, "lien (link) invalide"),
        (8, "même aide que la ligne 2"),
    ):
        assert f"ligne {line} : {reason}" in err
    assert AidePage.objects.count() == 1


def test_strict_mode_writes_nothing_when_a_row_is_rejected(catalogue, tmp_path):
    status, _out, _err = run(write(tmp_path, TER_PLUS, "Aide X,beaucoup,€,annuelle,,"), "--strict")
    assert status == 1
    assert not AidePage.objects.exists()


def test_a_missing_required_column_rejects_the_file_and_unknown_columns_are_reported(catalogue, tmp_path):
    status, out, _err = run(write(tmp_path, "Aide,https://x.example", header="name,link"))
    assert status == 1 and "Colonne(s) obligatoire(s) absente(s) : amount_eur" in out
    status, _out, err = run(write(tmp_path, TER_PLUS + ",x", header=HEADER + ",couleur"))
    assert status == 0 and "Colonne(s) inconnue(s), ignorée(s) : couleur" in err
