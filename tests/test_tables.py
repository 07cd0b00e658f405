"""The table reader: every shape real text takes, label matching after normalization, and the
rule that run-together cells are split only where the table identities make the split unique."""

from __future__ import annotations

import pytest

from govie.normalize import normalize
from govie.tables import read_tables, tokenize

# A small national-2021 section written for these tests (Table 2 and Table 4; Table 3 below).
T2_ROWS = [("规章", [0, 0, 3]), ("行政规范性文件", [5, 17, 159])]


def _t2(sep: str) -> str:
    head = sep.join(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    rows = "\n".join(sep.join([label] + [str(v) for v in vals]) for label, vals in T2_ROWS)
    return f"二、主动公开政府信息情况\n第二十条第（一）项\n{head}\n{rows}\n第二十条第（五）项\n信息内容{sep}本年处理决定数量\n行政许可{sep}6267\n"


T3_HEAD = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
# new 12, carried 2, granted 9, partial 1, not held 3, total 13, forward 1 (natural person / total only)
T3_ROWS = [("一、本年新收政府信息公开申请数量", 12), ("二、上年结转政府信息公开申请数量", 2), ("（一）予以公开", 9),
           ("（二）部分公开", 1), ("1.属于国家秘密", 0), ("1.本机关不掌握相关政府信息", 3), ("（七）总计", 13),
           ("四、结转下年度继续办理", 1)]


def _t3(render) -> str:
    return T3_HEAD + "\n".join(render(label, [v, 0, 0, 0, 0, 0, v]) for label, v in T3_ROWS) + "\n五、存在的主要问题\n"


SHAPES = {
    "pipe": lambda label, vals: " | ".join([label] + [str(v) for v in vals]),
    "tab": lambda label, vals: "\t".join([label] + [str(v) for v in vals]),
    "cell_line": lambda label, vals: "\n".join([label] + [str(v) for v in vals]),
    "aligned": lambda label, vals: label + "   " + "   ".join(str(v) for v in vals),
    "markdown": lambda label, vals: "| " + " | ".join([label] + [str(v) for v in vals]) + " |",
    "glued": lambda label, vals: label + "".join(str(v) for v in vals),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_table3_in_every_shape(shape):
    text = _t2(" | ") + _t3(SHAPES[shape])
    values = {v.key: v for v in read_tables(normalize(text))[0]}
    assert values["app_new_received__natural_person"].value == 12
    assert values["app_res_total__total"].value == 13
    assert values["app_carried_forward__total"].value == 1
    assert values["app_res_unable_not_held__commercial_enterprise"].status == "reported_zero"
    for v in values.values():  # every offset indexes the original text
        assert text[v.source.start:v.source.end] == v.raw or v.status in ("unresolved", "blank")


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_table2(sep):
    text = _t2(sep)
    values = {v.key: v.value for v in read_tables(normalize(text), era="F21")[0]}
    assert values["t2_normdocs_issued"] == 5 and values["t2_normdocs_in_force"] == 159
    assert values["t2_rules_in_force"] == 3 and values["t2_license_decisions"] == 6267


def test_traditional_script_labels():
    text = normalize("x").original  # noqa: F841 - keep normalize imported for clarity
    trad = (_t2(" | ") + _t3(SHAPES["pipe"])).replace("规范性文件", "規範性文件").replace("申请", "申請") \
        .replace("结转", "結轉").replace("总计", "總計").replace("处理", "處理")
    values = {v.key: v for v in read_tables(normalize(trad))[0]}
    assert values["app_carried_over_in__total"].value == 2
    assert values["t2_normdocs_repealed"].value == 17
    v = values["app_res_total__natural_person"]
    assert trad[v.source.start:v.source.end] == "13"


# (description, row text after the label, expected cells or "unresolved")
RUN_TOGETHER = [
    ("all zeros, one reading", "0000000", [0, 0, 0, 0, 0, 0, 0]),
    ("unique by row sum", "3101005", [3, 1, 0, 1, 0, 0, 5]),
    # 1|2|1|0|10|0|14, 1|2|10|1|0|0|14 and 12|1|0|1|0|0|14 all satisfy the row sum: nothing is guessed
    ("ambiguous by row sum", "121010014", [None, None, None, None, None, 0, 14]),  # other_org is 0 in all three
]


@pytest.mark.parametrize("desc,digits,cells", RUN_TOGETHER, ids=[c[0] for c in RUN_TOGETHER])
def test_run_together_rows_split_only_when_unique(desc, digits, cells):
    text = T3_HEAD + "一、本年新收政府信息公开申请数量" + digits + "二、上年结转政府信息公开申请数量0000000" + \
        "四、结转下年度继续办理0000000\n"
    values = {v.key: v for v in read_tables(normalize(text), era="F21")[0]}
    got = [values[f"app_new_received__{a}"].value for a in
           ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org", "total")]
    assert got == cells


def _glued(digits: str):
    from govie.tables import Token

    return [Token("N", digits, 0, len(digits), glued=True)]


# (digits, columns, full, limit, number of readings): [] when there are too many to list
READINGS = [
    ("12", 3, False, 50000, 6),            # 12 in one of 3 columns, or 1 and 2 in two of them
    ("12", 3, True, 50000, 0),             # no reading fills three columns
    ("123", 3, True, 50000, 1),            # 1 | 2 | 3
    ("100", 3, False, 50000, 7),           # 100 or 10,0 in 3 placings each, or 1,0,0 (never 1,00)
    ("100010000010001", 15, True, 50000, 1),
    ("100010000010001", 15, False, 50000, 0),  # more than 50000 readings: none, not the first 50000
    ("1234", 4, False, 10, 0),
]


@pytest.mark.parametrize("digits,ncols,full,limit,n", READINGS)
def test_row_readings_all_or_none(digits, ncols, full, limit, n):
    from govie.tables import _row_readings

    rd = _row_readings(_glued(digits), ncols, limit=limit, full=full)
    assert len(rd) == n
    assert all(len(r) == ncols and "".join(p.raw for p in r if p) == digits for r in rd)
    assert len({tuple(None if p is None else (p.start, p.end) for p in r) for r in rd}) == len(rd)  # distinct


def test_ambiguous_run_is_unresolved_not_guessed():
    text = _t2("") .replace("行政规范性文件51715 9", "行政规范性文件517159")
    text = text.replace("行政规范性文件" + "".join(str(v) for v in T2_ROWS[1][1]), "行政规范性文件517159")
    values = {v.key: v for v in read_tables(normalize(text), era="F21")[0]}
    for key in ("t2_normdocs_issued", "t2_normdocs_repealed", "t2_normdocs_in_force"):
        assert values[key].status == "unresolved" and values[key].value is None
    assert values["t2_rules_in_force"].value == 3  # "003" can only be 0 | 0 | 3


def test_signs_start_cells_and_yuan_is_converted():
    text = ("第二十条第（一）项\n信息内容本年新制作数量\n规章000\n第二十条第（五）项\n信息内容本年新制作数量\n行政许可156-5997\n第二十条第（九）项\n信息内容 | 采购项目数量 | 采购总金额\n"
            "政府集中采购 | 3 | 251000元\n三、收到和处理政府信息公开申请情况\n")
    values = {v.key: v for v in read_tables(normalize(text), era="F19")[0]}
    assert values["t2_license_items_prev"].value == 156
    assert values["t2_procurement_amount"].value == 25.1  # 万元
    assert text[values["t2_procurement_amount"].source.start:values["t2_procurement_amount"].source.end] == "251000元"


def test_list_marker_glued_after_digits_is_not_a_cell():
    toks = tokenize("8.属于行政查询事项00000002.其他")
    assert [(t.kind, t.text) for t in toks] == [("L", "8.属于行政查询事项"), ("N", "0000000"), ("L", "2.其他")]


def test_numbers_inside_label_brackets_stay_label():
    toks = tokenize("(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条) | 条 | 480 |")
    assert [t.text for t in toks if t.kind == "N"] == ["480"]


LEGACY = """统计指标 | 单位 | 统计数
主动公开政府信息数（不同渠道和方式公开相同信息计1条） | 条 | 480
四、行政复议数量 | 件 | 3
（一）维持具体行政行为数 | 件 | 2
（二）被依法纠错数 | 件 | 1
五、行政诉讼数量 | 件 | 1
（二）被依法纠错数 | 件 | 1
七、依申请公开信息收取的费用 | 万元 | 0
"""


def test_legacy_positional_rows():
    values = {v.key: v.value for v in read_tables(normalize(LEGACY))[0]}
    assert values == {"pub_items_total": 480, "review_total": 3, "review_upheld": 2, "review_corrected": 1,
                      "lit_all_total": 1, "lit_all_corrected": 1, "fee_legacy_collected": 0}


@pytest.mark.parametrize("shape", ["pipe", "tab", "cell_line", "aligned", "markdown", "glued", "glued_line"])
def test_generated_tables_never_misread(shape):
    from training.synth.generate import generate

    recs = generate(12, 3, shapes={shape: 1}, formats={"national_2021": 1, "national_2019": 1, "legacy_table": 1},
                    error_rate=0.0)
    read = 0
    for r in recs:
        gold = {k: v["value"] for k, v in r["indicators"].items() if v.get("value") is not None}
        for v in read_tables(normalize(r["text"]))[0]:
            if v.status in ("reported", "reported_zero") and v.key in gold:
                assert v.value == pytest.approx(gold[v.key]), (r["id"], v.key)
                read += 1
    assert read > 100
