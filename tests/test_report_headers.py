"""Report metadata on every shape of header: the real title blocks of tests/data/headers, and provincial shapes.

The expected values of the real headers are in tests/data/headers/expected.tsv, read off each header by
hand. The provincial shapes (a publication stamp above the speech date, a photo caption, a speaker on a
line of its own, a plan year in the body, a file named after its region) are written in the style of the
provincial reports of 2026 as their sites publish them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from policykg.extract import extract_paths, extract_texts
from policykg.extract.document import Document
from policykg.extract.ingest import read_inputs
from policykg.extract.metadata import read_metadata
from policykg.extract.normalize import normalize
from policykg.extract.segment import segment
from policykg.graph.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ROOT / "tests" / "data" / "headers"
FIELDS = ("region", "region_level", "adcode", "year", "date", "speaker")


def _expected() -> dict[str, tuple]:
    out = {}
    for line in (HEADERS / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, region, level, adcode, year, date, speaker = line.split("\t")
        out[name] = (region, level, adcode, int(year), None if date == "-" else date,
                     None if speaker == "-" else speaker)
    return out


EXPECTED = _expected()


def _read(doc: Document) -> Document:
    return read_metadata(segment(normalize(doc)))


def _meta(doc: Document) -> tuple:
    m = doc.meta
    return tuple(getattr(m, f) for f in FIELDS)


def test_every_fixture_has_an_expected_row_and_the_other_way_round() -> None:
    files = {str(p.relative_to(HEADERS)) for p in HEADERS.rglob("*")
             if p.suffix in (".md", ".txt") and p.name != "README.md"}
    assert files == set(EXPECTED)
    assert sum(1 for f in files if f.startswith("cities/")) == 72


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_header_of_a_real_report(name: str) -> None:
    docs, errors = read_inputs([HEADERS / name])
    assert errors == []
    doc = _read(docs[0])
    assert _meta(doc) == EXPECTED[name]
    assert [w for w in doc.warnings if "region" in w] == []


def test_front_matter_is_metadata_and_kept_out_of_the_text() -> None:
    path = HEADERS / "cities" / "长沙市" / "2017.md"
    docs, _ = read_inputs([path])
    doc = _read(docs[0])
    assert doc.meta.url == "http://www.changsha.gov.cn/szf/zfgzbg/201701/t20170111_5685908.html"
    assert "source:" not in doc.text and "title:" not in doc.text and not doc.text.startswith("-")
    assert doc.text.startswith("2017年1月9日长沙市第十五届人民代表大会")
    assert doc.warnings == []
    # offsets still index the file as read
    start = doc.to_original[0]
    assert doc.original[start : start + 4] == "2017"


def test_the_front_matter_title_and_url_reach_the_facts(tmp_path: Path) -> None:
    report = tmp_path / "杭州市" / "2016.md"
    report.parent.mkdir()
    report.write_bytes((HEADERS / "cities" / "杭州市" / "2016.md").read_bytes())
    facts, errors, warnings = extract_paths([report])
    assert errors == [] and warnings == []
    rec = facts["reports"][0]
    assert rec["url"] == "https://www.hangzhou.gov.cn/art/2017/3/13/art_1229063401_1883646.html"
    assert rec["title"] == "2016年杭州市政府工作报告"
    assert (rec["region"], rec["year"], rec["date"]) == ("杭州市", 2015, "2016-02-01")
    schema = json.loads((ROOT / "extract" / "facts.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(facts)) == []
    # every mention still indexes the file as read, front matter included
    original = report.read_text(encoding="utf-8")
    mentions = [m for ent in facts["entities"] for m in ent["mentions"]]
    assert mentions
    for m in mentions:
        assert original[m["start"] : m["end"]] == m["text"]


# Provincial headers as published on the provinces' sites (2026 reports).
SICHUAN = (
    "四川省人民政府\n"
    "2026年02月10日 07:28 来源：四川日报\n"
    "【字号：大 中 小】 打印\n"
    "政府工作报告\n"
    "——2026年2月3日在四川省第十四届人民代表大会第五次会议上\n"
    "四川省省长 施小琳\n"
    "各位代表：\n"
    "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n"
    "一、2025年工作回顾\n"
)
GUIZHOU = (
    "1月24日，贵州省第十四届人民代表大会第五次会议在贵阳开幕，省长李炳军作政府工作报告。（记者 王军 摄）\n"
    "政府工作报告\n"
    "——2026年1月24日在贵州省第十四届人民代表大会第五次会议上\n"
    "贵州省省长 李炳军\n"
    "各位代表：\n"
    "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n"
)
HUNAN = (
    "政府工作报告\n"
    "——2026年1月25日在湖南省第十四届人民代表大会第五次会议上\n"
    "湖南省省长\n"
    "毛伟明\n"
    "各位代表：\n"
    "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n"
    "一、2025年工作回顾\n"
)
FUJIAN = (
    "政府工作报告\n"
    "——2026年1月23日在福建省第十四届人民代表大会第五次会议上\n"
    "福建省省长 赵龙\n"
    "各位代表：\n"
    "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n"
    "一、过去一年工作回顾\n"
    "过去一年，我们坚持稳中求进工作总基调，全面完成2025年目标任务，“十四五”规划圆满收官。\n"
    "二、“十五五”时期的主要目标\n"
    "三、今年的主要工作\n"
    "今年是“十五五”开局之年，做好今年政府工作，要统筹推进2026年重点工作，……\n"
)


def _text_meta(text: str, source: str = "reports/r.txt") -> tuple[tuple, Document]:
    doc = _read(Document(source, text))
    return _meta(doc), doc


def test_the_speech_date_wins_over_a_publication_stamp() -> None:
    got, doc = _text_meta(SICHUAN)
    assert got == ("四川省", "province", "510000000000", 2025, "2026-02-03", "施小琳")
    assert doc.meta.title == "2026年四川省政府工作报告"


def test_a_photo_caption_is_no_title() -> None:
    got, doc = _text_meta(GUIZHOU)
    assert got == ("贵州省", "province", "520000000000", 2025, "2026-01-24", "李炳军")
    assert doc.meta.title == "2026年贵州省政府工作报告"


def test_a_speaker_on_a_line_of_their_own() -> None:
    got, _ = _text_meta(HUNAN)
    assert got == ("湖南省", "province", "430000000000", 2025, "2026-01-25", "毛伟明")
    got, _ = _text_meta("<!-- 周海兵在长沙市第十六届人民代表大会第五次会议上作政府工作报告。 -->\n周海兵\n各位代表：\n")
    assert got[0] == "长沙市" and got[5] == "周海兵"


def test_a_plan_year_in_the_body_never_sets_the_year_reviewed() -> None:
    got, _ = _text_meta(FUJIAN)
    assert got == ("福建省", "province", "350000000000", 2025, "2026-01-23", "赵龙")
    # without a date, the title's year decides; the plan year in the body still does not
    got, _ = _text_meta("2026年福建省政府工作报告\n" + FUJIAN.split("\n", 3)[3])
    assert got[3] == 2025


def test_a_file_named_after_its_region_without_a_header(tmp_path: Path) -> None:
    body = ("各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2025年工作回顾\n"
            "过去一年，浙江坚持创新驱动，推行“一企一策”，大力发展数字经济、集成电路产业和新能源汽车产业链。\n")
    path = tmp_path / "浙江省.txt"
    path.write_text(body, encoding="utf-8")
    facts, errors, warnings = extract_paths([path])
    assert errors == [] and warnings == []
    rec = facts["reports"][0]
    assert (rec["region"], rec["region_level"], rec["adcode"], rec["year"]) == (
        "浙江省", "province", "330000000000", 2025)
    with EmbeddedStore(tmp_path / "g.lbdb") as store:
        summary = store.load_facts(facts)
        assert len(summary["loaded"]) == 1
        about = store.run("MATCH (:Report)-[:ABOUT]->(g:Region) RETURN g.code")[1]
        assert about == [["330000000000"]]
        edges = store.run("MATCH (:Region {code: '330000000000'})-[r:ADOPTS|DEVELOPS]->() RETURN count(r)")[1]
        assert edges[0][0] > 0


def test_a_folder_named_after_its_region() -> None:
    facts = extract_texts({"杭州市/2016.md": "各位代表：\n一、2015年工作回顾\n过去一年，我们推进数字经济。\n"})
    rec = facts["reports"][0]
    assert (rec["region"], rec["adcode"], rec["year"]) == ("杭州市", "330100000000", 2015)


def test_a_text_with_no_sign_of_a_work_report_is_warned_about(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("# How to use this folder\n\nPut the reports here.\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(HUNAN, encoding="utf-8")
    facts, errors, warnings = extract_paths([tmp_path])
    assert errors == [] and len(facts["reports"]) == 2
    readme = [w for w in warnings if w.startswith(f"{tmp_path / 'readme.md'}: ")]
    assert any("no sign of a government work report" in w for w in readme)
    assert not any(w.startswith(f"{tmp_path / 'r.txt'}") for w in warnings)


def test_a_folders_files_of_other_kinds_are_named_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(HUNAN, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n...")
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04....")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "notes.rtf.bak").write_text("notes", encoding="utf-8")
    facts, errors, warnings = extract_paths([tmp_path])
    assert errors == [] and len(facts["reports"]) == 1
    skipped = sorted(w for w in warnings if ": skipped: " in w)
    assert skipped == [
        f"{tmp_path / 'notes.rtf.bak'}: skipped: not a report file (.bak; reports are "
        ".csv/.json/.jsonl/.markdown/.md/.text/.tsv/.txt)",
        f"{tmp_path / 'photo.png'}: skipped: a PNG image, not text",
        f"{tmp_path / 'report.docx'}: skipped: a ZIP archive or Office document, not text (save it as .txt first)",
        f"{tmp_path / 'scan.pdf'}: skipped: a PDF file, not text (convert it to text first)",
    ]


@pytest.mark.parametrize("last", ["市长", "代市长", "摘要", "全文", "长沙市"])
def test_a_title_or_word_on_a_line_of_its_own_is_no_speaker(last: str) -> None:
    got, _ = _text_meta(f"政府工作报告\n——2024年1月9日在长沙市第十六届人民代表大会第三次会议上\n{last}\n各位代表：\n")
    assert got[0] == "长沙市" and got[5] is None


@pytest.mark.parametrize("stamp", ["2026年02月10日 07:28 来源：四川日报", "四川日报 2026年02月10日",
                                   "发布日期：2026年2月10日"])
def test_a_publication_stamp_never_wins_over_the_date_of_the_speech(stamp: str) -> None:
    text = ("政府工作报告\n" + stamp + "\n——在四川省第十四届人民代表大会第五次会议上\n（2026年2月3日）\n"
            "四川省省长 施小琳\n各位代表：\n")
    got, _ = _text_meta(text)
    assert got == ("四川省", "province", "510000000000", 2025, "2026-02-03", "施小琳")
    # a stamp alone is not the date of the speech (a padded date may be), but it dates the report
    got, _ = _text_meta(f"{stamp}\n政府工作报告\n四川省省长 施小琳\n各位代表：\n")
    assert got[4] in (None, "2026-02-10") and got[3] == (None if "发布日期" in stamp else 2025)


def test_a_front_matter_date_counts_when_the_header_has_none(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: 菏泽市政府工作报告\ndate: 2024-01-08\nsource:\n  - https://example.invalid/a\n---\n\n"
                    "各位代表：\n过去的一年，我们推进项目建设。\n", encoding="utf-8")
    facts, errors, warnings = extract_paths([path])
    assert errors == [] and warnings == []
    rec = facts["reports"][0]
    assert (rec["region"], rec["date"], rec["year"], rec["url"], rec["title"]) == (
        "菏泽市", "2024-01-08", 2023, "https://example.invalid/a", "菏泽市政府工作报告")


def test_a_front_matter_that_is_not_yaml_stays_text_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: [unclosed\n---\n" + HUNAN, encoding="utf-8")
    facts, errors, warnings = extract_paths([path])
    assert errors == [] and len(facts["reports"]) == 1
    assert [w for w in warnings if "front matter" in w] == [f"{path}: front matter is not valid YAML (ParserError); "
                                                            "read as text"]
