"""Word boundaries from jieba, with the policykg user dictionary loaded once.

The initiative and chain finders use jieba on short windows (a clause before a
head word, a list item) to decide where a name starts; they never segment a
whole report, which keeps extraction within a small multiple of one jieba pass.

`extract/data/jieba_user.dict` holds domain terms (sectors, policy coinages)
so that jieba does not split them (新一代信息技术, 专精特新), one
`word [freq] [tag]` a line; `#` starts a comment. Part-of-speech tags come
from jieba's own dictionary file (the table `jieba.posseg` uses), overridden
by the tags of the user dictionary; they are read once, on first use, from a
cache when jieba's dictionary has not changed.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from functools import cache

import jieba

from .lexicon import load_forms, load_list

USER_DICT = "jieba_user.dict"

_lock = threading.Lock()
_loaded = False


#: Lexicons whose names jieba keeps whole: file → column holding the other
#: written forms (separated by |); the first column is the canonical name.
LEXICONS = {"initiatives_national.tsv": 2, "chains_national.tsv": 1}


def _lexicon_words() -> list[str]:
    return [form for lexicon, alias_col in LEXICONS.items() for form in load_forms(lexicon, alias_col)]


@cache
def _parse_user_dict() -> tuple[tuple[str, int | None, str | None], ...]:
    """(word, frequency, tag) of every user-dictionary word and lexicon name."""
    rows: list[tuple[str, int | None, str | None]] = [(w, None, "nz") for w in _lexicon_words()]
    for line in load_list(USER_DICT):
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        rows.append((word, freq, tag))
    return tuple(rows)


def load() -> None:
    """Initialise jieba and add the user dictionary to it (once per process).

    The words go into jieba's default tokenizer, so any later `jieba.lcut`
    in the process sees the same dictionary (a benchmark that compares with a
    plain jieba pass measures both on equal terms).
    """
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word, freq, tag in _parse_user_dict():
            jieba.add_word(word, freq, tag)
        _loaded = True


def prepare() -> None:
    """Load everything `cut` and `tag` need now (before worker processes fork, so they share it)."""
    load()
    _tags()


def _dictionary_tags() -> dict[str, str]:
    """Word → tag from jieba's dictionary file, cached beside jieba's own cache.

    Reading the 350,000 lines of dict.txt takes over a second; the cache (the
    words, then NUL, then their tags, each list one a line, in a file keyed by
    jieba's version and the dictionary's path, size and time) loads in a
    quarter of that (faster than marshal or pickle of the dict). A missing or
    unreadable cache is rebuilt.
    """
    path = jieba.dt.dictionary or os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    try:
        stat = os.stat(path)
        key = f"{jieba.__version__}\x1f{os.path.abspath(path)}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}"
    except OSError:
        key = None
    cache_file = None
    if key is not None:
        name = "policykg-jieba-tags-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16] + ".txt"
        cache_file = os.path.join(jieba.dt.tmp_dir or tempfile.gettempdir(), name)
        try:
            with open(cache_file, encoding="utf-8", newline="") as f:
                words, tags_ = f.read().split("\x00")
            cached = dict(zip(words.split("\n"), tags_.split("\n"), strict=True))
            if cached:
                return cached
        except (OSError, UnicodeDecodeError, ValueError):
            pass
    tags: dict[str, str] = {}
    with jieba.dt.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    if cache_file is not None:
        try:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(cache_file))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write("\n".join(tags) + "\x00" + "\n".join(tags.values()))
            os.replace(tmp, cache_file)
        except OSError:
            pass  # no cache this time
    return tags


@cache
def _tags() -> dict[str, str]:
    """Word → part-of-speech tag: jieba's dictionary, then the user dictionary."""
    load()
    tags = _dictionary_tags()
    for word, _freq, word_tag in _parse_user_dict():
        if word_tag:
            tags[word] = word_tag
    return tags


def cut(text: str) -> list[str]:
    """jieba's words of `text` (precise mode, no HMM for unknown words).

    Without HMM, characters jieba does not know come out one by one instead
    of being glued into guessed words, which keeps name boundaries
    predictable.
    """
    load()
    return jieba.lcut(text, HMM=False)


def is_common_word(word: str) -> bool:
    """True for one ordinary word of jieba's dictionary (高地, 红线, 造血), not a domain term.

    Put in quotes, such a word is rhetoric or a metaphor (docs/annotation.md,
    Initiative: not initiatives), not a coinage that names an instrument.
    """
    return word not in domain_words() and bool(tag(word)) and cut(word) == [word]


#: jieba tags of proper names (people, places, organisations, other proper nouns, abbreviations).
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})


def has_proper_word(text: str, common_chars: frozenset[str] = frozenset()) -> bool:
    """True when `text` holds more than common words: a character jieba leaves alone, a word it does not
    know, or a proper name (瑞康药业, 万楷高分子, 京东); 交通能源 and 专用化学品 are common words throughout.

    A single character whose tag is in `common_chars` counts as common (with {"n", "q"}: 铜, 杆 of 铜杆).
    """
    return any((len(w) == 1 and tag(w) not in common_chars) or tag(w) in NAME_TAGS or not tag(w) for w in cut(text))


def may_span(text: str, pos: int) -> bool:
    """True when a dictionary word may run across `pos` (start before it, go on after it): some stretch
    ending one character past `pos` is a prefix of a word in jieba's prefix dictionary. False is sure."""
    load()
    prefixes = jieba.dt.FREQ
    return any(text[i : pos + 1] in prefixes for i in range(max(0, pos - 3), pos))


def tag(word: str) -> str:
    """The part-of-speech tag of a word in jieba's dictionary ('' when unknown)."""
    return _tags().get(word, "")


@cache
def domain_words() -> frozenset[str]:
    """The names of the user dictionary and the lexicons (never a boundary); verbs and pronouns (我区) are
    left out."""
    return frozenset(word for word, _freq, word_tag in _parse_user_dict()
                     if not (word_tag or "").startswith(("v", "r")))


def aligned(text: str, start: int, end: int, margin: int = 6) -> bool:
    """True when [start, end) begins and ends on jieba word boundaries of the text around it.

    A name found again by plain string search may sit inside a longer word
    (优生 in 优生态, 牡丹 in 牡丹江); cutting a small window around it tells. Where no dictionary
    word may run across either end (`may_span`), jieba's cut has a boundary there without cutting.
    """
    if not (may_span(text, start) or may_span(text, end)):
        return True
    cuts = _cut_points(text, max(0, start - margin), min(len(text), end + margin))
    return start in cuts and end in cuts


def ends_word(text: str, pos: int, margin: int = 6) -> bool:
    """True when a jieba word of the text around `pos` ends there (市场 ends no word in 市场主体)."""
    return pos in _cut_points(text, max(0, pos - margin), min(len(text), pos + margin))


def _cut_points(text: str, lo: int, hi: int) -> set[int]:
    """The offsets between jieba's words of text[lo:hi], both ends included."""
    pos = lo
    points = {lo}
    for word in cut(text[lo:hi]):
        pos += len(word)
        points.add(pos)
    return points
