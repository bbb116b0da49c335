import pytest

from core.csvfiles import EXTRA_CELLS, CsvFileRejected, read_csv_rows, split_list


def test_rows_keep_their_line_numbers_and_a_bom_is_accepted(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('\ufeffb,a\n" 2 ",1\n"multi\nline",3\n', encoding="utf-8")
    rows, warnings = read_csv_rows(path, required=["a", "b"])
    assert rows == [(2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "multi\nline"})]
    assert warnings == []


def test_unknown_columns_are_reported_and_dropped(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,zzz\n1,2\n", encoding="utf-8")
    rows, warnings = read_csv_rows(path, required=["a"])
    assert rows == [(2, {"a": "1"})]
    assert warnings == ["Colonne(s) inconnue(s), ignorée(s) : zzz."]


def test_extra_cells_are_kept_apart_for_the_row_check(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a\n1,2\n", encoding="utf-8")
    rows, _warnings = read_csv_rows(path, required=["a"])
    assert rows[0][1][EXTRA_CELLS] == ["2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vide"),
        (b"a,c\n1,2\n", "Colonne(s) obligatoire(s) absente(s) : b."),
        ("a,b\né,1\n".encode("latin-1"), "UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_is_rejected_whole(tmp_path, content, message):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(CsvFileRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_csv_rows(path, required=["a", "b"])


def test_a_missing_file_is_rejected_with_its_path(tmp_path):
    with pytest.raises(CsvFileRejected, match="introuvable"):
        read_csv_rows(tmp_path / "absent.csv", required=["a"])


def test_list_cells_split_on_pipes():
    assert split_list(" TER | train régional ||") == ["TER", "train régional"]
    assert split_list("") == []
