"""A real Neo4j for tests and benchmarks: the one named by `NEO4J_URI`, or a throwaway one we start.

Without `NEO4J_URI`, the small Java launcher in `tests/neo4j-launcher/` (Neo4j 5.26 community from
Maven Central, built once with `mvn` and cached in its `target/`) runs an embedded Neo4j with Bolt
on a free loopback port and a data directory of its own. This module knows nothing of pytest, so
`benchmarks/` can use it too; `tests/conftest.py` turns its errors into skips or failures.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LAUNCHER_DIR = Path(__file__).parent / "neo4j-launcher"
TARGET_DIR = LAUNCHER_DIR / "target"
READY_PREFIX = "POLICYKG-NEO4J-READY "
BUILD_STAMP = ".built"
#: JVM options: a modest heap beside the page cache the launcher sets (256 MiB).
JAVA_OPTS = ["-Xms256m", "-Xmx1g", "-XX:+UseParallelGC", "-Dfile.encoding=UTF-8"]


class Neo4jUnavailable(RuntimeError):
    """Neo4j could not be reached or started; the message says why (never with a password)."""


@dataclass(frozen=True)
class Neo4jTarget:
    """Where a Neo4j server is and how to log in; `repr` hides the password."""

    uri: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    started_here: bool = False

    @property
    def auth(self) -> tuple[str, str] | None:
        """The driver's `auth` argument: a (user, password) pair, or None when auth is off."""
        if self.password is None:
            return None
        return (self.user or "neo4j", self.password)


def target_from_env(env: dict[str, str] | None = None) -> Neo4jTarget | None:
    """The Neo4j named by the driver's usual variables (`NEO4J_URI`, …), or None when unset."""
    env = dict(os.environ if env is None else env)
    uri = env.get("NEO4J_URI", "").strip()
    if not uri:
        return None
    return Neo4jTarget(
        uri=uri,
        user=env.get("NEO4J_USERNAME") or "neo4j",
        password=env.get("NEO4J_PASSWORD") or None,
        database=env.get("NEO4J_DATABASE") or None,
    )


def _newest_mtime(paths: list[Path]) -> float:
    """The latest modification time among `paths`."""
    return max(p.stat().st_mtime for p in paths)


def launcher_classpath() -> str | None:
    """The launcher's classpath when a build in `target/` is current, else None."""
    cp_file = TARGET_DIR / "classpath.txt"
    main_class = TARGET_DIR / "classes" / "policykg" / "Launcher.class"
    stamp = TARGET_DIR / BUILD_STAMP
    if not (cp_file.exists() and main_class.exists() and stamp.exists()):
        return None
    sources = [LAUNCHER_DIR / "pom.xml", *LAUNCHER_DIR.joinpath("src").rglob("*.java")]
    if _newest_mtime(sources) > stamp.stat().st_mtime:
        return None
    jars = [j for j in cp_file.read_text().strip().split(os.pathsep) if j]
    if not jars or not all(Path(j).exists() for j in jars):
        return None
    return os.pathsep.join([str(TARGET_DIR / "classes"), *jars])


def build_launcher(timeout: float = 900.0) -> str:
    """Build the launcher with Maven unless a current build exists; return its classpath.

    A file lock keeps two processes from building at once.
    """
    cp = launcher_classpath()
    if cp:
        return cp
    for tool in ("mvn", "java"):
        if shutil.which(tool) is None:
            raise Neo4jUnavailable(f"`{tool}` is not on PATH; it is needed to start a test Neo4j")
    TARGET_DIR.mkdir(exist_ok=True)
    with open(TARGET_DIR / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        cp = launcher_classpath()
        if cp:
            return cp
        try:
            proc = subprocess.run(
                ["mvn", "-q", "-B", "package"],
                cwd=LAUNCHER_DIR, capture_output=True, text=True, timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jUnavailable(f"building the Neo4j launcher took over {timeout:.0f}s") from exc
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise Neo4jUnavailable(f"building the Neo4j launcher failed (mvn exit {proc.returncode}):\n{tail}")
        # Maven leaves unchanged outputs untouched, so a stamp records when a build last succeeded.
        (TARGET_DIR / BUILD_STAMP).touch()
    cp = launcher_classpath()
    if not cp:
        raise Neo4jUnavailable("the Neo4j launcher build left no usable target/classpath.txt")
    return cp


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_bolt(target: Neo4jTarget, timeout: float = 60.0) -> None:
    """Wait until the driver's `verify_connectivity` succeeds, or raise Neo4jUnavailable."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with GraphDatabase.driver(target.uri, auth=target.auth) as driver:
                driver.verify_connectivity()
            return
        except AuthError as exc:  # wrong credentials will not fix themselves
            raise Neo4jUnavailable(f"Neo4j at {target.uri} refused the credentials: {exc.message}") from exc
        except (ServiceUnavailable, Neo4jError, OSError) as exc:
            last = exc
            time.sleep(0.25)
    raise Neo4jUnavailable(f"Neo4j at {target.uri} did not answer within {timeout:.0f}s: {last}")


class LauncherServer:
    """One throwaway Neo4j process started from the launcher; use as a context manager."""

    def __init__(self, password: str | None = None, start_timeout: float = 120.0) -> None:
        """Prepare a server; `password=None` picks a random one (auth stays on, as in production)."""
        self.password = password or "pk-" + secrets.token_hex(12)
        self.start_timeout = start_timeout
        self.port: int | None = None
        self.data_dir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None

    @property
    def target(self) -> Neo4jTarget:
        """Connection details of the running server."""
        if self.port is None:
            raise Neo4jUnavailable("the test Neo4j is not running")
        return Neo4jTarget(f"bolt://127.0.0.1:{self.port}", "neo4j", self.password, None, started_here=True)

    def _log_tail(self, lines: int = 20) -> str:
        """The last lines of the launcher's output, for error messages."""
        if self.data_dir is None:
            return ""
        out = []
        for name in ("launcher.out", "launcher.err"):
            path = self.data_dir / name
            if path.exists():
                out.extend(path.read_text(errors="replace").splitlines()[-lines:])
        return "\n".join(out)

    def start(self) -> Neo4jTarget:
        """Build if needed, start on a free port, wait for the ready line and for Bolt."""
        began = time.monotonic()
        if shutil.which("java") is None:
            raise Neo4jUnavailable("`java` is not on PATH; it is needed to start a test Neo4j")
        classpath = build_launcher()
        self.data_dir = Path(tempfile.mkdtemp(prefix="policykg-neo4j-"))
        self.port = free_port()
        env = {**os.environ, "NEO4J_LAUNCHER_PASSWORD": self.password}
        cmd = ["java", *JAVA_OPTS, "-cp", classpath, "policykg.Launcher", str(self.port), str(self.data_dir / "db")]
        out = open(self.data_dir / "launcher.out", "wb")
        err = open(self.data_dir / "launcher.err", "wb")
        self._files = (out, err)
        # stdin stays a pipe: closing it is the launcher's signal to shut down cleanly.
        try:
            self.process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, stderr=err, env=env)
        except OSError as exc:
            self.stop()
            raise Neo4jUnavailable(f"could not run java: {exc}") from exc
        deadline = began + self.start_timeout
        while True:
            if self.process.poll() is not None:
                tail = self._log_tail()
                self.stop()
                raise Neo4jUnavailable(f"the test Neo4j exited with code {self.process.returncode}:\n{tail}")
            if READY_PREFIX in (self.data_dir / "launcher.out").read_text(errors="replace"):
                break
            if time.monotonic() > deadline:
                tail = self._log_tail()
                self.stop()
                raise Neo4jUnavailable(f"the test Neo4j was not ready within {self.start_timeout:.0f}s:\n{tail}")
            time.sleep(0.1)
        target = self.target
        try:
            wait_for_bolt(target, timeout=max(5.0, deadline - time.monotonic()))
        except Neo4jUnavailable:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        return target

    def stop(self, timeout: float = 30.0) -> None:
        """Close the launcher's stdin (clean shutdown), escalate to SIGTERM/SIGKILL, remove the data."""
        proc, self.process = self.process, None
        if proc is not None:
            if proc.poll() is None:
                with contextlib.suppress(OSError):
                    if proc.stdin:
                        proc.stdin.close()
                try:
                    proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    proc.terminate()
                    try:
                        proc.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
            for f in getattr(self, "_files", ()):
                f.close()
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None
        self.port = None

    def __enter__(self) -> Neo4jTarget:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def neo4j_target() -> Iterator[Neo4jTarget]:
    """The Neo4j of `NEO4J_URI` if set (checked with the driver), otherwise a launcher server.

    Raises Neo4jUnavailable with the reason when neither works.
    """
    env_target = target_from_env()
    if env_target is not None:
        wait_for_bolt(env_target, timeout=30.0)
        yield env_target
        return
    with LauncherServer() as target:
        yield target
