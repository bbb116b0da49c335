"""import_belette and belette/imports.py against FORMATS.md's rules."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from belette.imports import import_directory
from belette.models import Agent, ChangeRecord, Dispositif, Unit
from core.models import SynonymSet

from .conftest import SAMPLE_DIR

UNITS = """code,name,acronym,parent_code,kind,email,phone,site
DGS,Direction générale des services,DGS,,dgs,dgs@hdf.fr,03 00,Lille
DTR-TER,Service TER,,DTR,service,ter@hdf.fr,03 01,Lille
DTR,Direction des Transports,DTR,DGS,direction,dtr@hdf.fr,03 02,Lille
"""
AGENTS = """id,first_name,last_name,title,unit_code,email,phone,site,topics,backup_id,active
A1,Isabelle,Dupont,Chargée de mission,DTR-TER,isabelle@hdf.fr,03 10,Lille,TER|tarifs,A2,yes
A2,Luc,Martin,Technicien,DTR,luc@hdf.fr,03 11,Lille,,,yes
"""
DISPOSITIFS = """code,name,aliases,summary,audience,unit_code,contact_ids,portal_url
TER-PLUS26,Carte TER +26 ans,carte TER adulte|TER,Réduction.,voyageurs,DTR-TER,A1|A2,https://example.org/ter
"""
SYNONYMS = "terms\nTER|train régional\n"


def write(directory, **files):
    for name, text in files.items():
        (directory / f"{name}.csv").write_text(text, encoding="utf-8")
    return directory


@pytest.fixture
def csv_dir(tmp_path):
    return write(tmp_path, units=UNITS, agents=AGENTS, dispositifs=DISPOSITIFS, synonyms=SYNONYMS)


def run(directory, *args):
    """What the command prints: summaries on stdout, warnings and rejected rows on stderr (core.imports)."""
    out = StringIO()
    call_command("import_belette", str(directory), *args, stdout=out, stderr=out)
    return out.getvalue()


def test_import_creates_every_entry_with_links(db, csv_dir):
    output = run(csv_dir)
    assert "units.csv : 3 créé(s)" in output and "agents.csv : 2 créé(s)" in output
    assert Unit.objects.get(code="DTR-TER").parent.code == "DTR"  # parent declared after the child
    agent = Agent.objects.get(hr_id="A1")
    assert agent.backup.hr_id == "A2" and agent.topics == ["TER", "tarifs"] and agent.active
    dispositif = Dispositif.objects.get(code="TER-PLUS26")
    assert dispositif.aliases == ["carte TER adulte", "TER"]
    assert sorted(dispositif.contacts.values_list("hr_id", flat=True)) == ["A1", "A2"]
    assert SynonymSet.objects.get().terms == ["TER", "train régional"]
    assert ChangeRecord.objects.filter(action="created", source="import").count() == 6


def test_second_import_of_the_same_files_changes_nothing(db, csv_dir):
    run(csv_dir)
    before = {model: list(model.objects.values()) for model in (Unit, Agent, Dispositif, SynonymSet)}
    records = ChangeRecord.objects.count()
    output = run(csv_dir)
    assert "0 créé(s), 0 mis à jour, 3 inchangé(s)" in output
    assert {model: list(model.objects.values()) for model in before} == before
    assert ChangeRecord.objects.count() == records


def test_changes_are_updated_in_place_and_written_to_the_history(db, csv_dir):
    run(csv_dir)
    write(csv_dir, agents=AGENTS.replace("03 10", "03 99").replace(",A2,yes", ",,yes"))
    output = run(csv_dir)
    assert "agents.csv : 0 créé(s), 1 mis à jour, 1 inchangé(s)" in output
    agent = Agent.objects.get(hr_id="A1")
    assert agent.phone == "03 99" and agent.backup is None
    record = ChangeRecord.objects.filter(target_key="A1", action="updated").latest("pk")
    assert record.changes["phone"] == ["03 10", "03 99"]


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept(db, csv_dir):
    write(
        csv_dir,
        agents=AGENTS + "A3,Léa,,Chargée,DTR,lea@hdf.fr,,Lille,,,yes\n"
        "A4,Léo,Petit,Chargé,NOPE,leo@hdf.fr,,Lille,,,yes\n"
        "A5,Max,Durand,Chargé,DTR,pas-une-adresse,,Lille,,,yes\n"
        "A6,Eva,Roux,Chargée,DTR,eva@hdf.fr,,Lille,,A99,yes\n"
        "A7,Ana,Roy,Chargée,DTR,ana@hdf.fr,,Lille,,,peut-être\n",
    )
    with pytest.raises(CommandError, match="5 ligne"):
        run(csv_dir)
    report = import_directory(csv_dir)  # the same files again, to read the per-line messages
    agents = next(file for file in report.files if file.name == "agents.csv")
    assert [line for line, _message in agents.errors] == [4, 5, 6, 7, 8]
    messages = " | ".join(message for _line, message in agents.errors)
    for expected in (
        "prénom ou nom manquant",
        "unité « NOPE » inconnue",
        "adresse électronique invalide",
        "suppléant « A99 » inconnu",
        "attendu : yes ou no",
    ):
        assert expected in messages
    assert sorted(Agent.objects.values_list("hr_id", flat=True)) == ["A1", "A2"]


def test_missing_required_column_rejects_the_whole_file(db, csv_dir):
    write(csv_dir, agents=AGENTS.replace(",active", ",actif"))
    with pytest.raises(CommandError):
        run(csv_dir)
    report = import_directory(csv_dir)
    agents = next(file for file in report.files if file.name == "agents.csv")
    assert agents.file_rejected and "active" in agents.errors[0][1]
    assert not Agent.objects.exists()


def test_unknown_columns_are_reported_and_ignored_and_a_bom_is_accepted(db, csv_dir):
    (csv_dir / "units.csv").write_text("\ufeff" + UNITS.replace("site\n", "site,extra\n", 1), encoding="utf-8")
    output = run(csv_dir)
    assert "Colonne(s) inconnue(s), ignorée(s) : extra." in output
    assert Unit.objects.filter(code="DGS").exists()


def test_units_with_unknown_parent_or_cycle_are_rejected(db, tmp_path):
    write(
        tmp_path,
        units=UNITS + "X1,Boucle 1,,X2,unit,,,\nX2,Boucle 2,,X1,unit,,,\nX3,Orpheline,,NOPE,unit,,,\n"
        "X4,Bizarre,,DGS,bureau,,,\n",
    )
    report = import_directory(tmp_path)
    messages = " | ".join(message for _line, message in report.files[0].errors)
    assert "circulaire" in messages and "« NOPE » inconnue" in messages and "« bureau » inconnu" in messages
    assert not Unit.objects.filter(code__in=["X3", "X4"]).exists()
    assert Unit.objects.filter(code="DTR-TER").exists()


def test_dispositif_with_unknown_contact_is_rejected(db, csv_dir):
    write(csv_dir, dispositifs=DISPOSITIFS + "X,Autre,,,,DTR,A1|A404,\n")
    report = import_directory(csv_dir)
    dispositifs = next(file for file in report.files if file.name == "dispositifs.csv")
    assert dispositifs.errors == [(3, "contact(s) inconnu(s) : A404")]
    assert not Dispositif.objects.filter(code="X").exists()


@pytest.mark.parametrize("address", ["ftp://files.example/ter", "//evil.example/ter", "javascript:alert(1)"])
def test_a_dispositif_portal_address_follows_the_one_link_rule(db, csv_dir, address):
    """The import refuses what the admin form refuses (core.links.validate_link)."""
    write(csv_dir, dispositifs=DISPOSITIFS + f"X,Autre,,,,DTR,A1,{address}\n")
    report = import_directory(csv_dir)
    dispositifs = next(file for file in report.files if file.name == "dispositifs.csv")
    assert dispositifs.errors == [(3, f"adresse de la page publique invalide « {address} »")]
    assert not Dispositif.objects.filter(code="X").exists()


def test_synonym_row_with_one_term_is_rejected(db, csv_dir):
    write(csv_dir, synonyms=SYNONYMS + "solitaire\n")
    report = import_directory(csv_dir)
    synonyms = next(file for file in report.files if file.name == "synonyms.csv")
    assert synonyms.created == 1 and [line for line, _message in synonyms.errors] == [3]


def test_full_import_deactivates_missing_agents_and_never_deletes(db, csv_dir):
    run(csv_dir)
    write(csv_dir, agents=AGENTS.splitlines()[0] + "\n" + AGENTS.splitlines()[2] + "\n", dispositifs=DISPOSITIFS)
    run(csv_dir)  # without --full, the absent agent stays as it was
    assert Agent.objects.get(hr_id="A1").active
    with pytest.raises(CommandError):
        run(csv_dir, "--full")  # 1 agent of 2 is above the 20 % threshold
    assert Agent.objects.get(hr_id="A1").active
    output = run(csv_dir, "--full", "--force")
    assert "1 désactivé(s)" in output
    agent = Agent.objects.get(hr_id="A1")
    assert not agent.active
    assert ChangeRecord.objects.filter(target_key="A1", action="deactivated").exists()
    assert Agent.objects.count() == 2


def test_strict_import_writes_nothing_when_a_row_is_bad(db, csv_dir):
    write(csv_dir, agents=AGENTS + "A3,Léa,,Chargée,DTR,lea@hdf.fr,,Lille,,,yes\n")
    with pytest.raises(CommandError):
        run(csv_dir, "--strict")
    assert not Unit.objects.exists() and not Agent.objects.exists()


def test_missing_directory_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Dossier introuvable"):
        run(tmp_path / "absent")
    with pytest.raises(CommandError, match="Aucun des fichiers attendus"):
        run(tmp_path)


def test_sample_imports_whole_and_is_idempotent(db, tmp_path):
    shutil.copytree(SAMPLE_DIR, tmp_path / "sample")
    report = import_directory(tmp_path / "sample")
    assert [(file.name, file.created, file.rejected) for file in report.files] == [
        ("units.csv", 81, 0),
        ("agents.csv", 2000, 0),
        ("dispositifs.csv", 41, 0),
        ("synonyms.csv", 30, 0),
    ]
    again = import_directory(tmp_path / "sample")
    assert again.changed == 0 and again.rejected == 0


def _many_agents(count):
    header = AGENTS.splitlines()[0]
    rows = [f"B{n:03d},Prénom{n},Nom{n:03d},Agent,DTR,b{n}@hdf.fr,,Lille,,,yes" for n in range(count)]
    return header + "\n" + "\n".join(rows) + "\n"


def test_full_import_of_a_header_only_file_fails_and_deactivates_nobody(db, csv_dir):
    write(csv_dir, agents=_many_agents(10), dispositifs=DISPOSITIFS.replace("A1|A2", ""))
    run(csv_dir)
    write(csv_dir, agents=AGENTS.splitlines()[0] + "\n")
    for args in (("--full",), ("--full", "--force")):
        with pytest.raises(CommandError):
            run(csv_dir, *args)
        assert Agent.objects.filter(active=True).count() == 10
        assert not ChangeRecord.objects.filter(action="deactivated").exists()


def test_full_import_refuses_to_deactivate_more_than_a_fifth_without_force(db, csv_dir):
    write(csv_dir, agents=_many_agents(10), dispositifs=DISPOSITIFS.replace("A1|A2", ""))
    run(csv_dir)
    seven = _many_agents(10).splitlines()
    write(csv_dir, agents="\n".join(seven[:8]) + "\n")  # header + 7 agents: 3 of 10 would go
    with pytest.raises(CommandError) as error:
        run(csv_dir, "--full")
    assert Agent.objects.filter(active=True).count() == 10
    write(csv_dir, agents="\n".join(seven[:10]) + "\n")  # 9 agents: 1 of 10 goes, within the limit
    assert "1 désactivé(s)" in run(csv_dir, "--full")
    assert not Agent.objects.get(hr_id="B009").active
    assert error.value is not None


def test_dry_run_names_who_would_be_deactivated_and_writes_nothing(db, csv_dir):
    write(csv_dir, agents=_many_agents(10), dispositifs=DISPOSITIFS.replace("A1|A2", ""))
    run(csv_dir)
    write(csv_dir, agents="\n".join(_many_agents(10).splitlines()[:8]) + "\n")
    output = run(csv_dir, "--full", "--force", "--dry-run")
    assert "Agents à désactiver : 3." in output
    for name in ("Prénom7 Nom007 (B007)", "Prénom8 Nom008 (B008)", "Prénom9 Nom009 (B009)"):
        assert name in output
    assert Agent.objects.filter(active=True).count() == 10
    assert not ChangeRecord.objects.filter(action="deactivated").exists()
