"""The consistency-rule engine: the rules of INDICATORS.md §10 that indicator values decide.

``run_checks(values, era, meta=meta)`` returns one ``Check`` per failure, never
one for a pass. A rule whose inputs are missing is not assessed and produces
nothing (Shanghai 2019 left the 总计 column of Table 3 blank: its rows are not
assessable, not failures).

Rules implemented (id, severity, eras):

==========  ========  =========  ===============================================================
T3-01       critical  F19 F21    per column: new_received + carried_over_in = res_total + carried_forward
T3-02       critical  F19 F21    per column: res_total = granted + partial + Σdenied(8) + Σunable(3)
                                 + Σnp(5) + other (F19: app_res_other_total; F21: Σ of its 3 rows)
T3-03       critical  F19 F21    per row: total = natural_person + Σ 5 organisation columns
T3-04       high      F19 F21    a printed subtotal (app_res_denied_total, app_res_unable_total,
                                 app_res_not_processed_total, F21 app_res_other_total, the
                                 legal_person_subtotal column) equals its parts
T3-06       info      F19 F21    two columns fail T3-01 by +k and -k while the total column passes
T4-01       critical  F19 F21    per proceeding: total = upheld + corrected + other + pending
T4-02       high      N14        review_total = upheld + corrected + other; lit_all likewise
T2-02       medium    F19 (F21)  total_published >= new_published; fee-row unit confusion
N14-01      high      N14        收到申请数 = Σ channels; 办结 = 按时 + 延期; 不同意公开 = Σ 6 reasons;
                                 人员 = 专职 + 兼职; 主动公开规范性文件数 <= 主动公开政府信息数
N14-02      medium    N14        申请答复数 = Σ items 1-8
X-02        high      all        counts are non-negative integers (signed ``*_items_change``:
                                 integers), amounts >= 0, percentages 0..100
X-03        medium    all        publication deadline (needs ``meta.published`` and ``meta.year``)
==========  ========  =========  ===============================================================

Missing values: a key that is absent, ``None``, or an IndicatorValue whose status is
blank / not_applicable / not_found / unresolved is *missing*. In a sum rule
(``total = Σ parts``) missing parts count as 0 **only when the total and at least
one part are present**; otherwise the rule is not assessed. T3-01 has two sums: it is
assessed when ``new_received`` and ``res_total`` of the column are present, and a
missing carry-over term (``carried_over_in``, ``carried_forward``) counts as 0.
Where a whole group of sub-rows is missing but its printed subtotal is present
(``app_res_denied_total``, ``…__legal_person_subtotal``), T3-02 and T3-03 use the
subtotal in place of the group.

>>> run_checks({"review_total": 3, "review_upheld": 1, "review_corrected": 1}, "N14")[0].rule
'T4-02'
>>> run_checks({"review_total": 2, "review_upheld": 1, "review_corrected": 1}, "N14")
[]
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Iterable, Mapping, Sequence

from .normalize import _t2s
from .schema import load_schema
from .types import Check, IndicatorValue, ReportMeta

__all__ = ["run_checks", "infer_era", "SEVERITY", "RULE_ERAS"]

SEVERITY: dict[str, str] = {
    "T3-01": "critical", "T3-02": "critical", "T3-03": "critical", "T3-04": "high", "T3-06": "info",
    "T4-01": "critical", "T4-02": "high", "T2-02": "medium", "N14-01": "high", "N14-02": "medium",
    "X-02": "high", "X-03": "medium",
}

# Eras in which a rule is assessed; None means every era (and an unknown one).
RULE_ERAS: dict[str, frozenset[str] | None] = {
    "T3-01": frozenset({"F19", "F21"}), "T3-02": frozenset({"F19", "F21"}),
    "T3-03": frozenset({"F19", "F21"}), "T3-04": frozenset({"F19", "F21"}),
    "T3-06": frozenset({"F19", "F21"}), "T4-01": frozenset({"F19", "F21"}),
    "T4-02": frozenset({"N14"}), "T2-02": frozenset({"F19", "F21"}),
    "N14-01": frozenset({"N14"}), "N14-02": frozenset({"N14"}), "X-02": None, "X-03": None,
}

# Applicant columns of Table 3. legal_person_subtotal is non-standard but accepted when printed.
ORG_COLUMNS = ("commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org",
               "other_org")
PERSON_COLUMNS = ("natural_person", *ORG_COLUMNS)
ALL_COLUMNS = (*PERSON_COLUMNS, "legal_person_subtotal", "total")
_COL_ZH = {"natural_person": "自然人", "commercial_enterprise": "商业企业", "research_institution": "科研机构",
           "social_welfare_org": "社会公益组织", "legal_service_org": "法律服务机构", "other_org": "其他",
           "legal_person_subtotal": "法人小计", "total": "总计"}

_ABSENT = frozenset({"blank", "not_applicable", "not_found", "unresolved"})
_FORMAT_ERA = {"narrative": "TXT", "legacy_table": "N14", "national_2019": "F19", "national_2021": "F21"}
_GENERIC_F = "F2x"  # Table-3/4 keys present, but nothing tells 2019 from 2021

# Table-3 row keys in table order (without the derived subtotals).
_DENIED = load_schema().children("denied")
_UNABLE = load_schema().children("unable")
_NP = load_schema().children("np")
_OTHER3 = load_schema().children("other")
_SUBTOTALS = (("app_res_denied_total", _DENIED), ("app_res_unable_total", _UNABLE),
              ("app_res_not_processed_total", _NP))

_PROCEEDINGS = (("review", "行政复议"), ("lit_direct", "未经复议直接起诉"), ("lit_after_review", "复议后起诉"),
                ("lit_all", "行政诉讼合计"))
_TOL = 1e-6


def _number(v: Any) -> int | float | None:
    """Returns the numeric value of a mapping entry, or None when it is missing."""
    if v is None:
        return None
    if isinstance(v, IndicatorValue):
        if v.status in _ABSENT:
            return None
        v = v.value
    elif isinstance(v, Mapping):  # an annotation record's indicator entry {"value": …, "status": …}
        if v.get("status") in _ABSENT:
            return None
        v = v.get("value")
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _raw(v: Any) -> str:
    if isinstance(v, IndicatorValue):
        return v.raw
    if isinstance(v, Mapping):
        return str(v.get("raw") or "")
    return ""


def _fmt(x: int | float) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:g}" if isinstance(x, float) else str(x)


def _eq(a: float, b: float) -> bool:
    return abs(a - b) <= _TOL * max(1.0, abs(a), abs(b))


def infer_era(values: Mapping[str, Any]) -> str | None:
    """Returns the era the keys of ``values`` imply: F21, F19, N14, ``F2x`` (2019 or 2021) or None.

    Used when ``run_checks`` is given no era. F21-only keys (本年制发件数, the three
    (六) rows) mean F21; F19-only keys (本年新制作数量, 上一年项目数量) mean F19;
    legacy-only keys (申请办结数, 专职人员数) mean N14; other Table-3/4 keys that exist
    only in the national formats mean one of F19/F21.
    """
    schema = load_schema()
    found: set[str] = set()
    for key in values:
        if not schema.is_key(key) or _number(values[key]) is None:
            continue
        ind, _ = schema.lookup(key)
        if ind.group == "derived":
            continue
        eras = set(ind.eras)
        if eras == {"F21"}:
            found.add("F21")
        elif eras == {"F19"}:
            found.add("F19")
        elif eras and not eras & {"F19", "F21", "TXT"}:
            found.add("N14")
        elif eras and eras <= {"F19", "F21"}:
            found.add(_GENERIC_F)
    for era in ("F21", "F19", "N14", _GENERIC_F):
        if era in found:
            return era
    return None


class _Engine:
    def __init__(self, values: Mapping[str, Any], era: str | None, meta: ReportMeta | None) -> None:
        self.raw_values = values
        self.v: dict[str, int | float] = {}
        for k, x in values.items():
            n = _number(x)
            if n is not None:
                self.v[str(k)] = n
        era = _FORMAT_ERA.get(era, era) if era else None
        self.era = era if era else infer_era(values)
        self.meta = meta
        self.out: list[Check] = []

    # -- helpers -------------------------------------------------------------------------------
    def applies(self, rule: str) -> bool:
        eras = RULE_ERAS[rule]
        if eras is None:
            return True
        if self.era == _GENERIC_F:
            return bool(eras & {"F19", "F21"})
        return self.era in eras

    def get(self, key: str) -> int | float | None:
        return self.v.get(key)

    def emit(self, rule: str, message: str, keys: Iterable[str], values: Mapping[str, Any]) -> None:
        self.out.append(Check(rule=rule, severity=SEVERITY[rule], message=f"{rule}: {message}",
                              keys=tuple(keys), values=dict(values)))

    def sum_rule(self, rule: str, what: str, total_key: str, part_keys: Sequence[str]) -> bool | None:
        """Checks total = Σ parts; returns None when not assessed, else whether it holds."""
        total = self.get(total_key)
        present = [k for k in part_keys if self.get(k) is not None]
        if total is None or not present:
            return None
        s = sum(self.v[k] for k in present)
        if _eq(s, total):
            return True
        missing = [k for k in part_keys if k not in present]
        parts = " + ".join(f"{k}={_fmt(self.v[k])}" for k in present)
        note = f" ({len(missing)} missing part(s) counted as 0)" if missing else ""
        self.emit(rule, f"{what}: {total_key}={_fmt(total)} but the parts sum to {_fmt(s)} "
                        f"({parts}){note}; difference {_fmt(total - s)}.",
                  [total_key, *present], {total_key: total, **{k: self.v[k] for k in present}})
        return False

    def at_least(self, rule: str, what: str, big: str, small: str) -> None:
        a, b = self.get(big), self.get(small)
        if a is None or b is None or a >= b - _TOL:
            return
        self.emit(rule, f"{what}: {big}={_fmt(a)} is smaller than {small}={_fmt(b)}.", [big, small],
                  {big: a, small: b})

    # -- Table 3 ---------------------------------------------------------------------------------
    def _group(self, col: str, leaves: Sequence[str], subtotal: str | None) -> list[str]:
        keys = [f"{k}__{col}" for k in leaves]
        if any(self.get(k) is not None for k in keys):
            return keys
        if subtotal and self.get(f"{subtotal}__{col}") is not None:
            return [f"{subtotal}__{col}"]
        return keys

    def _other_keys(self, col: str) -> list[str]:
        three = [f"{k}__{col}" for k in _OTHER3]
        one = f"app_res_other_total__{col}"
        if self.era == "F19":
            return [one]
        if self.era == "F21":
            return three if any(self.get(k) is not None for k in three) or self.get(one) is None else [one]
        return three if any(self.get(k) is not None for k in three) else [one]

    def t3_01(self) -> dict[str, int | float]:
        diffs: dict[str, int | float] = {}
        for col in ALL_COLUMNS:
            new, res = self.get(f"app_new_received__{col}"), self.get(f"app_res_total__{col}")
            if new is None or res is None:
                continue
            k_in, k_fwd = f"app_carried_over_in__{col}", f"app_carried_forward__{col}"
            cin, fwd = self.get(k_in) or 0, self.get(k_fwd) or 0
            d = (new + cin) - (res + fwd)
            diffs[col] = d
            if _eq(new + cin, res + fwd):
                continue
            keys = [f"app_new_received__{col}", k_in, f"app_res_total__{col}", k_fwd]
            vals = {k: self.v[k] for k in keys if k in self.v}
            self.emit("T3-01", f"column {_COL_ZH[col]} ({col}): 本年新收 {_fmt(new)} + 上年结转 {_fmt(cin)} = "
                               f"{_fmt(new + cin)}, but 办理结果总计 {_fmt(res)} + 结转下年度 {_fmt(fwd)} = "
                               f"{_fmt(res + fwd)} (difference {_fmt(d)}).",
                      [k for k in keys if k in self.v], vals)
        return diffs

    def t3_02(self) -> None:
        for col in ALL_COLUMNS:
            parts = [f"app_res_granted__{col}", f"app_res_partial__{col}",
                     *self._group(col, _DENIED, "app_res_denied_total"),
                     *self._group(col, _UNABLE, "app_res_unable_total"),
                     *self._group(col, _NP, "app_res_not_processed_total"),
                     *self._other_keys(col)]
            self.sum_rule("T3-02", f"column {_COL_ZH[col]} ({col}): （七）总计 must equal the sum of the result rows",
                          f"app_res_total__{col}", parts)

    def t3_03(self) -> None:
        schema = load_schema()
        for ind in schema.indicators.values():
            if ind.dims != "applicant":
                continue
            base = ind.key
            orgs = [f"{base}__{c}" for c in ORG_COLUMNS]
            sub = f"{base}__legal_person_subtotal"
            if not any(self.get(k) is not None for k in orgs) and self.get(sub) is not None:
                orgs = [sub]
            self.sum_rule("T3-03", f"row {base}: 总计 must equal 自然人 + the 法人或其他组织 columns",
                          f"{base}__total", [f"{base}__natural_person", *orgs])

    def t3_04(self) -> None:
        for col in ALL_COLUMNS:
            for sub, leaves in _SUBTOTALS:
                self.sum_rule("T3-04", f"column {_COL_ZH[col]} ({col}): printed subtotal {sub}",
                              f"{sub}__{col}", [f"{k}__{col}" for k in leaves])
            if self.era != "F19":
                self.sum_rule("T3-04", f"column {_COL_ZH[col]} ({col}): （六）其他处理 subtotal",
                              f"app_res_other_total__{col}", [f"{k}__{col}" for k in _OTHER3])
        schema = load_schema()
        for ind in schema.indicators.values():
            if ind.dims == "applicant":
                self.sum_rule("T3-04", f"row {ind.key}: printed 法人或其他组织 小计",
                              f"{ind.key}__legal_person_subtotal", [f"{ind.key}__{c}" for c in ORG_COLUMNS])

    def t3_06(self, diffs: Mapping[str, int | float]) -> None:
        if "total" not in diffs or not _eq(diffs["total"], 0):
            return
        cols = [c for c in PERSON_COLUMNS if c in diffs and not _eq(diffs[c], 0)]
        for i, a in enumerate(cols):
            for b in cols[i + 1:]:
                if _eq(diffs[a], -diffs[b]):
                    keys = [f"{k}__{c}" for c in (a, b) for k in
                            ("app_new_received", "app_carried_over_in", "app_res_total", "app_carried_forward")]
                    keys = [k for k in keys if k in self.v]
                    self.emit("T3-06", f"columns {_COL_ZH[a]} ({a}) and {_COL_ZH[b]} ({b}) fail T3-01 by "
                                       f"{_fmt(diffs[a])} and {_fmt(diffs[b])} while the 总计 column balances: "
                                       "likely a request counted under the wrong applicant type.",
                              keys, {k: self.v[k] for k in keys})

    # -- Table 4 ---------------------------------------------------------------------------------
    def t4_01(self) -> None:
        for p, zh in _PROCEEDINGS:
            self.sum_rule("T4-01", f"{zh} ({p}): 总计 must equal 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                          f"{p}_total", [f"{p}_{o}" for o in ("upheld", "corrected", "other", "pending")])

    def t4_02(self) -> None:
        for p, zh in (("review", "行政复议数量"), ("lit_all", "行政诉讼数量")):
            self.sum_rule("T4-02", f"{zh} ({p}_total) must equal 维持 + 纠错 + 其他情形",
                          f"{p}_total", [f"{p}_{o}" for o in ("upheld", "corrected", "other")])

    # -- Table 2 ---------------------------------------------------------------------------------
    def t2_02(self) -> None:
        if self.era in ("F19", _GENERIC_F):
            for row, zh in (("rules", "规章"), ("normdocs", "规范性文件")):
                self.at_least("T2-02", f"{zh}: 对外公开总数量 must be at least 本年新公开数量",
                              f"t2_{row}_total_published", f"t2_{row}_new_published")
        key = "t2_admin_fee_amount"
        if key in self.v:
            raw = _raw(self.raw_values.get(key)).strip()
            if self.era == "F19":
                self.emit("T2-02", f"{key}={_fmt(self.v[key])} in a 2019-format report: the F19 行政事业性收费 row "
                                   "counts fee items (t2_admin_fee_items_*), not an amount in 万元.",
                          [key], {key: self.v[key]})
            elif raw[:1] in ("+", "-", "＋", "－"):
                self.emit("T2-02", f"{key} is printed as {raw!r}: a signed value looks like the F19 本年增/减 "
                                   "item count, not an amount in 万元.", [key], {key: self.v[key]})

    # -- N14 -------------------------------------------------------------------------------------
    def n14_01(self) -> None:
        self.sum_rule("N14-01", "收到申请数 must equal the sum of the channels (当面/传真/网络/信函)",
                      "app_received_total_legacy",
                      ["app_ch_in_person", "app_ch_fax", "app_ch_online", "app_ch_letter", "app_ch_email",
                       "app_ch_other"])
        self.sum_rule("N14-01", "申请办结数 must equal 按时办结数 + 延期办结数", "app_closed_legacy",
                      ["app_closed_on_time", "app_closed_extended"])
        self.sum_rule("N14-01", "不同意公开答复数 must equal the sum of its six reasons", "app_legacy_denied_total",
                      ["app_res_denied_state_secret__total", "app_legacy_denied_trade_secret",
                       "app_legacy_denied_privacy", "app_res_denied_security_stability__total",
                       "app_legacy_not_gov_info", "app_res_denied_law_prohibited__total"])
        self.sum_rule("N14-01", "从事政府信息公开工作人员数 must equal 专职 + 兼职", "org_staff_total",
                      ["org_staff_fulltime", "org_staff_parttime"])
        self.at_least("N14-01", "其中：主动公开规范性文件数 cannot exceed 主动公开政府信息数",
                      "pub_items_total", "pub_normdocs_published")

    def n14_02(self) -> None:
        self.sum_rule("N14-02", "申请答复数 must equal the sum of items 1-8", "app_replied_legacy",
                      ["app_legacy_already_public", "app_res_granted__total", "app_res_partial__total",
                       "app_legacy_denied_total", "app_legacy_not_this_agency", "app_legacy_info_not_exist",
                       "app_legacy_notify_amend", "app_legacy_notify_other_route"])

    # -- all eras --------------------------------------------------------------------------------
    def x_02(self) -> None:
        schema = load_schema()
        for key, val in self.v.items():
            if not schema.is_key(key):
                continue
            ind, _ = schema.lookup(key)
            kind = schema.kind(key)
            problem = None
            if kind == "count":
                if not float(val).is_integer():
                    problem = f"{key}={_fmt(val)} is a count ({ind.unit}) and must be a whole number"
                elif val < 0 and not ind.signed:
                    problem = f"{key}={_fmt(val)} is a count ({ind.unit}) and cannot be negative"
            elif kind == "money" and val < 0:
                problem = f"{key}={_fmt(val)} is an amount ({ind.unit}) and cannot be negative"
            elif kind == "percent" and not (0 <= val <= 100):
                problem = f"{key}={_fmt(val)} is a percentage and must lie in 0..100"
            if problem:
                self.emit("X-02", problem + ".", [key], {key: val})

    def x_03(self) -> None:
        m = self.meta
        if m is None or not m.published or not m.year:
            return
        try:
            pub = _dt.date.fromisoformat(str(m.published)[:10])
        except ValueError:
            return
        year = int(m.year)
        march = _dt.date(year + 1, 3, 31)
        if year < 2019:
            deadline, who = march, "all agencies (before report year 2019)"
        else:
            agency = _t2s(m.agency or "")  # 管委會 in a traditional-script report
            if any(s in agency for s in ("人民政府", "管委会", "管理委员会")):
                deadline, who = march, "people's governments (人民政府/管委会)"
            elif agency:
                deadline, who = _dt.date(year + 1, 1, 31), "departments (部门)"
            elif pub > march:  # unknown kind of agency: late for either deadline
                deadline, who = march, "any agency"
            else:
                return
        if pub > deadline:
            self.emit("X-03", f"published {pub.isoformat()}, after the deadline {deadline.isoformat()} for {who} "
                              f"reporting on {year} ({(pub - deadline).days} days late).",
                      ["publish_date"], {"published": pub.isoformat(), "deadline": deadline.isoformat(),
                                         "year": year})

    def run(self) -> list[Check]:
        if self.applies("T3-01"):
            diffs = self.t3_01()
            self.t3_02()
            self.t3_03()
            self.t3_04()
            self.t3_06(diffs)
        if self.applies("T4-01"):
            self.t4_01()
        if self.applies("T4-02"):
            self.t4_02()
        if self.applies("T2-02"):
            self.t2_02()
        if self.applies("N14-01"):
            self.n14_01()
            self.n14_02()
        self.x_02()
        self.x_03()
        return self.out


def run_checks(values: Mapping[str, IndicatorValue | int | float | None], era: str | None, *,
               meta: ReportMeta | None = None) -> list[Check]:
    """Returns a Check for every failed consistency rule of INDICATORS.md §10 (passes give nothing).

    Args:
        values: flat schema keys (``app_new_received__total``, ``review_total``) to an
            IndicatorValue, a plain number, ``None``, or an annotation record's indicator entry
            (``{"value": 3, "status": "reported"}``). Keys outside the schema are ignored.
        era: ``F19``, ``F21``, ``N14``, ``L08``, ``TXT`` (or the record formats ``national_2021``,
            ``legacy_table`` …); None infers it from the keys (``infer_era``).
        meta: report fields; X-03 needs ``published`` and ``year`` (and ``agency`` from 2019).

    Returns:
        The failures in rule order, each with the rule id, its §10 severity, a message naming
        the numbers, the keys involved and their values. Rules whose inputs are missing are not
        assessed (see the module docstring for how missing parts of a sum are treated).
    """
    return _Engine(values, era, meta).run()
