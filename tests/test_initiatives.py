"""Initiative extraction on small synthetic sentences (docs/annotation.md, Initiative).

Each sentence is made up for the test, in the style of a work report, so the
cases pin the rules rather than passages of the example reports.
"""
from __future__ import annotations

import pytest

from policykg.extract import extract_texts
from policykg.extract.initiatives import restore_plus
from tests.extract_helpers import entities, entities_in_bodies, facts_of, names_of, report, reports_of


def initiatives(*bodies: str) -> dict[str, dict]:
    """Initiative entities of reports with these bodies, by canonical name."""
    return entities_in_bodies("Initiative", *bodies)


# ---------------------------------------------------------------- quoted coinages


def test_quoted_coinage_with_head_after_gets_longer_alias() -> None:
    found = initiatives("全面开展“三查三访”专项行动，企业满意度明显提升。")
    assert "三查三访" in found
    assert "三查三访专项行动" in found["三查三访"]["aliases"]
    assert found["三查三访"]["kind"] == "campaign"


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("全区上下聚焦“2345”发展思路，奋力拼搏。", "2345发展思路", "strategy"),
        ("建立“1+3+N”工作机制，统筹推进。", "1+3+N工作机制", "mechanism"),
        ("实行“五个一”包挂责任制，保障项目落地。", "五个一包挂责任制", "mechanism"),
    ],
)
def test_quoted_number_takes_the_head_noun_after_it(sentence: str, name: str, kind: str) -> None:
    found = initiatives(sentence)
    assert name in found
    assert found[name]["kind"] == kind


def test_number_before_a_longer_word_has_no_head() -> None:
    # 战略 is only the start of 战略性: no “5+2”战略 initiative
    assert not any(n.startswith("5+2") for n in initiatives("做强“5+2”战略性新兴产业。"))


def test_theme_year_and_policy_package() -> None:
    found = initiatives("以“改革攻坚年”为抓手，出台“稳企十条”“人才新政20条”，兑现资金1亿元。")
    assert found["改革攻坚年"]["kind"] == "theme_year"
    assert found["稳企十条"]["kind"] == "policy_package"
    assert found["人才新政20条"]["kind"] == "policy_package"


def test_quoted_list_of_known_reforms_is_split() -> None:
    found = initiatives("推动更多事项“一网通办、跨省通办”。")
    assert {"一网通办", "跨省通办"} <= set(found)


def test_quoted_parallel_slogan_stays_whole() -> None:
    found = initiatives("坚定不移落实“强工兴农、文旅富区”战略，发展后劲持续增强。")
    assert "强工兴农、文旅富区" in found
    assert found["强工兴农、文旅富区"]["kind"] == "strategy"


# ---------------------------------------------------------------- unquoted names with a head word


def test_unquoted_name_is_cut_at_the_governing_verb() -> None:
    found = initiatives("深入实施农业品牌提升行动，新增绿色食品认证12个。")
    assert "农业品牌提升行动" in found
    assert not any(n.startswith(("深入", "实施")) for n in found)


def test_adverb_glued_to_verb_is_still_a_boundary() -> None:
    found = initiatives("全面落实路长制，严格执行“首席服务员”制度，持续开展春风行动。")
    assert "路长制" in found
    assert "春风行动" in found
    assert not any(n.startswith(("严格", "持续", "执行", "开展")) for n in found)


def test_a_described_mechanism_is_no_initiative() -> None:
    # settled case 2: titled, not described (a system that merely ends in 制度/机制)
    found = initiatives("健全重点企业联络员制度，完善环境保护长效机制。")
    assert not any(n.endswith(("制度", "机制")) for n in found)


def test_items_before_a_shared_head_share_it() -> None:
    found = initiatives("持续打好蓝天、碧水、净土三大保卫战，生态环境质量持续改善。")
    assert {"蓝天保卫战", "碧水保卫战", "净土保卫战"} <= set(found)
    found = initiatives("深入实施文明乡风、书香校园提升工程。")
    assert {"文明乡风提升工程", "书香校园提升工程"} <= set(found)
    assert "文明乡风" in found["文明乡风提升工程"]["aliases"]


def test_items_of_a_list_closed_by_deng_and_a_head() -> None:
    found = initiatives("深入推进文明村镇创建、移风易俗示范等专项行动，乡风文明持续提升。")
    assert {"文明村镇创建", "移风易俗示范"} <= set(found)


def test_known_name_inside_a_longer_form_makes_an_alias() -> None:
    found = initiatives("深入实施乡村振兴战略，常态化开展扫黑除恶专项斗争。")
    assert "乡村振兴战略" in found["乡村振兴"]["aliases"]
    assert "扫黑除恶专项斗争" in found["扫黑除恶"]["aliases"]
    assert "乡村振兴战略" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "深入开展品质提升行动，群众满意度不断提高。",  # generic: no proper part
        "扎实开展各项安全生产专项整治行动。",  # a class of campaigns
        "统筹推进七大专项行动。",  # a count
        "实施东湖路拓宽改造工程，新建雨污管网5公里。",  # a physical work: a Project
        "完成合宁、合芜、合安高速扩容工程。",  # a highway widened: a Project
        "量子通信京沪干线工程正式启动。",  # a trunk line built: a Project
        "完善常态化沟通协调机制。",  # generic mechanism
        "深入实施千亿产业链(群)培育工程,实施绿化美化工程。",  # generic works
        "充分发挥“头雁效应”,共享“绿色福利”,成为新质生产力“有效增量”。",  # rhetoric
    ],
)
def test_generic_and_physical_phrases_are_not_initiatives(sentence: str) -> None:
    assert initiatives(sentence) == {}


# ---------------------------------------------------------------- exclusions


@pytest.mark.parametrize(
    "sentence",
    [
        "深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "严格落实中央八项规定精神，持续纠治“四风”，坚持过“紧日子”。",
        "今年是“十四五”规划的攻坚之年。",
        "新增“四上”企业30家，“个转企”120家。",
        "全区企业获评“瞪羚企业”5家，新增“小巨人”企业3家。",
        "在招商引资中当好“金凤凰”的“梧桐树”，让营商环境成为“金字招牌”。",
        "“临江速度”不断刷新，叫响“山水临江、宜居之城”城市品牌。",
        "荣获全国“最美志愿服务社区”称号。",
        "守牢“一条底线”，让“有求必应、无事不扰”成为常态。",
    ],
)
def test_exclusions(sentence: str) -> None:
    assert initiatives(sentence) == {}


def test_quoted_part_before_a_thing_is_no_initiative() -> None:
    # a quoted modifier of a project, a route or a zone
    assert initiatives("打造“醉美”乡村旅游路线3条，建设“低碳”余热供暖项目。") == {}


def test_a_quoted_sector_is_a_chain_not_an_initiative() -> None:
    assert "夜经济" not in initiatives("“夜经济”持续火热，夜间消费额增长20%。")


# ---------------------------------------------------------------- the second pass


def test_second_pass_takes_a_coinage_into_another_report_only_with_a_cue_there() -> None:
    found = initiatives(
        "实施“百村共富”计划，村集体收入全部超过20万元。",
        "推进百村共富计划取得新进展，带动农民增收。",
        "百村共富取得新进展。",
    )
    assert "百村共富" in found
    # the second report names it with its head word (a cue); the third only mentions the words
    assert len(reports_of(found["百村共富"])) == 2


def test_second_pass_respects_word_boundaries() -> None:
    found = initiatives(
        "推行“优学”计划，教育质量稳步提升。",
        "坚持优学习、强本领。",  # 优学 inside 优学习 is not the programme
    )
    assert len(reports_of(found["优学"])) == 1


def test_second_pass_skips_a_known_name_used_as_a_count_or_result() -> None:
    found = initiatives(
        "深入推进“个转企”，激发市场活力。",
        "全年新增“个转企”150家，巩固拓展脱贫攻坚成果。",
    )
    assert len(reports_of(found["个转企"])) == 1
    assert "脱贫攻坚" not in found


# ---------------------------------------------------------------- OCR-ish text


def test_ocr_plus_read_as_shi_is_restored() -> None:
    assert restore_plus("管委会十运营公司十经营主体") == "管委会+运营公司+经营主体"
    assert restore_plus("4十3") == "4+3"
    assert restore_plus("文旅十") == "文旅+"
    assert restore_plus("锂电十条") == "锂电十条"
    assert restore_plus("产业扶持十二条") == "产业扶持十二条"


def test_ocr_text_with_spaces_and_ascii_quotes() -> None:
    found = initiatives('持续深化"放 管 服"改革，完善园区"管委会十运营公司"管理模式。')
    assert "放管服" in found
    assert "放管服改革" in found["放管服"]["aliases"]
    assert "管委会+运营公司" in found


def test_every_initiative_has_a_valid_kind() -> None:
    found = initiatives(
        "全面推行“一窗受理”服务模式，深化“县管校聘”改革，实施“暖心”工程，开展“双争”活动，"
        "落实链长制，推进“项目深化年”，出台“惠企八条”，坚持“科技立区”战略。"
    )
    kinds = {"mechanism", "campaign", "programme", "strategy", "theme_year", "policy_package", "reform"}
    assert found
    assert all(e["kind"] in kinds for e in found.values())


def test_strategic_as_an_adjective_ends_no_strategy() -> None:
    found = initiatives("集成电路、新型显示三大国家级战略性新兴产业集群加快发展。")
    assert not any("战略" in n for n in found)


def test_a_fixed_term_at_the_start_of_a_campaign_stays() -> None:
    found = initiatives("实施高标准农田建设三年行动，新建农田5万亩。")
    assert "高标准农田建设三年行动" in found


def test_related_national_reforms_stay_apart() -> None:
    found = initiatives("深入推进“高效办成一件事”改革。", "推行“一件事一次办”。")
    assert {"高效办成一件事", "一件事一次办"} <= set(found)


def test_a_counted_quoted_list_shares_its_head() -> None:
    found = initiatives("全面实施“创客逐梦、创业筑巢、创业领航”三项计划，发展创业孵化平台。")
    assert {"创客逐梦计划", "创业筑巢计划", "创业领航计划"} <= set(found)
    assert "创客逐梦" in found["创客逐梦计划"]["aliases"]
    # without a count the quoted pair is one name
    assert "突破菏泽、鲁西崛起" in initiatives("深入实施“突破菏泽、鲁西崛起”战略。")


def test_slogans_and_ordinary_words_in_quotes_are_no_initiatives() -> None:
    found = initiatives("打造“这么近,那么美,周末到河北”品牌，抢占产业“高地”，守住安全“红线”。")
    assert not found


def test_quoted_phrases_and_fragments_are_no_initiatives() -> None:
    found = initiatives("打造“雪山下的公园城市”，推动“+文旅”融合，深入推进“文明村镇创建、移风易俗示范”等专项行动。")
    assert not any("的" in n or n.startswith("+") for n in found)


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # a trait someone owns and a problem removed; a headed name after 的 stays
        ("把群众的“烦心事”作为政府的“用心事”，提升城市的“软实力”，消除“大班额”，打通“断头路”，"
         "推广共建园区的“飞地模式”，实施“放管服”改革。", {"飞地模式", "放管服"}),
        # a technique over an area, trademarks, a business form
        ("推广“浅埋滴灌”120万亩，“草原牧歌”“北山雪韵”完成商标注册，发挥“林海听涛”等注册商标影响力，"
         "培育“数据+”等新业态，推行“最多跑一次”改革。", {"最多跑一次"}),
        # labels of people, households and counted kinds; a plan's system; 工程 inside an institution
        ("集聚国家“英才计划”专家20名，“零就业”家庭动态清零，19项“省字号”改革试点启动实施，"
         "健全“三级三类”国土空间规划体系，争创国家工程研究中心，深入实施“放管服”改革。", {"放管服"}),
        # a title won, either side of a change aimed at, an instruction; 托育/普惠 stay whole
        ("“青禾古城”入选世界文化遗产名录。推动“明远制造”迈向“明远智造”。作出“三个牢牢把握”等重要指示。"
         "推进养老托育普惠体系集成改革。", {"养老托育普惠体系集成改革"}),
    ],
)
def test_quotes_that_are_rhetoric_or_labels_are_no_initiatives(body: str, kept: set[str]) -> None:
    assert set(initiatives(body)) == kept


def test_free_trade_zone_names_stay_whole_and_a_number_before_deng_has_no_head() -> None:
    found = initiatives("复制推广自贸试验区改革经验，实施自贸试验区提升战略三年行动，深入实施双一流“196”等工程。")
    assert {"自贸试验区改革", "自贸试验区提升战略三年行动"} <= set(found)
    assert not any(n.startswith("贸") or "196" in n for n in found)


def test_tuozhan_governs_a_name_and_still_ends_one() -> None:
    found = initiatives("拓展节约集约用地试点，实施生活性服务业拓展行动。")
    assert {"节约集约用地试点", "生活性服务业拓展行动"} <= set(found)
    assert not any(n.startswith("拓展") for n in found)


def test_a_gloss_marker_opens_no_name() -> None:
    found = initiatives("“三大行动”:即医疗卫生体制改革、指老旧城区改造行动。")
    assert {"医疗卫生体制改革", "老旧城区改造行动"} <= set(found)


def test_problems_and_glossed_parts_of_a_formula_are_no_initiatives() -> None:
    found = initiatives("解决“看病难”“上学难”问题，解决“有灯不亮”问题。实施“南优、北拓”战略。“北拓”，就是向北拓展。"
                        "“一区”即秦岭生态保护区。推行“一网通办”。")
    assert set(found) >= {"一网通办"}
    assert not {"看病难", "上学难", "有灯不亮", "北拓", "一区"} & set(found)


def test_duijie_governs_a_name() -> None:
    found = initiatives("抢抓政策窗口期机遇，重点对接长江经济带、汉江生态经济带等战略规划。")
    assert "长江经济带" in found and not any(n.startswith(("对接", "重点")) for n in found)


def test_a_rank_before_a_pilot_is_the_regions_not_the_pilots_name() -> None:
    found = initiatives("通过自治区首家教育标准化服务试点验收，入选全国首批城市体检评估试点城市。")
    assert {"教育标准化服务试点", "城市体检评估试点城市"} <= set(found)
    assert not any("首" in n for n in found)


def test_a_strategy_named_with_verbs_counts_where_it_is_carried_out() -> None:
    found = initiatives("深入实施长吉图开发开放战略,大力实施开放崛起战略。"
                        "充分发挥国家级战略平台作用,必须紧扣重要战略机遇。")
    assert {"长吉图开发开放战略", "开放崛起战略"} <= set(found)
    assert not [n for n in found if n not in ("长吉图开发开放战略", "开放崛起战略")]


def test_a_head_inside_a_longer_head_word_gives_way_to_it() -> None:
    found = initiatives("省第十二次党代会明确实施强省会战略,为发展注入动力。")  # 会战 inside 省会|战略
    assert set(found) == {"强省会战略"}


def test_a_place_brand_needs_a_whole_place_and_taking_as_governs_what_follows() -> None:
    found = initiatives("加快打造幸福美丽新乡村。把增强发展内生动力作为改革攻坚的主攻方向。建设美丽厦门。")
    assert set(found) == {"美丽厦门"}


def test_unquoted_systems_of_responsibility_and_agency_are_mechanisms() -> None:
    found = initiatives("全域推行信访代办制,全面实行县管校聘和教师职级制,落实首问负责制。")
    assert {"信访代办制", "首问负责制"} <= set(found)
    assert found["信访代办制"]["kind"] == "mechanism"


def test_a_governing_verb_before_a_pilot_ends_its_name() -> None:
    found = initiatives("积极创建国家级农村改革试点，把握5G试点机遇。")
    assert not any(n.startswith(("创建", "把握")) for n in found)


def test_central_political_formulas_are_no_instruments() -> None:
    found = initiatives("坚持“五个必须”,落实“三管三必须”,做好金融“五篇大文章”,深入实施“千企登云”工程。")
    assert not {"五个必须", "三管三必须", "五篇大文章"} & set(found)
    assert "千企登云" in found


def test_work_styles_guidelines_party_duties_and_stock_boards_are_no_instruments() -> None:
    found = initiatives("大力弘扬“马上就办、真抓实干”作风,贯彻“巩固、增强、提升、畅通”八字方针。"
                        "落实党风廉政建设“两个责任”,落实“五大发展”理念。新增“新三板”挂牌企业3家。"
                        "压实食品安全“两个责任”,实施“千企登云”工程。")
    assert set(found) == {"两个责任", "千企登云"}  # food safety's 两个责任 is a mechanism of its own
    assert len(found["两个责任"]["mentions"]) == 1


def test_national_programmes_are_found_unquoted() -> None:
    found = initiatives("持续推进全域旅游发展,深化三医联动改革,落实研发费用加计扣除政策。")
    assert found["全域旅游"]["kind"] == "strategy"
    assert found["三医联动"]["kind"] == "reform"
    assert found["研发费用加计扣除"]["kind"] == "policy_package"


def test_a_quoted_plus_form_before_a_chain_head_is_no_initiative() -> None:
    found = initiatives("光电信息产业抢占“光学+”新赛道,推动“冰雪+”融合发展,深化“互联网+”医保服务。")
    assert "光学+新赛道" not in found and "光学+" not in found
    assert "冰雪+" in found
    assert "互联网+医保服务" in found


def test_a_complete_counted_list_shares_its_head() -> None:
    found = initiatives("实施科技人才引育、企业梯度培育、园区提质增效等三大工程,"
                        "扎实做好土地确权、农企利益联结两项改革。")
    assert {"科技人才引育工程", "企业梯度培育工程", "园区提质增效工程"} <= set(found)
    assert {"土地确权改革", "农企利益联结改革"} <= set(found)
    assert found["土地确权改革"]["kind"] == "reform"


def test_a_count_larger_than_the_list_gives_only_examples() -> None:
    found = initiatives("开展市容市貌整治、全域化保洁提升等十六项专项行动。")
    assert not any(name.startswith(("市容市貌整治", "全域化保洁提升")) for name in found)


def test_a_result_reached_is_no_instrument() -> None:
    found = initiatives("非法集资案件实现“双降”,政务服务实现24小时“不打烊”,深入推进“拎包入住”改革。")
    assert not {"双降", "不打烊"} & set(found)
    assert "拎包入住" in found


def test_an_ordinary_word_in_quotes_names_an_instrument_when_its_head_follows() -> None:
    found = initiatives("推行涉企检查“白名单”制度,深化招投标“双盲”评审改革,抢占发展“高地”。")
    assert {"白名单", "双盲"} <= set(found)
    assert "高地" not in found


def test_a_head_after_deng_names_the_category_not_an_instrument() -> None:
    found = initiatives("实施好湿地保护修复项目及退耕还林等生态工程。")
    assert "生态工程" not in found
    assert "退耕还林" in found


def test_a_field_the_region_sets_out_to_be_strong_in_is_a_strategy() -> None:
    found = initiatives("向海图强,建设临港产业强省。打造北方种业强市。",
                        "为建设社会主义现代化强省作出贡献,跻身全国百强县。")
    assert found["临港产业强省"]["kind"] == "strategy"
    assert any(name.endswith("种业强市") for name in found)
    assert not any(name.endswith(("现代化强省", "百强县")) for name in found)


def test_a_counted_set_of_programmes_without_its_items_is_no_name() -> None:
    found = initiatives("着力实施高质量发展十大重点工程。持续打好净土三大保卫战。")
    assert not any(name.startswith("发展") for name in found)
    assert "净土保卫战" in found


def test_acting_guides_games_and_freight_trains_are_no_instruments() -> None:
    found = initiatives("为我们提供了科学行动指南。在行动中学习、在学习中行动。借势“十四冬”做热冰雪游。"
                        "“襄汉欧”中欧货运班列实现常态化运营。左旗获批自治区级商业体系建设试点县。")
    assert not {"科学行动", "学习中行动", "十四冬", "襄汉欧"} & set(found)
    assert not any(name.startswith(("左旗", "获批")) for name in found)


def test_a_pilot_is_named_with_the_place_it_designates() -> None:
    found = initiatives("以全国旅游标准化试点城市建设为抓手,我市在全国水生态文明试点城市验收中获得优秀。")
    assert {"全国旅游标准化试点城市", "全国水生态文明试点城市"} <= set(found)


def test_a_numbered_result_is_no_instrument() -> None:
    found = initiatives("对外贸易实现规模、增速、质量“三提升”,总产、单产、播种面积“三增长”,推行“三张清单”制度。")
    assert not {"三提升", "三增长"} & set(found)
    assert "三张清单" in found


def test_a_quoted_path_of_steps_and_a_strategic_cooperation_are_no_initiatives():
    body = ("打通“研发—样品—商品—产业”演化路径。深化与浙江大学、中国美院等高校战略合作。"
            "开展“梦回长安——百万校友回归”活动。")
    found = entities(facts_of("西安市", body, lead="市长"), "Initiative")
    assert not {"研发—样品—商品—产业", "浙江大学", "中国美院"} & set(found)
    assert "梦回长安——百万校友回归" in found


def test_a_metropolitan_area_named_after_its_city_is_a_strategy_and_national_support_policies_are_known():
    body = "加快石家庄都市圈建设,做大做强长春现代化都市圈汽车产业集群。落实就业优先政策,用好创业担保贷款政策。"
    found = entities(facts_of("河北省", body, lead="省长"), "Initiative")
    assert {"石家庄都市圈", "长春现代化都市圈", "就业优先政策", "创业担保贷款"} <= set(found)
    assert found["石家庄都市圈"]["kind"] == "strategy"


def test_kinds_of_benefit_and_of_housing_a_programme_delivers_are_no_instruments():
    body = "临时救助年人均水平提高10%以上。建设保障性租赁住房886套。深入实施乡村振兴战略。"
    found = set(entities(facts_of("河北省", body, lead="省长"), "Initiative"))
    assert not {"临时救助", "保障性租赁住房"} & found
    assert "乡村振兴" in found


def test_quoted_sentences_and_family_planning_are_no_initiatives():
    body = ("牢固树立“为企业服务就是为发展赋能”理念,奋力“在中国式现代化建设中展现更大作为”。"
            "建成妇幼保健计划生育服务中心。")
    found = entities(facts_of("吉林省", body, lead="省长"), "Initiative")
    assert not found


def test_verbs_that_seize_or_press_on_with_a_programme_are_no_part_of_its_name():
    body = ("享受营养改善计划的学生增加。抢抓科创板试点机遇。注重供给侧结构性改革。"
            "加快建设内陆型改革开放新高地,用好自贸试验区更大改革自主权。")
    found = names_of("Initiative", "西安市", body, lead="市长")
    assert {"营养改善计划", "科创板试点", "供给侧结构性改革"} <= found
    assert not any(n.startswith(("享受", "抢抓", "注重")) or "内陆" in n or "自贸" in n for n in found)


def test_a_statistic_after_gongcheng_and_a_compound_verb_before_a_system_are_no_part_of_a_name():
    body = "推深做实河湖长制。建安工程投资增长6.5%。"
    found = names_of("Initiative", "成都市", body, lead="市长")
    assert "河湖长制" in found and not any(n.startswith("推深") or "建安" in n for n in found)


def test_quoted_generic_names_and_awards_are_no_initiatives_in_either_pass():
    facts = extract_texts({
        "a.txt": report("成都市", "三度蝉联全国综治最高奖“长安杯”。大力实施“三年行动计划”。", lead="市长"),
        "b.txt": report("合肥市", "第三次捧得“长安杯”。出台“三年行动计划”。", lead="市长"),
    })
    names = {e["name"] for e in facts["entities"] if e["type"] == "Initiative"}
    assert not {"长安杯", "三年行动计划"} & names


def test_a_quoted_modifier_of_a_channel_or_a_satellite_and_rhetoric_are_no_initiatives():
    body = ("推动“吉电入京”特高压输电通道开工建设。“吉林一号”组网卫星增至144颗。"
            "培育城市文化“软实力”,打通教育“信息孤岛”。")
    assert not entities(facts_of("吉林省", body, lead="省长"), "Initiative")


def test_awards_won_reform_dividends_and_a_counts_unit_are_no_part_of_an_initiative():
    body = ("康弘药业获第五届“中国工业大奖”。以先行先试放大改革红利。"
            "获批“探索建立新型职业农民制度”等3项全国农村改革试点。落实党中央国务院战略决策部署。")
    found = names_of("Initiative", "成都市", body, lead="市长")
    assert "全国农村改革试点" in found
    assert not any(n.startswith("项") or "大奖" in n or n.endswith(("放大改革", "国务院战略")) for n in found)


def test_a_campaign_on_consumption_is_named_by_its_field():
    found = names_of("Initiative", "河北省", "开展消费品质提升行动。开展品质提升行动。", lead="省长")
    assert found == {"消费品质提升行动"}


def test_a_quoted_problem_is_no_initiative_but_a_campaign_against_it_is() -> None:
    body = ("全部打通现有的16条“断头路”。着力解决政府工作人员“不作为”问题。打击“盗抢骗”违法犯罪行为。"
            "开展“新官不理旧账”问题专项治理。")
    names = names_of("Initiative", "襄阳市", body, lead="市长")
    assert not {"断头路", "不作为", "盗抢骗"} & names
    assert "新官不理旧账" in names


def test_a_goal_set_in_a_national_scope_is_a_strategy_but_a_title_is_not() -> None:
    body = "打造中国北方种业强市。获批全国质量强市示范城市。积极创建交通强国示范城市。"
    names = names_of("Initiative", "赤峰市", body, lead="市长")
    assert "中国北方种业强市" in names
    assert not {"全国质量强市", "交通强国"} & names


def test_a_national_pilot_the_region_is_selected_for_is_named_from_the_verb_to_its_end() -> None:
    body = ("通化市入选国家生态产品价值实现机制试点。我市成为全国畜禽粪污资源化利用整市推进试点,城市生活垃圾分类。"
            "入选全国首批智能建造试点城市。入选国家能源领域首批氢能区域试点。")
    names = names_of("Initiative", "吉林省", body, lead="省长")
    assert {"国家生态产品价值实现机制试点", "全国畜禽粪污资源化利用整市推进试点", "智能建造试点城市",
            "氢能区域试点"} <= names
    assert not any("首批" in name for name in names)


def test_a_scope_alone_and_a_head_inside_a_statistic_or_designation_name_nothing() -> None:
    body = ("深入实施重大国家战略。高标准建设营商环境改革创新示范区。企业提款金额占大陆试点总量85%。"
            "启动国家产业基础再造工程。")
    names = names_of("Initiative", "厦门市", body, lead="市长")
    assert not {"重大国家战略", "国家战略", "建设营商环境改革", "营商环境改革", "企业提款金额占大陆试点"} & names
    assert names & {"产业基础再造工程", "国家产业基础再造工程"}


def test_an_investment_plan_or_campaign_named_only_by_investment_is_generic() -> None:
    names = names_of("Initiative", "海拉尔区", "完成37.8亿元的年度投资计划。开展投资攻坚行动。")
    assert not {"年度投资计划", "投资计划", "投资攻坚行动"} & names


def test_a_cut_after_a_word_that_stands_inside_names_goes_on_when_the_name_left_is_generic():
    body = "实施工业互联网创新发展工程。获批服务贸易创新发展试点。深入实施企业科技创新能力提升三年行动。"
    found = set(entities(facts_of("河北省", body, lead="省长"), "Initiative"))
    assert {"工业互联网创新发展工程", "服务贸易创新发展试点", "企业科技创新能力提升三年行动"} <= found
    assert not {"发展工程", "创新发展试点"} & found


def test_tu_chu_governs_a_reform_area_but_a_campaign_against_prominent_problems_is_whole():
    body = "突出经济体制改革牵引作用。开展行政执法突出问题专项整治行动。加大“赤诚峰味”农畜产品区域公用品牌宣传力度。"
    found = set(entities(facts_of("吉林省", body, lead="省长"), "Initiative"))
    assert "行政执法突出问题专项整治行动" in found
    assert not {"突出经济体制改革", "经济体制改革", "问题专项整治行动", "赤诚峰味"} & found


def test_mechanisms_and_programmes_of_central_documents_are_known_unquoted():
    body = "深化府院联动机制。严格落实诉访分离制度。深化地下水超采综合治理。"
    found = set(entities(facts_of("河北省", body, lead="省长"), "Initiative"))
    assert {"府院联动", "诉访分离", "地下水超采综合治理"} <= found


def test_a_government_hotline_is_named_by_its_number_whatever_its_written_form():
    body = ("更好发挥12345市民服务热线作用。12345热线受理诉求4万件。优化12319城市管理服务热线。"
            "12345获评全国政务热线服务质量最高等级。")
    found = entities(facts_of("济南市", body, lead="市长"), "Initiative")
    assert {"12345热线", "12319热线"} <= set(found)
    assert "12345市民服务热线" in found["12345热线"]["aliases"]
    assert found["12345热线"]["kind"] == "reform"
    assert not any("获评" in name for name in found)


def test_items_before_deng_described_by_a_verb_are_tasks_not_instruments():
    found = initiatives("医疗异地结算、公立医院药品取消加成等重大民生改革举措落地。"
                        "实现总额预付、单病种付费等改革全域覆盖。")
    assert not {"公立医院药品取消加成", "单病种付费", "总额预付", "医疗异地结算"} & set(found)
    kept = initiatives("深入推进文明村镇创建、移风易俗示范等专项行动。")
    assert {"文明村镇创建", "移风易俗示范"} <= set(kept)


def test_a_title_verb_in_an_earlier_clause_does_not_reach_past_the_comma():
    body = "推动宁城县争创全国现代设施农业创新引领区，打造国家现代设施农业强市。"
    assert "国家现代设施农业强市" in set(initiatives(body))


def test_rankings_titles_and_counted_categories_in_quotes_are_no_instruments():
    found = initiatives("8家民营企业进入“中国民营企业500强”。力争再添1座全球“灯塔工厂”。“四上企业”首次突破万户。"
                        "“三公经费”持续下降。")
    assert not {"中国民营企业500强", "灯塔工厂", "四上企业", "三公经费"} & set(found)


def test_a_strategy_inside_a_noun_of_its_own_and_a_typhoon_name_are_no_instruments():
    found = initiatives("抢抓青禾布局为国家级现代流通战略支点城市机遇。加强与京津冀、长三角等战略对接。"
                        "有效应对台风“青禾”“明远”。实施乡村振兴战略。")
    assert not {"国家级现代流通战略", "京津冀", "长三角", "青禾", "明远"} & set(found)
    assert "乡村振兴" in found or "乡村振兴战略" in found


def test_a_known_sector_or_a_division_as_a_whole_is_no_initiative() -> None:
    from policykg.extract.initiatives import is_excluded

    assert is_excluded("新零售") and is_excluded("大数据") and is_excluded("长沙县")
    assert not is_excluded("营改增") and not is_excluded("长沙县乡村振兴示范工程")
    found = initiatives("实施大数据、新材料等三年行动计划。推行“营改增”。")
    assert not {"大数据", "新材料"} & set(found)
    assert "营改增" in found


def test_a_title_or_ranking_reached_is_no_instrument() -> None:
    found = initiatives("荣膺“青禾湿地城市”。跃居全球“科技集群”第55位。跻身“明远榜”。推行“青禾快办”。")
    assert not {"青禾湿地城市", "科技集群", "明远榜"} & set(found)
    assert "青禾快办" in found


def test_a_zone_named_by_its_head_is_no_initiative() -> None:
    found = initiatives("用好“青禾新区”“明远产业园”等平台。推行“青禾快办”。")
    assert not {"青禾新区", "明远产业园"} & set(found)
    assert "青禾快办" in found
