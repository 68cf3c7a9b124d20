"""Reading inputs: text files, tables of reports, folders of either.

Each input becomes one `Document` per report; a bad input becomes one
`InputError` naming the file (or the table row) and the problem, and the rest
go on. The encoding is detected from the bytes, not guessed from the file
name: a byte-order mark (UTF-8, UTF-16), then strict UTF-8, then GB18030
(which covers GBK and GB2312) or Big5, whichever charset-normalizer finds
coherent, then charset-normalizer's guess for anything else; known binary
formats (PDF, Office, images) and text full of control characters are refused.

A table (`.csv`, `.tsv`, `.jsonl`, `.json`) holds one report per row; its
columns are found by name (`data/table_columns.tsv`): the text column
(full_text, text, content, … or `--text-field`), and optional title, region,
county, city, province, year, speech date and speaker columns, which go to
`Document.given` for the metadata reader. A table's `year` is taken as the
year of the report (the 2024 report reviews 2023); `year_reviewed` names the
reviewed year itself.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from charset_normalizer import from_bytes

from .document import Document
from .lexicon import load_table

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".json"}
#: The text columns tried in order when no `--text-field` is given.
TEXT_FIELDS = ("full_text", "text", "content")

#: A YAML front matter at the very start of a text file: ---\n…\n--- (or ...).
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                          re.S | re.M)
#: Front matter keys read as report metadata (the rest is ignored): key → Document.front key.
_FRONT_KEYS = {"title": "title", "source": "url", "url": "url", "link": "url", "date": "date"}
_CONTROL_MAX_SHARE = 0.01
_CHINESE_ENCODINGS = ("gb18030", "big5")
_MAGIC = (
    (b"%PDF", "a PDF file, not text (convert it to text first)"),
    (b"PK\x03\x04", "a ZIP archive or Office document, not text (save it as .txt first)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document, not text (save it as .txt first)"),
    (b"{\\rtf", "an RTF document, not text (save it as .txt first)"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "a gzip archive, not text"),
)


@dataclass(frozen=True)
class InputError:
    """A problem with one input, shown as one line; `skipped` marks a folder's file of another kind (a warning)."""

    source: str
    message: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class BadInput(Exception):
    """Raised inside ingest for an input that cannot be read."""


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\n\r\t\f\v") or ch == "\x7f")
    return bad / len(sample)


def decode(data: bytes) -> str:
    """Decode report bytes, detecting the encoding; raises BadInput for binary data."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BadInput(what)
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data[:8192]:
        raise BadInput("binary file (NUL bytes), not text")
    else:
        text = _decode_plain(data)
    if _control_share(text) > _CONTROL_MAX_SHARE:
        raise BadInput("binary file (control characters), not text")
    return text


def _decode_plain(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Big5 bytes are nearly always valid GB18030 too: let charset-normalizer judge which reads better
    best = from_bytes(data, cp_isolation=list(_CHINESE_ENCODINGS)).best() or from_bytes(data).best()
    if best is None:
        raise BadInput("not text in a known encoding (UTF-8, GB18030, Big5, …)")
    return str(best)


def expand(paths: Iterable[str | Path], skipped: list[InputError] | None = None) -> Iterator[Path]:
    """Files named directly, and the readable files inside named folders (sorted, hidden ones skipped).

    A folder with no readable file is yielded itself, so that it is reported.
    A folder's files of other kinds (.pdf, .docx, .png) go to `skipped`, each with the reason.
    """
    seen: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            visible = [f for f in sorted(path.rglob("*"))
                       if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts)]
            found = [f for f in visible if f.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES]
            if skipped is not None:
                skipped.extend(InputError(str(f), f"skipped: {_kind(f)}", skipped=True)
                               for f in visible if f.suffix.lower() not in TEXT_SUFFIXES | TABLE_SUFFIXES)
            files = found or [path]
        else:
            files = [path]
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def _kind(path: Path) -> str:
    """Why a folder's file is not read: what its first bytes say it is, else its suffix."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    what = next((what for magic, what in _MAGIC if head.startswith(magic)), None)
    readable = "/".join(sorted(TEXT_SUFFIXES | TABLE_SUFFIXES))
    return what or f"not a report file ({path.suffix or 'no suffix'}; reports are {readable})"


@cache
def _column_names() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(n.strip().lower() for n in row[1].split(",")) for row in load_table("table_columns.tsv")}


def _columns(header: list[str], text_field: str | None) -> dict[str, str]:
    """Role → the table's column name, for the roles the table has."""
    by_lower = {h.strip().lower(): h for h in header if h is not None}
    out: dict[str, str] = {}
    for role, names in _column_names().items():
        if role == "text" and text_field:
            names = (text_field.strip().lower(),)
        hit = next((by_lower[n] for n in names if n in by_lower), None)
        if hit is not None:
            out[role] = hit
    if "text" not in out:
        if text_field:
            raise BadInput(f"no column {text_field!r} (columns: {', '.join(map(str, header))})")
        tried = ", ".join(TEXT_FIELDS)
        raise BadInput(f"no text column ({tried}) among: {', '.join(map(str, header))}; name it with --text-field")
    return out


def _rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, row) of a table; a row that cannot be parsed is (number, problem)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        n = 0
        for line in text.splitlines():
            if not line.strip():
                continue
            n += 1
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, f"invalid JSON ({exc.msg})"
                continue
            yield n, row if isinstance(row, dict) else "not a JSON object"
        return
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInput(f"invalid JSON ({exc.msg}, line {exc.lineno})") from None
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), None)
        if not isinstance(data, list):
            raise BadInput("JSON is not a list of reports")
        for n, row in enumerate(data, start=1):
            yield n, row if isinstance(row, dict) else "not a JSON object"
        return
    first = text.split("\n", 1)[0]
    delimiter = "\t" if suffix == ".tsv" or first.count("\t") > first.count(",") else ","
    old_limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # a report is longer than csv's 128 KiB default
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    finally:
        csv.field_size_limit(old_limit)
    yield from enumerate(rows, start=1)


def _cell(row: dict[str, Any], column: str | None) -> str:
    if column is None:
        return ""
    value = row.get(column)
    return "" if value is None else str(value).strip()


def read_table(
    path: Path, text: str, text_field: str | None = None
) -> tuple[list[Document], list[InputError]]:
    """The reports in a table, one per row; a bad row is an error and the others go on."""
    docs: list[Document] = []
    errors: list[InputError] = []
    columns: dict[str, str] | None = None
    for n, row in _rows(path, text):
        source = f"{path}#row={n}"
        if isinstance(row, str):
            errors.append(InputError(source, row))
            continue
        if columns is None:
            columns = _columns(list(row), text_field)
        body = row.get(columns["text"])
        body = "" if body is None else str(body)
        if not body.strip():
            errors.append(InputError(source, f"empty text in column {columns['text']!r}"))
            continue
        doc = Document(source, body)
        for role in ("title", "province", "report_year", "year_reviewed", "date", "speaker"):
            value = _cell(row, columns.get(role))
            if value:
                doc.given[role] = value
        region = _cell(row, columns.get("region")) or (
            _cell(row, columns.get("city")) + _cell(row, columns.get("county"))
        )
        if region:
            doc.given["region"] = region
        docs.append(doc)
    if columns is None:
        raise BadInput("table has no rows")
    return docs, errors


def read_path(path: Path, text_field: str | None = None) -> tuple[list[Document], list[InputError]]:
    """The documents in one file and the problems with its rows; raises BadInput when it cannot be read."""
    if not path.exists():
        raise BadInput("no such file or folder")
    if path.is_dir():
        raise BadInput(f"folder holds no {'/'.join(sorted(TEXT_SUFFIXES | TABLE_SUFFIXES))} files")
    data = path.read_bytes()
    if not data.strip():
        raise BadInput("empty file")
    text = decode(data)
    if path.suffix.lower() in TABLE_SUFFIXES:
        return read_table(path, text, text_field)
    if not text.strip():
        raise BadInput("empty file (only blanks)")
    doc = Document(str(path), text)
    read_front_matter(doc)
    if not text[doc.body_start :].strip():
        raise BadInput("no report text after the front matter")
    return [doc], []


def read_front_matter(doc: Document) -> Document:
    """Read a Markdown/YAML front matter (title, source, date) into `doc.front` and start the body after it.

    A front matter that is not a YAML mapping is left in the text, with a warning.
    """
    m = _FRONT_MATTER.match(doc.original)
    if m is None:
        return doc
    try:
        data = yaml.safe_load(m.group("yaml"))
    except yaml.YAMLError as exc:
        doc.warnings.append(f"front matter is not valid YAML ({exc.__class__.__name__}); read as text")
        return doc
    if data is not None and not isinstance(data, dict):
        doc.warnings.append("front matter is not a list of key: value pairs; read as text")
        return doc
    for key, value in (data or {}).items():
        role = _FRONT_KEYS.get(str(key).strip().lower())
        if isinstance(value, list):  # source: [- url, - url]: the first
            value = next((v for v in value if v not in (None, "")), None)
        if role and value not in (None, "") and role not in doc.front:
            doc.front[role] = str(value).strip()
    doc.body_start = m.end()
    return doc


def read_inputs(
    paths: Iterable[str | Path], text_field: str | None = None
) -> tuple[list[Document], list[InputError]]:
    """Read every input; return the documents and one error per bad input (or bad table row).

    A folder's files of other kinds come as errors marked `skipped` (the caller shows them as warnings).
    """
    errors: list[InputError] = []
    docs = list(iter_inputs(paths, errors, text_field))
    return docs, errors


def iter_inputs(paths: Iterable[str | Path], errors: list[InputError],
                text_field: str | None = None) -> Iterator[Document]:
    """The documents of every input, read one file at a time as they are asked for (as `read_inputs`).

    Each problem is appended to `errors` when its input is reached, so the list
    is complete once the documents are exhausted. A large batch is then never
    held in memory before it is processed.
    """
    for path in expand(paths, skipped=errors):
        try:
            found, row_errors = read_path(path, text_field)
        except (BadInput, OSError, UnicodeError, csv.Error) as exc:
            errors.append(InputError(str(path), _message(exc)))
            continue
        errors.extend(row_errors)
        yield from found


def _message(exc: Exception) -> str:
    if isinstance(exc, BadInput):
        return str(exc)
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(exc, UnicodeError):
        return f"not valid text ({exc.__class__.__name__})"
    if isinstance(exc, csv.Error):
        return f"not a valid CSV table ({exc})"
    return f"cannot be read ({exc.strerror or exc})" if isinstance(exc, OSError) else str(exc)
