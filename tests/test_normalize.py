"""Normalisation: width folding, OCR spaces, broken lines, web-page chrome, OCR 十 → +, and the offset map."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from policykg.extract.document import original_span
from policykg.extract.normalize import fold_width, is_boilerplate, normalize_text

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "reports").glob("*.txt"))

WEB_PAGE = (
    "首页 > 政务公开 > 政府工作报告\n"
    "当前位置：首页 > 政务公开\n"
    "【字号：大 中 小】\n"
    "来源：菏泽市人民政府  发布时间：2024-01-25 09:30\n"
    "浏览次数：1234\n"
    "政府工作报告\n"
    "——2024年1月17日在牡丹区第十九届人民代表大会第三次会议上\n"
    "各位代表：\n"
    "　　过去的一年，我们推进“互联网十”行动。\n"
    "【打印本页】【关闭窗口】\n"
    "扫一扫在手机打开当前页\n"
    "下载\n"
    "打印\n"
    "分享到：\n"
    "版权所有：菏泽市人民政府办公室  鲁ICP备05000000号\n"
)

OCR_COPY = (
    "政 府 工 作 报 告\n\n"
    "各 位 代 表 ：\n\n"
    "一、2023 年 工 作 回 顾\n\n"
    "全 年 地 区 生 产 总 值 增 长 6.5% ， 形 成 了 “管 委 会 十 运 营 公 司” 模 式 ， 实 施 制 造 业 技 改 投 资\n\n"
    "- 3 -\n\n"
    "增 长 109% 。 打 造 十 大 产 业 链 ， 意 义 十 分 重 大 。"
)


def _check_map(original: str, text: str, to_original: list[int]) -> None:
    """Every normalised character comes from one original character, in order."""
    assert len(to_original) == len(text) + 1
    assert to_original[-1] == len(original)
    assert all(a < b for a, b in itertools.pairwise(to_original[:-1]))
    for i, ch in enumerate(text):
        src = original[to_original[i]]
        if ch == "\n" or (ch == " " and src in "\r\n"):
            assert src in "\r\n\u2028\u2029\x85", (i, ch, src)
        elif ch == "+" and src == "十":
            continue
        else:
            assert fold_width(src) == ch or (ch == " " and src.isspace()), (i, ch, src)


def test_full_width_ascii_is_folded() -> None:
    text, offsets = normalize_text("ＧＤＰ增长６．５％，Ｍａｄｅ　ｉｎ　Ｃｈｉｎａ！")
    assert text == "GDP增长6.5%,Made in China!"
    assert offsets == list(range(len(text) + 1))  # folding keeps every character in place


def test_ocr_spaces_and_a_page_break_inside_a_sentence() -> None:
    text, offsets = normalize_text(OCR_COPY)
    assert text.split("\n") == [
        "政府工作报告",
        "各位代表:",
        "一、2023年工作回顾",
        "全年地区生产总值增长6.5%,形成了“管委会+运营公司”模式,实施制造业技改投资增长109%。打造十大产业链,意义十分重大。",
    ]
    _check_map(OCR_COPY, text, offsets)


def test_a_web_page_loses_its_chrome() -> None:
    text, offsets = normalize_text(WEB_PAGE)
    assert text.split("\n") == [
        "政府工作报告",
        "——2024年1月17日在牡丹区第十九届人民代表大会第三次会议上",
        "各位代表:",
        "过去的一年,我们推进“互联网+”行动。",
    ]
    _check_map(WEB_PAGE, text, offsets)


@pytest.mark.parametrize("line", ["数据来源于统计局。", "下载量增长20%。", "打印机产业园投产。", "2023"])
def test_report_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("形成“管委会十运营公司十经营主体”模式", "形成“管委会+运营公司+经营主体”模式"),
        ("推进“互联网十”行动", "推进“互联网+”行动"),
        ("做实\"文旅十\"品牌", "做实\"文旅+\"品牌"),
        ("依托\"4十3\"主导产业", "依托\"4+3\"主导产业"),
        ("发展5G十工业互联网", "发展5G+工业互联网"),
        ("推广“公司十合作社十农户”模式", "推广“公司+合作社+农户”模式"),
        # a numeral stays a numeral
        ("实施“十四五”规划", "实施“十四五”规划"),
        ("第十九届人民代表大会", "第十九届人民代表大会"),
        ("围绕十大产业链", "围绕十大产业链"),
        ("意义十分重大", "意义十分重大"),
        ("加速“脱后十”", "加速“脱后十”"),
        ("占百分之十", "占百分之十"),
        ("湖北十堰", "湖北十堰"),
        ("出台“锂电十条”", "出台“锂电十条”"),
        ("建设红十字会", "建设红十字会"),
        ("民营企业十强", "民营企业十强"),
        ("新增企业十余家", "新增企业十余家"),
        ("开展“十园区”评比", "开展“十园区”评比"),
    ],
)
def test_ocr_ten_is_a_plus_only_in_a_plus_context(before: str, after: str) -> None:
    assert normalize_text(before)[0] == after


def test_headings_the_title_block_and_the_salutation_are_not_joined() -> None:
    original = (
        "## 政府工作报告\n"
        "——2024年1月17日在济南市钢城区第十九届\n"
        "人民代表大会第三次会议上\n"
        "济南市钢城区人民政府区长  程学锋\n\n"
        "#### 各位代表:\n"
        "一、2023年工作回顾\n"
        "（一）着力推进转型升级，发展质量稳步提升\n"
        "经济运行持续向好。全年地区生产总值增长3.8%，实施工业项目153个，工业技改项目\n"
        "102个，分别完成投资69.6亿元。一是\n"
        "城市功能日趋完备\n"
        "#### **四、全面加强政府自身建设**\n"
        "打铁还须自身硬！\r\n"
    )
    text, offsets = normalize_text(original)
    assert text.split("\n") == [
        "政府工作报告",
        "——2024年1月17日在济南市钢城区第十九届",
        "人民代表大会第三次会议上",
        "济南市钢城区人民政府区长程学锋",
        "各位代表:",
        "一、2023年工作回顾",
        "(一)着力推进转型升级,发展质量稳步提升",
        "经济运行持续向好。全年地区生产总值增长3.8%,实施工业项目153个,工业技改项目102个,分别完成投资69.6亿元。一是城市功能日趋完备",
        "四、全面加强政府自身建设",
        "打铁还须自身硬!",
    ]
    _check_map(original, text, offsets)


def test_control_and_zero_width_characters_are_dropped() -> None:
    original = "\ufeff推进\u200b项目\x07建设。\u00a0\n"
    text, offsets = normalize_text(original)
    assert text == "推进项目建设。"
    _check_map(original, text, offsets)


def test_latin_words_keep_their_spaces_and_joined_latin_lines_get_one() -> None:
    text, _ = normalize_text("打造 Made in China 品牌,建设高标准的 smart\ncity 示范区。")
    assert text == "打造Made in China品牌,建设高标准的smart city示范区。"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_offset_map_of_each_example(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    text, offsets = normalize_text(original)
    _check_map(original, text, offsets)
    assert "#" not in text and "**" not in text and "  " not in text
    assert normalize_text(text)[0] == text  # normalising twice changes nothing


def test_spans_map_back_to_the_original() -> None:
    original = "政 府 工 作 报 告\n推进 “管 委 会 十 运 营 公 司” 模式。"
    text, offsets = normalize_text(original)
    start = text.index("管委会+运营公司")
    end = start + len("管委会+运营公司")
    o_start, o_end = original_span(offsets, start, end)
    assert original[o_start:o_end] == "管 委 会 十 运 营 公 司"
    assert original_span(offsets, 0, 0) == (0, 0)
