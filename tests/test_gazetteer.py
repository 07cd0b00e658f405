"""Department and place names (govie.gazetteer) and the rules' AGENCY spans built on them."""

from __future__ import annotations

import pytest

from govie.gazetteer import NATIONAL, agency_spans, department_rows, division_rows
from govie.normalize import normalize
from govie.rules import find_spans


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
    assert {r[0] for r in rows} == {"dept", "inst", "internal"}
    assert ("河北省", "邢台市", "") in division_rows()
    assert "国务院" in NATIONAL


@pytest.mark.parametrize("text, agency", [
    ("湛江市住房和城乡建设局2024年政府信息公开工作年度报告", "湛江市住房和城乡建设局"),
    ("湛江市住房和城鄉建設局2024年政府信息公開工作年度報告", "湛江市住房和城鄉建設局"),  # traditional script
    ("由河北省人力资源和社会保障厅负责", "河北省人力资源和社会保障厅"),
])
def test_rules_take_the_whole_name(text, agency):
    norm = normalize(text)
    found = [text[slice(*norm.to_original(s, e))] for s, e, lab in find_spans(norm.text) if lab == "AGENCY"]
    assert found == [agency]
