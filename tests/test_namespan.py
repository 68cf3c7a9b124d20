"""The one left-edge cutter (`namespan.cuts`, `name_before`) on its own: where a name may start."""
from policykg.extract import namespan


def _starts(text: str, end_word: str) -> list[str]:
    end = text.index(end_word) + len(end_word)
    return [text[pos:end] for pos, _word in namespan.cuts(text, 0, end)]


def test_a_cut_never_splits_a_word_of_a_place_or_a_noun():
    assert "都交易集团" not in _starts("组建成都交易集团", "交易集团")
    assert "性安居工程项目" not in _starts("加快保障性安居工程项目建设", "工程项目")


def test_a_boundary_inside_a_longer_verb_cuts_after_the_verb():
    assert "城市最靓功能区" in _starts("把片区打造成城市最靓功能区", "功能区")


def test_a_boundary_verb_still_cuts_where_jieba_glues_an_adjective_across_it():
    assert "华馨香料" in _starts("培优塑强华馨香料", "香料")


def test_name_before_takes_the_first_valid_cut():
    text = "组建成都交易集团"
    start = namespan.name_before(text, len(text), lambda n: n.endswith("集团") and len(n) >= 4)
    assert text[start:] == "成都交易集团"


def test_verbs_that_administer_or_rank_and_the_particle_ji_are_boundaries():
    for text, name in (("全面代管西咸新区", "西咸新区"), ("经济总量稳居国家级新区", "国家级新区"),
                       ("即湖南湘江新区", "湖南湘江新区")):
        start = namespan.name_before(text, len(text), lambda n: n.endswith("新区") and len(n) >= 4)
        assert start is not None and text[start:] == name


def test_a_name_after_a_plural_word_is_a_kind_and_names_nothing():
    for text in ("健全以各类自然公园", "建设一批创意街区", "完善各级行政服务中心"):
        assert namespan.name_before(text, len(text), lambda n: len(n) >= 4) is None


def test_a_division_name_jieba_tags_a_verb_stays_in_the_name():
    text = "支持保定国家数据标注基地"
    start = namespan.name_before(text, len(text), lambda n: len(n) >= 8)
    assert start is not None and text[start:] == "保定国家数据标注基地"


def test_hao_after_a_verb_is_its_complement_and_no_part_of_the_name():
    starts = _starts("实施好智慧湿地项目", "项目")
    assert "智慧湿地项目" in starts
    assert "好智慧湿地项目" not in starts


def test_a_negated_state_opens_no_name_but_a_word_with_bu_inside_a_name_stays():
    text = "两市结束不通高铁"
    start = namespan.name_before(text, len(text), lambda n: n.endswith("高铁") and len(n) >= 2)
    assert start is None or text[start:] == "高铁"
    text = "建设青禾不锈钢产业园"
    start = namespan.name_before(text, len(text), lambda n: n.endswith("产业园") and len(n) >= 5)
    assert start is not None and text[start:] == "青禾不锈钢产业园"


def test_a_function_word_opens_no_name_and_no_name_runs_on_left_of_it():
    # an adverbial adjective or a pronoun opens the stretch: the name starts after it
    text = "明确青禾园区"
    start = namespan.name_before(text, len(text), lambda n: n.endswith("园区") and len(n) >= 4)
    assert start is not None and text[start:] == "青禾园区"
    # what follows the pronoun names nothing, and the verb before it is not taken into a name either
    text = "力争使我市更多项目"
    assert namespan.name_before(text, len(text), lambda n: len(n) >= 5) is None
