"""The shared context mechanisms: the per-type spec table, local evidence for the second pass, vetoes.

Each is tested alone on a hand-made Document, as spaCy tests its span filters
apart from the pipeline, and then once through the pipeline for every type.
"""
import pytest

from policykg.extract import extract_texts
from policykg.extract.context import SpanIndex, apply_vetoes, is_quoted, local_evidence, vetoed
from policykg.extract.document import ENTITY_TYPES, Document, Mention
from policykg.extract.spec import specs
from tests.extract_helpers import HEADER, entities_in_bodies, report


def doc_of(text: str, *mentions: Mention) -> Document:
    doc = Document("x.txt", text)
    doc.text = text
    doc.mentions = list(mentions)
    return doc


def test_every_type_has_a_spec_row_with_known_keys():
    table = specs()
    assert set(table) == set(ENTITY_TYPES)
    for s in table.values():
        assert s.second_pass in {"none", "report", "region", "batch"}
        assert set(s.local_evidence) <= {"quoted", "head_after", "verb_before", "list_member", "own_head"}
        assert set(s.vetoes) <= {"negation", "unnamed", "governed"}


def test_quoted():
    text = "推行“链长制”和链长制"
    assert is_quoted(text, 3, 6)
    assert not is_quoted(text, 8, 11)


@pytest.mark.parametrize(
    ("type_", "text", "span", "expected"),
    [
        ("IndustrialChain", "意见", (0, 2), False),  # a bare word shows no cue
        ("IndustrialChain", "壮大锂电产业", (2, 4), True),  # head after
        ("IndustrialChain", "大力发展锂电", (4, 6), True),  # verb before
        ("Initiative", "推进公共服务均等化", (2, 6), False),
        ("Initiative", "落实“全覆盖”要求", (3, 6), True),  # quoted
        ("Initiative", "全面推行河湖长制", (4, 8), True),  # its own head
        ("Enterprise", "上市公司质量提升", (0, 4), True),  # own head: 公司 (the finder's named check rules it out)
        ("Enterprise", "比亚迪等龙头企业", (0, 3), True),  # head after, through 等
        ("Enterprise", "比亚迪汽车销量", (0, 3), False),
    ],
)
def test_local_evidence_per_type(type_, text, span, expected):
    doc = doc_of(text)
    assert local_evidence(doc, type_, *span, SpanIndex(doc.mentions)) is expected


def test_list_member_needs_a_neighbour_of_the_same_type():
    text = "引进宁德时代、比亚迪"
    cat = Mention("Enterprise", "宁德时代", 2, 6)
    assert local_evidence(doc_of(text, cat), "Enterprise", 7, 10, SpanIndex([cat]))
    chain = Mention("IndustrialChain", "宁德时代", 2, 6)
    assert not local_evidence(doc_of(text, chain), "Enterprise", 7, 10, SpanIndex([chain]))


@pytest.mark.parametrize(
    ("text", "mention", "veto"),
    [
        ("坚决不搞形象工程。", Mention("Initiative", "形象工程", 4, 8), "negation"),
        ("严禁新上高耗能项目。", Mention("Project", "高耗能项目", 4, 9), "negation"),
        ("实施形象工程。", Mention("Initiative", "形象工程", 2, 6), None),
        # the prohibition stands in another clause: no veto
        ("不搞花架子，实施惠民工程。", Mention("Initiative", "惠民工程", 8, 12), None),
        ("出台10条。", Mention("Initiative", "10条", 2, 5), "unnamed"),
        ("推行“1163”工作思路。", Mention("Initiative", "1163工作思路", 3, 12), None),
        # regions and parks list no vetoes
        ("防止滨海新区", Mention("Park", "滨海新区", 2, 6), None),
        # a prohibition word that ends an earlier list item governs nothing after it
        ("实施古城街景整治、陈老巷修复等工程。", Mention("Project", "陈老巷修复", 9, 14), None),
        # one that opens the mention vetoes it
        ("坚决遏制高耗能项目。", Mention("Project", "坚决遏制高耗能项目", 0, 9), "negation"),
        # a verb earlier in the clause rules a project's name out (a market one expands into)
        ("开拓青禾、明远等市场。", Mention("Project", "明远市场", 5, 7), "governed"),
        ("新建青禾市场。", Mention("Project", "青禾市场", 2, 6), None),
    ],
)
def test_vetoes(text, mention, veto):
    doc = doc_of(text, mention)
    assert vetoed(doc, mention) == veto
    apply_vetoes(doc)
    assert (doc.mentions == []) is (veto is not None)


def test_a_false_hit_of_one_report_is_not_copied_into_the_others():
    # 数字孪生 is accepted as a sector in the first report (a list of sectors); the
    # others say 数字孪生 without developing it, so it stays theirs only where a cue shows
    bodies = ["大力发展新能源、新材料、数字孪生等产业。"] + ["推进数字孪生城市建设。"] * 3 + ["培育数字孪生产业。"]
    facts = extract_texts({f"r{i}.txt": HEADER + b for i, b in enumerate(bodies)})
    chain = next(e for e in facts["entities"] if e["type"] == "IndustrialChain" and e["name"] == "数字孪生")
    assert len(chain["reports"]) == 2


def test_the_same_report_keeps_every_occurrence():
    facts = extract_texts({"a.txt": report("枣庄市台儿庄区", "推行“一企一策”。一企一策覆盖全部规上企业。")})
    it = next(e for e in facts["entities"] if e["type"] == "Initiative" and e["name"] == "一企一策")
    assert len(it["mentions"]) == 2


def test_negated_initiative_is_not_adopted_in_any_type_of_report():
    got = entities_in_bodies("Initiative", "坚决不搞形象工程和政绩工程。", "实施“光明工程”。")
    assert "形象工程" not in got and "政绩工程" not in got
    assert "光明工程" in got

