"""The command line, one command at a time, on real files and a real database file."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()
COMMANDS = ["build", "extract", "load", "query", "cypher", "viz", "export", "stats", "evaluate", "policy-diffusion",
            "region-changes", "trending", "compare"]


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def facts_file(tmp_path: Path, example_facts) -> Path:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(example_facts, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def loaded_db(tmp_path: Path, facts_file: Path) -> Path:
    db = tmp_path / "g.lbdb"
    assert invoke("load", facts_file, "--db", db).exit_code == 0
    return db


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example: policykg " + command in result.stdout


def test_extract_writes_a_facts_document(tmp_path: Path) -> None:
    out = tmp_path / "facts.json"
    result = invoke("extract", EXAMPLES, "--out", out)
    assert result.exit_code == 0, result.output
    facts = json.loads(out.read_text(encoding="utf-8"))
    assert facts["schema"] == "policykg/facts@2"  # the published layout: a mention record per mention
    assert len(facts["reports"]) == 5
    assert {e["type"] for e in facts["entities"]} == {
        "Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise"}
    assert all(isinstance(m, dict) and m.keys() == {"report", "start", "end", "text", "sentence"}
               for e in facts["entities"] for m in e["mentions"])
    compact = tmp_path / "compact.json"
    assert invoke("extract", EXAMPLES, "--out", compact, "--compact").exit_code == 0
    assert json.loads(compact.read_text(encoding="utf-8"))["schema"] == "policykg/facts@3"


def test_extract_reports_each_bad_input_on_one_line_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(next(EXAMPLES.glob("*.txt")), good)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "gbk.txt").write_bytes("巨野县人民政府工作报告\n推进“链长制”改革。".encode("gb18030"))
    (tmp_path / "table.csv").write_text("province,year,title\n山东省,2023,x\n", encoding="utf-8")
    out = tmp_path / "facts.json"
    result = invoke("extract", good, tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "gbk.txt",
                    tmp_path / "table.csv", tmp_path / "missing.txt", "--out", out)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for name in ("empty.txt", "binary.txt", "table.csv", "missing.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert not any("gbk.txt" in line for line in errors)
    sources = {Path(r["source"]).name for r in json.loads(out.read_text(encoding="utf-8"))["reports"]}
    assert sources == {"good.txt", "gbk.txt"}


def test_load_then_stats(tmp_path: Path, facts_file: Path, example_facts) -> None:
    db = tmp_path / "g.lbdb"
    result = invoke("load", facts_file, "--db", db)
    assert result.exit_code == 0, result.output
    assert "loaded 5 of 5 reports" in result.stdout
    result = invoke("stats", "--db", db, "--format", "json")
    counts = {row["name"]: row["count"] for row in json.loads(result.stdout)}
    assert counts["Report"] == 5
    assert counts["Initiative"] == sum(e["type"] == "Initiative" for e in example_facts["entities"])


def test_load_rejects_a_file_that_is_not_facts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = invoke("load", bad, "--db", tmp_path / "g.lbdb")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "bad.json" in result.stderr


def test_query_list_and_json_rows(loaded_db: Path) -> None:
    listing = invoke("query", "--list")
    assert listing.exit_code == 0 and "shared-initiatives" in listing.stdout
    result = invoke("query", "shared-initiatives", "--param", "min_regions=3", "--format", "json", "--db", loaded_db)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(set(r) >= {"name", "kind", "regions", "n_regions"} for r in rows)
    assert all(r["n_regions"] >= 3 and len(r["regions"]) == r["n_regions"] for r in rows)


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_query_formats(loaded_db: Path, fmt: str) -> None:
    result = invoke("query", "shared-initiatives", "--format", fmt, "--db", loaded_db)
    assert result.exit_code == 0
    assert "name" in result.stdout.splitlines()[0]


def test_query_bad_usage_exits_2(loaded_db: Path) -> None:
    assert invoke("query", "shared-initiatives", "--param", "nope=1", "--db", loaded_db).exit_code == 2
    assert invoke("query", "shared-initiatives", "--param", "min_regions=x", "--db", loaded_db).exit_code == 2
    assert invoke("query", "shared-initiatives", "--format", "yaml", "--db", loaded_db).exit_code == 2
    assert invoke("query", "no-such-query", "--db", loaded_db).exit_code == 2


def test_cypher_is_read_only_unless_write(loaded_db: Path) -> None:
    write = "CREATE (:Park {id: 'park:cli', name: 'cli'})"
    refused = invoke("cypher", write, "--db", loaded_db)
    assert refused.exit_code == 1 and "--write" in refused.stderr
    assert invoke("cypher", write, "--write", "--db", loaded_db).exit_code == 0
    result = invoke("cypher", "MATCH (p:Park {id: $id}) RETURN p.name AS name", "--param", "id=park:cli",
                    "--format", "json", "--db", loaded_db)
    assert json.loads(result.stdout) == [{"name": "cli"}]


def test_build_writes_database_page_and_turtle_and_is_repeatable(tmp_path: Path) -> None:
    db, html, ttl = tmp_path / "g.lbdb", tmp_path / "graph.html", tmp_path / "graph.ttl"
    result = invoke("build", EXAMPLES, "--db", db, "--html", html, "--ttl", ttl)
    assert result.exit_code == 0, result.output
    assert db.exists() and html.stat().st_size > 0 and ttl.stat().st_size > 0
    assert "Initiatives shared by regions" in result.stdout
    first = json.loads(invoke("stats", "--db", db, "--format", "json").stdout)
    again = invoke("build", EXAMPLES, "--db", db, "--html", html, "--ttl", ttl)
    assert again.exit_code == 0
    assert json.loads(invoke("stats", "--db", db, "--format", "json").stdout) == first


def test_viz_and_export_write_files(loaded_db: Path, tmp_path: Path) -> None:
    page = tmp_path / "v.html"
    assert invoke("viz", "--db", loaded_db, "--out", page).exit_code == 0
    assert "<html" in page.read_text(encoding="utf-8").lower()
    nt = tmp_path / "g.nt"
    assert invoke("export", "--db", loaded_db, "--format", "nt", "--out", nt).exit_code == 0
    assert nt.read_text(encoding="utf-8").strip()
    assert invoke("export", "--db", loaded_db, "--format", "yaml", "--out", nt).exit_code == 2


def test_the_console_script_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("policykg")
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("policykg ")


def test_viz_unknown_focus_is_bad_usage(loaded_db: Path, tmp_path: Path) -> None:
    result = invoke("viz", "--db", loaded_db, "--region", "不存在区", "--out", tmp_path / "v.html")
    assert result.exit_code == 2
    assert "不存在区" in result.stderr and result.stderr.strip().count("\n") == 0


def test_export_rejects_a_bad_base_on_one_line(loaded_db: Path, tmp_path: Path) -> None:
    result = invoke("export", "--db", loaded_db, "--base", "not an iri", "--out", tmp_path / "g.ttl")
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and result.stderr.strip().count("\n") == 0
