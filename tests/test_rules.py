"""The rules' COUNT spans (govie.rules.find_spans): a number with its measure word, not a duration or an ordinal."""

from __future__ import annotations

import pytest

from govie.rules import find_spans


@pytest.mark.parametrize("text, expected", [
    ("受理申请58件", ["58件"]),
    ("其中专职4人，其余17人为兼职", ["4人", "17人"]),   # an Arabic count before 为
    ("其中5件为依申请公开", ["5件"]),
    ("三个为民", []),                                  # a numeral word before 为
    ("两个为主", []),
    ("在20个工作日内答复", []),                         # durations
    ("历时3个月", []),
    ("第3件", []),                                     # an ordinal
    ("举办培训班两期", ["两期"]),
    ("", []),
])
def test_count_spans(text, expected):
    assert [text[s:e] for s, e, lab in find_spans(text) if lab == "COUNT"] == expected


@pytest.mark.parametrize("text, expected", [
    ("由县政府办公室负责", ["县政府办公室"]),
    ("此外，法规宣教股和政策法规科", ["法规宣教股", "政策法规科"]),
    # generic plurals and sentences run into a name: none
    ("并逐项明确责任处室和完成时限", []),
    ("汇总厅机关各处室意见", []),
    ("数字均不含各县区财政局。", []),
    ("被申请人为市州水利局，未计入", []),
    ("已告知申请人向市州水利局提出。", []),               # 市州, 乡镇: every city's, every town's
    ("各乡镇卫生院、", []),
    # the words before the name: cut after the last one that the place follows, never inside a name
    ("已告知申请人向市劳动和社会保障局。", ["市劳动和社会保障局"]),       # not after the 请 of 申请
    ("即县环境与规划局、商务发展局", ["县环境与规划局"]),                   # 与 inside the name
    ("今年明确党政办公室、", ["党政办公室"]),
    ("局里下设县环境监测站，", ["县环境监测站"]),
    ("以下简称省卫生计生委）", ["省卫生计生委"]),
    ("临江县教育和体育局，", ["临江县教育和体育局"]),
    ("规划建设与管理处，", ["规划建设与管理处"]),
    # the other bodies of a list that names one
    ("试点单位为县公安局、产业促进局、民生事务局、林权交易中心和便民咨询中心。",
     ["县公安局", "产业促进局", "民生事务局", "林权交易中心", "便民咨询中心"]),
    ("产业促进局、民生事务局、林权交易中心", []),                 # a list that names no body the rules know
    ("教育、卫生、民政、公安等部门", []),
])
def test_agency_spans_of_the_rules(text, expected):
    assert [text[s:e] for s, e, lab in find_spans(text) if lab == "AGENCY"] == expected


@pytest.mark.parametrize("text, kept", [
    ("主办单位：临江县人民政府办公室　承办单位：临江县信息中心", []),
    ("主办：临江县人民政府办公室", []),
    ("版权所有：桐岚市财政局　　技术支持：桐岚市信息中心", []),
    ("临江县信息中心　岭ICP备05001234号", []),
    ("© 2020 信阳市城市管理局", []),
    ("临江县信息中心　澄公网安备 41150202000123号", []),
    # prose that names the same words: kept
    ("为群众提供技术支持，协调临江县信息中心", ["临江县信息中心"]),
    ("由临江县人民政府办公室主办", ["临江县人民政府办公室"]),
])
def test_a_page_footer_has_no_entities(text, kept):
    from govie.normalize import normalize
    from govie.rules import without_furniture

    norm = normalize(text).text
    spans = [sp for sp in find_spans(norm) if sp[2] == "AGENCY"]
    assert [norm[s:e] for s, e, _ in without_furniture(norm, spans)] == kept


def test_the_pipeline_drops_the_entities_of_a_page_footer():
    import govie

    text = "2015年，我局主动公开政府信息32条。\n主办单位：临江县人民政府办公室　承办单位：临江县信息中心\n"
    doc = govie.parse(text)
    footer = text.index("主办单位")
    assert [e.text for e in doc.entities if e.start >= footer] == []
    assert any(e.text == "32条" for e in doc.entities)


@pytest.mark.parametrize("text, label, expected", [
    # 以上 / 左右 after a percentage are inside it, as after a count's measure word (GUIDELINES 2026-11-23)
    ("按时答复率达到98%以上。", "PERCENT", ["98%以上"]),
    ("满意率约95%左右", "PERCENT", ["约95%左右"]),
    ("达到百分之百", "PERCENT", ["百分之百"]),
    # decree numbers are DOCNUM, with the issuer, after the words that cite them
    ("《条例》（国务院令第492号）", "DOCNUM", ["国务院令第492号"]),
    ("根据省政府令第9号要求", "DOCNUM", ["省政府令第9号"]),
    ("办法》(省政府令【2008】第9号)等", "DOCNUM", ["省政府令【2008】第9号"]),
    ("规定》（云岭省人民政府令第152号）", "DOCNUM", ["云岭省人民政府令第152号"]),
    ("学习教育部令第29号", "DOCNUM", ["教育部令第29号"]),
    ("第3号令", "DOCNUM", []),
    # an amount needs a numeral: 万元 alone is a unit (单位：万元)
    ("收费金额（单位：万元）", "MONEY", []),
    ("收取费用三万元", "MONEY", ["三万元"]),
    ("收取费用1.5万元", "MONEY", ["1.5万元"]),
])
def test_percent_decree_and_money_spans(text, label, expected):
    assert [text[s:e] for s, e, lab in find_spans(text) if lab == label] == expected
