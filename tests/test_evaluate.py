"""Tests of training/evaluate.py: the scorers on hand-built Documents, then the rules baseline end to end."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from govie.labels import entity_labels, relation_labels
from govie.types import Document, Entity, IndicatorValue, Relation, ReportMeta
from training.evaluate import (evaluate_full, load_eval_docs, main, prf, score_entities, score_indicators,
                               score_relations, seqeval_micro)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "annotations" / "corpus" / "real" / "r013.jsonl"  # the shortest real report (narrative)

# 省政府 [0,3) 市政府 [3,6) 收到申请 [6,10) 12件 [10,13) 办结 [13,15) 10件 [15,18)
TEXT = "省政府市政府收到申请12件办结10件"
A1, A2, MET1, C1, MET2, C2 = (0, 3, "AGENCY"), (3, 6, "AGENCY"), (6, 10, "METRIC"), (10, 13, "COUNT"), \
    (13, 15, "METRIC"), (15, 18, "COUNT")


def doc(*spans, text=TEXT, prefix="T"):
    return Document(text, tuple(Entity(f"{prefix}{i}", s, e, lab, text[s:e]) for i, (s, e, lab) in enumerate(spans)))


@pytest.mark.parametrize("tp,fp,fn,expected", [
    (0, 0, 0, (0.0, 0.0, 0.0)),        # nothing at all: every division is by zero
    (0, 3, 0, (0.0, 0.0, 0.0)),        # no gold: recall 0/0
    (0, 0, 3, (0.0, 0.0, 0.0)),        # no prediction: precision 0/0
    (0, 5, 5, (0.0, 0.0, 0.0)),        # p + r == 0: F1 0/0
    (4, 0, 0, (1.0, 1.0, 1.0)),
    (1, 1, 0, (0.5, 1.0, 0.6667)),
    (1, 0, 1, (1.0, 0.5, 0.6667)),
    (1, 2, 3, (0.3333, 0.25, 0.2857)),  # F1 = 2/7, rounded to 4 places
    (3, 1, 0, (0.75, 1.0, 0.8571)),
])
def test_prf(tp, fp, fn, expected):
    assert prf(tp, fp, fn) == dict(zip("prf", expected))


# gold spans, predicted spans, micro (p, r, f), {label: (support, predicted)}, errors as (type, label, text)
ENTITY_CASES = {
    "exact": ([A1, C1], [A1, C1], (1.0, 1.0, 1.0), {"AGENCY": (1, 1), "COUNT": (1, 1)}, []),
    "off_by_one": ([C1], [(10, 12, "COUNT")], (0.0, 0.0, 0.0), {"COUNT": (1, 1)},
                   [("fp", "COUNT", "12"), ("fn", "COUNT", "12件")]),
    "wrong_label": ([C1], [(10, 13, "MONEY")], (0.0, 0.0, 0.0), {"COUNT": (1, 0), "MONEY": (0, 1)},
                    [("fp", "MONEY", "12件"), ("fn", "COUNT", "12件")]),
    "missing": ([C1, C2], [C1], (1.0, 0.5, 0.6667), {"COUNT": (2, 1)}, [("fn", "COUNT", "10件")]),
    "extra": ([C1], [C1, C2], (0.5, 1.0, 0.6667), {"COUNT": (1, 2)}, [("fp", "COUNT", "10件")]),
    "adjacent_same_label": ([A1, A2], [A1, A2], (1.0, 1.0, 1.0), {"AGENCY": (2, 2)}, []),
    "adjacent_merged": ([A1, A2], [(0, 6, "AGENCY")], (0.0, 0.0, 0.0), {"AGENCY": (2, 1)},
                        [("fp", "AGENCY", "省政府市政府"), ("fn", "AGENCY", "省政府"), ("fn", "AGENCY", "市政府")]),
    "adjacent_split": ([(0, 6, "AGENCY")], [A1, A2], (0.0, 0.0, 0.0), {"AGENCY": (1, 2)},
                       [("fp", "AGENCY", "省政府"), ("fp", "AGENCY", "市政府"), ("fn", "AGENCY", "省政府市政府")]),
    "mixed": ([A1, MET1, C1, MET2, C2], [A1, MET1, (10, 12, "COUNT"), C2, (13, 15, "TITLE")],
              (0.6, 0.6, 0.6), {"AGENCY": (1, 1), "METRIC": (2, 1), "COUNT": (2, 2), "TITLE": (0, 1)},
              [("fp", "COUNT", "12"), ("fp", "TITLE", "办结"), ("fn", "COUNT", "12件"), ("fn", "METRIC", "办结")]),
    "empty": ([], [], (0.0, 0.0, 0.0), {}, []),
}


@pytest.mark.parametrize("gold,pred,micro,per,errs", ENTITY_CASES.values(), ids=ENTITY_CASES.keys())
def test_score_entities(gold, pred, micro, per, errs):
    g, p = doc(*gold), doc(*pred, prefix="P")  # ids differ: only (start, end, label) may matter
    m, errors = score_entities([g], [p], ["d1"])
    assert (m["ents_p"], m["ents_r"], m["ents_f"]) == micro
    assert m["ents_support"] == len(gold)
    assert list(m["ents_per_type"]) == entity_labels()  # every label reported, in inventory order
    for lab, v in m["ents_per_type"].items():
        assert (v["support"], v["predicted"]) == per.get(lab, (0, 0)), lab
        assert set(v) == {"p", "r", "f", "support", "predicted"}
    assert [(e["type"], e["label"], e["text"]) for e in errors] == errs
    for e in errors:
        assert e["doc"] == "d1" and TEXT[e["start"]:e["end"]] == e["text"] and e["text"] in e["context"]
    # the cross-check the module promises: seqeval strict IOB2 over character tags agrees
    assert seqeval_micro([g], [p]) == dict(zip("prf", micro))


def test_score_entities_sums_over_documents_and_names_them():
    other = "收到申请3件"
    golds = [doc(A1, C1), doc((0, 4, "METRIC"), (4, 6, "COUNT"), text=other)]
    preds = [doc(A1, C1), doc((4, 6, "COUNT"), (0, 2, "METRIC"), text=other)]
    m, errors = score_entities(golds, preds, ["a", "b"])
    assert (m["ents_p"], m["ents_r"], m["ents_f"], m["ents_support"]) == (0.75, 0.75, 0.75, 4)
    assert [(e["doc"], e["type"], e["text"]) for e in errors] == [("b", "fp", "收到"), ("b", "fn", "收到申请")]
    assert seqeval_micro(golds, preds) == {"p": 0.75, "r": 0.75, "f": 0.75}


def rel_doc(rels, prefix="T"):
    """A Document whose entities are the ends of ``rels`` ((head span, tail span, label) triples)."""
    spans = sorted({s for h, t, _ in rels for s in (h, t)}, reverse=prefix != "T")  # pred ids in another order
    d = doc(*spans, prefix=prefix)
    ids = {(e.start, e.end, e.label): e.id for e in d.entities}
    rels = tuple(Relation(f"R{i}", ids[h], ids[t], lab) for i, (h, t, lab) in enumerate(rels))
    return Document(TEXT, d.entities, rels)


GOLD_RELS = [(C1, MET1, "value_of"), (C2, MET2, "value_of")]


@pytest.mark.parametrize("pred,expected", [
    (GOLD_RELS, (1.0, 1.0, 1.0)),                                     # same spans, other ids: a match
    (GOLD_RELS[:1], (1.0, 0.5, 0.6667)),                              # missing
    (GOLD_RELS + [(C1, MET2, "value_of")], (0.6667, 1.0, 0.8)),       # extra
    ([(C1, MET1, "value_of"), (C2, MET1, "value_of")], (0.5, 0.5, 0.5)),  # wrong tail
    ([(C1, (8, 10, "METRIC"), "value_of"), (C2, MET2, "value_of")], (0.5, 0.5, 0.5)),  # tail span off
    ([(MET1, C1, "value_of"), (MET2, C2, "value_of")], (0.0, 0.0, 0.0)),  # reversed direction
    ([(C1, MET1, "issued_by"), (C2, MET2, "value_of")], (0.5, 0.5, 0.5)),  # wrong relation label
    ([], (0.0, 0.0, 0.0)),
])
def test_score_relations(pred, expected):
    r = score_relations([rel_doc(GOLD_RELS)], [rel_doc(pred, prefix="P")])
    assert (r["rels_p"], r["rels_r"], r["rels_f"]) == expected
    assert r["rels_support"] == 2 and r["rels_per_type"]["value_of"]["support"] == 2
    assert set(r["rels_per_type"]) == set(relation_labels())


@pytest.mark.parametrize("pred,expected", [
    (GOLD_RELS, (1.0, 1.0, 1.0)),
    ([(C1, (8, 10, "METRIC"), "value_of"), (C2, MET2, "value_of")], (1.0, 1.0, 1.0)),  # tail overlaps: a match
    ([(C1, (7, 9, "METRIC"), "value_of"), (C1, (8, 10, "METRIC"), "value_of")], (0.5, 0.5, 0.5)),  # one to one
    ([(C1, (10, 12, "METRIC"), "value_of")], (0.0, 0.0, 0.0)),          # tail touches, no overlap
    ([(C1, (8, 10, "AGENCY"), "value_of")], (0.0, 0.0, 0.0)),           # tail label differs
    ([((10, 12, "COUNT"), MET1, "value_of")], (0.0, 0.0, 0.0)),         # head span must be exact
])
def test_score_relations_overlap(pred, expected):
    r = score_relations([rel_doc(GOLD_RELS)], [rel_doc(pred, prefix="P")], overlap=True)
    assert (r["rels_p"], r["rels_r"], r["rels_f"]) == expected
    assert r["rels_support"] == 2


def ind_doc(fmt, inds, **meta):
    return Document(TEXT, indicators={k: IndicatorValue(k, v, status=s) for k, (v, s) in inds.items()},
                    meta=ReportMeta(format=fmt, **meta))


R = "reported"


@pytest.mark.parametrize("fmt,gold,pred,counts,errs", [
    ("narrative", {"a": (12, R)}, {"a": (12, R)}, (1, 0, 0), []),
    ("narrative", {"a": (12, R)}, {"a": (12.0000001, R)}, (1, 0, 0), []),  # values compare at 6 decimals
    ("narrative", {"a": (12, R)}, {"a": (13, R)}, (0, 1, 1), [("fp", "a")]),  # wrong value: FP and FN
    ("narrative", {"a": (12, R)}, {}, (0, 0, 1), [("fn", "a")]),
    ("narrative", {}, {"a": (12, R)}, (0, 1, 0), [("fp", "a")]),
    ("narrative", {"a": (12, R)}, {"a": (12, "unresolved")}, (0, 0, 1), [("fn", "a")]),  # status states no value
    ("narrative", {"a": (0, "reported_zero"), "b": (5, R)}, {"a": (0, "reported_zero"), "b": (5, "merged")},
     (2, 0, 0), []),
    ("narrative", {"a": (None, "blank")}, {"a": (None, "blank")}, (0, 0, 0), []),  # gold without a value
    (None, {"a": (12, R)}, {"a": (12, R)}, (1, 0, 0), []),                     # no gold format: narrative
    ("national_2021", {"a": (12, R), "b": (3, R)}, {"a": (12, R)}, (1, 0, 1), [("fn", "b")]),
    ("legacy_table", {"a": (12, R)}, {"a": (12, R), "c": (1, R)}, (1, 1, 0), [("fp", "c")]),
])
def test_score_indicators_groups(fmt, gold, pred, counts, errs):
    out = score_indicators([ind_doc(fmt, gold)], [ind_doc(fmt, pred)], ["d1"])
    tp, fp, fn = counts
    kind, other = ("narrative", "table") if fmt in (None, "narrative") else ("table", "narrative")
    for grp in (kind, "all"):
        assert out[grp] == {**prf(tp, fp, fn), "support": tp + fn, "predicted": tp + fp}
    assert out[other] == {"p": 0.0, "r": 0.0, "f": 0.0, "support": 0, "predicted": 0}
    assert [(e["type"], e["key"]) for e in out["errors"]] == errs
    assert out["fields"] == {"agency": 1.0, "year": 1.0, "format": 1.0, "published": 1.0}


def test_score_indicators_report_fields():
    golds = [ind_doc("narrative", {}, agency="某市政府", year=2017, published="2018-03-01"),
             ind_doc("national_2021", {}, agency="某县政府", year=2021)]
    preds = [ind_doc("narrative", {}, agency="某市政府", year=2017, published="2018-03-31"),
             ind_doc("national_2019", {}, agency="某县", year=2021)]
    out = score_indicators(golds, preds, ["x", "y"])
    assert out["fields"] == {"agency": 0.5, "year": 1.0, "format": 0.5, "published": 0.5}
    assert out["errors"] == [{"doc": "y", "type": "meta", "agency": ["某县", "某县政府"], "year": [2021, 2021]}]


# ------------------------------------------------------------------ end to end, rules-only baseline


@pytest.fixture
def gold_path(corpus_root, monkeypatch):
    monkeypatch.setenv("GOVIE_CORPUS", str(corpus_root))  # load_eval_docs finds the stand-off texts here
    return str(GOLD)


def test_main_rules_writes_metrics_and_errors(gold_path, tmp_path, capsys):
    out, err = tmp_path / "m" / "metrics.json", tmp_path / "e" / "errors.jsonl"
    ret = main(["rules", gold_path, "--output", str(out), "--errors", str(err)])
    m = json.loads(out.read_text(encoding="utf-8"))
    assert m == ret and m["model"] == "rules" and m["docs"] == ["real/r013"]
    assert m["seqeval_agrees"] is True and m["seqeval"]["f"] == m["ents_f"] and 0 < m["ents_f"] < 1
    assert list(m["ents_per_type"]) == entity_labels()
    assert "micro" in capsys.readouterr().out
    (doc_id, gold), = load_eval_docs(gold_path)
    assert m["ents_support"] == len(gold.entities) == sum(v["support"] for v in m["ents_per_type"].values())
    errors = [json.loads(line) for line in err.read_text(encoding="utf-8").splitlines()]
    assert errors, "the rules baseline is not perfect on r013"
    for e in errors:
        assert set(e) == {"doc", "type", "label", "start", "end", "text", "context"}
        assert e["doc"] == doc_id and e["type"] in ("fp", "fn") and gold.text[e["start"]:e["end"]] == e["text"]
    # one line per FP/FN: the lines reproduce every label's figures
    fps = Counter(e["label"] for e in errors if e["type"] == "fp")
    fns = Counter(e["label"] for e in errors if e["type"] == "fn")
    for lab, v in m["ents_per_type"].items():
        tp = v["support"] - fns[lab]
        assert tp == v["predicted"] - fps[lab] >= 0, lab
        assert {k: v[k] for k in "prf"} == prf(tp, fps[lab], fns[lab]), lab


def test_cli_evaluate_rules(gold_path, tmp_path, capsys):
    from govie.cli import main as cli_main

    out = tmp_path / "m.json"
    assert cli_main(["evaluate", "rules", gold_path, "--output", str(out), "--full"]) == 0
    m = json.loads(out.read_text(encoding="utf-8"))
    assert m["seqeval_agrees"] is True and "indicators" in m and "relations_predicted_entities" in m
    assert "seqeval strict micro F1" in capsys.readouterr().out


def test_cli_evaluate_help(capsys):
    from govie.cli import main as cli_main

    with pytest.raises(SystemExit) as exc:
        cli_main(["evaluate", "--help"])
    assert exc.value.code == 0
    help_text = capsys.readouterr().out
    assert "govie evaluate" in help_text and "--errors" in help_text and "--full" in help_text


def test_evaluate_full_rules(gold_path, tmp_path):
    out = tmp_path / "full.json"
    r = evaluate_full("rules", gold_path, output=str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(r, ensure_ascii=False))
    (_, gold), = load_eval_docs(gold_path)
    assert r["model"] == "rules" and r["docs"] == ["real/r013"]
    assert r["ents_f"] == r["entities"]["ents_f"] == main(["rules", gold_path])["ents_f"]  # same entities
    assert "relations_gold_entities" not in r  # the rules baseline has no relation model
    rel = r["relations_predicted_entities"]
    assert rel["rels_support"] == len(gold.relations) > 0 and set(rel["rels_per_type"]) == set(relation_labels())
    n_gold = sum(v.value is not None for v in gold.indicators.values())
    for name in ("indicators", "indicators_gold_entities"):
        ind = r[name]
        assert set(ind) == {"table", "narrative", "all", "fields", "errors"}
        assert ind["narrative"]["support"] == ind["all"]["support"] == n_gold > 0  # r013 is narrative
        assert ind["table"]["support"] == ind["table"]["predicted"] == 0
        assert set(ind["fields"]) == {"agency", "year", "format", "published"}
        assert all(0.0 <= v <= 1.0 for v in ind["fields"].values())


def test_split_names_resolve_through_the_given_config(corpus_root, tmp_path, monkeypatch):
    """A split name is looked up in the splits folder of the config passed (a Config or a path),
    as train.py does for its end-of-training evaluation: an overridden data.splits is honoured."""
    from govie.config import load_config

    monkeypatch.setenv("GOVIE_CORPUS", str(corpus_root))
    (tmp_path / "dev.txt").write_text("real/r013\n", encoding="utf-8")
    cfg = load_config(ROOT / "configs" / "ner.toml", [f"--data.splits={tmp_path}"])
    assert [i for i, _ in load_eval_docs("dev", cfg)] == ["real/r013"]
    assert len(load_eval_docs("dev")) > 1  # the project's own dev split
