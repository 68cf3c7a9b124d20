"""IndustrialChain extraction on small synthetic sentences (docs/annotation.md, IndustrialChain)."""
from __future__ import annotations

import pytest

from policykg.extract.chains import canonical
from tests.extract_helpers import entities, entities_in_bodies, facts_of, reports_of


def chains(*bodies: str) -> dict[str, dict]:
    """IndustrialChain entities of reports with these bodies, by canonical name."""
    return entities_in_bodies("IndustrialChain", *bodies)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("锂电产业", "锂电"),
        ("精细化工产业集群", "精细化工"),
        ("碳纤维产业链", "碳纤维"),
        ("特色文旅康养产业", "文旅康养"),
        ("钢铁上下游相关产业", "钢铁上下游"),
        ("数字经济", "数字经济"),
        ("文化产业", "文化产业"),  # 文化 alone would be a bare noun
        ("文化产业集群", "文化产业"),  # ... and it keeps 产业 whatever head was written
        ("铜产业集群", "铜产业"),  # one character is no sector name
    ],
)
def test_canonical_drops_the_head_word(surface: str, name: str) -> None:
    assert canonical(surface) == name


def test_enumeration_before_a_list_head_is_split() -> None:
    found = chains("聚焦新能源、新材料、生物医药等重点产业链，招引项目30个。")
    assert {"新能源", "新材料", "生物医药"} <= set(found)
    assert not any(n.startswith("聚焦") for n in found)


def test_enumeration_with_a_count_and_quoted_number() -> None:
    found = chains("围绕绿色食品、纺织服装、装备制造“三大”主导产业，开展精准招商。")
    assert {"绿色食品", "纺织服装", "装备制造"} <= set(found)


def test_items_share_the_head_of_the_last_one() -> None:
    found = chains("拉长碳纤维、玄武岩纤维产业链，打造新材料基地。")
    assert {"碳纤维", "玄武岩纤维"} <= set(found)
    assert "碳纤维产业链" not in found


def test_items_with_their_own_head_and_the_alias() -> None:
    found = chains("培育壮大光伏产业、储能产业，新增规上企业5家。")
    assert {"光伏", "储能"} <= set(found)
    assert "光伏产业" in found["光伏"]["aliases"]


def test_place_named_specialities_in_a_list() -> None:
    found = chains("壮大青山茶叶、北岭板栗、南湖莲藕等特色产业，带动农户增收。")
    assert {"青山茶叶", "北岭板栗", "南湖莲藕"} <= set(found)


def test_economy_sectors_after_a_development_verb() -> None:
    found = chains("因地制宜发展林下经济、庭院经济，大力培育夜间经济。")
    assert {"林下经济", "庭院经济", "夜间经济"} <= set(found)


def test_a_quoted_sector() -> None:
    found = chains("加快发展“菌果药”特色农业，扩大种植面积。")
    assert "菌果药" in found


def test_zone_named_only_by_its_sector_gives_the_sector() -> None:
    found = chains("新建食用菌生产基地2处，推进化工产业园扩区。")
    assert {"食用菌", "化工"} <= set(found)


@pytest.mark.parametrize(
    "sentence",
    [
        "推动工业、农业、服务业协调发展。",
        "加快发展现代服务业，改造提升传统产业，培育壮大新兴产业。",
        "推动一二三产业融合发展，做强县域经济。",
        "高新技术产业增加值占比达到45%。",
        "着力打造“双千亿”产业集群。",
    ],
)
def test_bare_categories_and_statistics_are_not_chains(sentence: str) -> None:
    assert chains(sentence) == {}


def test_second_pass_finds_a_sector_in_another_report() -> None:
    found = chains(
        "壮大竹木加工、茶叶等特色产业。",
        "竹木加工产业集聚发展，产值突破10亿元。",
    )
    assert len(reports_of(found["竹木加工"])) == 2


def test_second_pass_ignores_a_sector_word_inside_other_names() -> None:
    found = chains(
        "聚焦新能源、新材料、建材等重点产业链。",
        "推广新能源汽车1200辆，支持巨润建材等企业技改，引进安泰新材料公司。",
    )
    assert reports_of(found["新能源"]) == reports_of(found["建材"]) == reports_of(found["新材料"])
    assert len(reports_of(found["新能源"])) == 1


def test_second_pass_reads_a_list_of_other_things_as_the_first_pass_does() -> None:
    # 教育、医疗等领域 lists fields of work: the first pass takes no sector from it, nor may the second
    found = chains("大力发展康养产业，做强人工智能产业。", "在教育、康养等8个领域开展政府购买服务。")
    assert len(reports_of(found["康养"])) == 1


def test_abbreviated_categories_and_qualities_are_no_sectors() -> None:
    assert not chains("统筹推进战新产业集聚发展，打造智慧产业新高地。")


def test_a_modifier_variant_of_one_report_is_one_chain() -> None:
    found = chains("以草莓、寒地蓝莓为重点的特色种植产业持续壮大，大力发展北方寒地蓝莓、花卉等棚室经济。")
    assert "北方寒地蓝莓" not in found
    assert "寒地蓝莓" in found
    found = chains("聚焦冶金、现代装备制造、化工等重点产业，推动装备制造、新材料等产品出口。")
    assert "装备制造" in found and "现代装备制造" not in found
    found = chains("聚焦矿业、冶金等重点产业，做大做强矿业经济。大力发展数字经济。")
    assert "矿业" in found and "矿业经济" not in found and "数字经济" in found


def test_a_known_sector_before_a_growth_phrase() -> None:
    found = chains("加快精密铸造转型升级，推动机械装备聚集成群。")
    assert {"精密铸造", "机械装备"} <= set(found)


def test_count_and_level_between_list_and_head() -> None:
    found = chains("做强钢铁、石化两大传统产业。集成电路、新型显示、人工智能三大国家级战略性新兴产业集群加快发展。")
    assert {"钢铁", "石化", "集成电路", "新型显示", "人工智能"} <= set(found)
    assert not any("两大" in n or "战略" in n for n in found)


def test_future_industries_named_in_national_plans() -> None:
    found = chains("前瞻布局量子科技、人形机器人、6G、商业航天等未来产业。")
    assert {"量子科技", "人形机器人", "6G", "商业航天"} <= set(found)


def test_one_character_products_with_their_head() -> None:
    found = chains("发展竹产业，做强茶产业。培育白茶、竹产业等特色产业。")
    assert {"竹产业", "茶产业", "白茶"} <= set(found)
    assert not chains("培育新产业、新业态。做强镇产业，各产业协调发展。")


def test_list_closed_by_a_count_of_clusters() -> None:
    found = chains("新一代电子信息、绿色石化、智能家电、先进材料等8个万亿元级产业集群不断壮大。")
    assert {"新一代电子信息", "绿色石化", "智能家电", "先进材料"} <= set(found)


def test_an_economic_area_is_no_sector() -> None:
    found = chains("深入推进成渝地区双城经济圈建设，融入淮海经济区发展。大力发展夜间经济。")
    assert set(found) == {"夜间经济"}


def test_a_clause_holds_a_list_of_sectors_and_then_a_list_of_amounts() -> None:
    found = chains("力促蔬菜、杂粮杂豆、中药材产业集群规模分别达到180亿元、80亿元和50亿元。")
    assert set(found) == {"蔬菜", "杂粮杂豆", "中药材"}


def test_business_forms_after_a_development_verb_and_the_list_that_continues_them() -> None:
    found = chains("积极发展生态游、乡村游、康养游、研学游。依托绿色矿山发展工业游。")
    assert {"生态游", "乡村游", "康养游", "研学游", "工业游"} <= set(found)
    # forms of ownership and a whole area's tourism are no sectors
    assert not chains("发展壮大农村集体经济，推进全域旅游，优化政策漫游服务。")
    assert not chains("培育壮大民营经济，积极发展混合所有制经济。")


def test_a_known_sector_counts_in_a_sentence_that_develops_it() -> None:
    assert "碳纤维" in chains("做大做强新材料产业，碳纤维、玄武岩纤维实现量产。")
    # the same word in a cost or a statistic is no sector developed
    assert not chains("物流成本下降5%。旅游收入增长8%。")


def test_a_known_sector_opening_a_sentence_as_its_subject() -> None:
    found = chains("光电信息产业抢占新赛道，打造光电设备研发制造基地。")
    assert "光电信息" in found


def test_a_sector_the_report_calls_its_own_region_s() -> None:
    # 我市汽车产业: the region's own industry, said of it as a subject, like a development verb
    assert "汽车" in chains("去年，我市汽车产业在全国汽车产销负增长的情况下逆势而进。")
    assert "汽车" not in chains("去年，汽车产业在全国产销负增长。")


def test_events_places_and_split_words_are_no_sectors() -> None:
    found = chains("召开第二届长沙市旅游产业大会。发展眉山产业。发展网络安全产业。")
    assert "网络安全" in found
    assert not any(n.startswith(("第二届", "眉山")) or n.endswith("大会") or n == "网络安" for n in found)


def test_sectors_under_supervision_are_not_developed() -> None:
    assert not chains("加强矿山、危化、燃气、冶金工贸等重点行业领域监管。")
    assert not chains("高新技术产业增加值增长12%，新能源汽车产业占比提高。")


def test_a_quoted_plus_form_before_a_chain_head_is_a_sector() -> None:
    found = chains("推动“氢能+”产业发展,光电信息产业抢占“光学+”新赛道。")
    assert {"氢能+", "光学+"} <= set(found)


def test_a_policy_verb_jieba_splits_still_ends_the_left_edge() -> None:
    assert "氢能" in chains("五是聚力氢能全产业链攻坚,构建新型能源体系。")
    assert "冰雪游" in chains("借势冬运会做热冰雪游,提升服务水平。")


def test_firms_of_a_known_sector_that_are_attracted_give_the_sector() -> None:
    assert "农产品加工" in chains("大力引进和培育农产品加工龙头企业,带动农户增收。")
    assert "乳制品深加工" in chains("推进乳制品深加工企业向全产业链方向发展。")
    assert "现代物流" in chains("大力引进和培育骨干物流企业。")  # 物流 is written 现代物流 nationally
    assert "农产品加工" not in chains("农产品加工企业达到120家。")


def test_stacked_list_modifiers_are_dropped_and_attributes_are_no_sector() -> None:
    assert canonical("农业优势特色产业") == "农业"
    assert "成长型" not in chains("推动十大省级成长型产业集群转型升级。")


def test_sectors_named_as_the_field_of_projects() -> None:
    # settled case 12: 钙基纳米新材料等项目 names a sector; a shop or a bank in the list names none
    found = chains("加快推进砷化镓半导体、京东超级体验店、齐鲁银行菏泽分行等项目。推进钙基纳米新材料等项目尽快落地。")
    assert {"砷化镓半导体", "钙基纳米新材料"} <= set(found)
    assert not any("体验店" in name or "银行" in name for name in found)
    # an item named after a place is a company's or a place's work, whatever its ending
    assert "湖南通用航空" not in chains("推进湖南通用航空、北斗卫星导航等重大项目建设。")


def test_a_list_closed_by_products_names_sectors() -> None:
    # settled case 10: sectors in a list closed by 产品 are chains
    assert {"服装鞋帽", "新材料", "装备制造"} <= set(chains("推动服装鞋帽、新材料、装备制造等产品出口增量扩能。"))
    # and so are the kindred categories of parts and equipment
    assert {"分子诊断", "激光治疗"} <= set(chains("发展分子诊断、激光治疗等高端医疗设备。"))


def test_a_pair_before_a_count_of_two_is_two_sectors() -> None:
    found = chains("新医药产业聚焦生物制药与高端装备两大产业,支持创新发展。")
    assert {"生物制药", "高端装备"} <= set(found)


def test_a_demonstration_base_named_by_its_sector_gives_the_sector() -> None:
    # 电子商务 is written 电商 nationally
    assert {"电商", "云计算"} <= set(chains("创建3个省级电子商务示范基地,积极创建国家级云计算产业示范基地。"))
    assert "乡村旅游" in chains("打造一批乡村旅游示范点,提升旅游供给质量。")


def test_farm_product_brands_and_size_modifiers() -> None:
    assert not {"吉白面粉", "鲁润阿胶"} & set(chains("吉白面粉、鲁润阿胶等11个特色农产品入驻农超。"))
    assert "风电光伏" in chains("全力推进大型风电光伏产业发展。")


def test_a_known_sector_in_a_list_of_other_things_is_not_developed() -> None:
    found = chains("老龄、残疾人、中医药、红十字等各项事业全面发展。动态优化人工智能、生物制造等学科设置。")
    assert not {"中医药", "生物制造"} & set(found)
    assert "体外诊断" in chains("发展体外诊断、激光治疗等高端医疗设备。")


def test_a_known_sector_that_grows_into_an_industry() -> None:
    assert "高端装备" in chains("高端装备成长为万亿级产业,钢铁产品由原料级向材料级转变。")


def test_an_industry_of_the_national_classification_ends_in_ye():
    found = chains("发展玉米肉蛋乳精深加工业和特色食品产业。突破性发展健康养老服务业。大力发展先进制造业和现代服务业。")
    assert {"玉米肉蛋乳精深加工", "健康养老服务"} <= set(found)
    assert "玉米肉蛋乳精深加工业" in found["玉米肉蛋乳精深加工"]["aliases"]
    assert not {"先进制造", "先进制造业", "现代服务", "现代服务业"} & set(found)  # bare categories


def test_an_industry_with_ye_needs_a_cue_and_no_statistic():
    found = chains("限上零售业、住宿业、餐饮业销售额分别增长19.6%、23.7%。全市旅游业总收入增长12%。")
    assert not found


def test_a_head_inside_an_event_name_closes_no_list():
    found = chains("成功举办西博会、动漫节、文博会、电商博览会、国际快递业大会。")
    assert not found


def test_two_things_joined_are_one_sector_only_when_both_are_sectors():
    found = chains("推动制造业与物流业联动发展。大力发展氢能与储能产业。")
    assert not any(n.startswith("制造业") for n in found)


def test_a_category_with_rank_words_or_a_place_is_no_sector_and_closes_no_list():
    found = chains("大力发展高端服务业和劳动密集型先进制造业。两型社会、节能减排、现代服务业成为国家试点。"
                   "大力发展未来智能、高端服务业、文旅康养等产业。加快发展滨海旅游业。")
    assert not {"高端服务", "劳动密集型先进制造", "两型社会", "节能减排"} & set(found)
    assert {"未来智能", "文旅康养", "滨海旅游"} <= set(found)


def test_a_known_sector_as_the_field_of_a_hub_the_region_builds():
    found = chains("打造现代商贸物流区域中心。建设全国现代商贸物流重要基地。推进物流中心建设。")
    assert "现代商贸物流" in found
    assert "物流" not in found  # a facility's name, no hub the region builds


def test_a_first_list_item_ending_in_a_verb_is_cut_after_the_governing_verb():
    found = chains("培育农商直供、定制农业等新业态。")
    assert {"农商直供", "定制农业"} <= set(found)


def test_the_fields_of_a_project_list_with_a_known_sector_are_all_sectors():
    facts = facts_of("吉林省", "建设一批化工新材料、专用化学品等项目。实施万楷高分子、凯维思等9个锂电项目。")
    assert {"化工新材料", "专用化学品"} <= set(entities(facts, "IndustrialChain"))
    projects = set(entities(facts, "Project"))
    assert "专用化学品项目" not in projects and {"万楷高分子项目", "凯维思项目"} <= projects


def test_a_business_form_ending_is_no_stop_for_the_left_edge():
    found = chains("推出乡村生态游、采摘一日游等精品旅游产品。")
    assert {"乡村生态游", "采摘一日游"} <= set(found)


def test_a_development_effort_closes_a_list_of_sectors():
    found = chains("加大生态观光、休闲农业培育力度。加大招商引资、项目建设力度。")
    assert {"生态观光", "休闲农业"} <= set(found)
    assert not {"招商引资", "项目建设"} & set(found)


def test_the_sector_of_a_list_of_firms_is_a_chain():
    found = chains("青禾牧业等机械装备制造企业科技创新能力持续增强。规上工业企业达到120家。")
    assert "机械装备制造" in found
    assert not any("工业" in n for n in found)


def test_a_known_sector_revived_or_developed_is_a_chain_beside_its_programme() -> None:
    body = "推进奶业振兴，支持中医药高质量发展，深入实施种业振兴行动，实施城市更新行动。铸造发展强力引擎。"
    found = chains(body)
    assert {"乳制品", "中医药", "种业"} <= set(found)
    assert not {"城市", "铸造"} & set(found)  # no sector opens 城市更新行动; 铸造 here is a verb
    assert "种业振兴" in entities_in_bodies("Initiative", body)  # the programme stays


def test_a_list_closed_by_manufacturing_is_of_sectors_and_a_batch_of_projects_is_not() -> None:
    assert {"汽车", "电子"} <= set(chains("发展汽车、电子等先进制造业。"))
    # 等一批…项目 lists projects: its items are firms or works, no sectors
    assert not chains("青禾、明远、铁建重工等一批制造业标志性重大项目建成投产。")


def test_quantities_scopes_and_processes_before_a_head_are_no_sectors() -> None:
    found = chains("部分产业链供应链受阻。扶持云计算、大数据等细分产业发展。持续壮大县域特色产业集群。"
                   "培育优化产业生态。聚焦融合集群。入选改革开放40年经济发展最成功城市。推动房地产业平稳发展。")
    assert not {"部分", "细分", "县域", "优化", "融合", "年经济", "房地"} & set(found)
    assert {"云计算", "大数据"} <= set(found)


def test_a_list_of_fields_under_supervision_is_no_list_of_sectors() -> None:
    found = chains("强化道路交通、消防、危化品等重点行业领域专项整治。",
                   "聚焦消防、燃气、重点商圈等行业领域，强化监管执法。")
    assert not found


def test_campaigns_kinds_funds_and_a_gloss_marker_give_no_sector() -> None:
    found = chains("“十大攻坚战”:蓝天保卫战、碧水保卫战等。发展体验式、策展型等消费新业态。设立杭州产业基金。"
                   "“9”指道路交通、建设施工等重点行业。转变发展方式。")
    assert not {"蓝天保卫战", "碧水保卫战", "体验式", "策展型", "杭州产业基金", "方式"} & set(found)
    assert not any(n.startswith("指") for n in found)


def test_a_level_word_inside_a_longer_word_is_not_stripped() -> None:
    assert not any(n.startswith("性") for n in chains("加快建设全国性智能制造产业集聚区。"))


def test_the_speakers_own_region_opens_no_sector() -> None:
    found = chains("加快编制我区商贸物流产业发展整体规划，推动我区快递业向精细化方向发展。")
    assert "商贸物流" in found and not any(n.startswith(("区", "我区")) for n in found)


def test_a_head_inside_a_longer_noun_a_rank_and_a_regulated_trade_are_no_sectors():
    body = ("整合一流产业资源,推动设立同城化产业发展基金,做优做强政府产业投资引导基金。"
            "加强出租车、网约车等行业管理。优化民营经济发展环境。推进长沙台湾经济文化交流。")
    assert not entities(facts_of("长沙市", body, lead="市长"), "IndustrialChain")


def test_a_list_of_slogans_and_verb_object_phrases_names_no_sector() -> None:
    found = chains("以加强供给侧结构性改革、加快“去产能、去库存、去杠杆、降成本、补短板”为重点。")
    assert not found


def test_a_two_character_verb_that_jieba_split_is_no_part_of_a_sector() -> None:
    found = chains("建强文化、旅游、体育等关联产业。做优建强生物医药产业。")
    assert "文化" in found and not any(n.startswith("强") for n in found)


def test_a_places_economy_is_no_sector() -> None:
    assert "杭州经济" not in chains("打造杭州经济升级版,大力发展数字经济。")


def test_the_economy_itself_is_no_sector() -> None:
    assert "经济" not in chains("以创新驱动加快经济转型升级。提质发展首店经济、小店经济等特色经济。")


def test_loans_phases_statistics_slogans_periods_and_a_rivers_reach_are_no_sectors() -> None:
    found = chains("推广人才贷、研发贷、成果贷、积分贷等金融产品。提升软件园三期产业集聚效应。"
                   "坚持科创西拓、智造东联、创新成网、平台集群。把握当前和今后一个时期经济发展的大逻辑。"
                   "加强长江上游生态环境保护。旅游业总收入、文化产业总产值、金融业增加值分别增长。")
    assert not found


def test_growth_statistics_financing_products_exports_and_origin_modifiers() -> None:
    found = chains("新能源新材料、电子信息、农产品加工、装备制造等产业产值同比分别增长32.2%。"
                   "鼓励金融机构开展应收账款融资、“银税互动”等金融产品创新。加快培育优势产品出口集群。"
                   "鼓励蒙欣、天奇等本土医药企业提升品牌知名度。")
    assert set(found) == {"医药"}  # 本土 is an origin, not part of the sector


def test_a_name_jieba_split_and_verbs_jieba_tags_otherwise_open_no_sector() -> None:
    found = chains("同翔高新技术产业基地57个项目完成投资。纲要明确经济发展、发展动力等目标。重塑产业链、供应链。")
    assert not any(n.startswith(("翔", "明确", "重塑")) for n in found)


def test_list_items_that_are_sorts_of_a_shared_sector_take_it_but_a_grouping_does_not() -> None:
    found = chains("培育发展铝铜、铝镁等合金新材料。大力发展互联网金融、消费金融等新金融。")
    assert {"铝铜合金新材料", "铝镁合金新材料"} <= set(found)
    assert not any(n.endswith("新金融") for n in found)


def test_events_closed_by_a_business_form_give_the_form_not_the_events() -> None:
    found = chains("打造草原音乐节、那达慕等节庆游。")
    assert set(found) == {"节庆游"}


def test_a_measure_after_a_number_belongs_to_the_count() -> None:
    body = ("重点打造12条农业产业链。新建成两大高新技术产业基地。"
            "加快建设新型显示器件、集成电路、人工智能三大国家战新产业集群。")
    chains = set(entities(facts_of("合肥市", body, lead="市长"), "IndustrialChain"))
    assert not {"条农业", "两大高新技术", "大高新技术"} & chains
    assert {"新型显示器件", "集成电路", "人工智能"} <= chains


def test_an_output_target_is_development_but_a_reviewed_figure_is_a_statistic() -> None:
    body = ("新能源汽车产量增长25.6%。\n二、2024年工作安排\n渔业经济总产值达到400亿元。肉牛屠宰加工量突破100万头。")
    chains = set(entities(facts_of("吉林省", body, lead="省长"), "IndustrialChain"))
    assert {"渔业", "肉牛"} <= chains
    assert "新能源汽车" not in chains
    reviewed = set(entities(facts_of("吉林省", "渔业经济总产值达到350亿元。", lead="省长"), "IndustrialChain"))
    assert "渔业" not in reviewed


def test_sectors_of_a_list_closed_by_a_statistic_are_measured_not_developed() -> None:
    body = ("推动产业转型升级,高技术制造业产值增长13.8%,电子信息、农产品加工、装备制造等产业产值同比分别增长"
            "14.1%、12.2%和15.4%。")
    chains = set(entities(facts_of("襄阳市", body, lead="市长"), "IndustrialChain"))
    assert not {"电子信息", "农产品加工", "装备制造"} & chains


def test_a_national_scope_ends_a_sector_and_an_engine_made_of_one_is_development() -> None:
    body = "建设全国现代商贸物流重要基地;打造数字经济增长引擎。"
    chains = set(entities(facts_of("石家庄市", body, lead="市长"), "IndustrialChain"))
    assert {"现代商贸物流", "数字经济"} <= chains
    assert "全国现代商贸物流" not in chains


def test_a_sector_opening_a_plan_sentence_with_a_plan_verb_is_developed() -> None:
    body = "二、2025年工作安排\n新医药产业聚焦生物制药。超前布局核医药产业。"
    chains = set(entities(facts_of("吉林省", body, lead="省长"), "IndustrialChain"))
    assert {"新医药", "核医药"} <= chains


def test_kinds_of_a_category_and_an_economic_hub_are_no_sectors() -> None:
    body = "积极布局未来型先导产业,谋划布局前沿型未来产业。打造西部经济中心。"
    chains = set(entities(facts_of("西安市", body, lead="市长"), "IndustrialChain"))
    assert not {"未来型先导", "前沿型未来", "先导", "前沿", "西部经济"} & chains


def test_a_sector_in_a_title_received_and_what_industries_do_together_are_no_sectors() -> None:
    body = "老河口市成为国家资源循环利用基地。加快生物医药等产业融合集群发展。"
    chains = set(entities(facts_of("襄阳市", body, lead="市长"), "IndustrialChain"))
    assert not {"资源循环利用", "产业融合"} & chains
    assert "生物医药" in chains


def test_a_known_sector_brought_in_as_a_business_model_is_developed() -> None:
    chains = set(entities(facts_of("襄阳市", "积极引进新零售模式。", lead="市长"), "IndustrialChain"))
    assert "新零售" in chains


def test_the_field_of_counted_projects_is_a_sector_but_a_rank_of_projects_is_not() -> None:
    body = "实施11个锂电项目。推进5个百亿级绿色氢基能源一体化项目建设。实施12个重点项目。推进一批“平急两用”项目。"
    chains = set(entities(facts_of("吉林省", body, lead="省长"), "IndustrialChain"))
    assert {"锂电", "绿色氢基能源"} <= chains
    assert not {"重点", "平急两用"} & chains


def test_a_transport_service_is_a_business_form_but_routes_and_the_transport_section_are_not() -> None:
    body = "大力发展集装箱运输。支持发展国际航空货运和快递业务。拓展国际客货运航线。加快推动交通运输结构调整。"
    chains = set(entities(facts_of("石家庄市", body, lead="市长"), "IndustrialChain"))
    assert {"集装箱运输", "国际航空货运"} <= chains
    assert not {"国际客货运", "交通运输"} & chains


def test_a_known_sector_made_a_chain_or_a_brand_is_developed() -> None:
    chains = set(entities(facts_of("石家庄市", "推动托育服务连锁化、品牌化发展。", lead="市长"), "IndustrialChain"))
    assert "托育服务" in chains


def test_a_one_character_metal_with_its_head_is_a_sector() -> None:
    chains = set(entities(facts_of("赤峰市", "推动锂产业集群发展,做大铜产业规模。", lead="市长"), "IndustrialChain"))
    assert {"锂产业", "铜产业"} <= chains


def test_documents_results_functions_and_the_city_are_no_sectors() -> None:
    found = chains("推动城市产业转型升级。制定实施意见、青禾新材料产业发展方案。加快科技成果产业化。"
                   "制定功能产业规划。组建人工智能产业联盟。")
    assert not {"城市", "意见", "成果", "功能", "联盟", "人工智能产业联盟"} & set(found)
    assert "青禾新材料" in found or "新材料" in found


def test_places_given_an_economy_after_deng_are_no_sectors() -> None:
    found = chains("以曲江、临潼等作为夜游经济的重点区域。发展寒地黄桃、草莓采摘等棚室经济。")
    assert not {"曲江", "临潼", "作为夜游经济"} & set(found)
    assert "寒地黄桃" in found


def test_ranks_counts_scopes_of_an_economy_and_statistics_are_no_sectors() -> None:
    found = chains("发展壮大村级集体经济。培育三个经济。聚焦关键产业备份。打造拳头产业。"
                   "全社会研发投入增长10%。大力发展青禾新材料产业。")
    assert not {"村级集体经济", "三个经济", "关键", "拳头", "全社会研发投入"} & set(found)
    assert "青禾新材料" in found or "新材料" in found
