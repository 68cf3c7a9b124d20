"""Writing output files so that nothing is lost: checked up front, written to a temporary file, renamed.

A run that fails or is stopped half-way leaves the old file as it was: the new
one appears whole or not at all (`os.replace` is atomic within a folder).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


class OutputPathError(ValueError):
    """An output path that cannot be written; the message names it and says why, in one line."""


def check_output(path: str | Path) -> Path:
    """The path, if a file can be written there (its folder may still be missing); else OutputPathError."""
    p = Path(path)
    if str(path).strip() in ("", "."):
        raise OutputPathError(f"output path {str(path)!r} is empty or the current folder; name a file")
    if p.is_dir():
        raise OutputPathError(f"{p}: is a folder; name a file")
    parent = next((a for a in (p.parent, *p.parent.parents) if a.exists()), Path("."))
    if not parent.is_dir():
        raise OutputPathError(f"{p}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputPathError(f"{p}: cannot write in {parent} (permission denied)")
    return p


@contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write `path` through: a temporary file in the same folder, renamed when the block ends.

    When the block raises (or Ctrl-C stops it), the temporary file is removed and
    `path` is left as it was. The new file gets the mode an existing one had, or
    the umask's.
    """
    p = check_output(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, p.stat().st_mode & 0o777 if p.exists() else 0o666 & ~_umask())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write `data` (str as UTF-8) to `path` through a temporary file in the same folder and a rename."""
    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
