"""The list shapes of the issue, for every type at once: items joined by 、 and 和, closed by 等, a count
and a category, a head shared by every item (docs/annotation.md, settled cases 9 and 10)."""
from policykg.extract.namespan import split_items
from tests.extract_helpers import entities, facts_of, names_of

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


def test_the_last_item_of_a_list_may_join_with_a_conjunction():
    body = ("启动长青、敦牡和四梅集扩能等铁路项目。加快泾河、潏河和灞河综合治理等重点工程。"
            "建强战略科学家、卓越工程师和成都工匠等战略人才。全力做好场馆改造、氛围营造以及6大类605个环境整治提升项目。")
    facts = facts_of("宁德市", body, lead="市长")
    projects = set(entities(facts, "Project"))
    assert {"敦牡铁路", "四梅集扩能铁路"} <= projects
    assert not any("和" in name for name in projects)
    assert not {"战略科学家", "卓越工程师", "卓越工程"} & set(entities(facts, "Initiative"))
    assert "6大类" not in set(entities(facts, "Enterprise"))


def test_a_conjunction_inside_a_word_joins_no_items():
    text = "和平路、与会中心和东湖路"
    assert [text[s:e] for s, e in split_items(text, 0, len(text))] == ["和平路", "与会中心", "东湖路"]


def test_a_list_mark_inside_parentheses_splits_no_items():
    text = "郫都区合作污水处理厂（一、二期）提标升级工程、成都市高新西区污水处理厂（一、二期）提标升级工程"
    items = [text[s:e] for s, e in split_items(text, 0, len(text))]
    assert items == ["郫都区合作污水处理厂（一、二期）提标升级工程", "成都市高新西区污水处理厂（一、二期）提标升级工程"]


def test_a_bare_ordinal_or_direction_in_a_project_list_takes_the_next_items_rest() -> None:
    body = "推进第三、第四棚改配套幼儿园、桃李中学等新建续建项目。"
    projects = names_of("Project", "枣庄市台儿庄区", body)
    assert any(name.startswith("第三棚改配套幼儿园") for name in projects)
    assert "第三项目" not in projects
