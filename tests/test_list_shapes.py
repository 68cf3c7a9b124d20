"""The list shapes of the issue, for every type at once: items joined by 、 and 和, closed by 等, a count
and a category, a head shared by every item (docs/annotation.md, settled cases 9 and 10)."""
from tests.extract_helpers import entities, facts_of

BODY = ("大力发展新能源、新材料和生物医药产业。支持宁德时代和比亚迪两家龙头企业扩产。打好蓝天、碧水、净土保卫战。"
        "推动金羽鸵鸟、青山黑熊等养殖基地融合发展。实施澜启新能、凯维思等9个锂电项目。"
        "启动市疾控中心、市急救中心迁建工程。")


def test_every_type_reads_the_same_list_shapes():
    facts = facts_of("宁德市", BODY, lead="市长")
    expected = {
        "IndustrialChain": {"新能源", "新材料", "生物医药"},
        "Enterprise": {"宁德时代", "比亚迪", "澜启新能", "凯维思"},
        "Initiative": {"蓝天保卫战", "碧水保卫战", "净土保卫战"},
        "Park": {"金羽鸵鸟养殖基地", "青山黑熊养殖基地"},
        "Project": {"澜启新能项目", "凯维思项目", "市疾控中心迁建工程", "市急救中心迁建工程"},
    }
    for type_, names in expected.items():
        assert names <= set(entities(facts, type_)), type_


def test_a_count_closes_only_a_complete_list():
    facts = facts_of("宁德市", "支持青禾煤电和林溪石油两家龙头企业扩产。由中国境内一家企业法人经营。", lead="市长")
    assert set(entities(facts, "Enterprise")) == {"青禾煤电", "林溪石油"}
