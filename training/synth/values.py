"""Indicator values generated bottom-up, so every table identity of INDICATORS.md §10 holds.

Cells are drawn first (results per applicant column, outcomes per proceeding,
channels, reasons, staff); totals are their sums. ``inject_error`` then changes one
printed cell on request and says which.
"""

from __future__ import annotations

import random

COLS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org")
from govie.checks import _DENIED as DENIED, _NP as NP, _OTHER3 as OTHER3, _UNABLE as UNABLE  # noqa: E402
PROCEEDINGS = ("review", "lit_direct", "lit_after_review")
OUTCOMES = ("upheld", "corrected", "other", "pending")

# relative weights of the result rows (granted and not-held dominate real tables)
_W = {"app_res_granted": 40, "app_res_partial": 8, "app_res_denied_state_secret": 0.5,
      "app_res_denied_law_prohibited": 1, "app_res_denied_security_stability": 0.5,
      "app_res_denied_third_party": 2, "app_res_denied_internal_affairs": 1.5, "app_res_denied_process_info": 2,
      "app_res_denied_enforcement_file": 1, "app_res_denied_admin_query": 2, "app_res_unable_not_held": 22,
      "app_res_unable_needs_creation": 3, "app_res_unable_unclear": 2, "app_res_np_petition": 3,
      "app_res_np_duplicate": 2, "app_res_np_publication": 0.5, "app_res_np_mass_repeat": 0.5,
      "app_res_np_confirm_reissue": 0.5, "app_res_other_total": 2, "app_res_other_no_correction": 1.5,
      "app_res_other_fee_unpaid": 0.3, "app_res_other_other": 1}


def result_rows(era: str) -> tuple[str, ...]:
    """Returns the Table-3 result rows (before （七）总计) of an era, in table order."""
    other = ("app_res_other_total",) if era == "F19" else OTHER3
    return ("app_res_granted", "app_res_partial", *DENIED, *UNABLE, *NP, *other)


def scale_of(level: str, kind: str) -> float:
    base = {"province": 2.0, "city": 1.2, "county": 0.6, "town": 0.15, "zone": 0.4}[level]
    return base * (2.5 if kind == "gov" else 1.0)


def _skewed(rng: random.Random, mean: float) -> int:
    """Returns a non-negative integer with a long right tail around ``mean``."""
    if mean <= 0:
        return 0
    return int(rng.expovariate(1.0 / mean) + rng.random() * 0.5)


def _spread(rng: random.Random, n: int, keys: tuple[str, ...], weights: list[float]) -> dict[str, int]:
    out = dict.fromkeys(keys, 0)
    if n > 0:
        for k in rng.choices(keys, weights, k=n):
            out[k] += 1
    return out


def table3(rng: random.Random, scale: float, era: str) -> dict[str, int]:
    """Returns every Table-3 cell (7 columns) for F19 / F21, identities T3-01/02/03 satisfied."""
    rows = result_rows(era)
    weights = [_W[r] for r in rows]
    if rng.random() < 0.35:  # a row-mix of its own, e.g. many 不掌握 or many 予以公开
        weights = [w * rng.uniform(0.2, 3.0) for w in weights]
    v: dict[str, int] = {}
    volume = 0 if rng.random() < 0.12 else _skewed(rng, 25 * scale) + rng.randint(0, 3)
    for col in COLS:
        if col == "natural_person":
            n = volume
        else:
            n = _skewed(rng, max(0.3, volume * 0.06)) if rng.random() < 0.35 else 0
        cells = _spread(rng, n, rows, weights)
        res = sum(cells.values())
        cin = rng.randint(0, min(3, res)) if res and rng.random() < 0.3 else 0
        fwd = rng.randint(1, 3) if res and rng.random() < 0.25 else 0
        for r, x in cells.items():
            v[f"{r}__{col}"] = x
        v[f"app_res_total__{col}"] = res
        v[f"app_carried_over_in__{col}"] = cin
        v[f"app_carried_forward__{col}"] = fwd
        v[f"app_new_received__{col}"] = res + fwd - cin
    for r in (*rows, "app_res_total", "app_carried_over_in", "app_carried_forward", "app_new_received"):
        v[f"{r}__total"] = sum(v[f"{r}__{c}"] for c in COLS)
    return v


def table4(rng: random.Random, scale: float) -> dict[str, int]:
    v: dict[str, int] = {}
    for p in PROCEEDINGS:
        n = _skewed(rng, 1.5 * scale) if rng.random() < 0.35 else 0
        cells = _spread(rng, n, OUTCOMES, [5, 1, 1.5, 1.5])
        for o in OUTCOMES:
            v[f"{p}_{o}"] = cells[o]
        v[f"{p}_total"] = n
    return v


def table2_f21(rng: random.Random, scale: float, kind: str) -> dict[str, int | float]:
    legislates = kind == "gov" and scale >= 2
    r_issued = rng.randint(0, 6) if legislates and rng.random() < 0.6 else 0
    r_rep = rng.randint(0, 3) if legislates and rng.random() < 0.3 else 0
    n_issued = rng.randint(0, int(10 + 20 * scale)) if rng.random() < 0.8 else 0
    n_rep = rng.randint(0, 6) if rng.random() < 0.4 else 0
    fee = 0.0
    if rng.random() < 0.4:
        fee = round(rng.uniform(0.5, 3000 * scale), rng.choice([0, 1, 2, 4]))
    return {"t2_rules_issued": r_issued, "t2_rules_repealed": r_rep,
            "t2_rules_in_force": r_issued + (rng.randint(0, 40) if legislates else 0),
            "t2_normdocs_issued": n_issued, "t2_normdocs_repealed": n_rep,
            "t2_normdocs_in_force": n_issued + rng.randint(0, int(30 + 200 * scale)),
            "t2_license_decisions": _skewed(rng, 300 * scale) if rng.random() < 0.7 else 0,
            "t2_penalty_decisions": _skewed(rng, 150 * scale) if rng.random() < 0.6 else 0,
            "t2_coercion_decisions": _skewed(rng, 10 * scale) if rng.random() < 0.35 else 0,
            "t2_admin_fee_amount": int(fee) if float(fee).is_integer() else fee}


def table2_f19(rng: random.Random, scale: float, kind: str) -> dict[str, int | float]:
    v: dict[str, int | float] = {}
    for row, p_any, mx in (("rules", 0.2 if kind == "gov" else 0.05, 6), ("normdocs", 0.8, int(10 + 20 * scale))):
        made = rng.randint(0, mx) if rng.random() < p_any else 0
        pub = made if rng.random() < 0.8 else rng.randint(0, made)
        v[f"t2_{row}_new_made"] = made
        v[f"t2_{row}_new_published"] = pub
        v[f"t2_{row}_total_published"] = pub + (rng.randint(0, int(20 + 100 * scale)) if rng.random() < 0.8 else 0)
    for row, mean in (("license", 60), ("othermgmt", 20), ("penalty", 150), ("coercion", 15), ("admin_fee", 8)):
        prev = _skewed(rng, mean * scale) if rng.random() < 0.7 else 0
        change = 0 if rng.random() < 0.5 else rng.randint(-min(prev, 60), 40)
        v[f"t2_{row}_items_prev"] = prev
        v[f"t2_{row}_items_change"] = change
        if row != "admin_fee":
            v[f"t2_{row}_decisions"] = _skewed(rng, mean * 3 * scale) if prev + change > 0 else 0
    v["t2_procurement_projects"] = _skewed(rng, 8 * scale) if rng.random() < 0.6 else 0
    amt = round(rng.uniform(1, 2000 * scale), rng.choice([0, 2, 4])) if v["t2_procurement_projects"] else 0
    v["t2_procurement_amount"] = int(amt) if float(amt).is_integer() else amt
    return v


def applications_legacy(rng: random.Random, scale: float) -> dict[str, int]:
    """Returns the N14 依申请公开 block (channels, closing, replies by item, denial reasons)."""
    ch = {"app_ch_in_person": _skewed(rng, 3 * scale), "app_ch_fax": _skewed(rng, 0.3 * scale),
          "app_ch_online": _skewed(rng, 8 * scale), "app_ch_letter": _skewed(rng, 2 * scale)}
    if rng.random() < 0.2:
        ch = dict.fromkeys(ch, 0)
    received = sum(ch.values())
    ext = rng.randint(0, min(2, received)) if received and rng.random() < 0.2 else 0
    closed = received
    reasons = ("app_res_denied_state_secret__total", "app_legacy_denied_trade_secret", "app_legacy_denied_privacy",
               "app_res_denied_security_stability__total", "app_legacy_not_gov_info",
               "app_res_denied_law_prohibited__total")
    items = ("app_legacy_already_public", "app_res_granted__total", "app_res_partial__total", "denied",
             "app_legacy_not_this_agency", "app_legacy_info_not_exist", "app_legacy_notify_amend",
             "app_legacy_notify_other_route")
    spread = _spread(rng, closed, items, [6, 30, 5, 3, 6, 5, 2, 3])
    denied = spread.pop("denied")
    v = {**ch, "app_received_total_legacy": received, "app_closed_legacy": closed,
         "app_closed_on_time": closed - ext, "app_closed_extended": ext, "app_replied_legacy": closed,
         **spread, "app_legacy_denied_total": denied}
    v.update(_spread(rng, denied, reasons, [1, 2, 3, 1, 3, 2]))
    return v


def legacy_table(rng: random.Random, scale: float) -> dict[str, int | float]:
    """Returns every value of the N14 统计表 (§2.2 of INDICATORS_NOTES.md)."""
    items = _skewed(rng, 800 * scale) + rng.randint(20, 120)
    v: dict[str, int | float] = {"pub_items_total": items}
    v["pub_normdocs_published"] = rng.randint(0, min(items, int(5 + 30 * scale)))
    v["pub_normdocs_issued"] = v["pub_normdocs_published"] + (rng.randint(0, 3) if rng.random() < 0.3 else 0)
    v["pub_via_gazette"] = rng.randint(0, int(5 + 50 * scale)) if rng.random() < 0.4 else 0
    v["pub_via_website"] = rng.randint(int(items * 0.6), items)
    v["pub_via_weibo"] = rng.randint(0, items) if rng.random() < 0.5 else 0
    v["pub_via_weixin"] = rng.randint(0, items) if rng.random() < 0.5 else 0
    v["pub_via_other"] = rng.randint(0, int(items * 0.3)) if rng.random() < 0.4 else 0
    pc = _skewed(rng, 3 * scale)
    oi = _skewed(rng, 2 * scale)
    v.update(resp_hotspots=_skewed(rng, 5 * scale), resp_press_conf=pc, resp_press_conf_principal=rng.randint(0, pc),
             resp_online_interviews=oi, resp_online_interviews_principal=rng.randint(0, oi),
             resp_policy_interpretations=_skewed(rng, 8 * scale), resp_social_media_responses=_skewed(rng, 3 * scale),
             resp_other_responses=_skewed(rng, 1 * scale))
    v.update(applications_legacy(rng, scale))
    for p in ("review", "lit_all"):
        n = _skewed(rng, 0.8 * scale) if rng.random() < 0.3 else 0
        cells = _spread(rng, n, ("upheld", "corrected", "other"), [5, 1, 2])
        v[f"{p}_total"] = n
        for o, x in cells.items():
            v[f"{p}_{o}"] = x
    v["complaints_reports"] = _skewed(rng, 0.5 * scale) if rng.random() < 0.3 else 0
    v["fee_legacy_collected"] = 0
    ft = rng.randint(1, 3)
    pt = rng.randint(0, 6)
    v.update(org_units=rng.randint(0, 2), org_reading_points=rng.randint(1, 5), org_staff_total=ft + pt,
             org_staff_fulltime=ft, org_staff_parttime=pt,
             org_special_funding=rng.choice([0, 0, rng.randint(1, 30), round(rng.uniform(0.5, 20), 1)]),
             train_meetings=rng.randint(0, 6), train_courses=rng.randint(0, 5))
    v["train_trainees"] = v["train_courses"] * rng.randint(10, 120) if v["train_courses"] else 0
    return v


def prose_values(rng: random.Random, scale: float) -> dict[str, int | float]:
    """Returns values that narrative reports state in prose (publication, response, training ...)."""
    items = _skewed(rng, 1500 * scale) + rng.randint(30, 200)
    web = rng.randint(int(items * 0.5), items)
    v: dict[str, int | float] = {
        "pub_items_total": items, "pub_via_website": web, "pub_items_new": rng.randint(int(items * 0.3), items),
        "pub_via_weixin": _skewed(rng, 600 * scale), "pub_via_weibo": _skewed(rng, 400 * scale),
        "pub_via_gazette": rng.randint(3, int(10 + 40 * scale)), "pub_fulltext_electronic_rate": rng.choice(
            [100, round(rng.uniform(80, 99.9), 1)]),
        "resp_press_conf": rng.randint(1, int(3 + 10 * scale)), "resp_policy_interpretations": rng.randint(1, int(
            5 + 40 * scale)), "resp_hotspots": rng.randint(1, int(3 + 10 * scale)),
        "resp_online_interviews": rng.randint(1, int(2 + 6 * scale)), "consult_total": _skewed(rng, 400 * scale) + 5,
        "train_courses": rng.randint(1, 6), "train_meetings": rng.randint(1, 5),
        "complaints_reports": 0,
        "org_special_funding": rng.choice([rng.randint(1, 30), round(rng.uniform(0.5, 20), 1)]),
        "org_reading_points": rng.randint(1, 4), "org_staff_total": rng.randint(2, 6),
        "attr_info_produced": 0,
    }
    v["pub_items_cumulative"] = items + _skewed(rng, 5000 * scale) + 100
    v["train_trainees"] = v["train_courses"] * rng.randint(15, 150)
    act = rng.randint(int(items * 0.3), items)
    req = rng.randint(0, int(items * 0.3))
    notp = rng.randint(0, int(items * 0.5))
    v.update(attr_info_produced=act + req + notp, attr_active=act, attr_on_request=req, attr_not_public=notp)
    return v


def prose_applications(rng: random.Random, scale: float) -> dict[str, int]:
    """Returns a narrative 依申请公开 block: channels, totals and grouped outcomes that add up."""
    ch = {"app_ch_online": _skewed(rng, 8 * scale), "app_ch_letter": _skewed(rng, 2 * scale),
          "app_ch_in_person": _skewed(rng, 3 * scale)}
    if rng.random() < 0.25:
        ch = dict.fromkeys(ch, 0)
    new = sum(ch.values())
    cin = rng.randint(1, 5) if new and rng.random() < 0.2 else 0
    fwd = rng.randint(1, min(5, new)) if new > 2 and rng.random() < 0.2 else 0
    closed = new + cin - fwd
    groups = ("app_res_granted__total", "app_res_partial__total", "app_res_denied_total__total",
              "app_res_unable_total__total", "app_res_not_processed_total__total", "app_res_other_total__total")
    out = _spread(rng, closed, groups, [30, 6, 4, 12, 3, 1])
    return {**ch, "app_new_received__total": new, "app_carried_over_in__total": cin,
            "app_carried_forward__total": fwd, "app_res_total__total": closed,
            "app_closed_on_time": closed, **out}


# keys whose printed value may be changed by ``inject_error`` (each sits in a checked identity)
def injectable(values: dict[str, int | float], era: str) -> list[str]:
    if era in ("F19", "F21"):
        keys = [k for k in values if k.startswith(("app_res_", "app_new_received__", "app_carried_"))
                and not k.startswith(("app_res_denied_total", "app_res_unable_total", "app_res_not_processed_total",
                                      "app_res_granted_or_partial"))]
        keys += [k for k in values if k.startswith(("review_", "lit_direct_", "lit_after_review_"))]
        return keys
    if era == "N14":
        return [k for k in ("app_received_total_legacy", "app_ch_in_person", "app_ch_online", "app_ch_letter",
                            "app_closed_legacy", "app_closed_on_time", "app_replied_legacy",
                            "app_legacy_already_public", "app_res_granted__total", "review_total", "review_upheld",
                            "lit_all_total", "org_staff_total", "org_staff_fulltime", "org_staff_parttime")
                if k in values]
    return []


# an N14 cell can only be checked when the other side of its identity is printed too
_PARTNER = {"review_total": "review_upheld", "review_upheld": "review_total", "lit_all_total": "lit_all_upheld",
            "org_staff_total": "org_staff_fulltime", "org_staff_fulltime": "org_staff_total",
            "org_staff_parttime": "org_staff_total", "app_closed_legacy": "app_closed_on_time",
            "app_closed_on_time": "app_closed_legacy"}


def inject_error(rng: random.Random, values: dict[str, int | float], era: str,
                 printed: set[str] | None = None) -> dict | None:
    """Changes one printed cell that sits in a checked identity; returns {key, true, printed}.

    ``printed``: the keys the report's tables print (an error elsewhere could not be detected).
    """
    keys = [k for k in injectable(values, era)
            if printed is None or (k in printed and _PARTNER.get(k, k) in printed)]
    if not keys:
        return None
    key = rng.choice(keys)
    true = values[key]
    k = rng.choice([1, 1, 1, 2, 3, 10])
    printed = true + k if (true < k or rng.random() < 0.5) else true - k
    values[key] = printed
    return {"key": key, "true": true, "printed": printed}
