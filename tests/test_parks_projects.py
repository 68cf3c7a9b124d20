"""Parks and projects: named zones, enumerations, own heads, level-named facilities, generic phrases."""
from tests.extract_helpers import entities, facts_of, names_of

PLACE = "枣庄市台儿庄区"


def test_named_parks_and_not_sector_only_zones():
    body = ("依托青禾物流园、石榴经济开发区发展商贸。加快推进化工产业园、数字经济产业园建设。"
            "成功创建省级现代农业产业园。瞄准建成全国领先的锂电材料生产基地。")
    parks = entities(facts_of(PLACE, body), "Park")
    assert {"青禾物流园", "石榴经济开发区"} <= set(parks)
    assert not {"化工产业园", "数字经济产业园", "省级现代农业产业园", "锂电材料生产基地"} & set(parks)


def test_park_list_items_take_the_head():
    parks = entities(facts_of(PLACE, "推动金羽鸵鸟、青山黑熊等养殖基地融合发展。"), "Park")
    assert {"金羽鸵鸟养殖基地", "青山黑熊养殖基地"} <= set(parks)
    assert "金羽鸵鸟" in parks["金羽鸵鸟养殖基地"]["aliases"]


def test_project_list_is_split_with_bare_aliases():
    projects = entities(facts_of(PLACE, "实施澜启新能、凯维思等9个锂电项目,总投资80亿元。"), "Project")
    assert {"澜启新能项目", "凯维思项目"} <= set(projects)
    assert "澜启新能" in projects["澜启新能项目"]["aliases"]
    assert not any(n.startswith("9个") or "锂电项目" == n for n in projects)


def test_project_cue_cut_at_the_verb():
    projects = entities(facts_of(PLACE, "加快推进青禾钢铁新旧动能转换项目建设。实施重点技改项目20个以上。"), "Project")
    assert "青禾钢铁新旧动能转换项目" in projects
    assert not {"重点技改项目", "技改项目", "实施重点技改项目"} & set(projects)


def test_named_works_keep_their_own_head_and_whole_shared_heads():
    body = "完成明远路、翠湖路整体景观提升工程,实施白沙河左堤治理工程。新改建长宁路、和顺路等城市道路。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert {"明远路、翠湖路整体景观提升工程", "白沙河左堤治理工程", "长宁路", "和顺路"} <= set(projects)


def test_level_named_facilities_are_named():
    body = "区中医医院改扩建项目建成投用,加快县人民医院新院区建设。社区服务中心、安置区等项目开工建设。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert {"区中医医院改扩建项目"} <= set(projects)
    assert "县人民医院新院区" not in projects  # 县 is not this district's level
    assert not {"社区服务中心项目", "安置区项目", "社区服务中心"} & set(projects)


def test_facility_category_is_appended_to_list_items():
    projects = entities(facts_of(PLACE, "启用东湖、西苑、南山3处社区服务中心。"), "Project")
    assert {"东湖社区服务中心", "西苑社区服务中心", "南山社区服务中心"} <= set(projects)


def test_programmes_and_events_are_not_projects():
    body = "深入实施暖心工程,实施企业梯度培育工程。成功举办中国牡丹文化旅游节。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert not projects


def test_park_opening_a_project_name_is_kept():
    facts = facts_of(PLACE, "完成青禾化工园区污水处理厂建设。")
    assert "青禾化工园区" in entities(facts, "Park")
    assert "青禾化工园区污水处理厂" in entities(facts, "Project")


def test_a_work_listed_after_a_facility_is_its_own_project():
    projects = entities(facts_of(PLACE, "建设青山中央公园、台儿庄新桥机场二期工程。"), "Project")
    assert {"青山中央公园", "台儿庄新桥机场二期工程"} <= set(projects)


def test_counted_buildings_are_no_project():
    projects = entities(facts_of(PLACE, "高质量完成21个、65栋楼老旧小区改造。"), "Project")
    assert not any("栋" in n or "个" in n for n in projects)


def test_transport_works_and_hubs_are_projects():
    body = ("杭州至安吉城际铁路、G235国道安吉段改建工程开工。加快建设济青高速公路。"
            "天府国际机场航站楼建成启用。京沪高铁扩能工程开工。")
    projects = entities(facts_of(PLACE, body), "Project")
    assert {"杭州至安吉城际铁路", "G235国道安吉段改建工程", "济青高速公路", "天府国际机场航站楼",
            "京沪高铁扩能工程"} <= set(projects)
    initiatives = entities(facts_of(PLACE, body), "Initiative")
    assert not any(n.endswith("工程") for n in initiatives)


def test_generic_transport_words_are_no_project():
    projects = entities(facts_of(PLACE, "高速铁路建设加快。建成城区首条快速路。"), "Project")
    assert not projects


def test_named_production_bases_are_parks():
    parks = entities(facts_of(PLACE, "湛江巴斯夫一体化基地首批装置建成投产。青禾化工生产基地扩能。"), "Park")
    assert {"湛江巴斯夫一体化基地", "青禾化工生产基地"} <= set(parks)
    assert not entities(facts_of(PLACE, "建成全国领先的锂电材料生产基地。"), "Park")


def test_park_names_with_a_parenthesis():
    parks = entities(facts_of(PLACE, "青禾滨海（羊口）经济开发区获评省级化工园区。"), "Park")
    assert "青禾滨海(羊口)经济开发区" in parks


def test_a_name_never_starts_inside_a_park():
    facts = facts_of(PLACE, "中国（山东）自由贸易试验区济南片区建设加快。青禾经济开发区污水处理厂建成运行。")
    assert "中国(山东)自由贸易试验区" in entities(facts, "Park")
    projects = entities(facts, "Project")
    assert "青禾经济开发区污水处理厂" in projects
    assert not any(n.endswith("济南片区") for n in projects)


def test_a_decimal_number_stays_inside_a_project_name():
    projects = entities(facts_of(PLACE, "惠科8.6代薄膜晶体管液晶显示器件项目建成投产。"), "Project")
    assert "惠科8.6代薄膜晶体管液晶显示器件项目" in projects


def test_zones_named_by_other_heads_are_parks():
    # settled case 6: a delimited zone with a proper name, whatever its head
    body = ("支持雄安新区建设，建设海北物流功能区，推进襄阳传化物流港，打造奋斗镇田园综合体，"
            "松原石化园区扩容。")
    parks = entities(facts_of(PLACE, body), "Park")
    assert {"雄安新区", "海北物流功能区", "襄阳传化物流港", "奋斗镇田园综合体", "松原石化园区"} <= set(parks)


def test_zones_with_only_directions_or_designations_are_not_parks():
    body = "规划北部高铁新区，认定省级合规园区，入选全国首批试点园区，理顺园区管理体制。"
    assert not entities(facts_of(PLACE, body), "Park")


def test_railways_listed_each_with_its_own_head_are_projects_of_their_own():
    # settled case 9: each item is a facility of its own
    body = "加快建设全国性综合交通枢纽，汉十高铁、郑万高铁、蒙华铁路襄阳段进入铺轨阶段。经济保持高速增长。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert {"汉十高铁", "郑万高铁"} <= set(projects)
    assert not any("、" in name or "增长" in name for name in projects)


def test_counted_or_described_projects_are_unnamed():
    body = ("开工14个采选项目，清理无效项目和低效专项债券项目，紧盯头部企业项目，"
            "推进固定资产投资项目和清洁生产项目。")
    assert not entities(facts_of(PLACE, body), "Project")


def test_a_verb_that_opens_a_zone_name_governs_it():
    body = "赋予湖南湘江新区更大自主权，共建自贸试验区，落实曲江新区政策。"
    parks = entities(facts_of(PLACE, body), "Park")
    assert "湖南湘江新区" in parks
    assert not any(name.startswith(("赋予", "共建", "落实")) for name in parks)


def test_project_category_after_deng_is_not_a_name():
    projects = entities(facts_of(PLACE, "青禾农业、明远乳业等现代农牧业项目进展顺利。"), "Project")
    assert {"青禾农业项目", "明远乳业项目"} <= set(projects)
    assert "现代农牧业项目" not in projects
    projects = entities(facts_of(PLACE, "石榴集团、翠湖控股总部等标志性引进项目落地。"), "Project")
    assert "标志性引进项目" not in projects


def test_bases_and_zones_of_national_kinds_are_parks():
    body = ("推进青禾高寒蔬菜基地提质增效,深入推进翠湖生态奶源基地建设。建好北方(石榴)跨境电商物流基地。"
            "明远临空经济区建设提速,加快白沙低碳生态示范园建设。依托国家骨干冷链物流基地发展商贸。")
    parks = entities(facts_of(PLACE, body), "Park")
    assert {"青禾高寒蔬菜基地", "翠湖生态奶源基地", "北方(石榴)跨境电商物流基地", "明远临空经济区",
            "白沙低碳生态示范园"} <= set(parks)
    assert not any("骨干冷链" in n for n in parks)  # a designation, not a named zone


def test_highway_and_railway_list_items_take_the_works_head():
    body = ("加快实施石榴至青禾、明远至翠湖北段等高速公路续建工程。白沙至金山等5条高速公路建设进展顺利。"
            "推进G999线石榴至白沙、S888线青禾至翠湖等7条公路建设。启动明远、翠湖等铁路项目。")
    projects = entities(facts_of(PLACE, body), "Project")
    assert {"石榴至青禾高速公路", "明远至翠湖北段高速公路", "白沙至金山高速公路", "G999线石榴至白沙公路",
            "S888线青禾至翠湖公路", "明远铁路", "翠湖铁路"} <= set(projects)
    assert "白沙至金山" in projects["白沙至金山高速公路"]["aliases"]


def test_works_named_only_by_a_municipal_category_are_not_projects():
    body = ("大力实施供水、供热、天然气管道、排水等市政项目建设。医疗废物处理项目全面完工。"
            "全力推进殡仪馆新建项目建设进度。实施生活垃圾填埋场渗滤液项目。青禾污水处理厂建成投用。")
    projects = entities(facts_of(PLACE, body), "Project")
    assert not {"天然气管道项目", "排水项目", "医疗废物处理项目", "殡仪馆新建项目",
                "生活垃圾填埋场渗滤液项目"} & set(projects)
    assert "青禾污水处理厂" in projects


def test_works_on_listed_waters_and_streets_take_the_work():
    body = ("完成青禾河等10条白沙河支流综合治理和明远泉等9处名泉景观改造提升。"
            "建设翠湖江等主要江河砂基砂堤治理。石榴大街等历史街区历史建筑焕新亮相。")
    projects = entities(facts_of(PLACE, body), "Project")
    assert {"青禾河综合治理", "明远泉景观改造", "翠湖江砂基砂堤治理", "石榴大街历史建筑焕新"} <= set(projects)
    assert not any("支流" in n or "名泉" in n or "街区" in n for n in projects)


def test_dead_end_roads_are_split_and_a_bridge_head_inside_a_road_is_no_head():
    projects = entities(facts_of(PLACE, "打通青禾路、明远大桥路、翠湖街等城市断头路。"), "Project")
    assert {"青禾路", "明远大桥路", "翠湖街"} <= set(projects)
    assert not any(n.endswith("大桥") for n in projects)


def test_full_and_short_zone_names_are_one_park():
    body = "青禾高新技术产业开发区入选全国首批试点园区。推动青禾高新区扩区调位,支持明远经开区发展。"
    parks = entities(facts_of(PLACE, body), "Park")
    assert "青禾高新技术产业开发区" in parks and "青禾高新区" not in parks
    assert "青禾高新区" in parks["青禾高新技术产业开发区"]["aliases"]
    assert "明远经开区" in parks  # a short form alone stays as written


def test_kinds_and_titles_are_neither_projects_nor_parks():
    body = ("通过新建改建公办幼儿园等方式增加学位。加快青禾山国家公园建设,推进白沙河国家文化公园建设。"
            "完成病险水库除险加固。坚定实施主体功能区战略。")
    facts = facts_of(PLACE, body)
    projects, parks = entities(facts, "Project"), entities(facts, "Park")
    assert not {"公办幼儿园", "青禾山国家公园", "白沙河国家文化公园", "病险水库"} & set(projects)
    assert "主体功能区" not in parks


def test_a_bare_mountain_in_a_works_list_is_no_project():
    body = "青禾山、明远山生态植被恢复等重大生态工程成效显著。东湖水库、西山水库等重大水利工程开工。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert "青禾山" not in projects
    assert {"东湖水库", "西山水库"} <= set(projects)


def test_one_dash_joins_a_name_and_a_doubled_dash_does_not():
    body = "投资2599万元的青禾—白沙农村公路建成通车。——明远路改造工程全面完工。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert "青禾—白沙农村公路" in projects
    assert not any(n.startswith("—") for n in projects)


def test_a_list_category_may_open_with_an_investment_threshold():
    body = ("抓好青禾智能终端、明远航空座椅等投资过50亿元的工业项目。"
            "新引进翠湖新能源、白沙发动机等投资50亿元以上项目8个。")
    projects = entities(facts_of(PLACE, body), "Project")
    assert {"青禾智能终端项目", "明远航空座椅项目", "翠湖新能源项目", "白沙发动机项目"} <= set(projects)


def test_the_report_level_and_a_head_alone_name_a_facility():
    projects = entities(facts_of("枣庄市", "公共文化服务体系进一步完善,市图书馆主体竣工,市博物馆开工建设。"), "Project")
    assert {"市图书馆", "市博物馆"} <= set(projects)
    projects = entities(facts_of(PLACE, "建成区污水处理厂扩建及配套工程。"), "Project")
    assert "区污水处理厂" not in projects  # 区 ends 建成区 here


def test_markets_in_the_economic_sense_are_no_facilities():
    body = "深度开发青禾、明远、白沙等重点客源市场。巩固翠湖消费市场。新改建金鼎市场、友谊路便民市场。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert not any("客源市场" in n or "消费市场" in n for n in projects)
    assert {"金鼎市场", "友谊路便民市场"} <= set(projects)


def test_markets_one_expands_into_or_named_by_scope_or_factor_are_no_facilities():
    body = ("帮助企业拓展东盟、中亚、南美等市场。巩固欧盟、日韩等传统市场。加快发展长租房市场,培育产权市场。"
            "新建青禾农贸市场。")
    projects = entities(facts_of(PLACE, body), "Project")
    assert not [n for n in projects if n != "青禾农贸市场"]
    assert "青禾农贸市场" in projects


def test_a_project_name_keeps_its_parenthesis():
    projects = entities(facts_of(PLACE, "青禾(明远·白沙)科创产业园项目实现主体封顶。"), "Project")
    assert "青禾(明远·白沙)科创产业园项目" in projects


def test_a_name_never_starts_where_the_length_limit_cut_a_word():
    body = "青禾高新区成为国家高端装备制造业(新能源汽车)标准化试点和国家知识产权示范园区。"
    parks = entities(facts_of(PLACE, body), "Park")
    assert not any("试点" in n for n in parks)
    assert "青禾高新区" in parks


def test_verb_phrases_and_product_zones_are_neither_projects_nor_parks():
    body = ("抓投资上项目扩消费。做到脱贫不脱政策、脱贫不脱项目。加快碳纤维制品产业园提质升级,"
            "扩大增量配电网园区建设规模。")
    facts = facts_of(PLACE, body)
    assert not {"抓投资上项目", "脱贫不脱项目"} & set(entities(facts, "Project"))
    assert not {"碳纤维制品产业园", "增量配电网园区"} & set(entities(facts, "Park"))


def test_a_range_dash_and_a_one_character_parenthesis_join_no_name():
    body = "落实区县(市)长项目责任制。构建1—2小时城际铁路交通圈。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert not any("(市)" in n or "1—2" in n for n in projects)


def test_a_list_item_holding_deng_is_no_item():
    body = "提升青禾、明远等核心商圈和白沙步行街、翠湖文化街区等特色商业街区。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert not any("等" in n for n in projects)


def test_capital_origin_and_a_city_role_name_no_project():
    body = "推进企业投资项目承诺制改革。加快建设西部经济中心。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert not {"企业投资项目", "西部经济中心"} & set(projects)


def test_a_high_speed_rail_station_is_a_facility_and_a_rail_district_no_railway():
    body = "加快北部高铁新区建设。建成青禾高铁站。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert "青禾高铁站" in projects
    assert not any(n.endswith("高铁") for n in projects)


def test_a_port_head_alone_names_no_port():
    body = "全力打造国际航空港。石榴国际陆港建成运营。"
    projects = entities(facts_of(PLACE, body), "Project")
    assert "国际航空港" not in projects
    assert "石榴国际陆港" in projects


def test_a_facility_or_zone_joins_no_two_things_with_he():
    body = ("建设保税仓和国际快件分拣中心。提升青禾等商圈和特色街区服务功能。推进白沙快件监管中心和网络货运产业园建设。"
            "佳和冷链物流园投入运营。")
    facts = facts_of(PLACE, body)
    projects, parks = entities(facts, "Project"), entities(facts, "Park")
    assert not any("和" in n for n in projects)
    assert not any("和网络" in n for n in parks)
    assert "佳和冷链物流园" in parks  # one character before 和 is the name's own


def test_the_progress_after_a_finished_name_is_no_part_of_it():
    facts = facts_of("内蒙古自治区赤峰市", "开工建设铁南大街东通工程,确保中环路快速化改造工程全线贯通。", lead="市长")
    projects = set(entities(facts, "Project"))
    assert {"铁南大街东通工程", "中环路快速化改造工程"} <= projects
    assert not any(name.endswith("贯通") for name in projects)
    assert not any(name.startswith("建设") for name in entities(facts, "Initiative"))


def test_a_list_of_programmes_closed_by_works_gives_no_projects():
    body = "扎实抓好精准灭荒、鄂北生态防护等重点工程。全力推进人民路北延、国花大道东延等重点交通工程。"
    projects = names_of("Project", "湖北省襄阳市", body, lead="市长")
    assert not {"精准灭荒", "鄂北生态防护"} & projects
    assert {"人民路北延", "国花大道东延"} <= projects


def test_a_work_on_a_named_place_is_a_project_and_a_programme_named_gongcheng_is_not():
    body = ("建设东部两江三期工程,实施巢湖市江水供水工程。深入实施中华文明探源工程,推进山海协作工程。"
            "建成全国内河主枢纽工程。")
    projects = entities(facts_of("吉林省", body), "Project")
    assert {"东部两江三期工程", "巢湖市江水供水工程"} <= set(projects)
    assert not {"中华文明探源工程", "山海协作工程"} & set(projects)
    assert not any("全国" in n for n in projects)  # a title scope names a goal, not a work


def test_a_phase_or_construction_work_after_a_project_is_named_with_it_and_shared_by_its_list():
    body = ("抓好延吉机场迁建和长春龙嘉机场三期扩建进度。启动市疾控中心、市急救中心、市儿童医院迁建工程。"
            "建成市游泳馆,游泳馆二期同步开工。")
    projects = entities(facts_of("襄阳市", body), "Project")
    assert {"延吉机场迁建", "长春龙嘉机场三期扩建", "市疾控中心迁建工程", "市急救中心迁建工程",
            "市儿童医院迁建工程"} <= set(projects)
    assert "市急救中心" in projects["市急救中心迁建工程"]["aliases"]
    assert "市疾控中心" not in projects and "延吉机场" not in projects


def test_a_counted_zone_or_a_verb_before_a_bare_head_names_no_park():
    body = ("建立退役军人创业园(孵化基地)10个。新增专业蔬菜基地2.77万亩。全方位提升园区规划建设管理。"
            "加快雄安新区建设,推进青禾物流园建设。")
    parks = entities(facts_of("河北省", body), "Park")
    assert not {"退役军人创业园", "专业蔬菜基地", "全方位提升园区"} & set(parks)
    assert {"雄安新区", "青禾物流园"} <= set(parks)


def test_a_title_received_or_a_quantified_zone_names_no_park():
    body = ("郫都片区入选国家农村产业融合发展示范园。青禾工业园成为全省首个千亿元县域工业园。"
            "建立一批社会组织孵化园,进一步明确各开发区的权责。")
    parks = entities(facts_of("成都市", body), "Park")
    assert "青禾工业园" in parks
    titles = {"国家农村产业融合发展示范园", "全省首个千亿元县域工业园"}
    assert not (titles | {"一批社会组织孵化园", "明确各开发区"}) & set(parks)


def test_a_rank_makes_a_title_and_a_function_word_opens_no_park():
    body = ("青禾高新区获评中国创新力百强园区、营商环境最佳园区,建设国内一流合成生物产业园。"
            "坚决打好产业园区高质量发展主动仗,明确园区功能定位。鼓励干部到园区建功立业,企业办事不出园区。")
    parks = entities(facts_of("成都市", body), "Park")
    assert list(parks) == ["青禾高新区"]


def test_a_project_list_may_close_with_a_batch_and_a_quoted_category():
    body = ("国电投大安、上海电气洮南等一批“绿电氢氨醇”标志性项目建成投产。"
            "分类实施空间微改造、小区微治理等“六微”工程。")
    projects = entities(facts_of("吉林省", body), "Project")
    assert {"国电投大安项目", "上海电气洮南项目"} <= set(projects)
    assert not {"空间微改造", "小区微治理"} & set(projects)


def test_the_events_of_a_games_are_no_project_but_its_venue_is():
    body = "在第15届全国运动会上冬夏项目金牌数创新高。全国第十四届冬运会主场馆项目建成。"
    projects = entities(facts_of("吉林省", body), "Project")
    assert not any("运动会上" in n for n in projects)
    assert "全国第十四届冬运会主场馆项目" in projects


def test_bare_facilities_listed_after_one_of_the_report_level_share_the_level():
    body = "加快建设市博物馆、科技馆、文化艺术中心,确保市图书馆和档案馆投入使用。建成区实验小学北校、开发区实验中学。"
    projects = entities(facts_of("襄阳市", body, lead="市长"), "Project")
    assert {"市博物馆", "市科技馆", "市文化艺术中心", "市图书馆", "市档案馆"} <= set(projects)
    assert "科技馆" in projects["市科技馆"]["aliases"]
    assert not any(n.startswith("市开发区") for n in projects)


def test_items_listed_before_a_facility_or_work_share_its_head():
    body = "加快雄商、济滨高铁建设。建成剧院、青禾博物馆。形成、明远路改造工程完工。"
    projects = entities(facts_of("赤峰市", body, lead="市长"), "Project")
    assert {"雄商高铁", "济滨高铁"} <= set(projects)
    assert "雄商" in projects["雄商高铁"]["aliases"]
    assert not {"剧院博物馆", "形成路改造工程"} & set(projects)


def test_a_shared_head_reaches_items_joined_by_he_and_counts_a_county_apart():
    body = ("推进北山和南湖污水处理厂建设，加快林西支线机场、阿旗罕山和宁城通用机场审核报批。"
            "优化提升大青山、滨湖国家森林公园，建成长沙市一中、雅礼中学新校区。")
    projects = names_of("Project", "赤峰市", body, lead="市长")
    assert {"北山污水处理厂", "南湖污水处理厂", "阿旗罕山通用机场", "宁城通用机场", "林西支线机场"} <= projects
    # a first item the cutter leaves longer than the last item's own part takes no head (大|青山 is no
    # name), and a numbered school is a facility of its own
    assert not {"青山国家森林公园", "长沙市一中中学"} & projects


def test_facilities_listed_before_a_construction_work_each_take_it():
    body = "推进青禾医院、明德学校和市委党校扩建工程。启动形成、完成和城北公园改造工程。"
    projects = names_of("Project", "赤峰市", body, lead="市长")
    # two facilities joined by 和 under one work are split; 市委 is the report's level (the city's party school)
    assert {"青禾医院扩建工程", "明德学校扩建工程", "市委党校扩建工程"} <= projects
    assert "明德学校和市委党校扩建工程" not in projects
    assert not any(n.startswith(("形成", "完成")) for n in projects)


def test_a_phase_or_paired_work_after_a_project_is_named_with_it_and_a_section_is_an_alias() -> None:
    body = "明远城项目一期已试运行。推进明镜湖治理保护。加快呼南高铁襄阳段落地建设。"
    projects = entities(facts_of("襄阳市", body, lead="市长"), "Project")
    assert {"明远城项目一期", "明镜湖治理保护", "呼南高铁"} <= set(projects)
    assert "呼南高铁襄阳段" in projects["呼南高铁"]["aliases"]


def test_owners_listed_before_a_project_share_its_work() -> None:
    body = ("加快实施金通铜业、富邦铜业、赤峰云铜扩产能项目。推进华泰和中克骆瑞电驱动系统项目建设。"
            "围绕未病有医、看病便医六项目标。")
    projects = entities(facts_of("赤峰市", body, lead="市长"), "Project")
    assert {"金通铜业扩产能项目", "富邦铜业扩产能项目", "赤峰云铜扩产能项目", "华泰电驱动系统项目",
            "中克骆瑞电驱动系统项目"} <= set(projects)
    assert "金通铜业" in projects["金通铜业扩产能项目"]["aliases"]
    assert not any(n.endswith("医项目") for n in projects)  # 六项目标: six goals, no 项目


def test_a_preposition_after_deng_opens_no_category_and_never_stands_inside_a_name() -> None:
    body = "发挥好城发集团、湘江集团等在重大片区建设中的作用。努力在产业项目上实现突破。加快227个在建项目建设。"
    projects = names_of("Project", "长沙市", body, lead="市长")
    assert not any("在" in n and "在建" not in n for n in projects)


def test_places_in_a_list_of_a_kind_of_project_name_none_but_a_facility_category_names_one_each() -> None:
    body = "做好临安、淳安、富阳等抽水蓄能项目前期。建成萧山、余杭等污水处理厂。"
    projects = names_of("Project", "杭州市", body, lead="市长")
    assert not {"临安项目", "淳安项目", "富阳项目"} & projects
    assert "萧山污水处理厂" in projects


def test_ranks_qualities_counts_and_rank_verbs_make_no_park_name() -> None:
    body = ("重要园区入驻企业超1600家，支持创新合作共建、飞地园区等模式。启动建设同安、翔安两个高新技术产业基地。"
            "新站高新区跻身国家级绿色园区，经济总量保持国家级新区前列，建设世界一流高科技园区。")
    parks = names_of("Park", "合肥市", body, lead="市长")
    assert not {"重要园区", "飞地园区", "翔安两个高新技术产业基地", "世界一流高科技园区"} & parks
    assert not any("跻身" in n or "保持" in n for n in parks)


def test_a_rank_before_a_list_category_is_the_lists_and_approval_items_are_no_projects() -> None:
    body = "梅溪湖国际新城二期、大王山等重大片区展现新貌。简化优化行政审批项目和流程。"
    projects = names_of("Project", "长沙市", body, lead="市长")
    assert {"梅溪湖国际新城二期片区", "大王山片区"} <= projects
    assert not any("重大" in n or "审批" in n for n in projects)


def test_lines_listed_with_their_own_heads_a_kind_counted_and_a_word_after_a_head_name_no_project() -> None:
    body = ("建成绕城高速西复线、临金高速国高网段、千黄高速。除险加固病险水库15座。"
            "吸引民营企业等市场主体积极参与。培育各类自然公园。")
    projects = names_of("Project", "杭州市", body, lead="市长")
    assert {"临金高速", "千黄高速"} <= projects
    assert not any("、" in n or "水库" in n or "市场" in n or "公园" in n for n in projects)


def test_zones_counted_by_the_firm_and_list_items_with_a_zone_word_of_their_own() -> None:
    body = "全力打造2家五千亿级园区、3家两千亿级园区。大力推进海沧集成电路产业园、翔安临空产业区等园区建设。"
    parks = names_of("Park", "厦门市", body, lead="市长")
    assert "翔安临空产业区" in parks
    assert not any("亿级" in n or n.endswith("区园区") for n in parks)


def test_a_works_head_after_a_state_of_progress_is_that_state() -> None:
    body = "长泰枋洋水库引水隧道全线贯通,钱塘快速路全线贯通,“两环八射”外环基本贯通。"
    projects = names_of("Project", "厦门市", body, lead="市长")
    assert "钱塘快速路" in projects
    assert not any(n.endswith("贯通") for n in projects)


def test_a_verb_alone_names_no_project() -> None:
    body = "推进参股、建成等项目落地。启动马钢公司搬迁、转产等一批项目。"
    projects = names_of("Project", "合肥市", body, lead="市长")
    assert not {"参股项目", "建成项目"} & projects


def test_an_area_a_level_threshold_a_city_belt_and_a_farmland_category_name_no_park() -> None:
    body = ("新建10万亩粮食生产功能区。市级以上特色农业园区超过400个。做强做优近郊工业园区,加快发展远郊工业园区。"
            "建设都市田园综合体。加快西安(临潼)番茄种业智慧谷产业园建设。")
    parks = names_of("Park", "西安市", body, lead="市长")
    assert parks == {"西安(临潼)番茄种业智慧谷产业园"}


def test_land_housing_and_trade_markets_are_no_facilities() -> None:
    body = "建立房地产市场长效调控机制。建立城乡统一的建设用地市场。建立15国统一市场的自由贸易协定。新建金鼎市场。"
    assert names_of("Project", "厦门市", body, lead="市长") == {"金鼎市场"}


def test_a_light_verb_a_rank_of_projects_and_a_roads_surroundings_name_no_project() -> None:
    body = ("由村民自主进行项目选择。对易积水的住宅小区、铁路涵洞和道路进行排水改造。聚焦高能级项目精准发力。"
            "牡三公路沿线集中种植丁香。")
    assert not entities(facts_of("长沙市", body, lead="市长"), "Project")


def test_a_preposition_a_rank_count_an_acceptance_and_zones_of_a_kind_name_no_park() -> None:
    body = ("支持职业学校向产教园区集聚发展。建成三大职教园区。通过省级验收现代农业园区达48个。"
            "推进中欧、中德、中法等国际园区建设。万向集团成为国家级企业技术中心。")
    facts = facts_of("杭州市", body, lead="市长")
    assert not entities(facts, "Park")
    assert "万向集团" in entities(facts, "Enterprise")


def test_a_road_before_its_transport_and_a_two_way_opening_name_no_project() -> None:
    body = "珲春口岸实现中欧公路直达运输双向贯通。"
    assert not entities(facts_of("吉林省", body, lead="省长"), "Project")


def test_a_verb_of_motion_before_a_bare_zone_head_names_no_park() -> None:
    body = "推动县域特色产业进园区、强链条、补短板。"
    assert not entities(facts_of("河北省", body, lead="省长"), "Park")


def test_energy_classes_of_projects_and_a_rail_transport_corridor_name_no_project() -> None:
    body = "引导高载能项目加快绿电替代,坚决遏制高耗能项目盲目发展。全面融入中欧国际铁路联运大通道。"
    assert not entities(facts_of("赤峰市", body, lead="市长"), "Project")


def test_lines_joined_by_he_counted_items_and_a_category_after_a_count_are_separate() -> None:
    body = ("加快天府国际机场和机场高速等场外交通体系建设。初步遴选形成13件候选项目。"
            "新建城市书房33个、文化驿站18个。市民中心、赤峰学院和市委党校扩建工程加快推进。")
    projects = names_of("Project", "赤峰市", body, lead="市长")
    assert {"赤峰学院扩建工程", "市委党校扩建工程"} <= projects
    assert not any("和" in n or "、" in n or "件" in n for n in projects)


def test_an_industry_demonstration_zone_with_a_name_is_a_park_and_one_received_is_a_title() -> None:
    body = "加快建设衡沧高品质蔬菜产业示范区。壮大北戴河生命健康产业创新示范区。庐江县创成国家农业高新技术产业示范区。"
    parks = names_of("Park", "河北省", body, lead="省长")
    assert {"衡沧高品质蔬菜产业示范区", "北戴河生命健康产业创新示范区"} <= parks
    assert not any("创成" in n for n in parks)


def test_a_rivers_main_stream_a_brook_and_a_water_source_are_places_of_a_work() -> None:
    body = "全面建成嫩江干流应急治理工程。完成红花尔基水源地一二级保护区工程建设。实施埭头溪治理。"
    projects = names_of("Project", "吉林省", body, lead="省长")
    assert {"嫩江干流应急治理工程", "红花尔基水源地一二级保护区工程", "埭头溪治理"} <= projects


def test_xin_inside_a_name_is_part_of_it_but_new_establishments_are_no_names() -> None:
    body = "襄新大道绿化工程全面完工。建成合新高铁。新设台资项目30个。"
    projects = names_of("Project", "合肥市", body, lead="市长")
    assert {"襄新大道绿化工程", "合新高铁"} <= projects and "新设台资项目" not in projects


def test_da_inside_a_name_is_part_of_it_and_schools_in_general_are_no_project() -> None:
    body = "大查高速、G305线林东至下伙房公路实现通车。新建和改扩建中小学12所。"
    projects = names_of("Project", "赤峰市", body, lead="市长")
    assert "大查高速" in projects and not any("中小学" in n for n in projects)


def test_ecological_repair_of_a_named_place_is_a_work_and_a_measured_stretch_is_none() -> None:
    body = "启动哈泥保护区生态保护修复。推进圭塘河生态修复。完成北岸57公里堤顶道路建设和5000亩滩区生态修复。"
    projects = names_of("Project", "吉林省", body, lead="省长")
    assert {"哈泥保护区生态保护修复", "圭塘河生态修复"} <= projects
    assert not any("公里" in n or "亩" in n for n in projects)


def test_list_items_a_character_longer_or_shorter_than_the_last_ones_own_part_share_its_head() -> None:
    body = "启动莫莫格、哈泥保护区生态保护修复。加快建设杭温、渝长厦高铁。"
    projects = names_of("Project", "吉林省", body, lead="省长")
    assert {"莫莫格保护区生态保护修复", "哈泥保护区生态保护修复", "杭温高铁", "渝长厦高铁"} <= projects


def test_kinds_of_projects_to_attract_are_no_projects_but_named_ones_are():
    body = ("同步引进电解铜箔、铜线、铜杆等精深加工项目。一批风光制氢一体化、火电灵活性改造等新能源项目获批实施。"
            "引进青禾科技、宏泰新材料等重大项目。谋划推进空气分离等项目建设。")
    projects = names_of("Project", PLACE, body)
    assert not {"电解铜箔项目", "铜杆项目", "风光制氢一体化项目", "火电灵活性改造项目"} & projects
    assert {"青禾科技项目", "宏泰新材料项目", "空气分离项目"} <= projects


def test_a_line_or_structure_listed_after_roads_is_its_own_project():
    body = ("上海路、绕城高速改线等全线贯通。天府大道、剑南大道、成自泸高速建成通车。"
            "长沙高铁西站、香炉洲大桥开工。建成通车杭衢铁路建德段。")
    projects = names_of("Project", PLACE, body)
    assert not any("、" in name for name in projects)
    assert {"成自泸高速", "香炉洲大桥", "杭衢铁路"} <= projects
    assert not {"剑南大道高速", "长沙高铁", "通车杭衢铁路"} & projects


def test_roads_listed_before_an_action_still_share_it():
    projects = names_of("Project", PLACE, "实施青禾路、明远路改造工程。")
    assert projects & {"青禾路、明远路改造工程", "青禾路改造工程"}


def test_places_counted_as_cities_before_a_facility_category_name_no_facilities():
    body = "推进长春、白山2个城市国家公立医院高质量发展示范项目。加快岳麓、开福等污水处理厂建设。"
    projects = names_of("Project", "长沙市", body, lead="市长")
    assert not any("公立医院" in name for name in projects)
    assert {"岳麓污水处理厂", "开福污水处理厂"} <= projects


def test_zones_named_by_their_people_or_by_the_free_trade_link_are_kinds():
    body = ("支持建设自贸区联动创新区。加快建设外国专家创新示范基地和大学生创业园。"
            "推进海峡两岸青年创业园建设。")
    parks = names_of("Park", "厦门市", body, lead="市长")
    assert not {"自贸区联动创新区", "外国专家创新示范基地", "大学生创业园"} & parks
    assert "海峡两岸青年创业园" in parks


def test_a_structure_on_a_named_river_is_a_work_but_an_action_on_one_is_not_by_itself():
    body = "开工建设湘江新集枢纽。推进沱江团结水利枢纽建设。持续开展巢湖综合治理。"
    projects = names_of("Project", "长沙市", body, lead="市长")
    assert {"湘江新集枢纽", "沱江团结水利枢纽"} <= projects
    assert "巢湖综合治理" not in projects


def test_an_area_word_makes_a_centre_or_zone_an_area_but_not_a_building():
    body = "重点推进青禾区域敬老院建设。建设城市东部中心和南部片区。"
    projects = names_of("Project", PLACE, body)
    assert "青禾区域敬老院" in projects
    assert not {"东部中心", "城市东部中心", "南部片区"} & projects


def test_a_mine_named_by_its_ore_is_a_project_but_mining_in_general_is_not():
    body = "推动沙岭铜矿全面投产。开展历史遗留矿山治理,关闭国有工矿。两县结束不通高铁历史。"
    projects = names_of("Project", PLACE, body)
    assert "沙岭铜矿" in projects
    assert not {"国有工矿", "不通高铁"} & projects


def test_the_nature_formula_alone_names_no_work_but_a_place_under_it_does():
    body = "统筹山水林田湖草沙系统治理。实施秦岭北麓山水林田湖草沙一体化保护和修复工程。"
    projects = names_of("Project", "西安市", body, lead="市长")
    assert "山水林田湖草沙系统治理" not in projects
    assert any(name.startswith("秦岭北麓") for name in projects)


def test_a_list_item_opening_with_a_building_verb_names_its_facility_and_a_described_task_none() -> None:
    body = ("新建、迁建青禾第三医院、明远中医医院等5个医院。建成投运白沙会议中心。"
            "全面完成持续改善市民出行条件、加强雾霾治理、提升饮用水质量等10个民生项目。打造青禾街、建设巷等20条特色街区。")
    projects = entities(facts_of("西安市", body, lead="市长"), "Project")
    assert {"青禾第三医院", "白沙会议中心"} <= set(projects)
    assert any("青禾街" in n for n in projects)  # 建设巷 is a street, not a verb and a lane
    assert not [n for n in projects if n.startswith(("迁建", "投运", "改善", "加强", "提升"))]
    assert not [n for n in projects if "出行条件" in n or "饮用水质量" in n]


def test_fields_and_aims_of_government_work_name_no_project() -> None:
    body = ("完成上述民生实事项目。实施产学研合作项目,推进改革创新项目和重大科技攻关项目。"
            "培育百亿产值企业和百亿产业项目。实施小微民生项目和产业链群能力建设项目。建设青禾科技城项目。")
    projects = entities(facts_of("西安市", body, lead="市长"), "Project")
    assert list(projects) == ["青禾科技城项目"]


def test_a_joining_word_after_name_characters_opens_no_name() -> None:
    body = "加强黑臭水体治理和乡镇污水处理厂运营管理。依托青禾机场改扩建和T3航站楼建设。"
    projects = entities(facts_of("长沙市", body, lead="市长"), "Project")
    assert not [n for n in projects if n.startswith("和")]
    body = "加快青禾未来、和光文化产业基地建设。"  # after a list mark 和 opens a brand
    assert "和光文化产业基地" in entities(facts_of("长沙市", body, lead="市长"), "Park")


def test_known_companies_before_a_counted_work_category_each_own_one() -> None:
    facts = facts_of("赤峰市", "实施青禾能源、中电建等6个防沙治沙和风电光伏一体化工程。", lead="市长")
    projects = set(entities(facts, "Project"))
    assert {"青禾能源防沙治沙和风电光伏一体化工程", "中电建防沙治沙和风电光伏一体化工程"} <= projects
    assert not entities(facts, "Initiative")  # a cut inside the counted category names no programme


def test_an_institutions_new_site_is_no_park_but_a_university_science_park_is() -> None:
    body = "加快市儿童医院新区建设。建设青禾大学科技园。"
    parks = entities(facts_of("合肥市", body, lead="市长"), "Park")
    assert "市儿童医院新区" not in parks
    assert "青禾大学科技园" in parks


def test_national_centres_titles_and_categories_are_no_projects():
    # settled cases 6 and 8: a national centre is an institution, a national title or category names no work
    body = ("加快建设国家技术转移西南中心,打造国家级中欧班列集结中心。国家级非遗项目数量居同类城市第一。"
            "推动国家超算西安中心二期项目交付使用。")
    projects = entities(facts_of("成都市", body), "Project")
    assert "国家超算西安中心二期项目" in projects  # a construction undertaking for one stays
    assert not [n for n in projects if n != "国家超算西安中心二期项目"]


def test_zones_counted_after_their_work_and_zones_named_by_a_service_sector():
    body = "完成人口疏散示范基地建设5个。创建国家级人力资源服务产业园,建设广告产业园。"
    assert not entities(facts_of("成都市", body), "Park")
    # the report's own level still names one (区 of a district report)
    assert "区人力资源服务产业园" in entities(facts_of(PLACE, "区人力资源服务产业园开园运营。"), "Park")


def test_a_quoted_coinage_opens_a_works_name_before_its_own_noun():
    # the gold's “吉电入京”特高压输电通道 kind: the coinage is the work's title, kept in its name
    body = ("建成“蒙科聚”赤峰分中心。“四纵五横”城市快速路全面形成。实施“断头路”打通工程。"
            "推进“名校名院名所”建设工程。启动“一区三中心”建设。")
    projects = entities(facts_of("赤峰市", body), "Project")
    assert {"蒙科聚赤峰分中心", "四纵五横城市快速路"} <= set(projects)
    assert not any(n.endswith(("打通工程", "建设工程")) or "三中心" in n for n in projects)


def test_a_quote_after_a_rank_still_opens_the_name_and_no_name_starts_inside_a_coinage():
    body = "建成全省首家“双招双引”暖心医保服务站。“米”字型高铁网络初步形成,量子通信“京沪干线”正式贯通。"
    assert set(entities(facts_of(PLACE, body), "Project")) == {"双招双引暖心医保服务站"}


def test_a_line_s_network_is_named_with_it_and_a_known_sector_names_no_zone():
    projects = entities(facts_of("河北省", "“四纵三横”高速公路网全面形成。"), "Project")
    assert "四纵三横高速公路网" in projects
    parks = entities(facts_of("襄阳市", "抓好卡为智能终端产业园建设。加快智能终端产业园建设。"), "Park")
    assert set(parks) == {"卡为智能终端产业园"}
