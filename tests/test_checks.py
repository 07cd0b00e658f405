"""The consistency-rule engine (INDICATORS.md §10): a table of cases, one per rule.

The base tables are written by the project (small invented numbers that satisfy every
identity); each case changes a few cells and names the rule that must fire and the
keys it must report.
"""

from __future__ import annotations

import pytest

from govie.checks import infer_era, run_checks
from govie.types import Check, IndicatorValue, ReportMeta

COLS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org")
RESULT_ROWS = ("app_res_granted", "app_res_partial",
               "app_res_denied_state_secret", "app_res_denied_law_prohibited", "app_res_denied_security_stability",
               "app_res_denied_third_party", "app_res_denied_internal_affairs", "app_res_denied_process_info",
               "app_res_denied_enforcement_file", "app_res_denied_admin_query",
               "app_res_unable_not_held", "app_res_unable_needs_creation", "app_res_unable_unclear",
               "app_res_np_petition", "app_res_np_duplicate", "app_res_np_publication", "app_res_np_mass_repeat",
               "app_res_np_confirm_reissue")
F21_OTHER = ("app_res_other_no_correction", "app_res_other_fee_unpaid", "app_res_other_other")

# Per column: granted, partial, not_held, duplicate, no_correction; carried in / forward.
_CELLS = {
    "natural_person": dict(app_res_granted=9, app_res_partial=2, app_res_unable_not_held=3,
                           app_res_np_duplicate=1, app_res_other_no_correction=1,
                           app_carried_over_in=2, app_carried_forward=1),
    "commercial_enterprise": dict(app_res_granted=2, app_res_unable_not_held=1, app_carried_over_in=0,
                                  app_carried_forward=0),
    "other_org": dict(app_res_granted=1, app_carried_over_in=0, app_carried_forward=1),
}


def f21_table(*, other_rows: tuple[str, ...] = F21_OTHER) -> dict[str, int]:
    """Returns a complete, consistent Table 3 + Table 4 (F21 layout) as flat keys."""
    v: dict[str, int] = {}
    rows = (*RESULT_ROWS, *other_rows)
    for col in COLS:
        c = _CELLS.get(col, {})
        for row in rows:
            v[f"{row}__{col}"] = c.get(row, 0)
        res = sum(v[f"{row}__{col}"] for row in rows)
        cin, fwd = c.get("app_carried_over_in", 0), c.get("app_carried_forward", 0)
        v[f"app_res_total__{col}"] = res
        v[f"app_carried_over_in__{col}"] = cin
        v[f"app_carried_forward__{col}"] = fwd
        v[f"app_new_received__{col}"] = res + fwd - cin
    for row in (*rows, "app_res_total", "app_carried_over_in", "app_carried_forward", "app_new_received"):
        v[f"{row}__total"] = sum(v[f"{row}__{c}"] for c in COLS)
    for p, cells in (("review", (1, 1, 0, 1)), ("lit_direct", (2, 0, 0, 0)), ("lit_after_review", (0, 0, 0, 0))):
        for o, x in zip(("upheld", "corrected", "other", "pending"), cells):
            v[f"{p}_{o}"] = x
        v[f"{p}_total"] = sum(cells)
    v.update(t2_rules_issued=0, t2_rules_repealed=0, t2_rules_in_force=3, t2_normdocs_issued=7,
             t2_normdocs_repealed=1, t2_normdocs_in_force=24, t2_license_decisions=194,
             t2_penalty_decisions=46, t2_coercion_decisions=0)
    return v


def f19_table() -> dict[str, int]:
    v = f21_table(other_rows=("app_res_other_total",))
    for k in [k for k in v if k.startswith("t2_")]:
        del v[k]
    v.update(t2_rules_new_made=1, t2_rules_new_published=1, t2_rules_total_published=5,
             t2_normdocs_new_made=16, t2_normdocs_new_published=16, t2_normdocs_total_published=40,
             t2_license_items_prev=156, t2_license_items_change=-59, t2_license_decisions=97)
    return v


def n14_table() -> dict[str, int | float]:
    return dict(pub_items_total=766, pub_normdocs_published=10, pub_normdocs_issued=10,
                app_received_total_legacy=6, app_ch_in_person=1, app_ch_fax=0, app_ch_online=4, app_ch_letter=1,
                app_closed_legacy=6, app_closed_on_time=5, app_closed_extended=1,
                app_replied_legacy=6, app_legacy_already_public=1, app_res_granted__total=2,
                app_res_partial__total=1, app_legacy_denied_total=1, app_res_denied_state_secret__total=0,
                app_legacy_denied_trade_secret=0, app_legacy_denied_privacy=1,
                app_res_denied_security_stability__total=0, app_legacy_not_gov_info=0,
                app_res_denied_law_prohibited__total=0, app_legacy_not_this_agency=1, app_legacy_info_not_exist=0,
                app_legacy_notify_amend=0, app_legacy_notify_other_route=0,
                review_total=2, review_upheld=1, review_corrected=1, review_other=0,
                lit_all_total=0, lit_all_upheld=0, lit_all_corrected=0, lit_all_other=0,
                org_staff_total=3, org_staff_fulltime=1, org_staff_parttime=2, org_special_funding=2.5,
                fee_legacy_collected=0)


def _edit(base: dict, **changes) -> dict:
    out = dict(base)
    for k, x in changes.items():
        if x is None:
            out.pop(k, None)
        else:
            out[k] = x
    return out


def _by_rule(checks: list[Check], rule: str) -> list[Check]:
    return [c for c in checks if c.rule == rule]


def test_consistent_tables_give_no_checks():
    assert run_checks(f21_table(), "F21") == []
    assert run_checks(f19_table(), "F19") == []
    assert run_checks(n14_table(), "N14") == []
    assert run_checks({}, None) == []


def test_record_formats_and_indicator_values_are_accepted():
    t = {k: IndicatorValue(k, x, status="reported_zero" if x == 0 else "reported") for k, x in f21_table().items()}
    assert run_checks(t, "national_2021") == []
    rec_form = {k: {"value": x, "status": "reported"} for k, x in f21_table().items()}
    assert run_checks(rec_form, "F21") == []


# (case id, base, era, changes, rule that must fire, keys that the check must name)
CASES = [
    ("T3-01 column", f21_table, "F21",
     dict(app_carried_forward__commercial_enterprise=1, app_carried_forward__total=3),
     "T3-01", {"app_new_received__commercial_enterprise", "app_carried_forward__commercial_enterprise"}),
    ("T3-02 total row", f21_table, "F21", dict(app_res_granted__natural_person=10, app_res_granted__total=13),
     "T3-02", {"app_res_total__natural_person", "app_res_granted__natural_person"}),
    ("T3-02 F19 other row", f19_table, "F19", dict(app_res_other_total__natural_person=2,
                                                    app_res_other_total__total=2),
     "T3-02", {"app_res_total__natural_person", "app_res_other_total__natural_person"}),
    ("T3-03 row", f21_table, "F21", dict(app_res_partial__total=3),
     "T3-03", {"app_res_partial__total", "app_res_partial__natural_person"}),
    ("T3-04 denied subtotal", f21_table, "F21", dict(app_res_denied_total__natural_person=1),
     "T3-04", {"app_res_denied_total__natural_person"}),
    ("T3-04 legal-person subtotal", f21_table, "F21", dict(app_res_granted__legal_person_subtotal=4),
     "T3-04", {"app_res_granted__legal_person_subtotal", "app_res_granted__commercial_enterprise"}),
    ("T3-06 misclassified request", f21_table, "F21",
     dict(app_new_received__natural_person=16, app_new_received__other_org=1),
     "T3-06", {"app_new_received__natural_person", "app_new_received__other_org"}),
    ("T4-01 review", f21_table, "F21", dict(review_total=4), "T4-01",
     {"review_total", "review_upheld", "review_pending"}),
    ("T4-01 litigation after review", f21_table, "F21", dict(lit_after_review_upheld=1),
     "T4-01", {"lit_after_review_total", "lit_after_review_upheld"}),
    ("T4-02 N14 review", n14_table, "N14", dict(review_total=3), "T4-02", {"review_total", "review_upheld"}),
    ("T4-02 N14 litigation", n14_table, "N14", dict(lit_all_upheld=1), "T4-02", {"lit_all_total", "lit_all_upheld"}),
    ("T2-02 total below new", f19_table, "F19", dict(t2_normdocs_total_published=10),
     "T2-02", {"t2_normdocs_total_published", "t2_normdocs_new_published"}),
    ("N14-01 channels", n14_table, "N14", dict(app_ch_online=5), "N14-01",
     {"app_received_total_legacy", "app_ch_online"}),
    ("N14-01 closed", n14_table, "N14", dict(app_closed_extended=2), "N14-01",
     {"app_closed_legacy", "app_closed_extended"}),
    ("N14-01 denied reasons", n14_table, "N14", dict(app_legacy_denied_privacy=0), "N14-01",
     {"app_legacy_denied_total"}),
    ("N14-01 staff", n14_table, "N14", dict(org_staff_parttime=3), "N14-01",
     {"org_staff_total", "org_staff_fulltime", "org_staff_parttime"}),
    ("N14-01 normdocs above items", n14_table, "N14", dict(pub_normdocs_published=800), "N14-01",
     {"pub_items_total", "pub_normdocs_published"}),
    ("N14-02 replies", n14_table, "N14", dict(app_legacy_notify_amend=1), "N14-02",
     {"app_replied_legacy", "app_legacy_notify_amend"}),
    ("X-02 negative count", f21_table, "F21", dict(t2_penalty_decisions=-3), "X-02", {"t2_penalty_decisions"}),
    ("X-02 fractional count", n14_table, "N14", dict(pub_via_website=12.5), "X-02", {"pub_via_website"}),
    ("X-02 negative money", n14_table, "N14", dict(org_special_funding=-1), "X-02", {"org_special_funding"}),
    ("X-02 percent over 100", n14_table, "TXT", dict(pub_fulltext_electronic_rate=103.2), "X-02",
     {"pub_fulltext_electronic_rate"}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_rule_fires_with_its_keys(case):
    _, base, era, changes, rule, keys = case
    checks = run_checks(_edit(base(), **changes), era)
    hits = _by_rule(checks, rule)
    assert hits, f"{rule} did not fire; got {[c.rule for c in checks]}"
    named = set().union(*(set(c.keys) for c in hits))
    assert keys <= named, (keys - named, hits)
    c = hits[0]
    assert c.severity in ("critical", "high", "medium", "low", "info")
    assert c.message.startswith(rule) and c.values
    assert all(k in c.keys or k in ("published", "deadline", "year") for k in c.values)


def test_t3_06_comes_with_the_two_t3_01_failures():
    checks = run_checks(_edit(f21_table(), app_new_received__natural_person=16, app_new_received__other_org=1), "F21")
    assert sorted(c.rule for c in checks) == ["T3-01", "T3-01", "T3-06"]
    assert {c.severity for c in checks if c.rule == "T3-06"} == {"info"}


def test_signed_change_is_not_a_negative_count():
    assert run_checks(f19_table(), "F19") == []  # t2_license_items_change = -59
    assert _by_rule(run_checks(_edit(f19_table(), t2_license_items_change=-1.5), "F19"), "X-02")


def test_missing_inputs_are_not_assessed():
    # no total: nothing to compare with
    t = _edit(f21_table(), review_total=None, review_upheld=5)
    assert not _by_rule(run_checks(t, "F21"), "T4-01")
    # total present but every part missing: not assessed
    assert run_checks({"review_total": 3}, "F21") == []
    # a blank total column (Shanghai 2019) is not assessable, not a failure
    t = {k: x for k, x in f21_table().items() if not (k.endswith("__total") and k.startswith("app_res_"))}
    assert run_checks(t, "F21") == []
    t = {k: IndicatorValue(k, None, status="blank") if k == "app_res_partial__total" else x
         for k, x in f21_table().items()}
    assert not _by_rule(run_checks(t, "F21"), "T3-03")


def test_missing_parts_count_as_zero_once_total_and_one_part_are_present():
    t = {"review_total": 3, "review_upheld": 1}
    (c,) = run_checks(t, "F21")
    assert c.rule == "T4-01" and "missing part" in c.message and c.values == {"review_total": 3, "review_upheld": 1}
    assert run_checks({"review_total": 1, "review_upheld": 1}, "F21") == []


def test_era_gates_and_inference():
    bad_n14 = _edit(n14_table(), app_ch_online=5)
    assert not _by_rule(run_checks(bad_n14, "F21"), "N14-01")  # N14 rules only in N14
    assert _by_rule(run_checks(bad_n14, None), "N14-01")  # inferred from legacy-only keys
    # narrative totals (收到44件、办结40件) are not a table: T3-01 is not assessed in TXT
    txt = {"app_new_received__total": 44, "app_res_total__total": 40}
    assert run_checks(txt, "TXT") == []
    assert infer_era(f21_table()) == "F21" and infer_era(f19_table()) == "F19" and infer_era(n14_table()) == "N14"
    assert infer_era({"review_pending": 0}) == "F2x"


def test_f21_other_rows_versus_printed_other_total():
    t = f21_table()
    t["app_res_other_total__natural_person"] = 1  # printed (六) subtotal, consistent
    assert run_checks(t, "F21") == []
    t["app_res_other_total__natural_person"] = 2
    assert [c.rule for c in run_checks(t, "F21")] == ["T3-04"]


def test_t2_02_fee_unit_confusion():
    t = _edit(f21_table(), t2_admin_fee_amount=None)
    t["t2_admin_fee_amount"] = IndicatorValue("t2_admin_fee_amount", 3, "万元", raw="+3")
    assert _by_rule(run_checks(t, "F21"), "T2-02")
    t["t2_admin_fee_amount"] = IndicatorValue("t2_admin_fee_amount", 650.6, "万元", raw="650.6")
    assert run_checks(t, "F21") == []


@pytest.mark.parametrize("agency, year, published, late", [
    ("河北省教育厅", 2018, "2019-03-31", False),
    ("河北省教育厅", 2018, "2019-04-01", True),
    ("河北省教育厅", 2019, "2020-01-31", False),
    ("河北省教育厅", 2019, "2020-02-01", True),
    ("平潭县人民政府", 2019, "2020-03-20", False),
    ("平潭综合实验区管委会", 2023, "2024-03-31", False),
    ("平潭综合实验区管委会", 2023, "2024-04-02", True),
    (None, 2020, "2021-02-15", False),  # department or government unknown: only the March deadline
    (None, 2020, "2021-04-15", True),
])
def test_x_03_publication_deadline(agency, year, published, late):
    meta = ReportMeta(agency=agency, year=year, published=published)
    checks = run_checks({}, None, meta=meta)
    assert bool(_by_rule(checks, "X-03")) == late
    if late:
        assert checks[0].severity == "medium" and published in checks[0].message


def test_x_03_needs_date_and_year():
    assert run_checks({}, None, meta=ReportMeta(agency="河北省教育厅", year=2019)) == []
    assert run_checks({}, None, meta=ReportMeta(agency="河北省教育厅", published="2021-05-01")) == []
