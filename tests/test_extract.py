"""Report fields, narrative indicator mapping and consistency checks on whole documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from govie.extract import map_narrative, report_fields
from govie.io import from_markup, record_to_document
from govie.normalize import normalize
from govie.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "report_2022.txt").read_text(encoding="utf-8")


def marked(body: str):
    rec, text = from_markup("{}\n=====TEXT=====\n" + body)
    doc = record_to_document(rec, text)
    return normalize(text), list(doc.entities), list(doc.relations)


# (markup, era, expected {key: value}); phrasings of real reports, written for these tests
NARRATIVE = [
    ("全年{{METRIC#m:主动公开政府信息}}{{COUNT>m:近2万条}}。", "N14", {"pub_items_total": 20000}),
    ("通过门户网站{{METRIC#m:主动公开政务信息}}{{COUNT>m:664件}}。", "F21", {"pub_via_website": 664}),
    ("“某某发布”政务微博。全年{{METRIC#m:发布信息}}{{COUNT>m:300条}}。", "N14", {"pub_via_weibo": 300}),
    ("全年{{METRIC#m:收到政府信息公开申请}}{{COUNT>m:12件}}，已按时答复办结。", "F21",
     {"app_new_received__total": 12, "app_res_total__total": 12, "app_closed_on_time": 12}),
    ("{{METRIC#m:网络申请}}{{COUNT>m:39件}}，占{{PERCENT>m:88.6%}}。", "F21", {"app_ch_online": 39}),
    ("未发生{{METRIC:行政复议}}、{{METRIC:行政诉讼}}。", "F21", {"review_total": 0, "lit_all_total": 0}),
    ("本年度依申请公开政府信息没有{{METRIC:收取任何费用}}。", "N14", {"fee_legacy_collected": 0}),
    ("2022年未{{METRIC:收取信息处理费}}。", "F21", {"fee_proc_collected_amount": 0}),
    ("{{METRIC#m:召开新闻发布会}}{{COUNT>m:3场}}，{{METRIC#p:发布政策解读}}{{COUNT>p:15篇}}。", "F21",
     {"resp_press_conf": 3, "resp_policy_interpretations": 15}),
    # counts that the text says concern no disclosure matter are not disclosure indicators
    ("共{{METRIC#m:受理行政复议}}{{COUNT>m:3起}}，没有因政府信息公开而被提起的{{METRIC:行政复议}}。", "N14",
     {"review_total": 0}),
    ("{{METRIC#m:办理各项审批业务}}{{COUNT>m:13986件}}。", "L08", {}),
]


@pytest.mark.parametrize("markup,era,expected", NARRATIVE)
def test_narrative_mapping(markup, era, expected):
    norm, ents, rels = marked(markup)
    got = {v.key: v.value for v in map_narrative(norm, ents, rels, era)}
    assert got == expected
    for v in map_narrative(norm, ents, rels, era):
        assert norm.original[v.source.start:v.source.end] == v.raw


def test_report_fields_of_example():
    norm = normalize(EXAMPLE)
    meta = report_fields(norm, [], "F21")
    assert (meta.agency, meta.year, meta.published, meta.format, meta.script) == \
        ("临江县教育局", 2022, "2023-01-20", "national_2021", "hans")
    assert EXAMPLE[meta.agency_span[0]:meta.agency_span[1]] == "临江县教育局"


@pytest.mark.parametrize("text,agency,year", [
    ("平潭综合实验区\n2015年度政府信息公开工作年度报告\n正文", "平潭综合实验区", 2015),
    ("河北省教育厅2013年度政府信息公开总结\n正文", "河北省教育厅", 2013),
    ("2016年度政府信息公开工作年度报告\n正文。\n某市城市管理局\n2017年2月20日", "某市城市管理局", 2016),
    ("2017年高港区住房和城乡建设局信息公开年度报告\n本报告由泰州市高港区住房和城乡建设局编制。", "泰州市高港区住房和城乡建设局", 2017),
    ("株洲市蘆淞區人民政府2013年政府信息公開年度報告\n", "株洲市蘆淞區人民政府", 2013),
])
def test_agency_and_year(text, agency, year):
    meta = report_fields(normalize(text), [], None)
    assert (meta.agency, meta.year) == (agency, year)


def test_example_tables_and_silent_checks():
    doc = Pipeline(entities="rules").parse(EXAMPLE)
    ind = doc.indicators
    assert ind["app_new_received__total"].value == 12 and ind["app_new_received__total"].source.kind == "table"
    assert ind["t2_admin_fee_amount"].value == 12.5 and ind["t2_admin_fee_amount"].unit == "万元"
    assert ind["review_upheld"].value == 1
    assert doc.checks == ()  # the example table is consistent
    for v in ind.values():
        if v.source is not None and v.raw:
            assert EXAMPLE[v.source.start:v.source.end] == v.raw


def test_checks_fire_on_injected_error():
    broken = EXAMPLE.replace("（七）总计 | 10 | 1 | 0 | 0 | 1 | 0 | 12", "（七）总计 | 10 | 1 | 0 | 0 | 1 | 0 | 15")
    doc = Pipeline(entities="rules").parse(broken)
    rules = {c.rule for c in doc.checks}
    assert {"T3-01", "T3-02", "T3-03"} <= rules
    c = next(c for c in doc.checks if c.rule == "T3-03")
    assert "app_res_total__total" in c.keys and c.severity == "critical"


def test_generated_reports_checks():
    from training.synth.generate import generate

    nlp = Pipeline(entities="rules")
    clean = generate(6, 11, formats={"national_2021": 1}, shapes={"pipe": 1}, error_rate=0.0)
    for r in clean:
        assert not [c for c in nlp.parse(r["text"]).checks if c.rule.startswith(("T3", "T4"))], r["id"]
    broken = [r for r in generate(40, 12, formats={"national_2021": 1}, shapes={"pipe": 1}, error_rate=1.0)
              if any(e["key"].startswith(("app_", "review_", "lit_")) for e in r.get("injected_errors", []))]
    assert broken
    for r in broken[:6]:
        keys = {k for c in nlp.parse(r["text"]).checks for k in c.keys}
        assert any(e["key"] in keys for e in r["injected_errors"]), r["id"]
