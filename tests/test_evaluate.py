"""Scoring facts against gold (`policykg.extract.evaluate`, `policykg evaluate`) on small hand-made documents."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.extract.evaluate import Counts, evaluate, normalise_name
from policykg.formats import format_scores


def facts_of(*reports: tuple[str, str, dict[str, list[Any]]]) -> dict[str, Any]:
    """A facts document: (source, region, {type: [name or (name, [aliases])]}) per report."""
    doc: dict[str, Any] = {"schema": "policykg/facts@1", "reports": [], "entities": [], "relations": []}
    for n, (source, region, by_type) in enumerate(reports):
        rid = f"report:{n}"
        doc["reports"].append({"id": rid, "source": source, "region": region})
        for etype, items in by_type.items():
            for item in items:
                name, aliases = (item, []) if isinstance(item, str) else item
                doc["entities"].append({"id": f"{etype}:{n}:{name}", "type": etype, "name": name,
                                        "aliases": aliases, "mentions": [{"report": rid}]})
    return doc


def gold_file(folder: Path, doc: str, region: str, by_type: dict[str, list[Any]]) -> Path:
    """Write one gold file: {type: [name or (name, [aliases])]}."""
    entities = {t: [{"name": i, "aliases": []} if isinstance(i, str) else {"name": i[0], "aliases": i[1]}
                    for i in items] for t, items in by_type.items()}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (Path(doc).stem + ".json")
    path.write_text(json.dumps({"doc": doc, "report": {"region": region}, "entities": entities},
                               ensure_ascii=False), encoding="utf-8")
    return path


def test_names_are_compared_after_nfkc_without_spaces_and_quotes_in_lower_case() -> None:
    assert normalise_name("“ＤＲＧ 支付”") == normalise_name("drg支付") == "drg支付"
    assert normalise_name("《锂电十条》") == "锂电十条"


def test_strict_needs_equal_forms_lenient_needs_the_shorter_to_be_half_the_longer(tmp_path: Path) -> None:
    gold = gold_file(tmp_path, "a.txt", "甲区", {"IndustrialChain": ["锂电", "新材料", "生物医药"]})
    # 锂电产业 (4) holds 锂电 (2): lenient; 新材料产业链 (6) holds 新材料 (3): lenient; 医药 (2) is in 生物医药 (4).
    facts = facts_of(("r/a.txt", "甲区", {"IndustrialChain": ["锂电产业", "新材料产业链", "医药"]}))
    counts = evaluate(facts, [gold], types=["IndustrialChain"]).counts["IndustrialChain"]
    assert counts == Counts(gold=3, pred=3, strict=0, lenient=3)
    facts = facts_of(("r/a.txt", "甲区", {"IndustrialChain": ["锂电产业链", "新材料"]}))  # 锂电产业链: 2 < 5 / 2
    counts = evaluate(facts, [gold], types=["IndustrialChain"]).counts["IndustrialChain"]
    assert counts == Counts(gold=3, pred=2, strict=1, lenient=1)


def test_aliases_match_on_both_sides(tmp_path: Path) -> None:
    gold = gold_file(tmp_path, "a.txt", "台儿庄区", {"Region": [("台儿庄区", ["台儿庄"])],
                                                     "Project": ["丰元汇能项目"]})
    facts = facts_of(("r/a.txt", "台儿庄区", {"Region": ["台儿庄"],
                                              "Project": [("汇能二期", ["丰元汇能项目"])]}))
    scores = evaluate(facts, [gold], types=["Region", "Project"])
    assert scores.counts["Region"] == Counts(1, 1, 1, 1)
    assert scores.counts["Project"] == Counts(1, 1, 1, 1)


def test_matching_is_one_to_one_and_maximum(tmp_path: Path) -> None:
    gold = gold_file(tmp_path, "a.txt", "甲区", {"Initiative": ["一企一策", "一企一策改革"]})
    # one gold entity cannot be matched twice
    twice = facts_of(("r/a.txt", "甲区", {"Initiative": ["一企一策", "“一企一策”", "一企一策服务"]}))
    scores = evaluate(twice, [gold], types=["Initiative"])
    assert scores.counts["Initiative"] == Counts(gold=2, pred=3, strict=1, lenient=2)
    # 一企一策改 fits both gold entities, 一企 only 一企一策 (2 ≥ 4 / 2, but not 2 ≥ 6 / 2): a greedy pass in
    # order would give 一企一策 to 一企一策改 and leave 一企 without a partner
    gold2 = gold_file(tmp_path / "g2", "a.txt", "甲区", {"Initiative": ["一企一策", "一企一策改革"]})
    both = facts_of(("r/a.txt", "甲区", {"Initiative": ["一企一策改", "一企"]}))
    assert evaluate(both, [gold2], types=["Initiative"]).counts["Initiative"].lenient == 2


def test_errors_list_misses_and_false_hits_and_keep_exact_names_matched(tmp_path: Path) -> None:
    gold = gold_file(tmp_path, "a.txt", "甲区", {"IndustrialChain": ["锂电", "文旅"]})
    facts = facts_of(("r/a.txt", "甲区", {"IndustrialChain": ["锂电材料", "锂电", "工业"]}))
    scores = evaluate(facts, [gold], types=["IndustrialChain"])
    assert [(m.report, m.type, m.missed, m.false) for m in scores.errors] == [
        ("a", "IndustrialChain", ["文旅"], ["锂电材料", "工业"])]


def test_gold_goes_to_the_report_of_its_stem_or_else_of_its_unique_region(tmp_path: Path) -> None:
    gold_file(tmp_path, "000_abc.txt", "甲区", {"Park": ["甲区经济开发区"]})
    gold_file(tmp_path, "乙县_2024.txt", "乙县", {"Park": ["乙县高新区"]})
    gold_file(tmp_path, "丙市_2024.txt", "丙市", {"Park": ["丙市物流园"]})
    facts = facts_of(("reports/000_abc.txt", "甲区", {"Park": ["甲区经济开发区"]}),
                     ("table.csv#row=2", "乙县", {"Park": ["乙县高新区"]}),
                     ("other/丙.txt", "丙市", {}), ("other/丙2.txt", "丙市", {"Park": ["丙市物流园"]}))
    scores = evaluate(facts, [tmp_path], types=["Park"])
    # 丙市 names two reports, so its gold matches neither: counted as missed, and said so
    assert scores.counts["Park"] == Counts(gold=3, pred=2, strict=2, lenient=2)
    assert len(scores.unmatched) == 1 and "丙市_2024.txt" in scores.unmatched[0]


def test_micro_sums_the_types_scored_and_empty_sides_score_one(tmp_path: Path) -> None:
    gold = gold_file(tmp_path, "a.txt", "甲区", {"Region": ["甲区"], "Park": ["甲园区", "乙园区"], "Project": []})
    facts = facts_of(("r/a.txt", "甲区", {"Region": ["甲区"], "Park": ["甲园区"]}))
    scores = evaluate(facts, [gold])
    assert scores.micro == Counts(gold=3, pred=2, strict=2, lenient=2)
    assert scores.counts["Project"].prf() == (1.0, 1.0, 1.0)
    assert scores.f1("Park") == pytest.approx(2 / 3)
    assert scores.as_dict()["micro"] == {"gold": 3, "pred": 2,
                                         "strict": [1.0, 0.667, 0.8], "lenient": [1.0, 0.667, 0.8]}
    assert evaluate(facts, [gold], types=["Park"]).micro == Counts(2, 1, 1, 1)


def test_a_bad_gold_file_is_named_and_the_rest_is_scored(tmp_path: Path) -> None:
    good = gold_file(tmp_path, "a.txt", "甲区", {"Region": ["甲区"]})
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"doc": "x.txt"}', encoding="utf-8")
    facts = facts_of(("r/a.txt", "甲区", {"Region": ["甲区"]}))
    scores = evaluate(facts, [tmp_path, tmp_path / "missing.json"])
    assert scores.counts["Region"] == Counts(1, 1, 1, 1)
    assert [p.split(":")[0] for p in scores.problems] == [
        str(tmp_path / "broken.json"), str(tmp_path / "other.json"), str(tmp_path / "missing.json")]
    assert good.is_file()
    with pytest.raises(ValueError, match="unknown entity type Chain"):
        evaluate(facts, [good], types=["Chain"])


@pytest.fixture
def scored(tmp_path: Path):
    gold = gold_file(tmp_path / "gold", "a.txt", "甲区", {"Region": ["甲区"], "Initiative": ["一企一策", "链长制"]})
    facts = facts_of(("r/a.txt", "甲区", {"Region": ["甲区"], "Initiative": ["一企一策", "放管服|改革"]}))
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    return path, gold, evaluate(facts, [gold], types=["Region", "Initiative"])


def test_markdown_is_a_table_with_the_errors_after_it(scored) -> None:
    text = format_scores(scored[2], "markdown", errors=True)
    lines = text.splitlines()
    assert lines[0] == ("| type | gold | pred | strict P | strict R | strict F1 | lenient P | lenient R "
                        "| lenient F1 |")
    assert lines[2] == "| Region | 1 | 1 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 |"
    assert lines[3] == "| Initiative | 2 | 2 | 0.50 | 0.50 | 0.50 | 0.50 | 0.50 | 0.50 |"
    assert lines[4] == "| micro | 3 | 3 | 0.67 | 0.67 | 0.67 | 0.67 | 0.67 | 0.67 |"
    assert "**a** · Initiative" in lines and "- missed: 链长制" in lines and "- false: 放管服|改革" in lines
    assert "missed" not in format_scores(scored[2], "markdown")


def test_json_holds_the_scores_and_with_errors_the_misses(scored) -> None:
    doc = json.loads(format_scores(scored[2], "json", errors=True))
    assert doc["scores"]["Initiative"] == {"gold": 2, "pred": 2, "strict": [0.5, 0.5, 0.5], "lenient": [0.5, 0.5, 0.5]}
    assert doc["errors"] == [{"report": "a", "type": "Initiative", "missed": ["链长制"], "false": ["放管服|改革"]}]
    assert "errors" not in json.loads(format_scores(scored[2], "json"))


def test_the_command_prints_the_scores_and_fails_on_bad_gold_or_usage(scored, tmp_path: Path) -> None:
    facts, gold, _ = scored
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", str(facts), str(gold), "--types", "Region,Initiative",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scores"]["micro"]["gold"] == 3
    table = runner.invoke(app, ["evaluate", str(facts), str(gold), "--errors"])
    assert table.exit_code == 0 and table.stdout.splitlines()[0].split()[:3] == ["type", "gold", "pred"]
    assert "  missed: 链长制" in table.stdout
    assert runner.invoke(app, ["evaluate", str(facts), str(gold), "--types", "Nope"]).exit_code == 2
    assert runner.invoke(app, ["evaluate", str(facts), str(gold), "--format", "csv"]).exit_code == 2
    bad = runner.invoke(app, ["evaluate", str(facts), str(gold), str(tmp_path / "none")])
    assert bad.exit_code == 1 and f"error: {tmp_path / 'none'}: no such file or folder" in bad.stderr
    assert json.loads(runner.invoke(app, ["evaluate", str(facts), str(gold), "-f", "json"]).stdout)
