"""Evaluate entity predictions: strict span P/R/F1 per label with support.

    govie evaluate models/govie dev               # the dev split
    govie evaluate models/govie annotations/corpus/real/r004.jsonl
    govie evaluate rules dev                      # the rules-only baseline

Writes one metrics JSON (spaCy's key names ``ents_p/ents_r/ents_f/ents_per_type`` plus
support) and an errors file of false positives and negatives. The exact-span scorer is
cross-checked against seqeval (strict IOB2 mode) over character tags; they must agree.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from govie.labels import entity_labels
from govie.types import Document

if TYPE_CHECKING:
    from govie.config import Config


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def score_entities(golds: Sequence[Document], preds: Sequence[Document], ids: Sequence[str],
                   labels: list[str] | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Returns (metrics, errors) for exact (start, end, label) matches in original coordinates."""
    labels = labels or entity_labels()
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for doc_id, g, p in zip(ids, golds, preds):
        gs = {(e.start, e.end, e.label) for e in g.entities}
        ps = {(e.start, e.end, e.label) for e in p.entities}
        for s in gs & ps:
            tp[s[2]] += 1
        for kind, group in (("fp", ps - gs), ("fn", gs - ps)):
            for s, e, lab in sorted(group):
                (fp if kind == "fp" else fn)[lab] += 1
                errors.append({"doc": doc_id, "type": kind, "label": lab, "start": s, "end": e,
                               "text": g.text[s:e], "context": g.text[max(0, s - 15):e + 15].replace("\n", " ")})
    per = {}
    for lab in labels:
        per[lab] = {**prf(tp[lab], fp[lab], fn[lab]), "support": tp[lab] + fn[lab], "predicted": tp[lab] + fp[lab]}
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = prf(T, F, N)
    metrics = {"ents_p": micro["p"], "ents_r": micro["r"], "ents_f": micro["f"], "ents_support": T + N,
               "ents_per_type": per}
    return metrics, errors


def seqeval_micro(golds: Sequence[Document], preds: Sequence[Document]) -> dict[str, float]:
    """Returns seqeval's strict IOB2 micro P/R/F1 over character tags (the cross-check)."""
    from seqeval.metrics import f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    def tags(doc: Document) -> list[str]:
        t = ["O"] * len(doc.text)
        for e in doc.entities:
            t[e.start] = f"B-{e.label}"
            for i in range(e.start + 1, e.end):
                t[i] = f"I-{e.label}"
        return t

    y_true = [tags(g) for g in golds]
    y_pred = [tags(p) for p in preds]
    kw = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    return {"p": round(float(precision_score(y_true, y_pred, **kw)), 4),
            "r": round(float(recall_score(y_true, y_pred, **kw)), 4),
            "f": round(float(f1_score(y_true, y_pred, **kw)), 4)}


def predict_entities(model: str, docs: Sequence[Document], agency_from_rules: bool | None = None,
                     ranker: bool = True) -> tuple[list[Document], float]:
    """Returns predicted Documents (entities only) and characters per second.

    ``agency_from_rules`` overrides the model's setting (None keeps it); ``ranker=False`` leaves the
    model's METRIC ranker out (the tagger's own METRICs)."""
    from govie.normalize import normalize
    from govie.pipeline import Pipeline

    nlp = Pipeline(model, agency_from_rules=agency_from_rules)  # Pipeline("rules") is the rules baseline
    if not ranker:
        nlp.metric_spans = None
    t0 = time.perf_counter()
    norms = [normalize(d.text) for d in docs]
    ents = nlp.entities(norms)
    dt = time.perf_counter() - t0
    chars = sum(len(d.text) for d in docs)
    return [Document(d.text, tuple(e)) for d, e in zip(docs, ents)], chars / dt if dt else 0.0


def load_eval_docs(data: str, config: str | Config | None = None) -> list[tuple[str, Document]]:
    """Returns (id, gold Document) for a split name or JSONL paths; ``config`` (a path or a Config)
    locates the splits and annotations."""
    from govie.config import Config, load_config
    from govie.io import load_corpus

    from training.data import gold_documents

    cfg = config if isinstance(config, Config) else load_config(config) if config else Config()
    p = Path(data)
    if not p.exists() and "/" not in data and not data.endswith(".jsonl"):
        return gold_documents(cfg, data)
    return [(rec["id"], doc) for rec, doc in load_corpus([p], corpus_root=cfg.data.corpus_root or None)]


def evaluate(model: str, data: str, *, output: str | None = None, errors_path: str | None = None,
             config: str | Config | None = None) -> dict[str, Any]:
    """Evaluates ``model`` (a model directory or ``rules``) on ``data``; returns the metrics dict."""
    pairs = load_eval_docs(data, config)
    ids = [i for i, _ in pairs]
    golds = [d for _, d in pairs]
    preds, cps = predict_entities(model, golds)
    metrics, errors = score_entities(golds, preds, ids)
    sq = seqeval_micro(golds, preds)
    metrics["seqeval"] = sq
    metrics["seqeval_agrees"] = all(abs(sq[k] - metrics[f"ents_{k}"]) < 1e-3 for k in ("p", "r", "f"))
    metrics["docs"] = ids
    metrics["model"] = model
    metrics["chars_per_sec"] = round(cps)
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    if errors_path:
        write_errors(errors_path, errors)
    return metrics


def write_errors(path: str | Path, errors: Sequence[dict[str, Any]]) -> None:
    """Writes the false positives and negatives of ``score_entities`` as JSON lines."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for e in errors:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")


def format_table(m: dict[str, Any]) -> str:
    lines = [f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for lab, v in m["ents_per_type"].items():
        lines.append(f"{lab:<8} {v['p']:>6.3f} {v['r']:>6.3f} {v['f']:>6.3f} {v['support']:>8}")
    lines.append(f"{'micro':<8} {m['ents_p']:>6.3f} {m['ents_r']:>6.3f} {m['ents_f']:>6.3f} {m['ents_support']:>8}")
    lines.append(f"seqeval strict micro F1 {m['seqeval']['f']:.4f} (agrees: {m['seqeval_agrees']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="govie evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("model", help="model directory, or 'rules' for the rules-only baseline")
    ap.add_argument("data", help="split name (dev, train) or JSONL file/folder")
    ap.add_argument("--output", default=None, help="metrics JSON path")
    ap.add_argument("--errors", default=None, help="errors JSONL path (false positives and negatives)")
    ap.add_argument("--config", default=None, help="config whose [data] section locates splits/annotations")
    ap.add_argument("--full", action="store_true",
                    help="also relations (on gold and predicted entities), indicators and report fields")
    args = ap.parse_args(argv)
    m = evaluate(args.model, args.data, output=args.output, errors_path=args.errors, config=args.config)
    print(format_table(m))
    if args.full:
        full = evaluate_full(args.model, args.data, config=args.config)
        m.update({k: v for k, v in full.items() if k.startswith(("relations", "indicators"))})
        print(format_full(full))
        if args.output:
            Path(args.output).write_text(json.dumps(m, ensure_ascii=False, indent=1), encoding="utf-8")
    return m


def format_full(r: dict[str, Any]) -> str:
    lines = []
    for name in ("relations_gold_entities", "relations_predicted_entities", "relations_predicted_entities_overlap"):
        if name in r:
            rel = r[name]
            lines.append(f"{name}: P {rel['rels_p']:.3f} R {rel['rels_r']:.3f} F1 {rel['rels_f']:.3f} "
                         f"(support {rel['rels_support']})")
            for lab, v in rel["rels_per_type"].items():
                lines.append(f"   {lab:<10} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f']:.3f} support {v['support']}")
    for name, title in (("indicators", "indicators"), ("indicators_gold_entities", "indicators from gold entities")):
        if name not in r:
            continue
        ind = r[name]
        for grp in ("table", "narrative", "all"):
            v = ind[grp]
            lines.append(f"{title} {grp:<9} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f']:.3f} "
                         f"(gold {v['support']}, predicted {v['predicted']})")
        lines.append(f"{title}: report fields correct: "
                     + ", ".join(f"{k} {v:.2f}" for k, v in ind["fields"].items()))
    return "\n".join(lines)


def score_relations(golds: Sequence[Document], preds: Sequence[Document], overlap: bool = False) -> dict[str, Any]:
    """Returns relation P/R/F1 per label; a relation matches when both ends' spans and labels match.

    With ``overlap`` (reported beside the strict figures, never instead of them) the tail's span need
    only overlap the gold tail's, one to one: the number linked to the right phrase with another
    boundary (召开新闻发布会 for 新闻发布会).
    """
    from govie.labels import relation_labels

    def keyed(doc: Document) -> set[tuple]:
        by_id = {e.id: e for e in doc.entities}
        out = set()
        for r in doc.relations:
            h, t = by_id[r.head], by_id[r.tail]
            out.add((r.label, h.start, h.end, h.label, t.start, t.end, t.label))
        return out

    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(golds, preds):
        gs, ps = keyed(g), keyed(p)
        hits, missed, extra = sorted(gs & ps), sorted(gs - ps), sorted(ps - gs)
        if overlap:  # an extra prediction takes the first missed gold relation whose tail it overlaps
            for x in list(extra):
                y = next((y for y in missed if y[:4] == x[:4] and y[6] == x[6] and y[4] < x[5] and x[4] < y[5]), None)
                if y is not None:
                    missed.remove(y)
                    extra.remove(x)
                    hits.append(x)
        for counter, group in ((tp, hits), (fp, extra), (fn, missed)):
            for x in group:
                counter[x[0]] += 1
    per = {lab: {**prf(tp[lab], fp[lab], fn[lab]), "support": tp[lab] + fn[lab]} for lab in relation_labels()}
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"rels_p": micro["p"], "rels_r": micro["r"], "rels_f": micro["f"],
            "rels_support": sum(tp.values()) + sum(fn.values()), "rels_per_type": per}


def same_value(a: Any, b: Any) -> bool:
    """Whether two indicator values are equal (after rounding to 6 decimals); None equals nothing."""
    return a is not None and b is not None and round(float(a), 6) == round(float(b), 6)


def score_indicators(golds: Sequence[Document], preds: Sequence[Document], ids: Sequence[str]) -> dict[str, Any]:
    """Returns indicator P/R/F1 (key and value exact) split by report type, and report-field accuracy.

    Gold indicators with a value count; predictions count when their status states a value
    (reported, reported_zero, merged). Reports whose gold format is narrative are "narrative";
    the others "table". Values compare after rounding to 6 decimals.
    """
    groups: dict[str, Counter] = {"table": Counter(), "narrative": Counter(), "all": Counter()}
    errors = []
    fields = Counter()
    for doc_id, g, p in zip(ids, golds, preds):
        kind = "narrative" if (g.meta.format or "narrative") == "narrative" else "table"
        gold = {k: v.value for k, v in g.indicators.items() if v.value is not None}
        pred = {k: v.value for k, v in p.indicators.items()
                if v.status in ("reported", "reported_zero", "merged") and v.value is not None}
        for k, v in pred.items():
            ok = k in gold and same_value(gold[k], v)
            for grp in (kind, "all"):
                groups[grp]["tp" if ok else "fp"] += 1
            if not ok:
                errors.append({"doc": doc_id, "type": "fp", "key": k, "pred": v, "gold": gold.get(k)})
        for k, v in gold.items():
            if not (k in pred and same_value(pred[k], v)):
                for grp in (kind, "all"):
                    groups[grp]["fn"] += 1
                if k not in pred:
                    errors.append({"doc": doc_id, "type": "fn", "key": k, "gold": v})
        fields["docs"] += 1
        fields["agency"] += int((p.meta.agency or "") == (g.meta.agency or ""))
        fields["year"] += int(p.meta.year == g.meta.year)
        fields["format"] += int(p.meta.format == g.meta.format)
        fields["published"] += int(p.meta.published == g.meta.published)
        if (p.meta.agency or "") != (g.meta.agency or "") or p.meta.year != g.meta.year:
            errors.append({"doc": doc_id, "type": "meta", "agency": [p.meta.agency, g.meta.agency],
                           "year": [p.meta.year, g.meta.year]})
    out: dict[str, Any] = {}
    for grp, c in groups.items():
        m = prf(c["tp"], c["fp"], c["fn"])
        out[grp] = {**m, "support": c["tp"] + c["fn"], "predicted": c["tp"] + c["fp"]}
    n = fields["docs"] or 1
    out["fields"] = {k: round(fields[k] / n, 4) for k in ("agency", "year", "format", "published")}
    out["errors"] = errors
    return out


def evaluate_full(model: str, data: str, *, output: str | None = None, config: str | None = None) -> dict[str, Any]:
    """Runs the whole pipeline: entities, relations (gold and predicted entities), indicators, fields."""
    from govie.extract import build_document
    from govie.normalize import normalize
    from govie.pipeline import Pipeline

    pairs = load_eval_docs(data, config)
    ids = [i for i, _ in pairs]
    golds = [d for _, d in pairs]
    nlp = Pipeline(model)
    preds = nlp.parse_many([g.text for g in golds])
    ents, _ = score_entities(golds, preds, ids)
    result: dict[str, Any] = {"model": model, "docs": ids,
                              **{k: ents[k] for k in ("ents_p", "ents_r", "ents_f")}}
    result["relations_predicted_entities"] = score_relations(golds, preds)
    result["relations_predicted_entities_overlap"] = score_relations(golds, preds, overlap=True)
    # the same pipeline from the GOLD entities on: what relations, tables and mapping do on their own
    on_gold = [build_document(normalize(g.text), list(g.entities), nlp) for g in golds]
    if nlp.relations is not None:
        result["relations_gold_entities"] = score_relations(golds, on_gold)
    result["indicators"] = score_indicators(golds, preds, ids)
    result["indicators_gold_entities"] = score_indicators(golds, on_gold, ids)
    result["entities"] = ents
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
