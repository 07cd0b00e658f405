"""Statistic tables of the three eras, and their rendering in every shape real text takes.

A table is a list of rows; a row a list of ``Cell``. ``render`` writes it into a
DocBuilder in one shape:

* ``pipe``        cells joined by `` | `` (rebuilt rows)
* ``tab``         cells joined by tabs (copied from a web page)
* ``cell_line``   one cell per line (flattened crawls)
* ``aligned``     space-aligned columns, long labels wrapped (PDF text)
* ``markdown``    ``| a | b |`` with a ``|---|`` rule under the first header row
* ``glued``       the cells of a row run together (``行政规范性文件77132470``), a row per line
* ``glued_line``  the same with the whole table on one line

Project rules (annotations/GUIDELINES.md changelog): every numeric cell is one COUNT
(MONEY in a 万元/元 row, PERCENT in a % row); in run-together rows ONE COUNT span covers a
whole digit run (a sign starts a new run; a unit or a list marker after the digits stays
outside); labels get no entity, except AGENCY / DATE in a title row; cells take no
relations. Gold indicators of cells inside a multi-cell run carry no evidence span.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from .builder import DocBuilder
from .values import COLS, DENIED, NP, OTHER3, UNABLE

SHAPES = ("pipe", "tab", "cell_line", "aligned", "markdown", "glued", "glued_line")


@dataclass
class Cell:
    text: str = ""
    key: str | None = None
    value: int | float | None = None
    label: str | None = None          # COUNT / MONEY / PERCENT for numeric cells
    blank: bool = False
    suffix: str = ""                  # a unit printed inside the cell after the number ("元")
    segs: list[tuple[str, str | None]] = field(default_factory=list)  # title rows

    @property
    def numeric(self) -> bool:
        return self.label is not None


def L(text: str) -> Cell:  # noqa: N802 - a label cell
    return Cell(text=text)


def num_text(value: int | float, signed: bool = False, plus: bool = True) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value)
    if signed and value > 0 and plus:
        s = "+" + s
    return s


def N(values: dict, key: str, label: str = "COUNT", *, signed: bool = False, plus: bool = True,  # noqa: N802
      blank_zero: bool = False, suffix: str = "", show: int | float | None = None) -> Cell:
    """A numeric cell for ``key`` (blank when ``blank_zero`` and the value is 0)."""
    v = values[key]
    if blank_zero and v == 0:
        return Cell(key=key, value=None, label=label, blank=True)
    return Cell(text=num_text(v if show is None else show, signed, plus), key=key, value=v, label=label,
                suffix=suffix)


def T(segs: list[tuple[str, str | None]]) -> Cell:  # noqa: N802 - a title cell
    return Cell(segs=segs)


# ---------------------------------------------------------------------------------------------------
# Table definitions
# ---------------------------------------------------------------------------------------------------

def table2_f21(v: dict) -> list[list[Cell]]:
    fee_head = "本年收费金额（单位：万元）"
    return [
        [L("第二十条第（一）项")],
        [L("信息内容"), L("本年制发件数"), L("本年废止件数"), L("现行有效件数")],
        [L("规章"), N(v, "t2_rules_issued"), N(v, "t2_rules_repealed"), N(v, "t2_rules_in_force")],
        [L("行政规范性文件"), N(v, "t2_normdocs_issued"), N(v, "t2_normdocs_repealed"), N(v, "t2_normdocs_in_force")],
        [L("第二十条第（五）项")],
        [L("信息内容"), L("本年处理决定数量")],
        [L("行政许可"), N(v, "t2_license_decisions")],
        [L("第二十条第（六）项")],
        [L("信息内容"), L("本年处理决定数量")],
        [L("行政处罚"), N(v, "t2_penalty_decisions")],
        [L("行政强制"), N(v, "t2_coercion_decisions")],
        [L("第二十条第（八）项")],
        [L("信息内容"), L(fee_head)],
        [L("行政事业性收费"), N(v, "t2_admin_fee_amount", "MONEY")],
    ]


def table2_f19(v: dict, rng: random.Random) -> list[list[Cell]]:
    plus = rng.random() < 0.6
    amt = v["t2_procurement_amount"]
    if rng.random() < 0.3 and amt:  # Shanghai wrote the amount in 元 inside the cell
        yuan = round(amt * 10000)
        amount = Cell(text=str(yuan), key="t2_procurement_amount", value=amt, label="MONEY", suffix="元")
    elif rng.random() < 0.3 and amt:
        amount = Cell(text=num_text(amt), key="t2_procurement_amount", value=amt, label="MONEY", suffix="万元")
    else:
        amount = N(v, "t2_procurement_amount", "MONEY")
    rows = [
        [L("第二十条第（一）项")],
        [L("信息内容"), L("本年新制作数量"), L("本年新公开数量"), L("对外公开总数量")],
        [L("规章"), N(v, "t2_rules_new_made"), N(v, "t2_rules_new_published"), N(v, "t2_rules_total_published")],
        [L("规范性文件"), N(v, "t2_normdocs_new_made"), N(v, "t2_normdocs_new_published"),
         N(v, "t2_normdocs_total_published")],
        [L("第二十条第（五）项")],
        [L("信息内容"), L("上一年项目数量"), L("本年增/减"), L("处理决定数量")],
    ]
    for row, zh in (("license", "行政许可"), ("othermgmt", "其他对外管理服务事项")):
        rows.append([L(zh), N(v, f"t2_{row}_items_prev"), N(v, f"t2_{row}_items_change", signed=True, plus=plus),
                     N(v, f"t2_{row}_decisions")])
    rows += [[L("第二十条第（六）项")], [L("信息内容"), L("上一年项目数量"), L("本年增/减"), L("处理决定数量")]]
    for row, zh in (("penalty", "行政处罚"), ("coercion", "行政强制")):
        rows.append([L(zh), N(v, f"t2_{row}_items_prev"), N(v, f"t2_{row}_items_change", signed=True, plus=plus),
                     N(v, f"t2_{row}_decisions")])
    rows += [[L("第二十条第（八）项")], [L("信息内容"), L("上一年项目数量"), L("本年增/减")],
             [L("行政事业性收费"), N(v, "t2_admin_fee_items_prev"),
              N(v, "t2_admin_fee_items_change", signed=True, plus=plus)],
             [L("第二十条第（九）项")], [L("信息内容"), L("采购项目数量"), L("采购总金额")],
             [L("政府集中采购"), N(v, "t2_procurement_projects"), amount]]
    return rows


_T3_LABELS = {
    "app_res_granted": "（一）予以公开",
    "app_res_partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "app_res_denied_state_secret": "1.属于国家秘密", "app_res_denied_law_prohibited": "2.其他法律行政法规禁止公开",
    "app_res_denied_security_stability": "3.危及“三安全一稳定”", "app_res_denied_third_party": "4.保护第三方合法权益",
    "app_res_denied_internal_affairs": "5.属于三类内部事务信息", "app_res_denied_process_info": "6.属于四类过程性信息",
    "app_res_denied_enforcement_file": "7.属于行政执法案卷", "app_res_denied_admin_query": "8.属于行政查询事项",
    "app_res_unable_not_held": "1.本机关不掌握相关政府信息", "app_res_unable_needs_creation": "2.没有现成信息需要另行制作",
    "app_res_unable_unclear": "3.补正后申请内容仍不明确",
    "app_res_np_petition": "1.信访举报投诉类申请", "app_res_np_duplicate": "2.重复申请",
    "app_res_np_publication": "3.要求提供公开出版物", "app_res_np_mass_repeat": "4.无正当理由大量反复申请",
    "app_res_np_confirm_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "app_res_other_total": "（六）其他处理",
    "app_res_other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "app_res_other_fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "app_res_other_other": "3.其他",
}
_GROUP_HEAD = {DENIED[0]: "（三）不予公开", UNABLE[0]: "（四）无法提供", NP[0]: "（五）不予处理", OTHER3[0]: "（六）其他处理"}


def table3(v: dict, era: str, rng: random.Random, blank_zero: bool, keep: set[str]) -> list[list[Cell]]:
    """Table 3 (F19 / F21): header rows, then every result row with its 7 applicant cells."""
    cols = (*COLS, "total")

    def cells(row: str) -> list[Cell]:
        return [N(v, f"{row}__{c}", blank_zero=blank_zero and c != "total" and f"{row}__{c}" not in keep)
                for c in cols]

    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows: list[list[Cell]] = []
    if rng.random() < 0.85:
        rows.append([L(note), L("申请人情况")])
    else:
        rows.append([L("申请人情况")])
    rows += [[L("自然人"), L("法人或其他组织"), L("总计")],
             [L("商业企业"), L("科研机构"), L("社会公益组织"), L("法律服务机构"), L("其他")],
             [L("一、本年新收政府信息公开申请数量"), *cells("app_new_received")],
             [L("二、上年结转政府信息公开申请数量"), *cells("app_carried_over_in")]]
    other = ("app_res_other_total",) if era == "F19" else OTHER3
    result = ("app_res_granted", "app_res_partial", *DENIED, *UNABLE, *NP, *other)
    for i, row in enumerate(result):
        lead = [L("三、本年度办理结果")] if i == 0 else []
        if row in _GROUP_HEAD:
            lead.append(L(_GROUP_HEAD[row]))
        rows.append([*lead, L(_T3_LABELS[row]), *cells(row)])
    rows.append([L("（七）总计"), *cells("app_res_total")])
    rows.append([L("四、结转下年度继续办理"), *cells("app_carried_forward")])
    return rows


def table4(v: dict) -> list[list[Cell]]:
    outc = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    nums = [N(v, f"{p}_{o}") for p in ("review", "lit_direct", "lit_after_review")
            for o in ("upheld", "corrected", "other", "pending", "total")]
    return [[L("行政复议"), L("行政诉讼")],
            [*map(L, outc), L("未经复议直接起诉"), L("复议后起诉")],
            [*map(L, outc), *map(L, outc)],
            nums]


# N14 统计表 rows: (label, unit, key or None for a heading row)
N14_ROWS: list[tuple[str, str, str | None]] = [
    ("一、主动公开情况", "", None),
    ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "pub_items_total"),
    ("其中：主动公开规范性文件数", "条", "pub_normdocs_published"),
    ("制发规范性文件总数", "件", "pub_normdocs_issued"),
    ("（二）通过不同渠道和方式公开政府信息的情况", "", None),
    ("1.政府公报公开政府信息数", "条", "pub_via_gazette"),
    ("2.政府网站公开政府信息数", "条", "pub_via_website"),
    ("3.政务微博公开政府信息数", "条", "pub_via_weibo"),
    ("4.政务微信公开政府信息数", "条", "pub_via_weixin"),
    ("5.其他方式公开政府信息数", "条", "pub_via_other"),
    ("二、回应解读情况", "", None),
    ("（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次", "resp_hotspots"),
    ("（二）通过不同渠道和方式回应解读的情况", "", None),
    ("1.参加或举办新闻发布会总次数", "次", "resp_press_conf"),
    ("其中：主要负责同志参加新闻发布会次数", "次", "resp_press_conf_principal"),
    ("2.政府网站在线访谈次数", "次", "resp_online_interviews"),
    ("其中：主要负责同志参加政府网站在线访谈次数", "次", "resp_online_interviews_principal"),
    ("3.政策解读稿件发布数", "篇", "resp_policy_interpretations"),
    ("4.微博微信回应事件数", "次", "resp_social_media_responses"),
    ("5.其他方式回应事件数", "次", "resp_other_responses"),
    ("三、依申请公开情况", "", None),
    ("（一）收到申请数", "件", "app_received_total_legacy"),
    ("1.当面申请数", "件", "app_ch_in_person"),
    ("2.传真申请数", "件", "app_ch_fax"),
    ("3.网络申请数", "件", "app_ch_online"),
    ("4.信函申请数", "件", "app_ch_letter"),
    ("（二）申请办结数", "件", "app_closed_legacy"),
    ("1.按时办结数", "件", "app_closed_on_time"),
    ("2.延期办结数", "件", "app_closed_extended"),
    ("（三）申请答复数", "件", "app_replied_legacy"),
    ("1.属于已主动公开范围数", "件", "app_legacy_already_public"),
    ("2.同意公开答复数", "件", "app_res_granted__total"),
    ("3.同意部分公开答复数", "件", "app_res_partial__total"),
    ("4.不同意公开答复数", "件", "app_legacy_denied_total"),
    ("其中：涉及国家秘密", "件", "app_res_denied_state_secret__total"),
    ("涉及商业秘密", "件", "app_legacy_denied_trade_secret"),
    ("涉及个人隐私", "件", "app_legacy_denied_privacy"),
    ("危及国家安全、公共安全、经济安全和社会稳定", "件", "app_res_denied_security_stability__total"),
    ("不是《条例》所指政府信息", "件", "app_legacy_not_gov_info"),
    ("法律法规规定的其他情形", "件", "app_res_denied_law_prohibited__total"),
    ("5.不属于本行政机关公开", "件", "app_legacy_not_this_agency"),
    ("6.申请信息不存在", "件", "app_legacy_info_not_exist"),
    ("7.告知作出更改补充", "件", "app_legacy_notify_amend"),
    ("8.告知通过其他途径办理", "件", "app_legacy_notify_other_route"),
    ("四、行政复议数量", "件", "review_total"),
    ("（一）维持具体行政行为数", "件", "review_upheld"),
    ("（二）被依法纠错数", "件", "review_corrected"),
    ("（三）其他情形数", "件", "review_other"),
    ("五、行政诉讼数量", "件", "lit_all_total"),
    ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "lit_all_upheld"),
    ("（二）被依法纠错数", "件", "lit_all_corrected"),
    ("（三）其他情形数", "件", "lit_all_other"),
    ("六、举报投诉数量", "件", "complaints_reports"),
    ("七、依申请公开信息收取的费用", "万元", "fee_legacy_collected"),
    ("八、机构建设和保障经费情况", "", None),
    ("（一）政府信息公开工作专门机构数", "个", "org_units"),
    ("（二）设置政府信息公开查阅点数", "个", "org_reading_points"),
    ("（三）从事政府信息公开工作人员数", "人", "org_staff_total"),
    ("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", "org_staff_fulltime"),
    ("2.兼职人员数", "人", "org_staff_parttime"),
    ("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元",
     "org_special_funding"),
    ("九、政府信息公开会议和培训情况", "", None),
    ("（一）召开政府信息公开工作会议或专题会议数", "次", "train_meetings"),
    ("（二）举办各类培训班数", "次", "train_courses"),
    ("（三）接受培训人员数", "人次", "train_trainees"),
]


N14_SHORT_CUT = "八、"  # some agencies print only the blocks before 八、机构建设


def n14_short_keys() -> set[str]:
    """Returns the keys of the rows a short N14 table leaves out."""
    i = next(i for i, r in enumerate(N14_ROWS) if r[0].startswith(N14_SHORT_CUT))
    return {k for _, _, k in N14_ROWS[i:] if k}


def legacy_n14(v: dict, title: list[tuple[str, str | None]] | None, short: bool) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    if title:
        rows.append([T(title)])
    rows.append([L("统计指标"), L("单位"), L("统计数")])
    for label, unit, key in N14_ROWS:
        if short and label.startswith(N14_SHORT_CUT):
            break
        if key is None:
            rows.append([L(label)])
            continue
        rows.append([L(label), L(unit), N(v, key, "MONEY" if unit == "万元" else "COUNT")])
    return rows


# Fujian-style local 附表 (指标名称 | 计量单位 | 本年度 | 历年累计)
LOCAL_ROWS: list[tuple[str, str, str | None]] = [
    ("主动公开文件数", "条", "pub_items_total"),
    ("其中：1、政府网站公开数", "条", "pub_via_website"),
    ("2、政府公报公开数", "条", "pub_via_gazette"),
    ("受理依申请公开信息总数", "条", "app_received_total_legacy"),
    ("其中：1、当面申请数", "条", "app_ch_in_person"),
    ("2、网上申请数", "条", "app_ch_online"),
    ("3、信函申请数", "条", "app_ch_letter"),
    ("4、传真申请数", "条", "app_ch_fax"),
    ("对申请的答复总数", "条", "app_replied_legacy"),
    ("其中：1、同意公开答复数", "条", "app_res_granted__total"),
    ("2、同意部分公开答复数", "条", "app_res_partial__total"),
    ("3、不予公开答复数", "条", "app_legacy_denied_total"),
    ("政府信息公开收费减免金额", "元", None),
    ("行政复议数", "件", "review_total"),
    ("行政诉讼数", "件", "lit_all_total"),
]


def legacy_local(v: dict, cum: dict, year: int) -> list[list[Cell]]:
    rows = [[L("指标名称"), L("计量单位"), L(f"{year}年度"), L("历年累计")]]
    for label, unit, key in LOCAL_ROWS:
        lab = "MONEY" if unit == "元" else "COUNT"
        if key is None:
            rows.append([L(label), L(unit), Cell(text="0", label=lab, value=0), Cell(text="0", label=lab, value=0)])
            continue
        ckey = "pub_items_cumulative" if key == "pub_items_total" else None
        rows.append([L(label), L(unit), N(v, key, lab),
                     Cell(text=num_text(cum[key]), key=ckey, value=cum[key], label=lab)])
    return rows


# ---------------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------------

def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _emit_title(b: DocBuilder, cell: Cell) -> None:
    for text, label in cell.segs:
        b.add(text, label)


def _emit_num(b: DocBuilder, cell: Cell, inside_suffix: bool = True) -> None:
    if cell.blank:
        if cell.key:
            b.indicator(cell.key, None, status="blank")
        return
    text = cell.text + (cell.suffix if inside_suffix else "")
    h = b.add(text, cell.label)
    if cell.key:
        b.indicator(cell.key, cell.value, handle=h, kind="table")
    if not inside_suffix and cell.suffix:
        b.text(cell.suffix)


def _emit_glued_row(b: DocBuilder, row: list[Cell]) -> None:
    run: list[Cell] = []

    def flush() -> None:
        shown = [c for c in run if not c.blank]
        for c in run:
            if c.blank and c.key:
                b.indicator(c.key, None, status="blank")
        if len(shown) == 1:
            _emit_num(b, shown[0], inside_suffix=False)
        elif shown:
            labels = {c.label for c in shown}
            h = b.add("".join(c.text for c in shown), labels.pop() if len(labels) == 1 else "COUNT")
            del h  # no evidence: the table reader splits the run by the identities
            for c in shown:
                if c.key:
                    b.indicator(c.key, c.value, prefer=False)
            if shown[-1].suffix:
                b.text(shown[-1].suffix)
        run.clear()

    for cell in row:
        if cell.segs:
            flush()
            _emit_title(b, cell)
        elif cell.numeric:
            if run and not cell.blank and cell.text[:1] in "+-":
                flush()
            run.append(cell)
            if cell.suffix and not cell.blank:
                flush()
        else:
            flush()
            b.text(cell.text)
    flush()


def render(b: DocBuilder, rows: list[list[Cell]], shape: str, rng: random.Random) -> None:
    """Writes ``rows`` into ``b`` in ``shape`` (one of SHAPES), ending with a newline (except glued_line)."""
    if shape in ("glued", "glued_line"):
        for i, row in enumerate(rows):
            _emit_glued_row(b, row)
            if shape == "glued":
                b.text("\n")
        if shape == "glued_line":
            b.text("\n")
        return
    if shape == "aligned":
        _render_aligned(b, rows, rng)
        return
    sep = {"pipe": " | ", "tab": "\t", "markdown": " | ", "cell_line": "\n"}[shape]
    drop_blank = shape == "cell_line" and rng.random() < 0.5
    md_rule_done = False
    for row in rows:
        if shape == "markdown":
            b.text("| ")
        first = True
        for cell in row:
            if drop_blank and cell.blank:
                _emit_num(b, cell)
                continue
            if not first:
                b.text(sep)
            first = False
            if cell.segs:
                _emit_title(b, cell)
            elif cell.numeric:
                _emit_num(b, cell)
            else:
                b.text(cell.text)
        if shape == "markdown":
            b.text(" |")
            if not md_rule_done and len(row) > 1:
                b.text("\n|" + "---|" * len(row))
                md_rule_done = True
        b.text("\n")


def _render_aligned(b: DocBuilder, rows: list[list[Cell]], rng: random.Random) -> None:
    label_w = rng.choice([36, 44, 52])
    cell_w = rng.choice([6, 8, 10])
    wrap_at = rng.choice([24, 30, 1000])
    for row in rows:
        labels = [c for c in row if not c.numeric and not c.segs]
        nums = [c for c in row if c.numeric]
        if any(c.segs for c in row):
            b.text(" " * rng.randint(4, 16))
            for c in row:
                _emit_title(b, c) if c.segs else b.text(c.text)
            b.text("\n")
            continue
        if not nums:  # header row: labels spread out
            b.text("   ".join(c.text for c in labels) + "\n")
            continue
        label = " ".join(c.text for c in labels)
        if _width(label) > 2 * wrap_at and len(label) > wrap_at:
            b.text(label[:wrap_at] + "\n")
            label = label[wrap_at:]
        pad = max(2, label_w - _width(label))
        b.text(label + " " * pad)
        for i, c in enumerate(nums):
            shown = "" if c.blank else c.text + c.suffix
            gap = max(2 if i else 0, cell_w - len(shown))
            b.text(" " * gap)
            _emit_num(b, c)
        b.text("\n")
