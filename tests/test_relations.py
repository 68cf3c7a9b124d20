"""Relations read from one sentence or enumeration, each with its evidence sentence."""
from policykg.extract.facts import sentence_of
from tests.extract_helpers import facts_of, relations

PLACE = "枣庄市台儿庄区"


def evidence(facts: dict, type_: str) -> list[str]:
    reports = {rep["id"]: rep for rep in facts["reports"]}
    return [sentence_of(reports[ev["report"]], ev["sentence"])
            for r in facts["relations"] if r["type"] == type_ for ev in r["evidence"]]


def test_project_list_belongs_to_the_chain_of_its_category():
    facts = facts_of(PLACE, "培育壮大锂电产业。实施澜启新能、凯维思等9个锂电项目。")
    belongs = relations(facts, "BELONGS_TO")
    assert {("澜启新能项目", "锂电"), ("凯维思项目", "锂电")} <= belongs
    assert all("9个锂电项目" in s for s in evidence(facts, "BELONGS_TO"))


def test_list_item_company_undertakes_its_project():
    facts = facts_of(PLACE, "实施澜启新能、凯维思等9个锂电项目。")
    assert {("澜启新能", "澜启新能项目"), ("凯维思", "凯维思项目")} <= relations(facts, "UNDERTAKES")


def test_owner_undertakes_the_project_named_after_it():
    facts = facts_of(PLACE, "青禾煤电集团新布局电池隔膜项目。")
    assert ("青禾煤电集团", "青禾煤电集团电池隔膜项目") in relations(facts, "UNDERTAKES")


def test_project_located_in_the_park_that_opens_its_name():
    facts = facts_of(PLACE, "完成青禾化工园区污水处理厂建设。")
    assert ("青禾化工园区污水处理厂", "青禾化工园区") in relations(facts, "LOCATED_IN")
    assert evidence(facts, "LOCATED_IN") == ["完成青禾化工园区污水处理厂建设。"]


def test_park_focuses_on_the_chain_in_its_name():
    facts = facts_of(PLACE, "大力发展新能源产业。加快亚辰新能源产业园建设。")
    assert ("亚辰新能源产业园", "新能源") in relations(facts, "FOCUSES_ON")


def test_no_relation_across_sentences_or_from_a_place_name():
    facts = facts_of(PLACE, "大力发展石榴产业。石榴经济开发区通过审核。")
    assert not relations(facts, "FOCUSES_ON")
