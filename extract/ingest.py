"""Reading inputs: text files, tables of reports, folders of either.

Each input becomes one `Document` per report; a bad input becomes one
`InputError` naming the file and the problem, and the rest go on.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .document import Document, ReportMeta

TEXT_SUFFIXES = {".txt", ".md"}
TABLE_SUFFIXES = {".csv", ".jsonl"}
TEXT_FIELDS = ("full_text", "text", "content")


@dataclass(frozen=True)
class InputError:
    """A problem with one input, shown as one line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class BadInput(Exception):
    """Raised inside ingest for an input that cannot be read."""


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or GB18030, detected from the bytes."""
    if b"\x00" in data[:4096]:
        raise BadInput("binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise BadInput("not text in a known encoding") from None
        return str(best)


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the readable files inside named folders, sorted."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES:
                    yield f
        else:
            yield path


def _read_table(path: Path, text: str, text_field: str | None) -> list[Document]:
    if path.suffix.lower() == ".jsonl":
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise BadInput("table has no rows")
    columns = list(rows[0])
    fields = [text_field] if text_field else list(TEXT_FIELDS)
    field = next((f for f in fields if f in columns), None)
    if field is None:
        raise BadInput(f"no text column ({', '.join(fields)}) among {', '.join(columns)}")
    docs = []
    for n, row in enumerate(rows, start=1):
        body = str(row.get(field) or "")
        if not body.strip():
            continue
        meta = ReportMeta(title=row.get("title") or None)
        region = row.get("region")
        if region:
            meta.region = str(region)
        year = str(row.get("year") or "").strip()
        if year.isdigit():
            meta.year = int(year)
        docs.append(Document(f"{path}#row={n}", body, meta=meta))
    return docs


def read_path(path: Path, text_field: str | None = None) -> list[Document]:
    """The documents in one file; raises BadInput when it cannot be read."""
    if not path.exists():
        raise BadInput("no such file or folder")
    data = path.read_bytes()
    if not data.strip():
        raise BadInput("empty file")
    text = decode(data)
    if path.suffix.lower() in TABLE_SUFFIXES:
        return _read_table(path, text, text_field)
    if not text.strip():
        raise BadInput("empty file")
    return [Document(str(path), text)]


def read_inputs(
    paths: Iterable[str | Path], text_field: str | None = None
) -> tuple[list[Document], list[InputError]]:
    """Read every input; return the documents and one error per bad input."""
    docs: list[Document] = []
    errors: list[InputError] = []
    for path in expand(paths):
        try:
            docs.extend(read_path(path, text_field))
        except (BadInput, OSError, ValueError, csv.Error) as exc:
            errors.append(InputError(str(path), str(exc)))
    return docs, errors
