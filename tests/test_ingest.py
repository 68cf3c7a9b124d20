"""Ingest: real files in tmp_path, in every encoding and shape the inputs come in, good and bad."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from policykg.extract.ingest import InputError, decode, iter_inputs, read_inputs

REPORT = (
    "政府工作报告\n——2024年1月17日在牡丹区第十九届人民代表大会第三次会议上\n"
    "各位代表：\n推进“链长制”改革，发展锂电产业。\n"
)


def _errors_for(errors: list[InputError], name: str) -> list[InputError]:
    return [e for e in errors if Path(e.source.split("#", 1)[0]).name == name]


def test_gb18030_file_is_read_correctly_not_rejected(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    docs, errors = read_inputs([path])
    assert errors == []
    assert [d.original for d in docs] == [REPORT]


def test_encoding_is_detected_from_the_bytes_not_the_extension(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(REPORT.encode("gb18030"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(REPORT.encode("utf-16"))
    (tmp_path / "d.txt").write_bytes(REPORT.encode("utf-8"))
    docs, errors = read_inputs([tmp_path])
    assert errors == []
    assert [Path(d.source).name for d in docs] == ["a.md", "b.txt", "c.txt", "d.txt"]
    assert all(d.original == REPORT for d in docs)  # the BOM is not part of the text


def test_big5_is_told_from_gb18030() -> None:
    text = "各位代表：現在，我代表區人民政府向大會報告工作，請予審議。"
    assert decode(text.encode("big5")) == text
    assert decode(text.encode("gb18030")) == text


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\r\n\t ", "empty file"),
        ("binary.txt", bytes(range(256)) * 4, "binary file"),
        ("noise.txt", bytes(range(1, 32)) * 40 + "报告".encode(), "binary file"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("report.docx", b"PK\x03\x04\x14\x00\x06\x00", "Office document"),
        ("no_text.csv", "province,year,title\n山东省,2023,x\n".encode(), "no text column"),
        ("header_only.csv", b"full_text,title\n", "no rows"),
    ],
)
def test_a_bad_input_is_one_line_naming_the_file_and_the_problem(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    docs, errors = read_inputs([bad, good])
    assert [Path(d.source).name for d in docs] == ["good.txt"]  # the other input still goes through
    assert len(errors) == 1
    line = str(errors[0])
    assert "\n" not in line
    assert line.startswith(str(bad) + ": ")
    assert problem in line


def test_a_missing_path_and_an_empty_folder_are_reported(tmp_path: Path) -> None:
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "notes.docx.bak").write_bytes(b"x")
    docs, errors = read_inputs([tmp_path / "missing.txt", empty_dir])
    assert docs == []
    assert (Path(errors[0].source).name, errors[0].message) == ("missing.txt", "no such file or folder")
    assert (Path(errors[1].source).name, errors[1].skipped) == ("notes.docx.bak", True)
    assert Path(errors[2].source).name == "nothing"
    assert "folder holds no" in errors[2].message and not errors[2].skipped


def test_all_bad_inputs_together_each_give_one_line(tmp_path: Path) -> None:
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "gbk.txt": REPORT.encode("gb18030"),
        "table.csv": "province,year,title\n山东省,2023,x\n".encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [tmp_path / n for n in files] + [tmp_path / "missing.txt"]
    docs, errors = read_inputs(paths)
    assert [Path(d.source).name for d in docs] == ["gbk.txt"]
    for name in ("empty.txt", "binary.txt", "table.csv", "missing.txt"):
        assert len(_errors_for(errors, name)) == 1, (name, errors)
    assert not _errors_for(errors, "gbk.txt")


def test_a_scraped_table_loads_one_report_per_row(tmp_path: Path) -> None:
    path = tmp_path / "scraped.csv"
    rows = [
        ["province", "year", "title", "source_url", "publish_date", "full_text"],
        ["山东省", "2024", "2024年山东省政府工作报告", "http://example.invalid/1", "2024-01-28", REPORT],
        ["吉林省", "2024", "2024年长春市朝阳区政府工作报告", "http://example.invalid/2", "2024-01-20",
         "政府工作报告\n在朝阳区第十六届人民代表大会第四次会议上\n各位代表：\n"],
    ]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    docs, errors = read_inputs([path])
    assert errors == []
    assert [d.source for d in docs] == [f"{path}#row=1", f"{path}#row=2"]
    assert docs[0].original == REPORT  # a multi-line text cell stays whole
    assert docs[0].given == {"title": "2024年山东省政府工作报告", "province": "山东省", "report_year": "2024"}
    assert "date" not in docs[1].given  # a publication date is not the date of the speech


def test_a_long_text_cell_is_read(tmp_path: Path) -> None:
    body = REPORT + "推进项目建设。" * 40000  # 280,000 characters: past csv's default field limit
    path = tmp_path / "long.csv"
    path.write_text('title,text\nx,"' + body + '"\n', encoding="utf-8")
    docs, errors = read_inputs([path])
    assert errors == []
    assert docs[0].original == body


def test_the_text_column_is_auto_detected_or_named(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("Region,Content\n巨野县,报告正文一\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("city\tcounty\tbody_text\n枣庄市\t台儿庄区\t报告正文二\n", encoding="utf-8")
    docs, errors = read_inputs([tmp_path / "a.csv"])
    assert errors == []
    assert docs[0].original == "报告正文一"
    assert docs[0].given == {"region": "巨野县"}
    docs, errors = read_inputs([tmp_path / "b.tsv"], text_field="body_text")
    assert errors == []
    assert docs[0].original == "报告正文二"
    assert docs[0].given == {"region": "枣庄市台儿庄区"}
    docs, errors = read_inputs([tmp_path / "b.tsv"], text_field="missing")
    assert docs == []
    assert "no column 'missing'" in errors[0].message


def test_a_gb18030_csv_from_a_spreadsheet_is_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("标题,正文\n报告,各位代表：推进项目建设。\n".encode("gb18030"))
    docs, errors = read_inputs([path])
    assert errors == []
    assert docs[0].original == "各位代表：推进项目建设。"
    assert docs[0].given == {"title": "报告"}


def test_jsonl_and_json_tables_with_a_bad_row(tmp_path: Path) -> None:
    jsonl = tmp_path / "reports.jsonl"
    lines = [
        json.dumps({"region": "巨野县", "year": 2024, "text": REPORT}, ensure_ascii=False),
        "{not json",
        json.dumps({"region": "牡丹区", "text": ""}, ensure_ascii=False),
        json.dumps(["a list"]),
        json.dumps({"region": "牡丹区", "text": "正文"}, ensure_ascii=False),
    ]
    jsonl.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    (tmp_path / "reports.json").write_text(
        json.dumps({"reports": [{"content": "正文三", "title": "t"}]}, ensure_ascii=False), encoding="utf-8")
    docs, errors = read_inputs([tmp_path])
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["reports.json#row=1", "reports.jsonl#row=1",
                                                           "reports.jsonl#row=5"]
    assert docs[1].given == {"region": "巨野县", "report_year": "2024"}
    assert [(e.source.rsplit("/", 1)[-1], e.message.split(" ")[0]) for e in errors] == [
        ("reports.jsonl#row=2", "invalid"), ("reports.jsonl#row=3", "empty"), ("reports.jsonl#row=4", "not")]


def test_folders_are_walked_in_order_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    docs, errors = read_inputs([tmp_path, tmp_path / "a.txt"])  # a file named twice is read once
    assert errors == [InputError(str(tmp_path / "image.png"), "skipped: a PNG image, not text", skipped=True)]
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["a.txt", "b/2.txt"]


def test_inputs_are_read_one_at_a_time_as_they_are_asked_for(tmp_path: Path) -> None:
    """`extract` reads a file only when the workers need it, so a large batch is never held whole first."""
    text = next((Path(__file__).parents[1] / "examples" / "reports").glob("*.txt")).read_text(encoding="utf-8")
    paths = [tmp_path / f"{i}.txt" for i in range(3)]
    for p in paths:
        p.write_text(text, encoding="utf-8")
    errors: list[InputError] = []
    docs = iter_inputs(paths, errors)
    assert next(docs).source == str(paths[0])
    paths[2].unlink()  # not read yet
    assert [d.source for d in docs] == [str(paths[1])]
    assert [e.source for e in errors] == [str(paths[2])]
    assert read_inputs(paths[:2])[0][1].original == text
