"""Runs as a user lives them: progress on a terminal, Ctrl-C half-way, bad output paths, nothing lost.

The interrupt tests run the real `policykg` console script on a pseudo-terminal, wait until it shows
that it is loading, send it SIGINT, and then check the message, the exit code and the store; a rerun
of the same command must finish the job and give the graph an uninterrupted run gives.
"""
from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.embedded import EmbeddedStore
from policykg.outputs import OutputPathError, check_output, write_atomic
from tests.conftest import EXAMPLES
from tests.graph_snapshot import snapshot
from tests.scaled_facts import scaled_facts

EXE = Path(sys.executable).with_name("policykg")
HEADERS = Path(__file__).parent / "data" / "headers"
runner = CliRunner()


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def on_terminal(args: list[object], cwd: Path, interrupt_at: str | None = None,
                timeout: float = 240) -> tuple[str, int]:
    """Run policykg on a pseudo-terminal; send SIGINT once `interrupt_at` shows. (output, exit code)."""
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="120")
    proc = subprocess.Popen([str(EXE), *map(str, args)], stdin=slave, stdout=slave, stderr=slave,
                            cwd=cwd, env=env, close_fds=True)
    os.close(slave)
    out = b""
    sent = False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            out += chunk
        if interrupt_at and not sent and interrupt_at in out.decode("utf-8", "replace"):
            proc.send_signal(signal.SIGINT)
            sent = True
        if proc.poll() is not None and not ready:
            break
    os.close(master)
    code = proc.wait(timeout=30)
    assert interrupt_at is None or sent, f"never saw {interrupt_at!r}: {out.decode('utf-8', 'replace')}"
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode("utf-8", "replace")), code


def _reports(db: Path) -> int:
    with EmbeddedStore(db, read_only=True) as store:
        return store.run("MATCH (r:Report) RETURN count(r)")[1][0][0]


def _snapshot(db: Path) -> dict:
    with EmbeddedStore(db, read_only=True) as store:
        return snapshot(store)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The five example reports three times over and the 72 city headers twelve times over (each copy its
    own report): 879 reports, four loading groups (graph.load.CHUNK_REPORTS), so Ctrl-C sent when loading
    shows stops it between two groups even when the signal lands a group late on a busy machine."""
    folder = tmp_path / "reports"
    for k in range(3):
        for f in sorted(EXAMPLES.glob("*.txt")):
            dest = folder / f"copy{k}" / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(f.read_text(encoding="utf-8") + f"\n（第{k}份）\n", encoding="utf-8")
    for k in range(12):
        for f in sorted((HEADERS / "cities").glob("*/*.md")):
            dest = folder / f"cities{k}" / f.parent.name / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(f.read_text(encoding="utf-8") + f"\n（第{k}份）\n", encoding="utf-8")
    return folder


def test_ctrl_c_while_building_leaves_a_consistent_store_and_a_rerun_finishes(tmp_path: Path,
                                                                                corpus: Path) -> None:
    db = tmp_path / "g.lbdb"
    args = ["build", corpus, "--db", db, "--no-html", "--no-ttl"]
    output, code = on_terminal(args, tmp_path, interrupt_at="loading")
    assert code == 130, output
    lines = [x for x in output.splitlines() if x.startswith("interrupted:")]
    assert len(lines) == 1, output
    m = re.fullmatch(r"interrupted: loaded (\d+) of 879 reports; the store is consistent; "
                     r"run the same command again to finish", lines[0].strip())
    assert m, lines[0]
    assert "Traceback" not in output
    assert int(m.group(1)) < 879
    assert _reports(db) == int(m.group(1))  # whole reports only: the one in progress was rolled back

    output, code = on_terminal(args, tmp_path)
    assert code == 0, output
    assert _reports(db) == 879
    fresh = tmp_path / "fresh.lbdb"
    assert invoke("build", corpus, "--db", fresh, "--no-html", "--no-ttl").exit_code == 0
    assert _snapshot(db) == _snapshot(fresh)


def test_ctrl_c_while_loading_facts(tmp_path: Path, example_facts: dict) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(scaled_facts(example_facts, 6), ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "g.lbdb"
    output, code = on_terminal(["load", facts, "--db", db], tmp_path, interrupt_at="loading")
    assert code == 130, output
    m = re.search(r"interrupted: loaded (\d+) of 30 reports; the store is consistent; "
                  r"run the same command again to finish", output)
    assert m, output
    assert _reports(db) == int(m.group(1)) < 30
    output, code = on_terminal(["load", facts, "--db", db], tmp_path)
    assert code == 0 and "loaded 30 of 30 reports" in output, output
    fresh = tmp_path / "fresh.lbdb"
    assert invoke("load", facts, "--db", fresh).exit_code == 0
    assert _snapshot(db) == _snapshot(fresh)


def test_build_shows_every_phase_on_a_terminal_and_nothing_otherwise(tmp_path: Path) -> None:
    args = ["build", EXAMPLES, "--db", tmp_path / "g.lbdb", "--html", tmp_path / "g.html",
            "--ttl", tmp_path / "g.ttl"]
    output, code = on_terminal(args, tmp_path)
    assert code == 0, output
    for label in ("extracting", "loading", "page", "export"):
        assert label in output
    piped = subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert piped.returncode == 0
    assert piped.stderr == ""
    assert "extracting" not in piped.stdout and "━" not in piped.stdout


def test_no_html_and_no_ttl(tmp_path: Path) -> None:
    result = invoke("build", EXAMPLES, "--db", tmp_path / "g.lbdb", "--html", tmp_path / "g.html",
                    "--ttl", tmp_path / "g.ttl", "--no-html", "--no-ttl")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "g.html").exists() and not (tmp_path / "g.ttl").exists()
    assert "wrote:" not in result.stdout


@pytest.mark.parametrize("bad", ["", "{dir}", "{file}/x.html"])
@pytest.mark.parametrize("option", ["--html", "--ttl"])
def test_a_bad_output_path_is_one_line_and_exit_2_before_any_work(tmp_path: Path, option: str, bad: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    path = bad.format(dir=tmp_path, file=tmp_path / "a-file")
    db = tmp_path / "g.lbdb"
    result = invoke("build", EXAMPLES, "--db", db, option, path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.strip().count("\n") == 0
    assert "Traceback" not in result.output
    assert not db.exists()  # nothing was done


@pytest.mark.parametrize("command", [["viz"], ["export"]])
def test_viz_and_export_refuse_a_folder_as_output(tmp_path: Path, command: list[str], example_facts: dict) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(example_facts, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "g.lbdb"
    assert invoke("load", facts, "--db", db).exit_code == 0
    result = invoke(*command, "--db", db, "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.strip().count("\n") == 0


def test_extract_of_a_mistyped_folder_keeps_the_existing_facts(tmp_path: Path) -> None:
    out = tmp_path / "facts.json"
    out.write_text('{"schema": "policykg/facts@1", "kept": true}\n', encoding="utf-8")
    before = out.read_bytes()
    result = invoke("extract", tmp_path / "typo_dir", "--out", out)
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr and "left as it was" in result.stderr
    assert out.read_bytes() == before


def test_a_build_where_every_input_failed_leaves_store_and_outputs_untouched(tmp_path: Path) -> None:
    db, html, ttl = tmp_path / "g.lbdb", tmp_path / "g.html", tmp_path / "g.ttl"
    assert invoke("build", EXAMPLES, "--db", db, "--html", html, "--ttl", ttl).exit_code == 0
    before = {p: p.read_bytes() for p in (html, ttl)}
    reports = _reports(db)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    result = invoke("build", tmp_path / "scan.pdf", tmp_path / "typo_dir", "--db", db, "--html", html, "--ttl", ttl)
    assert result.exit_code == 1
    assert "the store and the outputs are left as they were" in result.stderr
    assert {p: p.read_bytes() for p in (html, ttl)} == before
    assert _reports(db) == reports


def test_write_atomic_replaces_whole_or_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out" / "facts.json"
    write_atomic(path, "first\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    with pytest.raises(TypeError):
        write_atomic(path, 42)  # type: ignore[arg-type]  # fails half-way, after the temporary file is made
    assert path.read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["facts.json"]  # no temporary file left
    write_atomic(path, b"second\n")
    assert path.read_bytes() == b"second\n"
    with pytest.raises(OutputPathError, match="is a folder"):
        check_output(tmp_path)


def test_extract_refuses_a_bad_output_path_before_reading(tmp_path: Path) -> None:
    result = invoke("extract", EXAMPLES, "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: is a folder; name a file\n"


def test_build_goes_through_a_facts_file_it_keeps_when_asked(tmp_path: Path, example_facts: dict,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """`build` streams its facts through a file (a temporary one unless `facts=` names where to keep it)."""
    import tempfile

    from policykg import builder
    from policykg.extract import read_facts

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    kept = tmp_path / "out" / "facts.json"
    result = builder.build([EXAMPLES], db=tmp_path / "a.lbdb", html=None, ttl=None, facts=kept)
    assert result.facts == kept and read_facts(kept) == example_facts
    assert result.extracted == {"reports": 5, "entities": len(example_facts["entities"]),
                                "relations": len(example_facts["relations"])}
    again = builder.build([EXAMPLES], db=tmp_path / "b.lbdb", html=None, ttl=None)
    assert again.facts is None and again.extracted == result.extracted
    assert list(temp.iterdir()) == []  # the temporary facts file is gone
    with EmbeddedStore(tmp_path / "a.lbdb", read_only=True) as a, EmbeddedStore(tmp_path / "b.lbdb",
                                                                               read_only=True) as b:
        assert snapshot(a) == snapshot(b)
