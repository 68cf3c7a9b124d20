"""Regions: codes from the division table, short names, same-named divisions, townships."""
from policykg.extract import extract_texts
from tests.extract_helpers import entities, facts_of, names_of, relations, report


def test_full_name_gets_its_code_and_short_form_is_an_alias():
    facts = facts_of("枣庄市台儿庄区", "深入学习视察菏泽重要讲话精神。菏泽市文化旅游发展大会成功举办。")
    regions = entities(facts, "Region")
    assert regions["菏泽市"]["code"] == "371700000000"
    assert "菏泽" in regions["菏泽市"]["aliases"]
    assert regions["台儿庄区"]["code"] == "370405000000"


def test_same_name_resolved_in_the_report_province():
    beijing = entities(facts_of("北京市朝阳区", "朝阳区营商环境持续优化。"), "Region")
    changchun = entities(facts_of("长春市朝阳区", "朝阳区营商环境持续优化。"), "Region")
    assert beijing["朝阳区"]["id"] == "region:110105000000"
    assert changchun["朝阳区"]["id"] == "region:220104000000"


def test_regions_merge_by_code_not_by_string():
    regions = entities(facts_of("长沙县", "长沙市和长沙县协同推进。", lead="县长"), "Region")
    assert regions["长沙市"]["code"] == "430100000000"
    assert regions["长沙县"]["code"] == "430121000000"
    assert regions["长沙市"]["id"] != regions["长沙县"]["id"]


def test_short_form_only_where_it_stands_alone():
    facts = facts_of("济南市钢城区", "钢城经济开发区新开工项目。日照港吞吐量增长。")
    names = set(entities(facts, "Region"))
    assert "日照市" not in names
    # the report's own region is listed, but 钢城 inside a park name is no alias
    assert "钢城" not in entities(facts, "Region")["钢城区"]["aliases"]


def test_a_list_of_places_gives_every_place():
    facts = facts_of("菏泽市巨野县", "在北京、上海、杭州设立离岸招商中心。", lead="县长")
    regions = entities(facts, "Region")
    assert {"北京市", "上海市", "杭州市"} <= set(regions)
    assert regions["北京市"]["code"] == "110000000000"  # the province, not its 市辖区 twin


def test_full_name_counts_inside_other_names():
    facts = facts_of("牡丹江市爱民区", "与上海市福建商会签订合作协议。")
    regions = entities(facts, "Region")
    assert {"牡丹江市", "上海市", "爱民区"} <= set(regions)
    assert "上海市福建商会" in entities(facts, "Enterprise")


def test_not_regions_informal_areas_and_pronouns():
    facts = facts_of("菏泽市牡丹区", "主动融入长三角,全区上下推动鲁西崛起,黄河流域生态保护。")
    assert set(entities(facts, "Region")) == {"牡丹区", "菏泽市"}  # 菏泽市 from the header


def test_townships_and_their_identity():
    body = "马兰屯镇获批国家级农业产业强镇。推进东关、西关街道社区卫生服务中心建设。特色小镇和城镇建设加快,乡镇干部"
    regions = entities(facts_of("枣庄市台儿庄区", body), "Region")
    assert regions["马兰屯镇"]["id"] == "region:370405000000:马兰屯镇"
    assert regions["马兰屯镇"]["code"] is None and regions["马兰屯镇"]["level"] == "township"
    assert {"东关街道", "西关街道"} <= set(regions)
    assert not {"特色小镇", "城镇", "乡镇", "强镇"} & set(regions)


def test_same_named_towns_of_two_counties_stay_apart():
    facts = extract_texts({
        "a.txt": report("枣庄市台儿庄区", "青石镇获评示范镇。"),
        "b.txt": report("菏泽市巨野县", "青石镇获评示范镇。", lead="县长"),
    })
    towns = [e for e in facts["entities"] if e["type"] == "Region" and e["name"] == "青石镇"]
    assert {t["id"] for t in towns} == {"region:370405000000:青石镇", "region:371724000000:青石镇"}


def test_part_of_up_the_hierarchy_and_townships_under_the_report_region():
    facts = facts_of("枣庄市台儿庄区", "马兰屯镇获批国家级农业产业强镇。")
    part_of = relations(facts, "PART_OF")
    assert ("台儿庄区", "枣庄市") in part_of
    assert ("枣庄市", "山东省") in part_of
    assert ("马兰屯镇", "台儿庄区") in part_of


def test_titles_given_to_townships_are_no_townships():
    body = "洛城街道获评省级文明街道。稻田镇获评国家卫生镇。"
    regions = entities(facts_of("潍坊市寿光市", body, lead="市长"), "Region")
    assert {"洛城街道", "稻田镇"} <= set(regions)
    assert not {"省级文明街道", "国家卫生镇"} & set(regions)


def test_a_short_name_that_is_the_subject_of_a_verb_stands_alone() -> None:
    body = "以襄州为核心区建设产业园，支持樊城创建国家级现代商贸示范区。"
    found = entities(facts_of("湖北省襄阳市", body, lead="市长"), "Region")
    assert {"襄州区", "樊城区"} <= set(found)


def test_a_list_of_places_closed_by_a_facility_head_names_facilities():
    # 满洲里、二连浩特等口岸: every item takes the head 口岸, so it is a port's name, not a place
    body = "加强与满洲里、二连浩特、珠恩嘎达布其等口岸合作。在北京、上海等地设立招商中心。"
    facts = facts_of("内蒙古自治区赤峰市", body, lead="市长")
    names = set(entities(facts, "Region"))
    assert not {"满洲里市", "二连浩特市"} & names
    assert {"北京市", "上海市"} <= names


def test_a_state_level_new_area_is_no_region():
    # 雄安新区 has a code in the division table, but it is a zone (settled case 6), unlike 浦东新区
    assert "雄安新区" not in entities(facts_of("河北省", "高标准高质量推进雄安新区建设。", lead="省长"), "Region")
    assert "浦东新区" in entities(facts_of("上海市", "浦东新区开放再上台阶。", lead="市长"), "Region")


def test_a_short_name_before_its_development_or_its_people_stands_alone():
    body = "用好国务院支持内蒙古高质量发展意见。向港澳同胞、台湾同胞致以敬意。"
    facts = facts_of("内蒙古自治区赤峰市", body, lead="市长")
    assert {"内蒙古自治区", "台湾省"} <= set(entities(facts, "Region"))


def test_banners_by_their_short_forms_in_their_prefecture():
    body = "左旗、右旗、喀旗获批试点县。深入挖掘翁旗、克旗等地区碳汇潜力,推动阿旗、喀旗重设工业园区。"
    regions = entities(facts_of("内蒙古自治区赤峰市", body, lead="市长"), "Region")
    assert {"巴林左旗", "巴林右旗", "喀喇沁旗", "翁牛特旗", "克什克腾旗", "阿鲁科尔沁旗"} <= set(regions)
    assert "左旗" in regions["巴林左旗"]["aliases"]
    # a province's report does not know which prefecture's 左旗 is meant
    assert "巴林左旗" not in entities(facts_of("内蒙古自治区", "左旗、右旗获批试点县。", lead="主席"), "Region")


def test_a_township_name_of_ordinary_words_is_a_slogan_or_a_description() -> None:
    body = ("引导市民下乡、乡贤助乡、企业兴乡。全域开展最美街道、最差街道评选。培育工业大镇、商贸强镇。"
            "奋斗镇、三道关镇、莲花镇获评全国文明镇。启动建设东津新镇,提升新市镇规划建设水平。")
    towns = {n for n, e in entities(facts_of("成都市", body, lead="市长"), "Region").items()
             if e.get("level") == "township"}
    assert towns == {"奋斗镇", "三道关镇", "莲花镇"}


def test_a_short_name_at_the_end_of_a_transport_route_stands_alone():
    assert "宁波市" in names_of("Region", "襄阳市", "扩大襄阳至宁波铁海联运运营成果。", lead="市长")
    assert "宁波市" not in names_of("Region", "襄阳市", "加快建设宁波港。", lead="市长")
