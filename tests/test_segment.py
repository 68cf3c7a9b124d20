"""Sections (一、二、), paragraphs and sentences, with offsets into the normalised text."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from policykg.extract.document import Document
from policykg.extract.normalize import normalize
from policykg.extract.segment import chinese_number, paragraphs, sections, segment, sentences

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "reports").glob("*.txt"))


def _doc(path: Path) -> Document:
    return segment(normalize(Document(str(path), path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_sections_of_the_examples_run_in_order(path: Path) -> None:
    doc = _doc(path)
    titles = [s.title for s in doc.sections]
    assert len(titles) >= 2
    assert [t.split("、", 1)[0] for t in titles] == list("一二三四五六七八九十")[: len(titles)]
    assert "工作回顾" in titles[0]
    for s, nxt in zip(doc.sections, [*doc.sections[1:], None], strict=True):
        assert doc.text[s.start :].startswith(s.title)
        assert s.end <= (nxt.start if nxt else len(doc.text))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_sentences_and_paragraphs_cover_the_text(path: Path) -> None:
    doc = _doc(path)
    for spans in (doc.sentences, doc.paragraphs):
        assert spans
        for a, b in itertools.pairwise(spans):
            assert a.end <= b.start
        for s in spans:
            piece = doc.text[s.start : s.end]
            assert piece and piece == piece.strip() and "\n" not in piece
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == doc.text.split("\n")
    # every sentence lies in one paragraph, and sentence_at finds it
    for s in doc.sentences[::7]:
        assert doc.sentence_at(s.start) == s
        assert doc.sentence_at(s.end - 1) == s


def test_sentences_end_at_stops_and_keep_closing_quotes() -> None:
    text = "坚持“项目为王。”推进锂电产业;发展新能源!是否可行?\n一、标题\n最后一句"
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "坚持“项目为王。”", "推进锂电产业;", "发展新能源!", "是否可行?", "一、标题", "最后一句"]


def test_a_stray_numbered_line_does_not_start_a_section() -> None:
    text = ("一、2023年工作回顾\n正文。\n一、这不是新的一节\n二、2024年工作安排\n正文。\n四、跳号\n"
            "三、加强政府自身建设\n正文")
    assert [s.title for s in sections(text)] == ["一、2023年工作回顾", "二、2024年工作安排", "三、加强政府自身建设"]
    assert [s.title for s in sections(text, paragraphs(text))] == [s.title for s in sections(text)]


def test_a_long_numbered_paragraph_is_not_a_heading() -> None:
    text = ("一、2023年工作回顾\n二、过去一年,我们坚持以习近平新时代中国特色社会主义思想为指导。"
            "全面贯彻党的二十大精神,推动高质量发展取得新成效。")
    assert [s.title for s in sections(text)] == ["一、2023年工作回顾"]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("", None), ("百", None),
     ("十十", None)],
)
def test_chinese_numbers(numeral: str, value: int | None) -> None:
    assert chinese_number(numeral) == value
