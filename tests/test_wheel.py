"""The package as a user installs it: a wheel built from the sources, installed into a fresh virtual
environment, runs `policykg build` on the examples from a folder outside the repository.

The fresh environment gets the wheel alone (`--no-deps`); a .pth file lets it see the test
environment's site-packages for the dependencies, so the test needs no network and no download.
Its own site-packages comes first on sys.path, so `policykg` is the installed wheel, not this tree.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

#: What the wheel is built from: the sources, without what a checkout or a run leaves beside them.
_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".policykg",
                                      ".neo4j", "artifacts", "target", ".pytest_cache", ".ruff_cache", "graph.html",
                                      "graph.ttl")


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; fail the test with its output when it fails; return stdout and stderr."""
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{args[:4]} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(bin folder, site-packages) of a fresh environment with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=_NOT_SOURCES)
    log = _run(sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation", ".",
               "-w", tmp / "dist", cwd=src)
    warnings = [line for line in log.splitlines()
                if "warn" in line.lower() and "byte-compiling is disabled" not in line]
    assert warnings == [], "building the wheel warns:\n" + "\n".join(warnings)
    (wheel,) = (tmp / "dist").glob("policykg-*.whl")

    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp).strip())
    (site / "test-environment.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--root-user-action=ignore", wheel, cwd=tmp)
    return bin_dir, site


def test_the_wheel_installs_one_package_policykg(installed: tuple[Path, Path]) -> None:
    bin_dir, site = installed
    top = {p.name for p in site.iterdir() if not p.name.endswith((".dist-info", ".pth"))} - {"__pycache__"}
    assert top == {"policykg"}, top
    assert not {"extract", "graph", "ontology", "queries"} & {p.name for p in site.iterdir()}
    assert (site / "policykg" / "py.typed").is_file()  # type checkers read the hints of the public calls
    where = _run(bin_dir / "python", "-c", "import policykg.extract, policykg.graph.queries as q; "
                 "print(policykg.extract.__file__); print(len(q.catalog()))", cwd=site.parent)
    path, n_queries = where.split()
    assert Path(path).is_relative_to(site) and int(n_queries) >= 10


def test_the_installed_command_builds_the_examples_outside_the_repository(
        installed: tuple[Path, Path], tmp_path: Path) -> None:
    bin_dir, _ = installed
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work / "reports")
    env = {k: v for k, v in os.environ.items() if k not in ("POLICYKG_DB", "NEO4J_URI", "PYTHONPATH")}
    out = _run(bin_dir / "policykg", "build", "reports", cwd=work, env=env)
    assert "Report           5" in out
    assert (work / ".policykg" / "graph.lbdb").exists()
    assert "<html" in (work / "graph.html").read_text(encoding="utf-8")[:500].lower()
    assert "@prefix pk:" in (work / "graph.ttl").read_text(encoding="utf-8")
