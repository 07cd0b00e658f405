"""Reading the national 2019 / 2021 tables and the legacy statistic tables, in every shape.

Real text delivers the same table as `` | `` rows, tabs, one cell per line,
space-aligned PDF columns, markdown, or with the cells of a row run together
(``行政规范性文件77132470``). The reader does not care which: it tokenizes the table
region into label, number and empty-cell tokens, matches row labels in template
order (after normalization, so traditional script works; the ambiguous 其他 and
总计 are resolved by position), and assigns each row's numbers to columns.

Run-together digits are split only where the table's identities make the split
unique: every way of cutting the digits into cells (no leading zeros, blanks
allowed) is enumerated, the row and column identities (T3-01/02/03, T4-01) filter
them, and a cell is reported only when every surviving reading agrees on it;
otherwise its status is ``unresolved``, never guessed.

All work happens on the normalized text; cell offsets are mapped back to the
caller's original string.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Sequence

from .normalize import Normalized
from .types import IndicatorValue, Source

__all__ = ["Token", "tokenize", "read_tables", "TableCell"]

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org", "total"]

# (row key, aliases, exact): exact aliases must equal the label once list markers are stripped
T3_F21 = [
    ("app_new_received", ["本年新收"]), ("app_carried_over_in", ["上年结转"]),
    ("app_res_granted", ["予以公开"]), ("app_res_partial", ["部分公开"]),
    ("app_res_denied_state_secret", ["国家秘密"]), ("app_res_denied_law_prohibited", ["法律行政法规禁止"]),
    ("app_res_denied_security_stability", ["三安全一稳定"]), ("app_res_denied_third_party", ["第三方合法权益"]),
    ("app_res_denied_internal_affairs", ["内部事务"]), ("app_res_denied_process_info", ["过程性"]),
    ("app_res_denied_enforcement_file", ["行政执法案卷"]), ("app_res_denied_admin_query", ["行政查询"]),
    ("app_res_unable_not_held", ["不掌握"]), ("app_res_unable_needs_creation", ["另行制作"]),
    ("app_res_unable_unclear", ["仍不明确", "补正后"]),
    ("app_res_np_petition", ["信访举报投诉"]), ("app_res_np_duplicate", ["重复申请"]),
    ("app_res_np_publication", ["公开出版物"]), ("app_res_np_mass_repeat", ["大量反复"]),
    ("app_res_np_confirm_reissue", ["确认或重新出具"]),
    ("app_res_other_no_correction", ["逾期不补正"]), ("app_res_other_fee_unpaid", ["收费通知", "缴纳费用"]),
    ("app_res_other_other", ["=其他"]), ("app_res_total", ["=总计", "=合计"]),
    ("app_carried_forward", ["结转下"]),
]
T3_F19 = T3_F21[:20] + [("app_res_other_total", ["其他处理"]), ("app_res_total", ["=总计", "=合计"]),
                        ("app_carried_forward", ["结转下"])]

T2_F21 = [("规章", ["t2_rules_issued", "t2_rules_repealed", "t2_rules_in_force"]),
          ("规范性文件", ["t2_normdocs_issued", "t2_normdocs_repealed", "t2_normdocs_in_force"]),
          ("行政许可", ["t2_license_decisions"]), ("行政处罚", ["t2_penalty_decisions"]),
          ("行政强制", ["t2_coercion_decisions"]), ("行政事业性收费", ["t2_admin_fee_amount"])]
T2_F19 = [("规章", ["t2_rules_new_made", "t2_rules_new_published", "t2_rules_total_published"]),
          ("规范性文件", ["t2_normdocs_new_made", "t2_normdocs_new_published", "t2_normdocs_total_published"]),
          ("行政许可", ["t2_license_items_prev", "t2_license_items_change", "t2_license_decisions"]),
          ("其他对外管理服务事项", ["t2_othermgmt_items_prev", "t2_othermgmt_items_change", "t2_othermgmt_decisions"]),
          ("行政处罚", ["t2_penalty_items_prev", "t2_penalty_items_change", "t2_penalty_decisions"]),
          ("行政强制", ["t2_coercion_items_prev", "t2_coercion_items_change", "t2_coercion_decisions"]),
          ("行政事业性收费", ["t2_admin_fee_items_prev", "t2_admin_fee_items_change"]),
          ("政府集中采购", ["t2_procurement_projects", "t2_procurement_amount"])]
T4_KEYS = [f"{p}_{o}" for p in ("review", "lit_direct", "lit_after_review")
           for o in ("upheld", "corrected", "other", "pending", "total")]

# Legacy statistic-table rows (2014 national 统计表 and local templates): the longest alias contained in a
# row label wins; None marks merged rows that map to no key. Keys starting with "@" depend on the parent.
LEGACY_ALIASES: dict[str, str | None] = {
    "主动公开政府信息数": "pub_items_total", "主动公开信息数": "pub_items_total", "主动公开文件数": "pub_items_total",
    "主动公开规范性文件数": "pub_normdocs_published", "制发规范性文件总数": "pub_normdocs_issued",
    "新增的行政规范性文件数": "pub_normdocs_issued",
    "政府公报公开政府信息数": "pub_via_gazette", "政府公报公开数": "pub_via_gazette",
    "政府网站公开政府信息数": "pub_via_website", "政府网站公开数": "pub_via_website", "网站公开": "pub_via_website",
    "政府公报公开": "pub_via_gazette", "政务微博": "pub_via_weibo", "政务微信": "pub_via_weixin",
    "政务微博公开政府信息数": "pub_via_weibo", "政务微信公开政府信息数": "pub_via_weixin",
    "其他方式公开政府信息数": "pub_via_other",
    "全文电子化的主动公开信息数": "pub_fulltext_electronic", "提供服务类信息数": "pub_service_items",
    "网站专栏页面访问量": "pub_page_views",
    "回应公众关注热点或重大舆情数": "resp_hotspots", "参加或举办新闻发布会总次数": "resp_press_conf",
    "主要负责同志参加新闻发布会次数": "resp_press_conf_principal", "政府网站在线访谈次数": "resp_online_interviews",
    "主要负责同志参加政府网站在线访谈次数": "resp_online_interviews_principal",
    "政策解读稿件发布数": "resp_policy_interpretations", "微博微信回应事件数": "resp_social_media_responses",
    "其他方式回应事件数": "resp_other_responses",
    "收到申请数": "app_received_total_legacy", "申请总数": "app_received_total_legacy",
    "受理依申请公开信息总数": "app_received_total_legacy",
    "当面申请数": "app_ch_in_person", "传真申请数": "app_ch_fax", "网络申请数": "app_ch_online",
    "网上申请数": "app_ch_online", "电子邮件申请数": "app_ch_email", "信函申请数": "app_ch_letter",
    "其他形式申请数": "app_ch_other", "其它形式申请数": "app_ch_other", "其他形式": "app_ch_other", "信函、传真申请数": None,
    "申请办结数": "app_closed_legacy", "按时办结数": "app_closed_on_time", "延期办结数": "app_closed_extended",
    "申请答复数": "app_replied_legacy", "对申请的答复总数": "app_replied_legacy", "对申请的答复数": "app_replied_legacy",
    "属于已主动公开范围数": "app_legacy_already_public",
    "同意公开答复数": "app_res_granted__total", "同意部分公开答复数": "app_res_partial__total",
    "不同意公开答复数": "app_legacy_denied_total", "否决公开答复总数": "app_legacy_denied_total",
    "不予公开答复数": "app_legacy_denied_total", "否决公开答复数": "app_legacy_denied_total", "其他类型答复数": None,
    "涉及国家秘密": "app_res_denied_state_secret__total", "涉及商业秘密": "app_legacy_denied_trade_secret",
    "涉及个人隐私": "app_legacy_denied_privacy",
    "危及国家安全、公共安全、经济安全和社会稳定": "app_res_denied_security_stability__total",
    "所指政府信息": "app_legacy_not_gov_info", "法律法规规定的其他情形": "app_res_denied_law_prohibited__total",
    "不属于本行政机关公开": "app_legacy_not_this_agency", "申请信息不存在": "app_legacy_info_not_exist",
    "告知作出更改补充": "app_legacy_notify_amend", "告知通过其他途径办理": "app_legacy_notify_other_route",
    "行政复议数量": "review_total", "行政复议数": "review_total",
    "行政诉讼数量": "lit_all_total", "行政诉讼数": "lit_all_total", "行政申诉数": "appeal_total",
    "维持具体行政行为": "@upheld", "维护具体行政行为": "@upheld", "维持具有行政行为": "@upheld",
    "被依法纠错数": "@corrected", "其他情形数": "@other",
    "接受行政诉讼、举报数": None, "举报投诉数量": "complaints_reports",
    "依申请公开信息收取的费用": "fee_legacy_collected", "收费减免金额": None,
    "政府信息公开工作专门机构数": "org_units", "政府信息公开查阅点数": "org_reading_points",
    "设置政府信息公开查阅点数": "org_reading_points", "从事政府信息公开工作人员数": "org_staff_total",
    "专职人员数": "org_staff_fulltime", "兼职人员数": "org_staff_parttime",
    "政府信息公开专项经费": "org_special_funding",
    "召开政府信息公开工作会议或专题会议数": "train_meetings", "举办各类培训班数": "train_courses",
    "接受培训人员数": "train_trainees",
}
_LEGACY_SORTED = sorted(LEGACY_ALIASES, key=len, reverse=True)

_MARKER = re.compile(r"^(?:[(（]?[一二三四五六七八九十]+[)）、.]|[(（]?\d{1,2}[)）.、．﹒]|其中[:：]?)+")
_NUMBER = re.compile(r"[+\-]?\d+(?:\.\d+)?")
_SEP_LINE = re.compile(r"^\s*\|?\s*:?-{3,}")


@dataclass
class Token:
    """A table token over the normalized text: label (L), number (N) or explicit empty cell (E)."""

    kind: str
    text: str
    start: int
    end: int
    glued: bool = False  # a number run touching a label: it may hold several cells

    @property
    def core(self) -> str:
        """Label without list markers and whitespace (labels only)."""
        return _MARKER.sub("", re.sub(r"\s+", "", self.text))


@dataclass
class TableCell:
    key: str
    value: float | int | None
    status: str
    start: int
    end: int
    row_label: str = ""
    col_label: str = ""
    table_id: str = ""
    raw: str = ""


def _segment_tokens(text: str, base: int, glue_ok: bool) -> list[Token]:
    """Tokens of one cell or line segment: labels and numbers; numbers in brackets stay label text."""
    out: list[Token] = []
    depth = 0
    i, n = 0, len(text)
    label_start = None

    def flush_label(end: int) -> None:
        nonlocal label_start
        if label_start is not None:
            s = label_start
            while s < end and text[s].isspace():
                s += 1
            e = end
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Token("L", text[s:e], base + s, base + e))
            label_start = None

    while i < n:
        c = text[i]
        if c == " " and text[i + 1:i + 2] == " ":
            depth = 0  # an aligned column gap closes any label text a wrapped line left open
        if c in "(（《<[":
            depth += 1
        elif c in ")）》>]" and depth:
            depth -= 1
        m = _NUMBER.match(text, i) if depth == 0 and (c.isdigit() or (c in "+-" and i + 1 < n and text[i + 1].isdigit())) else None
        if m and c in "+-" and label_start is not None and not text[i - 1].isspace() and not text[i - 1].isdigit():
            m = None  # a hyphen inside a label
        if m:
            j = m.end()
            after = text[j:j + 1]
            # a list marker ("2.其他", "3、") glued after a run belongs to the next label
            if after and after in ".．、﹒" and not text[j + 1:j + 2].isdigit():
                if j - i == 1:
                    if label_start is None:
                        label_start = i
                    i = j
                    continue
                j -= 1  # peel the marker digit off the run
            if label_start is not None and j - i >= 1 and text[j:j + 1] and text[j] in "年月日号条件次个人项元%":
                i = j  # a number with a unit inside a label (e.g. 2017年实际办件数): label text
                continue
            touching = (i > 0 and not text[i - 1].isspace() and text[i - 1] not in "|\t") or \
                (j < n and not text[j].isspace() and text[j] not in "|\t")
            flush_label(i)
            out.append(Token("N", text[i:j], base + i, base + j, glued=glue_ok and touching))
            i = j
            continue
        if label_start is None and not c.isspace():
            label_start = i
        i += 1
    flush_label(n)
    return out


def tokenize(norm: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Returns the table tokens of ``norm[start:end]`` (normalized text, normalized offsets)."""
    end = len(norm) if end is None else end
    out: list[Token] = []
    pos = start
    for line in norm[start:end].split("\n"):
        lstart = pos
        pos += len(line) + 1
        if not line.strip() or _SEP_LINE.match(line):
            continue
        if "|" in line or "\t" in line:
            parts = re.split(r"[|\t]", line)
            offs = []
            p = lstart
            for part in parts:
                offs.append(p)
                p += len(part) + 1
            stripped = line.strip()
            if stripped.endswith("|") and not parts[-1].strip():
                parts, offs = parts[:-1], offs[:-1]
            if stripped.startswith("|") and not line.startswith(" ") and not parts[0].strip():
                parts, offs = parts[1:], offs[1:]
            for part, o in zip(parts, offs):
                if not part.strip():
                    out.append(Token("E", "", o, o))
                else:
                    out.extend(_segment_tokens(part, o, glue_ok=False))
        else:
            out.extend(_segment_tokens(line, lstart, glue_ok=True))
    return out


# ---------------------------------------------------------------------- enumeration of readings
def _splits(digits: str, max_parts: int, limit: int = 20000) -> list[list[tuple[int, int]]] | None:
    """All cuts of a digit run into 1..max_parts numbers without leading zeros (offsets into the run);
    None when there are more than ``limit``."""
    out: list[list[tuple[int, int]]] = []
    n = len(digits)

    def rec(i: int, acc: list[tuple[int, int]]) -> bool:  # False: too many
        if i == n:
            out.append(list(acc))
            return len(out) <= limit
        if len(acc) == max_parts:
            return True
        sign = 1 if digits[i] in "+-" else 0
        for j in range(i + sign + 1, n + 1):
            part = digits[i + sign:j]
            if "." in part and (part.endswith(".") or part.startswith(".")):
                continue
            if len(part) > 1 and part[0] == "0" and part[1] != ".":
                break
            acc.append((i, j))
            ok = rec(j, acc)
            acc.pop()
            if not ok:
                return False
        return True

    return out if rec(0, []) else None


@dataclass
class _Part:
    value: float
    start: int
    end: int
    raw: str


def _row_readings(cells: Sequence[Token], ncols: int, limit: int = 50000,
                  full: bool = False) -> list[list[_Part | None]]:
    """Every assignment of a row's tokens to ``ncols`` columns (None = blank).

    Explicit empty cells fix positions; isolated numbers are one cell each; glued runs may hold several.
    ``full``: only readings without blanks (a table that writes 0 in empty cells). Returns [] when
    there are more readings than ``limit`` (or cuts of a run than ``_splits`` lists): every cell is
    then unresolved, never read from a part of the readings.
    """
    if len(cells) == ncols and all(c.kind == "E" or not c.glued for c in cells):
        return [[None if c.kind == "E" else _Part(float(c.text), c.start, c.end, c.text) for c in cells]]
    # explicit blanks with a wrong count: their positions are unknown, so only the numbers count
    cells = [c for c in cells if c.kind != "E"]
    options: list[list[list[_Part]]] = []
    for c in cells:
        if c.glued and len(c.text) > 1:
            cuts = _splits(c.text, ncols)
            if cuts is None:
                return []
            options.append([[_Part(float(c.text[a:b]), c.start + a, c.start + b, c.text[a:b]) for a, b in cut]
                            for cut in cuts])
        else:
            options.append([[_Part(float(c.text), c.start, c.end, c.text)]])
    readings: list[list[_Part | None]] = []
    for combo in itertools.product(*options):
        parts = [p for group in combo for p in group]
        if len(parts) > ncols or (full and len(parts) < ncols):
            continue
        for pos in itertools.combinations(range(ncols), len(parts)):
            row: list[_Part | None] = [None] * ncols
            for k, p in zip(pos, parts):
                row[k] = p
            readings.append(row)
            if len(readings) > limit:
                return []
    return readings


def _v(p: _Part | None) -> float:
    return p.value if p is not None else 0.0


def _certain(readings: list[list[_Part | None]], ncols: int) -> list[tuple[str, _Part | None]]:
    """Per column: ('ok', part) when every reading agrees, else ('unresolved', None)."""
    out = []
    for k in range(ncols):
        vals = {(None if r[k] is None else (r[k].value, r[k].start, r[k].end)) for r in readings}
        if len(vals) == 1 and readings:
            out.append(("ok", readings[0][k]))
        else:
            out.append(("unresolved", None))
    return out


# ---------------------------------------------------------------------- table regions
def _find(norm: str, pattern: str, start: int = 0) -> int:
    m = re.compile(pattern).search(norm, start)
    return m.start() if m else -1


def _match_rows(tokens: list[Token], rows: list[tuple[str, list[str]]], lookahead: int = 4):
    """Returns {row index: (label token, value tokens)} matching row labels in template order."""
    found: dict[int, tuple[Token, list[Token]]] = {}
    nxt, cur = 0, None
    for tok in tokens:
        if tok.kind == "L":
            core = tok.core
            # before the first row only the next few rows can match (the header repeats 总计 / 其他);
            # after it rows may be missing, but the bare 其他 must follow its group directly
            reach = len(rows) if found else min(len(rows), nxt + lookahead)
            for j in range(nxt, reach):
                hit = any((core == a[1:] and (a != "=其他" or j - nxt < 2)) if a.startswith("=") else (a in core)
                          for a in rows[j][1])
                if hit:
                    cur, nxt = j, j + 1
                    found[j] = (tok, [])
                    break
            continue
        if cur is not None:
            found[cur][1].append(tok)
    return found


def _is_unit(core: str) -> bool:
    return core in {"件", "条", "次", "个", "人", "人次", "篇", "万元", "元", "项", "%", "份"}


def _status(value: float | None) -> str:
    return "blank" if value is None else ("reported_zero" if value == 0 else "reported")


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _emit(cells: dict[str, TableCell], key: str, part: _Part | None, status: str, tok: Token, col: str,
          table_id: str) -> None:
    if status == "unresolved":
        cells[key] = TableCell(key, None, "unresolved", tok.start, tok.end, tok.text, col, table_id, "")
    elif part is None:
        cells[key] = TableCell(key, None, "blank", tok.start, tok.end, tok.text, col, table_id, "")
    else:
        cells[key] = TableCell(key, _num(part.value), _status(part.value), part.start, part.end, tok.text, col,
                               table_id, part.raw)


def _readings(vals: list[Token], ncols: int, zero_filled: bool) -> list[list[_Part | None]]:
    """The readings of a row; in a table that writes 0 in empty cells, those without blanks if any."""
    if zero_filled and any(t.glued for t in vals):
        return _row_readings(vals, ncols, full=True) or _row_readings(vals, ncols)
    return _row_readings(vals, ncols)


def _zero_filled(tokens: list[Token], ncols: int = 7) -> bool:
    """Whether a run-together table writes 0 in empty cells (a glued all-zero row of ncols digits)."""
    return any(t.kind == "N" and t.glued and t.text == "0" * ncols for t in tokens)


def _read_t3(norm: str, start: int, end: int) -> dict[str, TableCell]:
    tokens = tokenize(norm, start, end)
    rows = T3_F21 if "逾期不补正" in norm[start:end] or "收费通知" in norm[start:end] else T3_F19
    found = _match_rows(tokens, rows)
    ncols = len(APPLICANTS)
    # a run-together table that prints a row of zeros as 0000000 writes 0 in empty cells: no blanks
    zero_filled = _zero_filled(tokens, ncols)
    per_row: dict[int, tuple[Token, list]] = {}
    for j, (tok, toks) in found.items():
        vals = [t for t in toks if t.kind in ("N", "E")]
        if len(vals) > ncols and all(t.kind == "E" for t in vals[ncols:]):
            vals = vals[:ncols]
        rd = _readings(vals, ncols, zero_filled) if vals else [[None] * ncols]
        # T3-03: total = sum of the six other columns (blank total: not assessable)
        rd = [r for r in rd if r[6] is None or abs(_v(r[6]) - sum(_v(p) for p in r[:6])) < 1e-6] or rd
        per_row[j] = (tok, rd)
    keys = [k for k, _ in rows]
    _column_identities(per_row, keys)
    cells: dict[str, TableCell] = {}
    for j, (tok, rd) in per_row.items():
        for k, (st, part) in enumerate(_certain(rd, ncols)):
            _emit(cells, f"{keys[j]}__{APPLICANTS[k]}", part, st, tok, APPLICANTS[k], "t3")
    return cells


def _column_identities(per_row: dict[int, tuple[Token, list]], keys: list[str], max_combos: int = 20000) -> None:
    """Filters the readings of ambiguous rows with T3-01 and T3-02 (per column), in place.

    First propagation: when every row of an identity but one has a known value in a column, the last
    row's value there is fixed. Then, if few combinations remain, an exhaustive check of both identities.
    """
    idx = {k: j for j, k in enumerate(keys)}
    results = [idx[k] for k in keys if k.startswith("app_res_") and k != "app_res_total" and idx[k] in per_row]
    ident = []  # (plus rows, minus rows): sum(plus) == sum(minus)
    names = ("app_new_received", "app_carried_over_in", "app_res_total", "app_carried_forward")
    if all(idx.get(k) in per_row for k in names):
        ident.append(([idx[names[0]], idx[names[1]]], [idx[names[2]], idx[names[3]]]))
    if idx.get("app_res_total") in per_row and results:
        ident.append(([idx["app_res_total"]], results))
    ncols = len(APPLICANTS)

    # a row with too many readings to list (none kept) is unknown everywhere: its identities tell nothing
    ident = [(plus, minus) for plus, minus in ident if all(per_row[j][1] for j in plus + minus)]

    def known(j: int, c: int) -> float | None:
        vals = {_v(r[c]) for r in per_row[j][1]}
        return vals.pop() if len(vals) == 1 else None

    changed = True
    while changed:
        changed = False
        for plus, minus in ident:
            rows = plus + minus
            for c in range(ncols):
                unknown = [j for j in rows if known(j, c) is None]
                if len(unknown) != 1:
                    continue
                u = unknown[0]
                total = sum(known(j, c) for j in plus if j != u) - sum(known(j, c) for j in minus if j != u)
                target = -total if u in plus else total
                tok, rd = per_row[u]
                keep = [r for r in rd if abs(_v(r[c]) - target) < 1e-6]
                if keep and len(keep) < len(rd):
                    per_row[u] = (tok, keep)
                    changed = True
    ambiguous = [j for j, (_, rd) in per_row.items() if len(rd) > 1]
    total = 1
    for j in ambiguous:
        total *= len(per_row[j][1])
        if total > max_combos:
            return
    if not ambiguous:
        return
    survivors: dict[int, set[int]] = {j: set() for j in ambiguous}
    for combo in itertools.product(*[range(len(per_row[j][1])) for j in ambiguous]):
        pick = dict(zip(ambiguous, combo))

        def val(j: int, c: int) -> float:
            return _v(per_row[j][1][pick.get(j, 0)][c])

        if all(abs(sum(val(j, c) for j in plus) - sum(val(j, c) for j in minus)) < 1e-6
               for plus, minus in ident for c in range(ncols)):
            for j, k in pick.items():
                survivors[j].add(k)
    for j in ambiguous:
        if survivors[j]:
            tok, rd = per_row[j]
            per_row[j] = (tok, [rd[k] for k in sorted(survivors[j])])


def _read_t2(norm: str, start: int, end: int, era: str) -> dict[str, TableCell]:
    template = T2_F21 if era == "F21" else T2_F19
    tokens = tokenize(norm, start, end)
    rows = [(keys[0], [label]) for label, keys in template]
    found = _match_rows(tokens, rows, lookahead=len(rows))
    cells: dict[str, TableCell] = {}
    for j, (tok, toks) in found.items():
        keys = template[j][1]
        vals = [t for t in toks if t.kind in ("N", "E")]
        if len(vals) > len(keys) and all(t.kind == "E" for t in vals[len(keys):]):
            vals = vals[:len(keys)]
        rd = _row_readings(vals, len(keys)) if vals else [[None] * len(keys)]
        if era != "F21" and len(keys) == 3 and "items_prev" in keys[0]:
            # F19 item rows: the previous count and the change are integers, prev + change >= 0
            rd = [r for r in rd if _v(r[0]) + _v(r[1]) >= 0 and (r[0] is None or not r[0].raw.startswith(("+", "-")))
                  and (r[2] is None or not r[2].raw.startswith(("+", "-")))] or rd
        else:
            rd = [r for r in rd if all(p is None or not p.raw.startswith(("+", "-")) for p in r)] or rd
        for k, (st, part) in enumerate(_certain(rd, len(keys))):
            _emit(cells, keys[k], part, st, tok, keys[k], "t2")
    for key in ("t2_procurement_amount", "t2_admin_fee_amount"):
        c = cells.get(key)
        # the schema unit is 万元; a cell printed in 元 ("251000元") is converted, never misread
        if c is not None and c.value is not None and norm[c.end:c.end + 1] == "元":
            c.value = _num(round(c.value / 10_000, 6))
            c.end += 1
            c.raw += "元"
    return cells


def _read_t4(norm: str, start: int, end: int, zero_filled: bool = False) -> dict[str, TableCell]:
    tokens = tokenize(norm, start, end)
    vals = [t for t in tokens if t.kind in ("N", "E")]
    labels = [t for t in tokens if t.kind == "L"]
    if not vals or not labels:
        return {}
    anchor = labels[0]
    if len(vals) > 15 and all(t.kind == "E" for t in vals[15:]):
        vals = vals[:15]
    rd = _readings(vals, 15, zero_filled)

    def ok(r):
        for b in range(3):
            block = r[5 * b:5 * b + 5]
            if block[4] is not None and abs(_v(block[4]) - sum(_v(p) for p in block[:4])) > 1e-6:
                return False
        return True

    rd = [r for r in rd if ok(r)] or rd
    cells: dict[str, TableCell] = {}
    for k, (st, part) in enumerate(_certain(rd, 15)):
        _emit(cells, T4_KEYS[k], part, st, anchor, T4_KEYS[k], "t4")
    return cells


def _read_legacy(norm: str, start: int, end: int) -> dict[str, TableCell]:
    """Reads a legacy statistic table token by token, so every shape works: a label token that
    names a schema row opens it, the numbers up to the next label are its cells (the first is the
    year's value; with a 历年累计 column the second is the cumulative one)."""
    cells: dict[str, TableCell] = {}
    parent = None
    cumulative = "历年累计" in norm[start:end]
    ncols = 2 if cumulative else 1
    tokens = tokenize(norm, start, end)
    rows: list[tuple[Token, str, list[Token]]] = []
    current: list[Token] | None = None
    for tok in tokens:
        if tok.kind == "L":
            core = re.sub(r"\s+", "", tok.text)
            if _is_unit(core):
                continue
            if "行政复议" in core:
                parent = "review"
            elif "行政诉讼" in core:
                parent = "lit_all"
            alias = next((a for a in _LEGACY_SORTED if a in core), None)
            key = LEGACY_ALIASES.get(alias) if alias else None
            if key and key.startswith("@"):
                key = f"{parent}_{key[1:]}" if parent else None
            current = None
            if key and key not in {k for _, k, _ in rows}:
                current = []
                rows.append((tok, key, current))
            continue
        if current is not None:
            current.append(tok)
    for tok, key, vals in rows:
        vals = [v for v in vals if v.kind in ("N", "E")][:ncols + 1]
        if not vals:
            continue
        rd = _row_readings(vals, ncols)
        certain = _certain(rd, ncols) if rd else [("unresolved", None)] * ncols
        st, part = certain[0]
        _emit(cells, key, part, st, tok, "", "legacy")
        if cumulative and key == "pub_items_total" and len(certain) > 1:
            st2, part2 = certain[1]
            _emit(cells, "pub_items_cumulative", part2, st2, tok, "历年累计", "legacy")
    return cells


def detect_era(norm: str) -> str | None:
    """Returns F21, F19 or N14 from the table labels a text carries (INDICATORS.md §0.1), else None."""
    if "本年制发件数" in norm or "本年废止件数" in norm:
        return "F21"
    if "本年新制作数量" in norm or "第二十条第(九)项" in norm:
        return "F19"
    compact = re.sub(r"\s+", "", norm)
    if "统计指标" in compact or "指标名称" in compact:
        return "N14"
    if "本年新收" in norm and "申请人情况" in norm:
        return "F19"
    return None


def read_tables(norm: Normalized, era: str | None = None) -> tuple[list[IndicatorValue], str | None]:
    """Returns the indicator values of every statistic table in a text, and the table era found.

    Values carry ``source.kind == 'table'`` with the cell's offsets in the ORIGINAL text.
    """
    t = norm.text
    era = era or detect_era(t)
    cells: dict[str, TableCell] = {}
    if era in ("F19", "F21"):
        t2 = _find(t, r"第二十条第\([一二三四五六七八九]\)项")
        t3 = _find(t, r"本列数据的勾稽关系|申请人情况|本年新收政府信息公开申请", max(t2, 0))
        if t2 >= 0:
            cells.update(_read_t2(t, t2, t3 if t3 > t2 else min(len(t), t2 + 3000), era))
        if t3 >= 0:
            fwd = _find(t, r"结转下一?年度继续办理", t3)
            t3_end = fwd if fwd >= 0 else min(len(t), t3 + 6000)
            # the carried-forward row's numbers follow its label
            row_end = _find(t, r"[\u4e00-\u9fff]{2}", t3_end + 10) if fwd >= 0 else t3_end
            row_end = row_end if row_end > 0 else len(t)
            cells.update(_read_t3(t, t3, row_end))
            t4 = _find(t, r"行政复议", row_end)
            if t4 >= 0:
                t4_end = _find(t, r"五[、.]|存在的主要问题|存在问题", t4)
                zf = _zero_filled(tokenize(t, t3, row_end))
                cells.update(_read_t4(t, t4, t4_end if t4_end > 0 else min(len(t), t4 + 1500), zf))
    elif era == "N14":
        s = _find(t, r"统\s*计\s*指\s*标|指标名称")
        if s >= 0:
            cells.update(_read_legacy(t, s, len(t)))
    out = []
    for c in cells.values():
        if c.status == "blank" and c.start == c.end:
            continue
        os_, oe = norm.to_original(c.start, max(c.end, c.start + 1))
        raw = norm.original[os_:oe] if c.raw else ""
        out.append(IndicatorValue(
            key=c.key, value=c.value, unit="", status=c.status, qualifier="exact", raw=raw,
            source=Source(kind="table", start=os_, end=oe, table_id=c.table_id, row_label=c.row_label,
                          col_label=c.col_label),
            era=era or "", confidence=0.98 if c.status in ("reported", "reported_zero") else 0.5))
    return out, era
