"""Narrative mapping on gold entities and relations: P/R/F1 (key and value exact) per split.

Isolates ``govie.extract.map_narrative`` from the models: every gold record of a split is
normalized, its era derived as ``build_document`` derives it (the tables read, then
``report_fields``), and ``map_narrative`` runs on the record's GOLD entities and relations.

Two groups are scored:

- ``narrative``: reports whose gold ``format`` is narrative. Predicted = every value
  map_narrative gives; gold = every gold indicator with a value.
- ``prose_in_tables``: the other reports, prose only. Gold = the gold indicators whose
  evidence span is a value_of head or a METRIC (a prose statement; table cells take no
  relations), less the keys the table reader gives a value; predicted = the map_narrative
  values that ``build_document`` keeps (a table value wins; an unresolved cell does not). A
  prediction is right when it equals the gold value of its key, whatever the gold source.

    python -m training.narrative_check train            # figures
    python -m training.narrative_check train --errors   # and every FP / FN, with its clause
    python -m training.narrative_check annotations/written   # records outside the splits
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from govie.config import Config
from govie.extract import _clause, map_narrative, report_fields
from govie.normalize import normalize
from govie.tables import read_tables
from govie.types import Document

from training.evaluate import load_eval_docs, prf, same_value


def _prose_spans(doc: Document) -> set[tuple[int, int]]:
    """Spans (original offsets) of value_of heads and METRIC entities: where prose states a value."""
    by_id = {e.id: e for e in doc.entities}
    spans = {(by_id[r.head].start, by_id[r.head].end) for r in doc.relations
             if r.label == "value_of" and r.head in by_id}
    spans |= {(e.start, e.end) for e in doc.entities if e.label == "METRIC"}
    return spans


def check_document(doc_id: str, gold: Document) -> tuple[str, dict[str, Any], dict[str, Any], list[dict]]:
    """Returns (group, gold {key: value}, predicted {key: value}, errors) of one gold document."""
    norm = normalize(gold.text)
    table_values, table_era = read_tables(norm)
    meta = report_fields(norm, list(gold.entities), table_era)
    preds = map_narrative(norm, list(gold.entities), list(gold.relations), meta.era)
    all_gold = {k: v.value for k, v in gold.indicators.items() if v.value is not None}
    narrative = (gold.meta.format or "narrative") == "narrative"
    if narrative:
        group, gold_keys = "narrative", set(all_gold)
    else:
        group = "prose_in_tables"
        prose = _prose_spans(gold)
        gold_keys = {k for k, v in gold.indicators.items() if v.value is not None and v.source is not None
                     and (v.source.start, v.source.end) in prose}
        # what the table reader gives is the tables' job (gold may put such a value on a prose span
        # when the cell cannot carry one); an unresolved cell (no value) leaves the key to the prose
        table_keys = {v.key for v in table_values if v.value is not None}
        gold_keys -= table_keys
        preds = [v for v in preds if v.key not in table_keys]
    pred = {v.key: v for v in preds if v.value is not None}
    errors = []
    for k, v in pred.items():
        if not same_value(all_gold.get(k), v.value):
            s, e = norm.to_normalized(v.source.start, v.source.end) if v.source else (0, 0)
            errors.append({"doc": doc_id, "type": "fp", "key": k, "pred": v.value, "gold": all_gold.get(k),
                           "raw": v.raw, "clause": _clause(norm.text, s, e).strip()[:160], "era": meta.era})
    for k in sorted(gold_keys):
        if not (k in pred and same_value(pred[k].value, all_gold[k])):
            g = gold.indicators[k]
            clause = ""
            if g.source is not None:
                s, e = norm.to_normalized(g.source.start, g.source.end)
                clause = _clause(norm.text, s, e).strip()[:160]
            errors.append({"doc": doc_id, "type": "fn", "key": k, "gold": all_gold[k],
                           "pred": pred[k].value if k in pred else None, "raw": g.raw, "clause": clause,
                           "era": meta.era})
    return group, {k: all_gold[k] for k in gold_keys}, {k: v.value for k, v in pred.items()}, errors


def check_split(split: str, cfg: Config | None = None) -> dict[str, Any]:
    """Returns the figures per group and the error list of one split (or JSONL file / folder)."""
    counts: dict[str, Counter] = {"narrative": Counter(), "prose_in_tables": Counter(), "all": Counter()}
    errors: list[dict] = []
    for doc_id, gold in load_eval_docs(split, cfg or Config()):
        group, g, p, errs = check_document(doc_id, gold)
        fp = sum(1 for e in errs if e["type"] == "fp")
        fn = sum(1 for e in errs if e["type"] == "fn")
        tp = len(p) - fp
        for grp in (group, "all"):
            counts[grp].update(tp=tp, fp=fp, fn=fn, docs=1)
        errors.extend(errs)
    out: dict[str, Any] = {grp: {**prf(c["tp"], c["fp"], c["fn"]), "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
                                 "docs": c["docs"]} for grp, c in counts.items()}
    out["errors"] = errors
    return out


def format_figures(split: str, r: dict[str, Any]) -> str:
    lines = []
    for grp in ("narrative", "prose_in_tables", "all"):
        v = r[grp]
        lines.append(f"{split:<6} {grp:<16} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f']:.3f} "
                     f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']}; {v['docs']} docs)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="python -m training.narrative_check", description=__doc__.splitlines()[0])
    ap.add_argument("splits", nargs="+", help="split names (train, dev) or JSONL files/folders")
    ap.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = ap.parse_args(argv)
    results = {}
    for split in args.splits:
        r = check_split(split)
        results[split] = r
        print(format_figures(split, r))
        if args.errors:
            for e in r["errors"]:
                print(f"  {e['type'].upper()} {e['doc']:<11} {e['era'] or '-':<4} {e['key']:<36} "
                      f"pred={e['pred']!s:<8} gold={e['gold']!s:<8} raw={e['raw']!r}  | {e['clause']}")
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
