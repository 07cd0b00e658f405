"""The synthetic report generator (training/synth): valid records, determinism, coverage, consistent gold."""

from __future__ import annotations

import json

import pytest

from govie.checks import run_checks
from govie.io.markup import indicator_from_span
from govie.io.validate import validate_record
from govie.normalize import _t2s
from govie.types import ReportMeta
from training.synth.generate import generate, main
from training.synth.report import FORMATS
from training.synth.tables import SHAPES

ERA = {"narrative": "TXT", "legacy_table": "N14", "national_2019": "F19", "national_2021": "F21"}


def _meta(rec: dict) -> ReportMeta:
    return ReportMeta(agency=rec["agency"], year=rec["year"], published=rec["published"], format=rec["format"])


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return generate(300, 0)


def test_every_record_validates(sample):
    for rec in sample:
        assert validate_record(rec) == [], rec["id"]
        assert rec["format"] in FORMATS and isinstance(rec["year"], int) and rec["agency"]


def test_deterministic_for_a_seed():
    a, b = generate(12, 7), generate(12, 7)
    assert a == b
    assert generate(4, 7) == a[:4]  # report i depends only on (seed, i)
    assert generate(4, 8)[0]["text"] != a[0]["text"]


def test_every_era_and_table_shape_appears(sample):
    assert {r["format"] for r in sample} == set(FORMATS)
    assert {r["synth"]["shape"] for r in sample if r["synth"]["shape"]} == set(SHAPES)


def test_gold_indicators_pass_the_consistency_rules(sample):
    for rec in sample:
        assert rec["injected_errors"] == []
        checks = run_checks(rec["indicators"], ERA[rec["format"]], meta=_meta(rec))
        assert checks == [], (rec["id"], [c.message for c in checks])


def test_national_reports_state_no_pre_2019_key_in_prose(sample):
    """GUIDELINES changelog 2026-12-03: the prose of an F19/F21 report keeps its 召开专题会议3次 as an entity and a
    relation, but train_meetings (an N14/L08 row) is no indicator of it; the keys of the era stay."""
    national = [r for r in sample if ERA[r["format"]] in ("F19", "F21")]
    keys = {k for r in national for k in r["indicators"]}
    assert {"resp_press_conf", "pub_via_website", "app_new_received__total"} <= keys
    assert not keys & {"train_meetings", "org_staff_total", "org_reading_points"}
    # the legacy-era reports still state them
    assert "train_meetings" in {k for r in sample if ERA[r["format"]] == "N14" for k in r["indicators"]}


def test_evidence_spans_state_their_values(sample):
    """Each gold value with evidence reads back from its span with govie's own number parser."""
    for rec in sample:
        ents = {(e["start"], e["end"]): e for e in rec["entities"]}
        for key, v in rec["indicators"].items():
            if "start" not in v:
                continue
            ent = ents[(v["start"], v["end"])]
            want = indicator_from_span(key, ent["label"], v["raw"])
            assert v["value"] == want["value"] and v["qualifier"] == want["qualifier"], (rec["id"], key, v)
            assert v["status"] == want["status"] or v["status"] == "merged", (rec["id"], key, v)


def test_run_together_rows_are_one_count_without_evidence():
    recs = generate(40, 3, formats={"national_2021": 1}, shapes={"glued": 1}, blank_zero_share=0)
    for rec in recs:
        text = rec["text"]
        runs = [e for e in rec["entities"] if e["label"] == "COUNT" and len(e["text"]) == 7 and e["text"].isdigit()]
        assert runs, rec["id"]  # Table-3 rows: 7 cells glued into one span
        assert "行政规范性文件" in _t2s(text)
        no_evidence = [k for k, v in rec["indicators"].items() if k.startswith("app_res_") and "start" not in v]
        assert no_evidence
        # a row's span never swallows the next row's list marker (…0000000 then 2.其他…)
        for e in rec["entities"]:
            assert not (e["label"] == "COUNT" and text[e["end"]:e["end"] + 1] == ".")


def test_table_cells_take_no_relations():
    for rec in generate(30, 4, formats={"national_2019": 1, "legacy_table": 1}):
        heads = {r["head"] for r in rec["relations"]}
        table_ents = {e["id"] for e in rec["entities"] if e["label"] in ("COUNT", "MONEY")
                      and any(v.get("kind") == "table" and v["start"] == e["start"]
                              for v in rec["indicators"].values())}
        assert not heads & table_ents


def test_an_agency_right_before_a_title_issued_it(sample):
    """GUIDELINES issued_by: the AGENCY right before a 《TITLE》 (and the joint issuers before it, joined
    by 、) issued it, unless the title names its issuer itself."""
    n = 0
    for rec in sample:
        text, ents = rec["text"], sorted(rec["entities"], key=lambda e: e["start"])
        issued = {(r["head"], r["tail"]) for r in rec["relations"] if r["label"] == "issued_by"}
        for k, t in enumerate(ents):
            if t["label"] != "TITLE":
                continue
            gap, j = "《", k - 1
            while j >= 0 and ents[j]["label"] == "AGENCY" and text[ents[j]["end"]:ents[j + 1]["start"]] == gap:
                a = ents[j]
                assert ((t["id"], a["id"]) in issued) != t["text"].startswith(a["text"]), text[a["start"]:t["end"]]
                n += 1
                gap, j = "、", j - 1
    assert n > 100


def test_injected_errors_make_the_matching_rule_fire():
    recs = generate(120, 5, error_rate=1.0, formats={"legacy_table": 1, "national_2019": 1, "national_2021": 1})
    n = 0
    for rec in recs:
        checks = run_checks(rec["indicators"], ERA[rec["format"]], meta=_meta(rec))
        named = {k for c in checks for k in c.keys}
        for err in rec["injected_errors"]:
            n += 1
            assert err["true"] != err["printed"]
            key = "publish_date" if err["key"] == "published" else err["key"]
            assert key in named, (rec["id"], err, [c.message for c in checks])
            if key != "publish_date":
                assert rec["indicators"][key]["value"] == err["printed"]
    assert n >= 100


def test_script_and_digit_variants_keep_spans_exact():
    recs = generate(20, 6, traditional_share=1.0, fullwidth_share=1.0, halfwidth_punct_share=1.0)
    for rec in recs:
        assert validate_record(rec) == []
        assert rec["synth"]["script"] == "hant" and _t2s(rec["text"]) != rec["text"]
        assert any("０" <= c <= "９" for c in rec["text"])
        assert "，" not in rec["text"]
        assert rec["agency"] in rec["text"]  # the report field is in the report's own script


def test_options_are_checked():
    with pytest.raises(TypeError):
        generate(1, 0, colour=1)
    with pytest.raises(ValueError):
        generate(1, 0, shapes={"round": 1})


def test_cli_writes_jsonl(tmp_path):
    out = tmp_path / "s.jsonl"
    summary = main(["--n", "15", "--seed", "2", "--out", str(out), "--formats", "national_2021=1",
                    "--error-rate", "0.5"])
    assert summary["n"] == 15 and summary["formats"] == {"national_2021": 15}
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 15
    assert all(validate_record(json.loads(line)) == [] for line in lines)


def test_category_lists_are_one_metric_per_category_with_its_numbers():
    """Early reports' 主动公开 breakdowns (政策、规范性文件类信息35条，占6.2%；…): each category name,
    internal 、 included, is one METRIC, and its count and share take value_of to it."""
    from training.synth.templates import _CATEGORIES, _OTHER_CATEGORY

    names = {n for c in _CATEGORIES + [_OTHER_CATEGORY] for n in c.split("|")}
    seen = 0
    for rec in generate(200, 5, formats={"narrative": 1}):
        text = rec["text"]
        ents = {e["id"]: e for e in rec["entities"]}
        metrics = {i: text[e["start"]:e["end"]] for i, e in ents.items() if e["label"] == "METRIC"}
        for i, name in metrics.items():
            if name not in names:
                continue
            seen += 1
            heads = [ents[r["head"]] for r in rec["relations"] if r["tail"] == i and r["label"] == "value_of"]
            assert heads and heads[0]["label"] == "COUNT" and heads[0]["start"] == ents[i]["end"], (rec["id"], name)
            assert all(h["label"] in ("COUNT", "PERCENT") for h in heads)
            before = text[ents[i]["start"] - 2:ents[i]["start"]]  # never a fragment of a longer name:
            assert before[-1] != "、" or before in ("条、", "项、"), (rec["id"], before + name)
    assert seen >= 100
