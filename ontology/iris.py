"""IRIs and literals of the RDF export: stable across runs, safe for any name.

Every IRI is minted from an id (or, for a region, its administrative code),
never from a name, and every character outside RFC 3986's unreserved set is
percent-encoded, so a name holding spaces, quotes, angle brackets, newlines or
Chinese characters cannot break an IRI. Evidence nodes get IRIs from a digest
of what they say, so the export needs no blank nodes and is byte-stable.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import Literal, URIRef

#: Where data IRIs live unless `--base` says otherwise.
DEFAULT_BASE = "https://w3id.org/policykg/id/"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: Characters RFC 3987 keeps out of an IRI (besides whitespace and controls).
_NOT_IN_IRI = re.compile(r'[<>"{}|\\^`\x00-\x20\x7f]')


def normalize_base(base: str | None) -> str:
    """The base IRI to mint data IRIs under, ending in '/', '#' or ':' ('/' is added otherwise).

    Raises ValueError for something that is not an absolute IRI or holds
    characters an IRI cannot (spaces, quotes, angle brackets, braces …).
    """
    base = DEFAULT_BASE if base is None else base.strip()
    if not _SCHEME.match(base) or _NOT_IN_IRI.search(base) or any(ch.isspace() for ch in base):
        raise ValueError(f"{base!r} is not an absolute IRI usable as a base (like {DEFAULT_BASE})")
    return base if base.endswith(("/", "#", ":")) else base + "/"


def segment(label: str) -> str:
    """The path segment of a node label's IRIs: the id prefix (`Report` → `report`)."""
    return label.lower()


def encode(text: str) -> str:
    """Percent-encode everything outside the unreserved characters A-Z a-z 0-9 - . _ ~."""
    return quote(text, safe="")


def node_iri(base: str, label: str, node_id: str, code: str | None = None) -> URIRef:
    """The IRI of a node: a region's from its administrative code, any other from its id.

    `region:371702000000` (code 371702000000) → `<base>region/371702000000`;
    `initiative:0a1b…` → `<base>initiative/0a1b…`; an id without the label's
    prefix, or a region without a code, is percent-encoded whole after the prefix.
    """
    seg = segment(label)
    if label == "Region" and code:
        return URIRef(f"{base}{seg}/{encode(code)}")
    prefix = seg + ":"
    rest = node_id[len(prefix):] if node_id.startswith(prefix) else node_id
    return URIRef(f"{base}{seg}/{encode(rest)}")


def digest(*parts: object) -> str:
    """A 16-hex-digit digest of the parts (joined by U+001F), for evidence IRIs."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def text_literal(text: str) -> Literal:
    """Report text as a literal: tagged @zh when it holds Chinese, a plain string otherwise."""
    return Literal(text, lang="zh") if _CJK.search(text) else Literal(text)
