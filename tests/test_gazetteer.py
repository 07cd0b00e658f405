"""Department and place names (govie.gazetteer) and the rules' AGENCY spans built on them."""

from __future__ import annotations

import pytest

from govie.gazetteer import NATIONAL, agency_spans, department_rows, division_rows, with_document_places
from govie.normalize import normalize
from govie.ner.postprocess import rule_agencies
from govie.rules import find_entities, find_spans


def _names(text: str) -> list[str]:
    return [text[s:e] for s, e in agency_spans(text)]


@pytest.mark.parametrize("text, expected", [
    # a name with 和 / 与 inside is one name, with its place
    ("特此印发湛江市住房和城乡建设局2024年报告", ["湛江市住房和城乡建设局"]),
    ("河北省人力资源和社会保障厅网站", []),                                # a website, not the organ
    ("报请河北省工业和信息化厅审核", ["河北省工业和信息化厅"]),
    ("河北省邢台市教育局", ["河北省邢台市教育局"]),                          # places chain
    ("河北省教育厅编制", ["河北省教育厅"]),                                  # 河北 + the short form 省教育厅
    ("经巴音郭楞蒙古自治州教育局审核", ["巴音郭楞蒙古自治州教育局"]),            # a place name of 9 characters
    ("市住建局、区政务服务中心", ["市住建局", "区政务服务中心"]),               # one-character level prefix
    # divisions: with the organ before them, after a prefix, or after a clause boundary
    ("请与湛江市住房和城乡建设局办公室联系", ["湛江市住房和城乡建设局办公室"]),
    ("由局办公室、政务公开和信息科负责", ["局办公室", "政务公开和信息科"]),
    ("我局办公室负责", ["办公室"]),                                        # pronoun + division
    ("我区管委会办公室负责日常工作", ["管委会办公室"]),                      # pronoun + a government's office
    ("由本县政府办公室负责", ["政府办公室"]),
    ("我区政府高度重视", []),                                              # the government itself: a pronoun's
    ("全区管委会办公室", []),                                              # every one
    ("领导小组办公室设在", []),                                            # the tail of a longer name
    ("由办公室人员兼职", []),                                              # not the organ
    # bare organ names: only coordinated with a named one, or in a list of names
    ("县档案馆、图书馆", ["县档案馆", "图书馆"]),
    ("强化档案馆、图书馆等场所", []),
    ("依托档案馆、图书馆、行政服务中心等查阅场所", []),
    ("全市教育局", []),
    ("公开信息量较大部门是教育局、公安局、工商局等。", ["教育局", "公安局", "工商局"]),
    ("公开信息较多的是教育局和公安局", []),  # 和 alone: not a list
    ("教育局长、公安局长", []),
    # governments and national organs
    ("按照党中央、国务院和省委、省政府部署", ["党中央", "国务院", "省委", "省政府"]),
    ("县政府办公室", ["县政府办公室"]),
    ("全市政府信息公开工作", []),
    ("国务院令第711号", []),
    ("财政部门批复的预算", []),
    ("教育局长", []),
    ("县档案馆和县图书馆", ["县档案馆", "县图书馆"]),                      # 和县 is a county, but not here
    ("按照中央及省委、省政府部署", ["中央", "省委", "省政府"]),              # 中央 beside another name
    ("将按照中央和省政府要求", ["中央", "省政府"]),
    ("用好中央财政资金，落实中央八项规定", []),
    ("乡镇(街道)便民服务中心和县图书馆", ["县图书馆"]),
    # a government's offices are one name; its meetings, system and staff are not the organ
    ("联合市政府新闻办公室举行新闻发布会", ["市政府新闻办公室"]),
    ("报省政府法制办备案，县政府督查室督查", ["省政府法制办", "县政府督查室"]),
    ("请与县政务公开办公室联系", ["县政务公开办公室"]),
    ("县政府常务会议审议，县政府各部门、区政府系统和市政府秘书长", []),
    # 会同 is a county (会同县) and a verb: as a verb it is no place
    ("我局会同市政府新闻办召开", ["市政府新闻办"]),
    ("我局会同县人力资源和社会保障局公开招聘", ["县人力资源和社会保障局"]),
    ("会同县教育局", ["会同县教育局"]),
    # towns; and a level prefix after another level character is every such body
    ("镇党政办公室、乡便民服务中心", ["镇党政办公室", "乡便民服务中心"]),
    ("所在县区财政局、各乡镇人民政府", []),
    # the party committee's working organs are named by the committee; the tax bureaus (vertically managed)
    ("并会同省委组织部等6部门制定", ["省委组织部"]),
    ("我厅与省委外宣局联合举办", ["省委外宣局"]),
    ("县委办、县政府办联合印发", ["县委办", "县政府办"]),
    ("围绕区党工委宣传部的部署", ["区党工委宣传部"]),
    ("量较大的是区公安局、国家税务局等", ["区公安局", "国家税务局"]),
    ("省财政厅、省税务局等部门", ["省财政厅", "省税务局"]),
    ("由县地方税务局办公室负责", ["县地方税务局办公室"]),
    # 市场监督管理局 opens with a word, not with the level character 市: the level before it is its own
    ("省市场监督管理局发布", ["省市场监督管理局"]),
    ("河北省市场监督管理局发布", ["河北省市场监督管理局"]),
    ("由县市场监管局负责", ["县市场监管局"]),
    ("", []),
])
def test_agency_spans(text, expected):
    assert _names(text) == expected


def test_spans_are_sorted_and_disjoint():
    text = "河北省教育厅、省财政厅和湛江市住房和城乡建设局办公室，县政府、县档案馆、图书馆" * 3
    spans = agency_spans(text)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_tables_read():
    rows = department_rows()
    assert rows and all(len(r) == 9 for r in rows)
    assert {r[0] for r in rows} == {"dept", "inst", "internal", "vertical"}
    assert ("河北省", "邢台市", "") in division_rows()
    assert "国务院" in NATIONAL


@pytest.mark.parametrize("text, agency", [
    ("湛江市住房和城乡建设局2024年政府信息公开工作年度报告", "湛江市住房和城乡建设局"),
    ("湛江市住房和城鄉建設局2024年政府信息公開工作年度報告", "湛江市住房和城鄉建設局"),  # traditional script
    ("由河北省人力资源和社会保障厅负责", "河北省人力资源和社会保障厅"),
    # national organs, of today and of before the 2018 reform, and their general offices
    ("按照国务院办公厅政府信息与政务公开办公室的部署", "国务院办公厅政府信息与政务公开办公室"),
    ("11月，环境保护部办公厅印发《建设项目环境影响评价政府信息公开指南（试行）》", "环境保护部办公厅"),
    ("原国家环境保护总局发布的《环境信息公开办法（试行）》", "国家环境保护总局"),
    ("衛生部公佈《醫療衛生服務單位信息公開管理辦法（試行）》後", "衛生部"),
    # bodies of before the 2018 reform and of every year that the tables had missed, and divisions after 下设
    ("按照县编办统一部署", "县编办"),
    ("由市卫生局负责", "市卫生局"),
    ("必要时请县法制办把关", "县法制办"),
    ("我局下设政务公开科", "政务公开科"),
    ("文前由起草单位和政务公开科双重审查", "政务公开科"),
])
def test_rules_take_the_whole_name(text, agency):
    norm = normalize(text)
    found = [text[slice(*norm.to_original(s, e))] for s, e, lab in find_spans(norm.text) if lab == "AGENCY"]
    assert found == [agency]


def _placed(text: str) -> list[str]:
    return [text[s:e] for s, e, lab in with_document_places(text, find_spans(text)) if lab == "AGENCY"]


@pytest.mark.parametrize("text, expected", [
    # 岚溪 is in no list: the document names it at a name position, so its bodies take it
    ("岚溪县人民政府2019年政府信息公开工作年度报告\n由岚溪县人民政府办公室负责",
     ["岚溪县人民政府", "岚溪县人民政府办公室"]),
    ("岚溪县人民政府\n岚溪县教育局、岚溪县卫生健康局", ["岚溪县人民政府", "岚溪县教育局", "岚溪县卫生健康局"]),
    ("单位：岚溪县人民政府。岚溪县教育局", ["岚溪县人民政府", "岚溪县教育局"]),          # after a colon
    ("《岚溪县人民政府关于…》，岚溪县人民政府办公室", ["岚溪县人民政府办公室"]),          # after 《 (the TITLE holds the first)
    # never at a name position: not taken
    ("根据岚溪县人民政府要求", ["县人民政府"]),
    ("发布岚溪县人民政府文件，岚溪县人民政府办公室", ["县人民政府", "县人民政府办公室"]),
    # verbs and zone words before a level character are no place
    ("根据县人民政府\n根据县人民政府要求", ["县人民政府", "县人民政府"]),
    ("高新区管委会\n高新区管委会办公室", ["区管委会", "区管委会办公室"]),
    ("我们的县人民政府\n我们的县人民政府", ["县人民政府", "县人民政府"]),                # 的 is no place character
    # zones: a zone word before 区
    ("汀澜经济开发区管理委员会2015年报告\n汀澜经济开发区管理委员会办公室", ["汀澜经济开发区管理委员会", "汀澜经济开发区管理委员会办公室"]),
    ("平潭综合实验区管委会\n经平潭综合实验区管委会批准", ["平潭综合实验区管委会", "平潭综合实验区管委会"]),
    ("沄水乡人民政府\n沄水乡人民政府编制了本报告", ["沄水乡人民政府", "沄水乡人民政府"]),
    # an organ's own document confirms its place: the number opens with one of the place's characters
    ("根据云岭省人民政府办公厅《关于做好2017年政务公开工作的通知》（云政办函〔2017〕41号）",
     ["云岭省人民政府办公厅"]),
    ("根据云岭省气象局《关于全面推进政务公开工作的实施意见》（岭气发〔2016〕42号）", ["云岭省气象局"]),
    ("按照岚川市教育局印发的《2014年政务公开工作要点》（岚教办〔2014〕21号）", ["岚川市教育局"]),
    ("根据云岭省人民政府办公厅《通知》（临政发〔2017〕4号）", ["省人民政府办公厅"]),   # another place's number
    ("根据云岭省人民政府办公厅《通知》要求", ["省人民政府办公厅"]),                  # no number
    ("按照县政府《通知》（按政发〔2018〕1号）", ["县政府"]),                          # 按照 is no place
    ("", []),
])
def test_document_places(text, expected):
    assert _placed(text) == expected


def test_document_places_stop_at_the_span_before():
    text = "岚溪县人民政府\n2019年岚溪县教育局"
    spans = [(0, 7, "AGENCY"), (8, 15, "DATE"), (15, 19, "AGENCY")]  # a DATE that ends inside the place
    assert [text[s:e] for s, e, _ in with_document_places(text, spans)] == ["岚溪县人民政府", "2019年岚溪", "县教育局"]


def test_rule_entities_and_model_agencies_take_the_document_places():
    text = "岚溪县人民政府2019年政府信息公开工作年度报告\n岚溪县教育局发布12条"
    assert [e.text for e in find_entities(text) if e.label == "AGENCY"] == ["岚溪县人民政府", "岚溪县教育局"]
    count = (text.index("12条"), text.index("12条") + 3, "COUNT", 0.9)
    got = rule_agencies(text, [count])
    assert [(text[s:e], src) for s, e, lab, _, src in got] == [
        ("岚溪县人民政府", "rule"), ("岚溪县教育局", "rule"), ("12条", "model")]
    # where the place is taken by a model span, the rule's AGENCY keeps its own start
    place = (text.index("\n") + 1, text.index("\n") + 3, "PERSON", 0.5)
    got = rule_agencies(text, [place, count])
    assert [text[s:e] for s, e, lab, *_ in got if lab == "AGENCY"] == ["岚溪县人民政府", "县教育局"]
