"""Report metadata: the ten reports of both dev sets against their gold, other kinds of header, given values
and overrides."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from policykg.extract import extract_paths
from policykg.extract.document import Document
from policykg.extract.metadata import apply_overrides, parse_date, read_metadata
from policykg.extract.normalize import normalize
from policykg.extract.segment import segment
from tests.conftest import DEV_SETS, EXAMPLES

GOLD_FILES = sorted((name, path) for name, (_, gold) in DEV_SETS.items() for path in gold.glob("*.json"))

#: stem → (region, level, parent, province, adcode, year reviewed, date, speaker)
EXPECTED = {
    "000_709c4303df1bfe20": ("牡丹区", "county", "菏泽市", "山东省", "371702000000", 2023, "2024-01-17", "董良峰"),
    "001_8fad76b244109893": ("台儿庄区", "county", "枣庄市", "山东省", "370405000000", 2022, "2023-02-08", "刘晓璐"),
    "002_5e1b2154f321d8f1": ("巨野县", "county", "菏泽市", "山东省", "371724000000", 2023, None, "楚德勤"),
    "003_097f914945e8a5ad": ("爱民区", "county", "牡丹江市", "黑龙江省", "231004000000", 2023, "2024-01-10", "王晓宇"),
    "004_a23e75c7edf50f1f": ("钢城区", "county", "济南市", "山东省", "370117000000", 2023, "2024-01-17", "程学锋"),
}
FIELDS = ("region", "region_level", "parent", "province", "adcode", "year", "date", "speaker")


def _meta(text: str, overrides: dict[str, Any] | None = None, given: dict[str, str] | None = None,
          source: str = "reports/r.txt") -> tuple[tuple, list[str], Document]:
    doc = Document(source, text)
    doc.given.update(given or {})
    apply_overrides(doc, overrides)
    read_metadata(segment(normalize(doc)))
    m = doc.meta
    return (m.region, m.region_level, m.parent, m.province, m.adcode, m.year, m.date, m.speaker), doc.warnings, doc


@pytest.fixture(scope="module")
def example_reports() -> dict[str, dict[str, Any]]:
    facts, errors, warnings = extract_paths([EXAMPLES])
    assert errors == [] and warnings == []
    return {Path(r["source"]).stem: r for r in facts["reports"]}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_metadata_of_the_examples(stem: str, example_reports: dict[str, dict[str, Any]]) -> None:
    report = example_reports[stem]
    assert tuple(report[f] for f in FIELDS) == EXPECTED[stem]
    assert report["region_id"] == "region:" + EXPECTED[stem][4]
    assert report["title"].endswith(f"{EXPECTED[stem][0]}政府工作报告")


@pytest.fixture(scope="module")
def dev_reports(dev_facts: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The reports of both dev sets, extracted, by source stem."""
    return {Path(r["source"]).stem: r for facts in dev_facts.values() for r in facts["reports"]}


def test_both_dev_sets_have_their_five_gold_files() -> None:
    assert [name for name, _ in GOLD_FILES] == ["seeds"] * 5 + ["wider"] * 5


@pytest.mark.parametrize("gold_file", [path for _, path in GOLD_FILES], ids=lambda p: p.stem)
def test_metadata_of_the_dev_reports_matches_gold(gold_file: Path, dev_reports: dict[str, dict[str, Any]]) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["report"]
    report = dev_reports[gold_file.stem]
    assert {k: report[k] for k in ("region", "parent", "province", "date", "speaker")} == {
        k: gold[k] for k in ("region", "parent", "province", "date", "speaker")}
    assert report["year"] == gold["year_reviewed"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "政府工作报告\n——2024年1月22日在山东省第十四届人民代表大会第二次会议上\n"
            "山东省省长 周乃翔\n各位代表：\n一、2023年工作回顾\n",
            ("山东省", "province", None, "山东省", "370000000000", 2023, "2024-01-22", "周乃翔"), id="province"),
        pytest.param(
            "政府工作报告\n——2024年1月21日在广西壮族自治区第十四届人民代表大会第二次会议上\n"
            "自治区主席 蓝天立\n各位代表：\n",
            ("广西壮族自治区", "province", None, "广西壮族自治区", "450000000000", 2023, "2024-01-21", "蓝天立"),
            id="autonomous-region"),
        pytest.param(
            "政府工作报告——2024年1月21日在北京市第十六届人民代表大会第二次会议上 北京市市长 殷勇 各位代表： "
            "现在，我代表市人民政府，向大会报告工作。一、过去一年工作回顾 过去一年……",
            ("北京市", "province", None, "北京市", "110000000000", 2023, "2024-01-21", "殷勇"),
            id="municipality-on-one-line"),
        pytest.param(
            "菏泽市人民政府工作报告\n——2024年1月8日在菏泽市第二十届人民代表大会第三次会议上\n"
            "菏泽市市长 张伦\n各位代表：\n",
            ("菏泽市", "prefecture", "山东省", "山东省", "371700000000", 2023, "2024-01-08", "张伦"), id="prefecture"),
        pytest.param(
            "政府工作报告\n菏泽市市长 张伦 2024年1月8日\n各位代表：\n",
            ("菏泽市", "prefecture", "山东省", "山东省", "371700000000", 2023, "2024-01-08", "张伦"),
            id="speaker-and-date-on-one-line"),
        pytest.param(
            "2024年寿光市政府工作报告\n\n寿光市人民政府代市长 张三\n\n各位代表：\n过去的一年，我们……\n",
            ("寿光市", "county", "潍坊市", "山东省", "370783000000", 2023, None, "张三"), id="county-level-city"),
        pytest.param(
            "政府工作报告\n二〇二四年一月十五日在准格尔旗第十八届人民代表大会第三次会议上\n旗长 李四\n各位代表:\n"
            "二、2024年工作安排\n",
            ("准格尔旗", "county", "鄂尔多斯市", "内蒙古自治区", "150622000000", 2023, "2024-01-15", "李四"),
            id="banner-with-a-chinese-numeral-date"),
        pytest.param(
            "政府工作报告\n——2024年1月15日在恩施土家族苗族自治州第九届人民代表大会第四次会议上\n州长 张某\n各位代表:\n",
            ("恩施土家族苗族自治州", "prefecture", "湖北省", "湖北省", "422800000000", 2023, "2024-01-15", "张某"),
            id="autonomous-prefecture"),
        pytest.param(
            "政 府 工 作 报 告\n(2024年1月10日在牡丹江市爱民区第十六届人民代表大会 第四次会议上)\n"
            "#### 区 长 王晓宇\n各位代表:\n",
            ("爱民区", "county", "牡丹江市", "黑龙江省", "231004000000", 2023, "2024-01-10", "王晓宇"),
            id="spaced-and-markdown"),
        pytest.param(
            "政府工作报告\n——2024年1月15日在朝阳区第十六届人民代表大会第四次会议上\n区长 王五\n各位代表:\n"
            "在北京市委、市政府的坚强领导下，北京城市副中心……\n",
            ("朝阳区", "county", "北京市", "北京市", "110105000000", 2023, "2024-01-15", "王五"),
            id="ambiguous-name-settled-by-the-text"),
    ],
)
def test_headers_of_other_levels(text: str, expected: tuple) -> None:
    got, warnings, _ = _meta(text)
    assert got == expected
    assert warnings == []


def test_an_ambiguous_region_is_settled_by_the_province_or_warned_about() -> None:
    text = "政府工作报告\n——2024年1月15日在朝阳区第十六届人民代表大会第四次会议上\n区长 王五\n各位代表:\n"
    got, warnings, _ = _meta(text, given={"province": "吉林"})
    assert got[:5] == ("朝阳区", "county", "长春市", "吉林省", "220104000000")
    assert warnings == []
    got, warnings, _ = _meta(text, overrides={"province": "北京市"})
    assert got[4] == "110105000000"
    got, warnings, _ = _meta(text)
    assert got[:5] == ("朝阳区", None, None, None, None)
    assert len(warnings) == 1 and "ambiguous" in warnings[0] and "长春市朝阳区" in warnings[0]


def test_overrides_win_over_the_text() -> None:
    text = (EXAMPLES / "000_709c4303df1bfe20.txt").read_text(encoding="utf-8")
    got, warnings, doc = _meta(text, overrides={"region": "枣庄市台儿庄区", "year": 2020, "speaker": "某某",
                                                "date": "2021/2/3", "title": None})
    assert got == ("台儿庄区", "county", "枣庄市", "山东省", "370405000000", 2020, "2021-02-03", "某某")
    assert warnings == ["the header names 牡丹区 but the given region is 台儿庄区"]
    assert doc.meta.title == "2021年台儿庄区政府工作报告"
    with pytest.raises(ValueError, match="unknown metadata override"):
        apply_overrides(Document("x", "y"), {"regoin": "台儿庄区"})


@pytest.mark.parametrize("name", ["台儿庄区", "枣庄市台儿庄区", "山东省枣庄市台儿庄区", "台儿庄"])
def test_a_given_region_name_is_resolved_to_its_code(name: str) -> None:
    got, warnings, _ = _meta("各位代表：\n没有标题的正文。", given={"region": name})
    assert warnings == ["year reviewed not found (no 'XXXX年工作回顾' and no date)"]
    assert got[:5] == ("台儿庄区", "county", "枣庄市", "山东省", "370405000000")


def test_a_table_row_gives_region_year_and_title(tmp_path: Path) -> None:
    table = tmp_path / "reports.csv"
    table.write_text(
        "province,year,title,source_url,publish_date,full_text\n"
        "吉林省,2024,2024年朝阳区政府工作报告,http://example.invalid,2024-01-30,\"各位代表：\n过去的一年……\"\n"
        "山东省,2024,2024年山东省政府工作报告,http://example.invalid,2024-01-30,\"政府工作报告\n"
        "——2024年1月22日在山东省第十四届人民代表大会第二次会议上\n各位代表：\n一、2023年工作回顾\n\"\n",
        encoding="utf-8")
    facts, errors, warnings = extract_paths([table])
    assert errors == [] and warnings == []
    first, second = facts["reports"]
    assert (first["region"], first["parent"], first["adcode"], first["year"], first["date"], first["title"]) == (
        "朝阳区", "长春市", "220104000000", 2023, None, "2024年朝阳区政府工作报告")
    assert (second["region"], second["region_level"], second["year"], second["date"]) == (
        "山东省", "province", 2023, "2024-01-22")


def test_a_report_without_a_region_warns_naming_the_file_and_uses_its_name(tmp_path: Path) -> None:
    path = tmp_path / "某报告.txt"
    path.write_text("各位代表：\n过去的一年，我们推进项目建设。\n", encoding="utf-8")
    facts, errors, warnings = extract_paths([path])
    assert errors == []
    assert facts["reports"][0]["region"] == "某报告"
    assert facts["reports"][0]["adcode"] is None
    region_warnings = [w for w in warnings if "region not found" in w]
    assert len(region_warnings) == 1 and region_warnings[0].startswith(f"{path}: ")


def test_a_given_region_outside_the_table_is_kept_with_a_warning() -> None:
    got, warnings, _ = _meta("各位代表：\n正文。", given={"region": "某某新区"})
    assert got[:5] == ("某某新区", None, None, None, None)
    assert warnings and "not in the division table" in warnings[0]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("各位代表：\n一、2023年政府工作回顾\n", 2023),
        ("各位代表：\n一、过去五年工作回顾\n二、2024年重点工作安排\n", 2023),
        ("——2024年1月17日在牡丹区第十九届人民代表大会第三次会议上\n各位代表：\n过去的一年，……\n", 2023),
        ("各位代表：\n2019年以来，认真总结经验。\n", None),
    ],
)
def test_the_year_reviewed(text: str, year: int | None) -> None:
    assert _meta(text)[0][5] == year


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2024-01-17", "2024-01-17"), ("2024/1/7", "2024-01-07"), ("2024年1月17日", "2024-01-17"),
     ("20240117", "2024-01-17"), ("二〇二四年一月十七日", "2024-01-17"), ("2024-02-30", None), ("soon", None)],
)
def test_given_dates(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso
