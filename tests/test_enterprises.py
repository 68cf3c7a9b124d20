"""Enterprises: suffixes, company lists, project-list items, exclusions."""
from tests.extract_helpers import entities, entities_in_bodies, facts_of, names_of

PLACE = "菏泽市巨野县"


def enterprises(body: str) -> dict:
    return entities(facts_of(PLACE, body, lead="县长"), "Enterprise")


def test_companies_by_suffix_as_written():
    found = enterprises("青禾煤电集团新布局电解液项目,鼓励齐鲁银行加大信贷投放。林溪石油成功申报省企业技术中心。")
    assert {"青禾煤电集团", "齐鲁银行", "林溪石油"} <= set(found)


def test_sectors_and_generic_bodies_are_not_companies():
    found = enterprises("优化升级新材料产业,做强生物医药。组建区属国有资产经营有限公司,"
                        "加强平台公司管理,引进知名教育集团。")
    assert not found


def test_government_universities_hospitals_are_not_companies():
    found = enterprises("启用省立医院集团东城医院。深化与泰岳大学合作。县人民政府办公室牵头。")
    assert not found


def test_company_list_items():
    found = enterprises("锦川化工、万瑞高科等16家企业获批研发中心。支持铁峰新沙、巨岭建材等重点企业转型升级。")
    assert {"锦川化工", "万瑞高科", "铁峰新沙", "巨岭建材"} <= set(found)


def test_company_standing_on_its_own_in_a_project_list():
    facts = facts_of(PLACE, "万恺高分子、骏宇新材料等10个重大项目加快推进。", lead="县长")
    assert {"万恺高分子", "骏宇新材料"} <= set(entities(facts, "Enterprise"))
    assert {"万恺高分子项目", "骏宇新材料项目"} <= set(entities(facts, "Project"))


def test_products_and_estates_in_project_lists_are_not_companies():
    facts = facts_of(PLACE, "推进光学薄膜、碳纤维复材等8个项目。率先完成青云府、和园景城等6个保交楼项目。", lead="县长")
    assert not entities(facts, "Enterprise")
    assert {"光学薄膜项目", "碳纤维复材项目", "青云府项目"} <= set(entities(facts, "Project"))


def test_company_nested_in_a_project_name_is_not_separate():
    facts = facts_of(PLACE, "北岭阀业数字化智能制造项目实现主体封闭。", lead="县长")
    assert "北岭阀业数字化智能制造项目" in entities(facts, "Project")
    assert not entities(facts, "Enterprise")


def test_owner_named_in_front_of_its_project():
    facts = facts_of(PLACE, "华兴矿业集团建成研发大楼。", lead="县长")
    projects = entities(facts, "Project")
    assert "华兴矿业集团研发大楼" in projects
    assert "研发大楼" in projects["华兴矿业集团研发大楼"]["aliases"]


def test_a_one_character_boundary_inside_a_company_name():
    # 为 ends clauses (以…为重点) but also ends the word 华为
    found = enterprises("支持华为、锦川化工等龙头企业扩大投资。")
    assert {"华为", "锦川化工"} <= set(found)


def test_a_future_industry_is_not_a_company():
    assert "量子科技" not in enterprises("前瞻布局量子科技、人形机器人等未来产业。")


def test_a_modified_sector_is_not_a_company():
    # 化工 is a (weak) company suffix, but 高端 is a modifier, not a brand
    assert not enterprises("大力发展高端化工、新材料、装备制造三大主导产业。")


def test_nationally_known_brands_alone_are_enterprises() -> None:
    found = entities_in_bodies("Enterprise", "引进比亚迪、宁德时代等龙头企业。国电投投资建设风电基地。")
    assert {"比亚迪", "宁德时代", "国家电投"} <= set(found)
    assert "国电投" in found["国家电投"]["aliases"]


def test_a_known_brand_that_opens_a_longer_name_is_not_taken_alone() -> None:
    # a company that is only the first part of a project's name gives the project alone
    assert not entities_in_bodies("Enterprise", "华为云平台上线运行。")


def test_trade_names_of_metal_and_mining_firms() -> None:
    found = entities_in_bodies("Enterprise", "金通铜业、富邦铜业加快扩产。蒙西煤业完成产能置换升级。")
    assert {"金通铜业", "富邦铜业", "蒙西煤业"} <= set(found)


def test_a_word_opening_with_a_level_character_is_no_level() -> None:
    # 市场采购贸易 is a form of trade: 市 opens the word 市场, it does not stand for the city
    assert not entities_in_bodies("Enterprise", "加快推动市场采购贸易、二手车出口。")


def test_a_work_in_a_list_of_projects_is_no_company() -> None:
    assert not entities_in_bodies("Enterprise", "绕城西复线、金建高速、千黄高速等项目加快推进。")


def test_insurance_products_are_no_companies_but_insurers_are() -> None:
    found = entities_in_bodies("Enterprise", "推广巨灾保险、科技保险和环境责任保险，鼓励保险公司参与。",
                               "阳光财产保险设立分公司。")
    assert set(found) == {"阳光财产保险"}


def test_kinds_of_company_and_criminal_groups_are_no_enterprises() -> None:
    found = entities_in_bodies("Enterprise", "打掉涉恶犯罪集团5个，组建资产公司和金控集团，规范国有融资平台公司。")
    assert not found


def test_a_known_company_before_its_headquarters_is_an_enterprise():
    # settled case 10: 中国华能总部 is a project and 中国华能 its company
    found = enterprises("中国星网、中国华能总部等标志性项目迁驻运营。")
    assert {"中国星网", "中国华能"} <= set(found)


def test_a_weak_suffix_after_a_development_verb_is_a_sector():
    found = enterprises("全力发展壮大绒毛纺织、农畜产品加工等产业。推动帝捷化工与统防生物协同合作。")
    assert "绒毛纺织" not in found
    assert "帝捷化工" in found


def test_function_abbreviations_and_list_categories_are_no_companies():
    found = enterprises("力促城建、富龙、交投等7家骨干企业转型发展。培育发展铝铜、铝镁等合金新材料。"
                        "拓展文化旅游、空中物流等应用场景。")
    assert not {"城建", "交投", "合金新材料", "空中物流"} & set(found)
    assert "富龙" in found


def test_a_weak_suffix_needs_a_coined_or_proper_brand():
    body = ("完善交通能源、公共服务等基础设施。发展安全食品、有机食品。支持瑞康药业、巨丰能源扩大产能。"
            "加快在交通物流领域布局。")
    found = entities(facts_of(PLACE, body), "Enterprise")
    assert {"瑞康药业", "巨丰能源"} <= set(found)
    assert not {"交通能源", "安全食品", "有机食品", "在交通物流", "交通物流"} & set(found)


def test_list_items_that_are_ordinary_words_or_kinds_are_no_companies():
    body = "推动水泥、玻璃、火电等企业节能改造。新增综合型、功能型等各类企业。引进三星、博世、西部超导等企业。"
    found = entities(facts_of(PLACE, body), "Enterprise")
    assert {"三星", "博世", "西部超导"} <= set(found)
    assert not {"水泥", "玻璃", "火电", "综合型", "功能型"} & set(found)


def test_a_company_as_the_subject_of_a_result():
    found = enterprises("三环锻造获得省长江质量奖。汉江国投转型发展步伐加快。发展新材料成为主导产业。")
    assert {"三环锻造", "汉江国投"} <= set(found)
    assert "发展新材料" not in found and "新材料" not in found


def test_a_brand_listed_beside_a_company_before_deng_is_a_company_unless_it_ends_in_a_place():
    found = enterprises("宏福农业、飞鹤乳业等现代农牧业项目进展顺利。推进中核汇能通榆、青禾煤电等项目建设。")
    assert {"宏福农业", "飞鹤乳业", "青禾煤电"} <= set(found)
    assert "中核汇能通榆" not in found


def test_a_company_named_only_by_its_line_of_business_is_a_kind_of_company() -> None:
    found = enterprises("引进货代公司、咨询公司和证券公司，组建国有资本运营公司，发展融资担保公司和品牌连锁便利店，"
                        "支持华泰证券公司发展。")
    assert set(found) == {"华泰证券公司"}  # a brand before the line of business names one company


def test_a_brand_given_an_enterprise_title_is_a_company_and_a_place_or_a_count_is_not() -> None:
    found = enterprises("青禾康明斯被评为国家级绿色工厂，鹭翔飞机入选中国服务外包领军企业。"
                        "长沙入选全国灯塔工厂城市，23家企业被认定为全省数字化车间。")
    assert set(found) == {"青禾康明斯", "鹭翔飞机"}


def test_verbs_that_found_merge_or_register_a_company_name_none():
    body = "鼓励民营资本兴办中小银行。优化重组国有资本公司。实现台胞按内资企业注册公司。引育算力、算法等企业100家以上。"
    assert not entities(facts_of("厦门市", body, lead="市长"), "Enterprise")


def test_kinds_of_shop_an_equal_and_forums_are_no_companies():
    body = ("新建农贸市场(生鲜超市)安全快检室100家,建成爱心慈善超市100个。依法平等保护民营企业产权。"
            "成功承办二十国集团财长会议和长江中游城市群省会城市会商会。支持陕汽、法士特等百亿企业稳产增产。"
            "做好世界银行营商环境评价样本城市工作,争取亚洲开发银行贷款。")
    assert names_of("Enterprise", "西安市", body, lead="市长") == {"陕汽", "法士特"}


def test_a_project_list_item_that_ends_in_a_verb_is_an_activity_not_a_company():
    body = "实施产业发展、兜底保障、京蒙协作等项目213个。推进丰元汇能、创普斯等项目建设。"
    found = names_of("Enterprise", "赤峰市", body, lead="市长")
    assert "京蒙协作" not in found and {"丰元汇能", "创普斯"} <= found


def test_counted_groups_editions_subsidiary_owners_and_a_lists_close_are_no_part_of_a_company():
    body = ("组建13个专业职教集团。成功申办第六十届泛美开发银行理事会年会。湘江集团下属泓盈集团上市。"
            "依托比亚迪、陕重汽、法士特等龙头,推进项目。")
    found = names_of("Enterprise", "西安市", body, lead="市长")
    assert {"湘江集团", "泓盈集团", "陕重汽"} <= found
    assert not any("等" in n or "个" in n or "届" in n or "下属" in n for n in found)


def test_a_service_platform_named_as_a_shop_is_no_company():
    body = "市人才创新创业超市成为国家级中小企业公共服务示范平台。"
    assert not entities(facts_of("襄阳市", body, lead="市长"), "Enterprise")


def test_a_company_named_by_brand_and_suffix_is_the_full_name_of_the_report():
    body = "组建吉翼具身智能机器人公司。支持吉翼公司上半年产品面市。"
    companies = entities(facts_of("吉林省", body, lead="省长"), "Enterprise")
    assert "吉翼公司" not in companies
    assert "吉翼公司" in companies["吉翼具身智能机器人公司"]["aliases"]


def test_a_company_and_a_place_listed_as_a_project_name_its_site_not_a_company():
    body = "推进中核汇能通榆、天楹辽源等5个百亿级绿色氢基能源一体化项目建设。"
    assert not {"中核汇能通榆", "天楹辽源"} & names_of("Enterprise", "吉林省", body, lead="省长")


def test_a_two_character_brand_beside_a_known_company_in_a_closed_list_is_a_company():
    body = "加强与中远、抖音等企业合作。开发储能、微网及智慧能源等新技术。"
    companies = names_of("Enterprise", "厦门市", body, lead="市长")
    assert "抖音" in companies
    assert "微网" not in companies


def test_a_road_in_a_project_list_and_a_verb_before_a_weak_suffix_name_no_company() -> None:
    facts = facts_of("长沙市", "全面启动青禾路、明远路、沿江大道等项目。及时发布权威信息,回应群众关切。", lead="市长")
    companies = entities(facts, "Enterprise")
    assert not {"青禾路", "明远路", "沿江大道", "发布权威信息"} & set(companies)


def test_a_company_named_by_its_function_alone_or_a_sector_list_before_firms_is_no_company() -> None:
    body = ("全面推进城发集团、青禾集团、交通集团改革。支持光伏、增材制造等行业领军企业提质扩能。"
            "加快组建科技创新投资集团。")
    facts = facts_of("长沙市", body, lead="市长")
    companies = set(entities(facts, "Enterprise"))
    assert "青禾集团" in companies
    assert not {"城发集团", "交通集团", "光伏", "增材制造", "科技创新投资集团"} & companies


def test_firsts_plurals_and_place_sector_clusters_are_no_companies() -> None:
    body = ("长沙银行成为全省首家上市银行,获批设立全省首家公募基金管理公司。深化与各大军工集团的战略合作。"
            "加快肥东高端装备、肥西电气机械和器材、庐江磁性材料、巢湖镁基新材料等产业发展。")
    assert names_of("Enterprise", "合肥市", body, lead="市长") == {"长沙银行"}


def test_a_known_brand_before_a_strategic_investment_acts_as_a_company() -> None:
    found = names_of("Enterprise", "钢城区", "抓住中国宝武战略投资山钢集团机遇。")
    assert {"中国宝武", "山钢集团"} <= found
