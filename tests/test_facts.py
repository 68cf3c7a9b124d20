"""The facts document (policykg/facts@2 in memory, @3 on disk): its schema, its offsets into the original text,
stable ids, and the file layout."""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from policykg.extract import extract_paths, extract_texts, read_inputs
from policykg.extract.compact import compact_entity, compact_relation, expand_entity, expand_relation
from policykg.extract.facts import sentence_of
from policykg.extract.factsfile import FILE_SCHEMA, FactsFile, FactsFileError, read_facts, upgrade, write_facts
from policykg.extract.ingest import decode
from policykg.extract.normalize import fold_width, normalize_text
from policykg.extract.pipeline import annotate, extract_to_file

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"
SCHEMA_FILE = ROOT / "extract" / "facts.schema.json"

OCR_REPORT = (
    "政 府 工 作 报 告\n"
    "——2024年1月17日在牡 丹 区第十九届人民代表大会第三次会议上\n"
    "牡丹区区长 董良峰\n"
    "各 位 代 表 ：\n"
    "一、2023 年 工 作 回 顾\n"
    "菏 泽 市 牡 丹 区 形 成 了 “管 委 会 十 运 营 公 司” 模 式 ， 山 东 省 菏 泽\n\n"
    "市 发 展 锂 电 产 业 。\n"
)


def _sentence(facts: dict[str, Any], record: dict[str, Any]) -> str:
    """The sentence a mention or evidence record points at, from its report's sentence table."""
    report = next(r for r in facts["reports"] if r["id"] == record["report"])
    return sentence_of(report, record["sentence"])


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _originals(facts: dict[str, Any]) -> dict[str, str]:
    """Report id → original text, read again from the files the facts name."""
    out = {}
    for report in facts["reports"]:
        path, _, row = report["source"].partition("#row=")
        if row:
            docs, _ = read_inputs([path])
            text = next(d.original for d in docs if d.source == report["source"])
        else:
            text = decode(Path(path).read_bytes())
        out[report["id"]] = text
    return out


def _squeeze(s: str) -> str:
    """Text compared across normalisation: width folded, without blanks and markup, 十 read as +."""
    return re.sub(r"[\s*#]", "", "".join(fold_width(c) for c in s)).replace("十", "+")


def test_the_example_facts_follow_the_schema(example_facts: dict[str, Any], validator: Draft202012Validator) -> None:
    errors = sorted(validator.iter_errors(example_facts), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize(
    "breakage",
    [
        lambda f: f.update(schema="policykg/facts@4"),
        lambda f: f["reports"][0].pop("sentences"),
        lambda f: next(e for e in f["entities"] if e["mentions"])["mentions"][0].update(sentence="a sentence"),
        lambda f: f["reports"][0].pop("adcode"),
        lambda f: f["reports"][0].update(date="17/01/2024"),
        lambda f: f["reports"][0].update(year="2023"),
        lambda f: f["reports"][0].update(extra=1),
        lambda f: next(e for e in f["entities"] if e["mentions"])["mentions"][0].pop("start"),
        lambda f: f["entities"][0].update(type="Thing"),
        lambda f: f["entities"][0].update(id="thing:1"),
    ],
)
def test_the_schema_rejects_a_broken_document(
    example_facts: dict[str, Any], validator: Draft202012Validator, breakage: Any
) -> None:
    broken = copy.deepcopy(example_facts)
    breakage(broken)
    assert not validator.is_valid(broken)


def test_references_inside_the_document_resolve(example_facts: dict[str, Any]) -> None:
    reports = {r["id"] for r in example_facts["reports"]}
    entities = {e["id"] for e in example_facts["entities"]}
    assert len(reports) == len(example_facts["reports"])
    assert len(entities) == len(example_facts["entities"])
    for e in example_facts["entities"]:
        assert {m["report"] for m in e["mentions"]} <= reports
        assert set(e.get("reports", [])) <= reports
        if e["type"] == "Region" and e["code"]:
            assert e["id"] == "region:" + e["code"]
    for r in example_facts["relations"]:
        assert {r["source"], r["target"]} <= entities
        assert set(r["reports"]) <= reports
        assert {ev["report"] for ev in r["evidence"]} <= reports


def test_every_mention_points_into_the_original_text(example_facts: dict[str, Any]) -> None:
    originals = _originals(example_facts)
    mentions = [(e, m) for e in example_facts["entities"] for m in e["mentions"]]
    assert len(mentions) > 100
    for entity, m in mentions:
        original = originals[m["report"]]
        assert 0 <= m["start"] < m["end"] <= len(original)
        assert original[m["start"] : m["end"]] == m["text"], (entity["name"], m)
        # the evidence sentence holds the mention, as normalised text
        assert _squeeze(m["text"]) in _squeeze(_sentence(example_facts, m)), (entity["name"], m)


def test_mentions_of_the_examples_map_to_their_surface_forms() -> None:
    docs, errors = read_inputs([EXAMPLES])
    assert not errors
    annotate(docs)
    checked = 0
    for doc in docs:
        for m in doc.mentions:
            if m.end <= m.start:
                continue
            start, end = doc.original_span(m.start, m.end)
            assert _squeeze(doc.original[start:end]) == _squeeze(doc.text[m.start : m.end]), (doc.source, m)
            checked += 1
    assert checked > 100


def test_an_ocr_copy_keeps_exact_evidence(validator: Draft202012Validator) -> None:
    facts = extract_texts({"ocr.txt": OCR_REPORT})
    assert validator.is_valid(facts)
    report = facts["reports"][0]
    got = (report["region"], report["parent"], report["year"], report["speaker"])
    assert got == ("牡丹区", "菏泽市", 2023, "董良峰")
    mentions = [m for e in facts["entities"] for m in e["mentions"]]
    assert mentions
    for m in mentions:
        assert OCR_REPORT[m["start"] : m["end"]] == m["text"]
        assert _squeeze(m["text"]) in _squeeze(_sentence(facts, m))
    # a mention read across removed spaces still quotes the source as it is
    assert any(" " in m["text"] for m in mentions)


def test_the_report_id_is_a_digest_of_the_normalised_text(example_facts: dict[str, Any]) -> None:
    originals = _originals(example_facts)
    for rid, original in originals.items():
        digest = hashlib.sha1(normalize_text(original)[0].encode("utf-8")).hexdigest()[:16]
        assert rid == "report:" + digest


def test_a_table_row_has_its_own_report(tmp_path: Path, validator: Draft202012Validator) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"region": "巨野县", "text": OCR_REPORT}, ensure_ascii=False) + "\n", encoding="utf-8")
    facts, errors, _ = extract_paths([table])
    assert errors == []
    assert validator.is_valid(facts)
    assert facts["reports"][0]["source"] == f"{table}#row=1"
    originals = _originals(facts)
    for e in facts["entities"]:
        for m in e["mentions"]:
            assert originals[m["report"]][m["start"] : m["end"]] == m["text"]


def _facts_in_a_fresh_interpreter(tmp_path: Path, seed: str) -> dict[str, Any]:
    out = tmp_path / f"facts-{seed}.json"
    code = (
        "import json, sys\n"
        "from extract import extract_paths\n"
        "facts, errors, warnings = extract_paths([sys.argv[1]])\n"
        "open(sys.argv[2], 'w', encoding='utf-8').write(json.dumps(facts, ensure_ascii=False))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", code, str(EXAMPLES), str(out)], check=True, env=env, cwd=ROOT,
                   capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    """Two runs in fresh interpreters, with different hash seeds, give the same ids and the same document."""
    first, second = (_facts_in_a_fresh_interpreter(tmp_path, seed) for seed in ("1", "4242"))

    def ids(facts: dict[str, Any]) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
        return ([r["id"] for r in facts["reports"]], [e["id"] for e in facts["entities"]],
                [(r["type"], r["source"], r["target"]) for r in facts["relations"]])

    assert ids(first) == ids(second)
    assert first == second
    # the same reports under other source names keep their ids
    sources = {Path(r["source"]).stem: r["id"] for r in first["reports"]}
    renamed = extract_texts({f"copy-{stem}": (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
                             for stem in sorted(sources)})
    assert [r["id"] for r in renamed["reports"]] == [sources[s] for s in sorted(sources)]


def test_build_facts_of_nothing_is_an_empty_valid_document(validator: Draft202012Validator) -> None:
    from policykg.extract import build_facts

    facts = build_facts([])
    assert validator.is_valid(facts)
    assert (facts["reports"], facts["entities"], facts["relations"]) == ([], [], [])


def test_a_streamed_file_reads_back_as_the_document(tmp_path: Path, example_facts: dict[str, Any]) -> None:
    """The facts file is one JSON document, one record a line; read whole or a section at a time."""
    out = tmp_path / "facts.json"
    counts, errors, _ = extract_to_file([EXAMPLES], out, workers=1)
    assert errors == [] and counts["reports"] == len(example_facts["reports"])
    whole = json.loads(out.read_text(encoding="utf-8"))
    assert whole == example_facts  # the published layout, policykg/facts@2, as outside scorers read it
    compact = tmp_path / "compact.json"
    extract_to_file([EXAMPLES], compact, workers=1, compact=True)
    assert json.loads(compact.read_text(encoding="utf-8"))["schema"] == FILE_SCHEMA == "policykg/facts@3"
    assert read_facts(compact) == example_facts
    assert compact.stat().st_size < 0.8 * out.stat().st_size
    assert read_facts(out) == example_facts
    streamed = FactsFile(out)
    assert streamed.count("reports") == len(example_facts["reports"])
    assert [r["id"] for r in streamed.reports()] == [r["id"] for r in example_facts["reports"]]
    assert list(streamed.relations()) == example_facts["relations"]
    assert list(streamed.entities()) == example_facts["entities"]
    # a pretty-printed copy is read too, and so is a written one
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(example_facts, ensure_ascii=False, indent=1), encoding="utf-8")
    assert read_facts(pretty) == example_facts
    assert read_facts(write_facts(example_facts, tmp_path / "again.json")) == example_facts


def test_the_facts_file_grows_with_the_facts_not_with_repetition(tmp_path: Path, example_facts: dict[str, Any]) -> None:
    """Each evidence sentence is stored once per report, however many mentions stand in it."""
    for report in example_facts["reports"]:
        assert len(set(report["sentences"])) == len(report["sentences"])
    pointers = [(m["report"], m["sentence"]) for e in example_facts["entities"] for m in e["mentions"]]
    assert len(pointers) > len(set(pointers))  # several mentions share a sentence, stored once


def test_the_file_writes_mentions_and_evidence_compactly(tmp_path: Path, example_facts: dict[str, Any]) -> None:
    """@3 groups mentions by report and leaves out what the entity already says: far fewer bytes than @2."""
    path = write_facts(example_facts, tmp_path / "facts.json", compact=True)
    whole = json.loads(path.read_text(encoding="utf-8"))

    def size(records: list[dict[str, Any]], key: str) -> int:
        return sum(len(json.dumps(r[key], ensure_ascii=False, separators=(",", ":")).encode()) for r in records)

    assert size(whole["entities"], "mentions") < 0.3 * size(example_facts["entities"], "mentions")
    assert size(whole["relations"], "evidence") < 0.3 * size(example_facts["relations"], "evidence")
    named = [m for e in whole["entities"] for group in e["mentions"] for m in group]
    assert any(len(m) == 3 for m in named) and any(len(m) == 4 for m in named)  # text only when not the name


def test_the_file_follows_the_schema(tmp_path: Path, example_facts: dict[str, Any],
                                     validator: Draft202012Validator) -> None:
    assert validator.is_valid(json.loads(write_facts(example_facts, tmp_path / "v2.json").read_text(encoding="utf-8")))
    whole = json.loads(write_facts(example_facts, tmp_path / "facts.json", compact=True).read_text(encoding="utf-8"))
    assert validator.is_valid(whole)
    as_v2 = {**whole, "schema": "policykg/facts@2"}  # compact records under the @2 label
    assert not validator.is_valid(as_v2)
    entity = next(e for e in whole["entities"] if e["mentions"])
    entity["mentions"][0][0] = [1, 2]  # a mention without its sentence
    assert not validator.is_valid(whole)


def test_records_that_do_not_fit_the_grouping_are_written_in_their_v2_form() -> None:
    """A mention of a report the entity does not list, or out of report order, stays a @2 record: nothing lost."""
    m = {"report": "report:" + "a" * 16, "start": 3, "end": 5, "text": "牡丹", "sentence": 0}
    n = {**m, "report": "report:" + "b" * 16}
    entity = {"id": "region:1", "type": "Region", "name": "牡丹区", "reports": [n["report"], m["report"]],
              "mentions": [m, n]}
    for odd in (entity, {**entity, "reports": [m["report"]]}, {**entity, "mentions": [{**m, "extra": 1}]}):
        assert compact_entity(odd) is odd
        assert expand_entity(compact_entity(odd)) == odd
    regular = {**entity, "mentions": [n, {**m, "text": "牡丹区", "sentence": None}]}
    assert compact_entity(regular)["mentions"] == [[[3, 5, 0, "牡丹"]], [[3, 5, None]]]
    assert expand_entity(compact_entity(regular)) == regular
    relation = {"type": "PART_OF", "source": "a", "target": "b", "reports": [m["report"]],
                "evidence": [{"report": m["report"], "sentence": None}]}
    assert compact_relation(relation)["evidence"] == [None]
    assert expand_relation(compact_relation(relation)) == relation
    shuffled = {**relation, "reports": [n["report"]]}
    assert compact_relation(shuffled) is shuffled


def test_the_streaming_writer_writes_what_the_in_memory_builder_holds(tmp_path: Path) -> None:
    """Mentions spooled while reports arrive give the same bytes as the document assembled in memory, also
    when two files hold the same text (one report id twice, not one after the other)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(EXAMPLES.glob("*.txt"))
    for i, f in enumerate(files[:3]):
        shutil.copy(f, corpus / f"{i}.txt")
    shutil.copy(files[0], corpus / "9_again.txt")  # report 0 again, after reports 1 and 2
    facts = extract_paths([corpus], workers=1)[0]
    for compact in (False, True):
        streamed = tmp_path / f"streamed{compact}.json"
        extract_to_file([corpus], streamed, workers=1, compact=compact)
        assert streamed.read_bytes() == write_facts(facts, tmp_path / "memory.json", compact=compact).read_bytes()
        assert read_facts(streamed) == facts
    assert any(isinstance(e["mentions"][0], dict) for e in json.loads(streamed.read_text(encoding="utf-8"))[
        "entities"] if e["mentions"])  # the repeated report made some entity fall back to the @2 form


def _as_v2_file(facts: dict[str, Any], path: Path) -> Path:
    """The document as policykg 0.1 wrote it: policykg/facts@2, one record a line."""
    lines = [json.dumps({"schema": "policykg/facts@2", "generator": facts["generator"]},
                        ensure_ascii=False, separators=(",", ":"))[:-1] + ","]
    for i, name in enumerate(("reports", "entities", "relations")):
        lines.append(("" if i == 0 else "],\n") + f'"{name}":[')
        lines.append(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in facts[name]))
    path.write_text("\n".join(lines) + "\n]}\n", encoding="utf-8")
    return path


def test_a_v2_file_is_still_read_a_section_at_a_time(tmp_path: Path, example_facts: dict[str, Any]) -> None:
    path = _as_v2_file(example_facts, tmp_path / "v2.json")
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "policykg/facts@2"
    old = FactsFile(path)
    assert old._whole is None  # streamed, not read whole
    assert list(old.entities()) == example_facts["entities"]
    assert read_facts(path) == example_facts
    assert read_facts(write_facts(read_facts(path), tmp_path / "v3.json", compact=True)) == example_facts


def _as_v1(facts: dict[str, Any]) -> dict[str, Any]:
    """The same document as policykg/facts@1 wrote it: sentence text in every mention and evidence record."""
    reports = {r["id"]: r for r in facts["reports"]}

    def text(record: dict[str, Any]) -> dict[str, Any]:
        return {**record, "sentence": sentence_of(reports[record["report"]], record["sentence"])}

    return {**facts, "schema": "policykg/facts@1",
            "reports": [{k: v for k, v in r.items() if k != "sentences"} for r in facts["reports"]],
            "entities": [{**e, "mentions": [text(m) for m in e["mentions"]]} for e in facts["entities"]],
            "relations": [{**r, "evidence": [text(ev) for ev in r["evidence"]]} for r in facts["relations"]]}


def test_a_v1_document_is_converted_with_the_same_sentences(tmp_path: Path, example_facts: dict[str, Any],
                                                             validator: Draft202012Validator) -> None:
    old = _as_v1(example_facts)
    new = upgrade(old)
    assert validator.is_valid(new)
    assert _as_v1(new) == old  # every mention and evidence record points at its own sentence
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(old, ensure_ascii=False, indent=1), encoding="utf-8")
    assert _as_v1(read_facts(path)) == old


def test_a_truncated_facts_file_is_refused_with_its_name(tmp_path: Path, example_facts: dict[str, Any]) -> None:
    path = write_facts(example_facts, tmp_path / "facts.json")
    data = path.read_text(encoding="utf-8")
    path.write_text(data[: data.index('"entities":[') + 40], encoding="utf-8")
    with pytest.raises(FactsFileError, match=r"facts\.json"):
        list(FactsFile(path).entities())


def test_a_parallel_run_gives_the_same_bytes_as_a_serial_one(tmp_path: Path) -> None:
    """Two worker processes or one: the same facts file, byte for byte, and the same warnings."""
    serial, parallel = tmp_path / "serial.json", tmp_path / "parallel.json"
    _, _, serial_warnings = extract_to_file([EXAMPLES], serial, workers=1)
    _, _, parallel_warnings = extract_to_file([EXAMPLES], parallel, workers=2)
    assert serial.read_bytes() == parallel.read_bytes()
    assert serial_warnings == parallel_warnings
    assert extract_paths([EXAMPLES], workers=2)[0] == extract_paths([EXAMPLES], workers=1)[0]
