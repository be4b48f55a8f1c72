"""Portal metadata, page chrome and spam: whole lines out, report sentences untouched."""

from __future__ import annotations

import pytest

from explorer.core.clean.chrome import classify, remove_chrome
from explorer.core.clean.portal import extract_portal, field_name, parse_field_line, portal_fields
from explorer.core.clean.spam import is_spam_line, load_lexicon, remove_spam

# --- portal ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "name"),
    [("索 引 號", "索引号"), ("信息索引號", "索引号"), ("發布機構", "发布机构"), ("生成日期", "生成日期"),
     ("文件編號", "文件编号"), ("來源", "来源"), ("责任编辑", "责任编辑"), ("总体要求", None)],
)
def test_field_names_are_normalized(key, name):
    assert field_name(key) == name


def test_key_value_lines_and_pipe_rows():
    assert parse_field_line("發布機構:常州市人民政府 |") == [("发布机构", "常州市人民政府")]
    assert parse_field_line("文件編號: |") == [("文件编号", "")]
    assert parse_field_line("信息索引號 | 014006438/2021-00798 | 生成日期 | 2021-02-18 |") == [
        ("索引号", "014006438/2021-00798"), ("生成日期", "2021-02-18")]
    assert parse_field_line("文件編號 | — — | 發布機構 | 無錫市發展和改革委員會 | ||") == [
        ("文件编号", ""), ("发布机构", "無錫市發展和改革委員會")]


@pytest.mark.parametrize(
    "line",
    [
        "政府工作的總體要求是:堅持以習近平新時代中國特色社會主義思想為指導。",
        "指标 | 2020年 | 2021年",  # a real table in a report body
        "来源:国家统计局数据显示,全年增长5.2%。",  # a sentence, not a field
    ],
)
def test_body_lines_are_not_portal_fields(line):
    assert parse_field_line(line) is None


def test_value_on_the_next_line():
    text, steps = extract_portal("报告正文。\n来源:\n四川日报\n责任编辑：\n\n李莎莎\n下文。")
    assert text == "报告正文。\n下文。"
    assert portal_fields(steps) == {"来源": "四川日报", "责任编辑": "李莎莎"}


def test_table_frames_go():
    text, steps = extract_portal("正文。\n|\n|----\n正文二。")
    assert text == "正文。\n正文二。"
    assert [s.kind for s in steps] == ["chrome_line", "chrome_line"]


# --- chrome ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["首頁 新聞中心 鎮江新聞 - 要聞", "返回首頁", "返回顶部", "相關新聞", "打印本页", "关闭窗口",
     "相关附件>>", "分享：", "掃一掃在手機打開當前頁 ", "文字大小: [ 大 中 小 ] 瀏覽次數:",
     "2022-03-07 04:23", "2026年02月10日 07时41分", "downLoad-20220307042218", "Public domain",
     "abcd39f1fb7f426d9dfb6bd0fa1f2146:", "3月1日,市長代表市政府做政府工作報告。 謝道韞 攝",
     "（责任编辑：王小明）"],
)
def test_chrome_lines(line):
    assert classify(line) is not None


@pytest.mark.parametrize(
    "line",
    ["各位代表：", "一、2023年工作回顾", "2026年2月3日在四川省第十四届人民代表大会第五次会议上",
     "大", "名词解释", "1.", "PM2.5", "GDP", "返回首页的链接由各部门负责维护，确保群众便捷访问。",
     "区长 李超鲲", "四川省人民政府省长 施小琳"],
)
def test_report_lines_are_not_chrome(line):
    assert classify(line) is None


def test_font_widget_broken_over_lines():
    text, steps = remove_chrome("标题\n【字体：\n大\n中\n小\n】\n分享：\n正文大中小。")
    assert text == "标题\n正文大中小。"
    assert len(steps) == 6


def test_related_links_take_their_headline():
    text, _ = remove_chrome("正文。\nabcd39f1fb7f426d9dfb6bd0fa1f2146:\n某某新闻标题\n打印本页")
    assert text == "正文。"


def test_teaser_after_footer_goes_but_new_text_stays():
    body = "2026年某省政府工作报告\n各位代表：现在，我代表省人民政府，向大会报告工作。\n正文到此结束。"
    page = body + "\n扫一扫在手机打开当前页\n2026年某省政府工作报告\n各位代表：现在，我代表省人民政府，向大会报告工作。\n附：一份新的说明文字。"
    text, steps = remove_chrome(page)
    assert text == body + "\n附：一份新的说明文字。"
    assert [s.kind for s in steps].count("duplicate_line") == 2


def test_page_time_becomes_metadata():
    _, steps = remove_chrome("标题\n2022-03-07 04:23\n正文。")
    assert [(s.field, s.value) for s in steps] == [("发布时间", "2022-03-07 04:23")]


def test_site_licence_notice_at_the_end():
    text, _ = remove_chrome("正文。\n本作品是中华人民共和国的\n法律\n、\n法规\n，…属于\n公有领域\n。\nPublic domain")
    assert text == "正文。"


# --- spam -----------------------------------------------------------------------------------

LEX = load_lexicon()


def test_link_farm_line_is_spam():
    line = "4hc44四虎www在线影院,亚洲精品国产自在现线看,精品无码AV无码专区,俺去俺来也在线www色官网"
    assert is_spam_line(line, LEX)


@pytest.mark.parametrize(
    "line",
    ["加强成人教育和老年教育，丰富群众文化生活。", "严厉打击赌场和网络博彩等违法犯罪活动。",
     "支持香港、澳门发展经济、改善民生。", "推进国产化替代，发展高清视频产业。"],
)
def test_report_sentences_with_spam_words_stay(line):
    assert not is_spam_line(line, LEX)


def test_injected_spam_names_are_cut():
    text, steps = remove_spam("四、聚焦提供优质高效澳门万博体育网站\n办实事\n支持澳门特区政府。")
    assert text == "四、聚焦提供优质高效\n办实事\n支持澳门特区政府。"
    assert [(s.kind, s.before) for s in steps] == [("spam_word", "澳门万博体育网站")]


def test_injected_spam_names_in_traditional_script():
    text, _ = remove_spam("聚焦提供優質高效澳門萬博體育網站辦實事")
    assert text == "聚焦提供優質高效辦實事"


def test_lexicon_format():
    lex = load_lexicon("# c\n[inline]\n坏网站名\n[line]\n甲\n乙\n")
    assert lex.inline == ("坏网站名",) and lex.line == frozenset({"甲", "乙"})


def test_header_summary_may_be_a_sentence():
    text, steps = extract_portal("索引号:123/2021-1\n内容概述:本文件明确了全年目标。\n正文第一句。\n内容概述:这是正文里的句子。")
    assert portal_fields(steps) == {"索引号": "123/2021-1", "内容概述": "本文件明确了全年目标。"}
    assert text == "正文第一句。\n内容概述:这是正文里的句子。"


@pytest.mark.parametrize("line", ["上一篇：关于做好春节期间工作的通知", "false", "null-value", "CC BY 4.0"])
def test_more_chrome(line):
    assert classify(line) is not None


def test_english_title_is_not_chrome():
    assert classify("Report on the Work of the Government") is None
