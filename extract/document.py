"""The document object that every extraction component reads and annotates."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ENTITY_TYPES = ("Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise")


def original_span(to_original: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a normalised [start, end) to the original [start, end) through the offset map.

    The end maps through the last character, so text removed after it (a
    line break, spaces) is not included; text removed inside the span is.
    """
    if not to_original:
        return start, end
    o_start = to_original[start]
    return o_start, (to_original[end - 1] + 1 if end > start else o_start)


@dataclass(frozen=True)
class Span:
    """A stretch of the normalised text, [start, end)."""

    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A top-level section (一、二、…) of the report."""

    title: str
    start: int
    end: int


@dataclass
class Mention:
    """One occurrence of an entity in a document, in normalised offsets.

    `name` is the canonical name; the surface form is `doc.text[start:end]`.
    `standalone` marks a list item that the nesting rule keeps although it
    stands inside a longer name; `source` names the component that found it.
    `scope` is, for a township (镇, 乡, 街道: no code of its own), the code of
    the division it lies in; its identity is `scope:name`, so two towns of
    the same name in different counties stay apart.
    """

    type: str
    name: str
    start: int
    end: int
    kind: str | None = None
    level: str | None = None
    code: str | None = None
    standalone: bool = False
    source: str = "cue"
    aliases: tuple[str, ...] = ()
    scope: str | None = None


#: How a relation names an entity: (type, canonical name, region identity or None).
#: A region's identity is its code; a township's (no code) is
#: "<code of the division it lies in>:<name>" (see `region_identity`).
EntityKey = tuple[str, str, "str | None"]


def region_identity(code: str | None, scope: str | None, name: str) -> str | None:
    """The identity of a region: its code, or for a township `scope:name` (None without either)."""
    if code:
        return code
    return f"{scope}:{name}" if scope else None


@dataclass
class RelationMention:
    """A relation read from one sentence (an empty span when it comes from reference data)."""

    type: str
    source: EntityKey
    target: EntityKey
    sentence: Span


@dataclass
class ReportMeta:
    """What the report says about itself: who, where, when."""

    title: str | None = None
    region: str | None = None
    region_level: str | None = None
    parent: str | None = None
    province: str | None = None
    adcode: str | None = None
    year: int | None = None
    date: str | None = None
    speaker: str | None = None
    #: Where the report was published (a Markdown front matter's `source`).
    url: str | None = None


@dataclass
class Document:
    """One report: original text, normalised text, offset map and annotations."""

    source: str
    original: str
    text: str = ""
    to_original: list[int] = field(default_factory=list)
    meta: ReportMeta = field(default_factory=ReportMeta)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Paragraphs (lines of the normalised text), in normalised offsets.
    paragraphs: list[Span] = field(default_factory=list)
    #: Metadata given from outside the text (table columns, command-line overrides), by key:
    #: region, province, year_reviewed, report_year, date, speaker, title. `read_metadata`
    #: prefers these to what the header says.
    given: dict[str, str] = field(default_factory=dict)
    #: Metadata of a Markdown front matter (title, source, date): weaker than the header, kept out of the text.
    front: dict[str, str] = field(default_factory=dict)
    #: Where the report text starts in `original` (after a front matter); normalisation reads from here.
    body_start: int = 0

    def release(self, annotations: bool = False) -> None:
        """Drop what normalise and segment recompute from `original`, to keep a large batch small.

        With `annotations`, mentions and relations go too (once they are in the facts).
        """
        self.text, self.to_original = "", []
        self.sentences, self.paragraphs, self.sections = [], [], []
        if annotations:
            self.mentions, self.relations = [], []

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) to the original text."""
        return original_span(self.to_original, start, end)

    def sentence_at(self, offset: int) -> Span:
        """The sentence that holds a normalised offset (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return Span(offset, offset)

    def in_review(self, offset: int) -> bool:
        """True when a normalised offset lies in a section that reviews the past (一、2023年工作回顾), where
        figures are results; the other sections set tasks and targets."""
        return any(s.start <= offset < s.end and re.search("回顾|总结", s.title) for s in self.sections)

    def sentence_text(self, span: Span) -> str:
        """The normalised text of a sentence span."""
        return self.text[span.start : span.end]
