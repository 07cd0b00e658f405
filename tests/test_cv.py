"""Cross-validation inside the train split (training/cv.py): a seconds-scale run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.cv import main

ROOT = Path(__file__).resolve().parent.parent
def test_cross_validation_run(corpus_root, tmp_path, monkeypatch):
    """Two folds over four real train documents with the tiny config: every document is predicted
    once, by the fold that did not train on it, and the three systems are scored over all of them."""
    monkeypatch.setenv("GOVIE_CORPUS", str(corpus_root))
    splits = tmp_path / "splits"
    splits.mkdir()
    docs = ["real/r013", "real/r022", "real/r004", "real/r018"]
    (splits / "train.txt").write_text("\n".join(docs) + "\n", encoding="utf-8")
    out = tmp_path / "cv"
    summary = main([str(ROOT / "configs" / "tiny.toml"), "--folds", "2", "--out", str(out),
                    f"--data.splits={splits}", "--data.use_gold=true", "--train.max_steps=20"])
    assert sorted(summary["docs"]) == sorted(docs)
    assert (out / "fold0" / "splits" / "dev.txt").read_text().split() == ["real/r013", "real/r004"]
    assert json.loads((out / "cv.json").read_text(encoding="utf-8"))["folds"] == 2
    support = summary["rules"]["ents_support"]
    assert support > 0
    for name in ("model", "rules", "model + rules' AGENCY"):
        assert summary[name]["ents_support"] == support and summary[name]["seqeval_agrees"]
    assert summary["model + rules' AGENCY"]["ents_per_type"]["AGENCY"] == summary["rules"]["ents_per_type"]["AGENCY"]
    rules_errors = [json.loads(line) for line in (out / "errors_rules.jsonl").read_text(encoding="utf-8").splitlines()]
    for label, m in summary["rules"]["ents_per_type"].items():  # one false negative per missed gold span
        assert sum(e["type"] == "fn" and e["label"] == label for e in rules_errors) == round(m["support"] * (1 - m["r"]))
    assert {e["doc"] for e in rules_errors} <= set(docs)
    assert (out / "errors_model.jsonl").exists() and (out / "errors_hybrid.jsonl").exists()
    with pytest.raises(ValueError):
        main([str(ROOT / "configs" / "tiny.toml"), "--folds", "5", "--out", str(out), f"--data.splits={splits}"])

    # the links on the same folds: ranker and relation model per fold, scored on the held-out documents
    from training import cv_links

    errors = tmp_path / "metric_errors.jsonl"
    links = cv_links.main([str(ROOT / "configs" / "tiny.toml"), "--cv", str(out), "--errors", str(errors),
                           f"--data.splits={splits}", "--data.use_gold=true", "--relations.epochs=1",
                           "--relations.synth_n=2", "--metric_spans.epochs=1", "--metric_spans.synth_n=2",
                           "--thresholds", "0.5,0.0",
                           f"--data.extra=['{ROOT / 'annotations' / 'written' / 'train' / 'w010.jsonl'}']"])
    assert links["folds"] == 2  # the written report trains every fold and is never scored (the supports below)
    n_metric = sum(e.label == "METRIC" for d in docs for e in _gold(d).entities)
    n_rel = {lab: sum(r.label == lab for d in docs for r in _gold(d).relations)
             for lab in ("value_of", "number_of", "issued_by")}
    for name in ("tagger", "tagger + ranker", "ranker alone"):
        assert links[name]["METRIC"]["support"] == n_metric
        assert {lab: links[name][lab]["support"] for lab in n_rel} == n_rel  # each relation label scored
        assert links[name]["relations"]["support"] == sum(n_rel.values())
        assert links[name]["indicators_narrative"]["support"] > 0  # r013, r018 and r004 are narrative
    # the same rankers at other thresholds: 0.5 is the config's; at 0.0 every number with a candidate gets a phrase
    assert links["tagger + ranker @0.5"] == links["tagger + ranker"]
    assert links["tagger + ranker @0.0"]["METRIC"]["r"] >= links["tagger + ranker"]["METRIC"]["r"]
    m = links["tagger + ranker"]["METRIC"]
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sum(r["type"] == "fn" for r in rows) == round(m["support"] * (1 - m["r"]))
    assert {r["doc"] for r in rows} <= set(docs)
    narr = links["tagger + ranker"]["indicators_narrative"]
    wrong = [r for r in rows if r["type"] == "indicator_fp"]
    assert len(wrong) == narr["predicted"] - round(narr["predicted"] * narr["p"])
    assert {r["doc"] for r in rows if r["type"].startswith("indicator_")} <= {"real/r013", "real/r018", "real/r004"}

    # two sets of fold taggers over the same folds, one training of the links: here the same set twice
    both = cv_links.main([str(ROOT / "configs" / "tiny.toml"), "--cv", str(out), str(out), "--errors", str(errors),
                          f"--data.splits={splits}", "--data.use_gold=true", "--relations.epochs=1",
                          "--relations.synth_n=2", "--metric_spans.epochs=1", "--metric_spans.synth_n=2"])
    assert both["by_cv"][str(out)]["tagger + ranker"] == both["tagger + ranker"]
    again = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [{k: v for k, v in r.items() if k != "cv"} for r in again] == rows + rows  # each set's errors, in turn
    assert {r["cv"] for r in again} == {str(out)}
    other = tmp_path / "cv_other"  # other folds: refused before anything trains
    for k, held in enumerate([["real/r013"], ["real/r022", "real/r004", "real/r018"]]):
        (other / f"fold{k}" / "splits").mkdir(parents=True)
        (other / f"fold{k}" / "splits" / "dev.txt").write_text("\n".join(held), encoding="utf-8")
        (other / f"fold{k}" / "splits" / "train.txt").write_text("\n".join(d for d in docs if d not in held),
                                                                 encoding="utf-8")
    with pytest.raises(ValueError, match="the same folds"):
        cv_links.main([str(ROOT / "configs" / "tiny.toml"), "--cv", str(out), str(other), f"--data.splits={splits}"])


def test_indicator_errors():
    from govie.types import Document, IndicatorValue, ReportMeta, Source
    from training.cv_links import _indicator_errors

    text = "全年收到申请3件。召开发布会2场。"

    def ind(key, value, start, end, fmt="narrative"):
        return Document(text, indicators={key: IndicatorValue(key, value, source=Source("text", start, end))},
                        meta=ReportMeta(format=fmt))

    golds = {"a": ind("app_new_received__total", 3, 6, 8), "b": ind("resp_press_conf", 2, 14, 16, "national_2021")}
    preds = {"a": ind("resp_press_conf", 2, 14, 16), "b": ind("resp_press_conf", 3, 14, 16)}
    errors = [{"doc": "a", "type": "fp", "key": "resp_press_conf", "pred": 2, "gold": None},
              {"doc": "a", "type": "fn", "key": "app_new_received__total", "gold": 3},
              {"doc": "b", "type": "fp", "key": "resp_press_conf", "pred": 3, "gold": 2},  # a table report: left out
              {"doc": "a", "type": "meta", "agency": [None, None], "year": [None, None]}]
    got = _indicator_errors(errors, golds, preds)
    assert [(r["type"], r["key"], r["clause"]) for r in got] == [
        ("indicator_fp", "resp_press_conf", "召开发布会2场"), ("indicator_fn", "app_new_received__total", "全年收到申请3件")]


def _gold(doc_id):
    from govie.config import Config
    from training.data import gold_documents

    return dict(gold_documents(Config(), "train"))[doc_id]


@pytest.mark.parametrize("pred, gold, want", [
    ({(0, 4)}, {(0, 4)}, []),
    ({(0, 2)}, {(0, 4)}, [("fp", "收到", "收到申请"), ("fn", "收到申请", "收到")]),  # a boundary error: both sides
    ({(7, 9)}, set(), [("fp", "复议", None)]),  # a spurious phrase
    (set(), {(7, 9)}, [("fn", "复议", None)]),  # a miss
])
def test_metric_errors(pred, gold, want):
    from training.cv_links import _metric_errors

    got = _metric_errors("d", "收到申请3件，复议。", pred, gold)
    assert [(r["type"], r["span"], r["overlaps"]) for r in got] == want
    assert all(r["doc"] == "d" and r["clause"] for r in got)


def test_docstring_examples():
    import doctest

    import training.cv

    assert doctest.testmod(training.cv).failed == 0
