"""Extraction quality on the dev set: the example reports scored against the gold files.

The scorer is the shared one (`../shared/eval/score.py`, beside the repository;
CI checks it out there). The floors sit just below what the extractor reaches
on the dev set, so a change that loses quality fails here; the dev set is
small, so they are a regression guard, not a measure of quality on unseen
reports.
"""
from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from policykg.extract import extract_paths

ROOT = Path(__file__).parents[1]
SCORER = ROOT / ".." / "shared" / "eval" / "score.py"
GOLD = ROOT / ".." / "shared" / "annotation" / "gold"
REPORTS = ROOT / "examples" / "reports"

#: Lenient micro F1 over all types, strict micro F1, and lenient F1 per type. Measured at
#: the time of writing: micro 0.943 / strict 0.919; Region 0.987, IndustrialChain 0.930,
#: Park 0.958, Project 0.948, Initiative 0.934, Enterprise 0.964.
MICRO_FLOOR = 0.92
STRICT_MICRO_FLOOR = 0.90
TYPE_FLOORS = {
    "Region": 0.96,
    "IndustrialChain": 0.90,
    "Park": 0.92,
    "Project": 0.92,
    "Initiative": 0.91,
    "Enterprise": 0.93,
}

pytestmark = pytest.mark.skipif(
    not (SCORER.is_file() and GOLD.is_dir()), reason="../shared (scorer and gold) is not checked out beside the repo"
)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("policykg_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    facts, errors, _warnings = extract_paths([REPORTS])
    assert not errors
    out = tmp_path_factory.mktemp("quality") / "facts.json"
    out.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    buf = io.StringIO()
    with redirect_stdout(buf):
        _scorer().main([str(out), str(GOLD), "--json"])
    return json.loads(buf.getvalue().strip().splitlines()[-1])


def test_micro_f1(scores: dict[str, Any]) -> None:
    assert scores["micro"]["lenient"][2] >= MICRO_FLOOR, scores["micro"]
    assert scores["micro"]["strict"][2] >= STRICT_MICRO_FLOOR, scores["micro"]


@pytest.mark.parametrize("type_", sorted(TYPE_FLOORS))
def test_type_f1(scores: dict[str, Any], type_: str) -> None:
    assert scores[type_]["lenient"][2] >= TYPE_FLOORS[type_], scores[type_]
