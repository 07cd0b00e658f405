"""Cross-validation of the METRIC ranker and the relation model inside the train split.

Reuses the fold taggers of ``training.cv`` (``OUT/fold{k}/model``, trained without the fold's
documents): for each fold, the METRIC ranker (govie.metric_spans) and the relation model are
trained on the fold's train documents (plus generated ones) and scored on its held-out documents,
from the fold tagger's entities (the tagger alone: the ranker its directory holds is left out), with and
without the ranker's METRICs. The records under ``data.extra`` (the written reports) are in every fold's
training and never held out. The dev split is never read.

    python -m training.cv configs/ner.toml --folds 3 --out runs/cv --train.max_minutes=7 --data.synth_n=1500
    python -m training.cv_links configs/ner.toml --cv runs/cv [--metric_spans.synth_n=200 ...] [--errors F]
                                [--thresholds 0.3,0.4] [--train.threads=1 for two runs side by side]
    python -m training.cv_links configs/ner.toml --cv runs/cv_a runs/cv_b   # two sets of fold taggers, one training

Several ``--cv`` directories (fold taggers trained on other data, over the same folds) are scored with
the same links, trained once per fold: the comparison of two taggers without training the links twice
(their training reads no tagger, only the lexicon of the first directory's fold model, the same word list in
every model). Their scores are under ``by_cv``;
the first directory's are also at the top level, and each error row names its directory (``cv``).

Systems: the tagger alone; the tagger with the ranker (``add_metrics``: the tagger's METRICs that overlap
no chosen phrase stay), as govie.parse runs them; the ranker alone (the tagger's METRICs dropped first);
the ranker at other ``--thresholds``. Every system has the steps after the ranker as govie.parse runs
them (``govie.pipeline.after_ranker``: 分别 lists, count-first and zero statements, mended METRIC ends, no
footer entities; and the stated values in the relation model's output).

Prints and returns pooled strict P/R/F1 of METRIC spans, of relations (all, and each label) and of
the indicators of narrative reports (``build_document`` on the fold's entities and relation model);
``--errors`` writes the ranker's METRIC false positives and negatives (JSON lines, with the
clause around each and the overlapping span of the other side, if any), and the narrative
indicator errors (``indicator_fp``, ``indicator_fn``, with the clause of the evidence).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from govie.config import load_config
from govie.extract import _clause, build_document, normalized_view
from govie.labels import relation_labels
from govie.ner.features import Lexicon
from govie.normalize import normalize
from govie.pipeline import after_ranker
from govie.types import Document, Entity

from training.data import extra_documents, gold_documents, synth_documents
from training.evaluate import predict_entities, prf, score_indicators
from training.train import links_synth_n, train_links


_RELS = tuple(relation_labels())  # each relation label is scored too (value_of, number_of, issued_by)


def _rel_keys(doc: Document, rels) -> set[tuple]:
    by = {e.id: e for e in doc.entities}
    return {((by[r.head].start, by[r.head].end), (by[r.tail].start, by[r.tail].end), r.label) for r in rels}


def _metric_errors(doc_id: str, text: str, pred: set[tuple[int, int]],
                   gold: set[tuple[int, int]]) -> list[dict]:
    """The false positives and negatives among METRIC spans, each with its clause and the overlapping
    span on the other side (a boundary error) or None (a miss or a spurious phrase)."""
    out = []
    for kind, mine, against in (("fp", pred - gold, gold), ("fn", gold - pred, pred)):
        for s, e in sorted(mine):
            near = [(a, b) for a, b in against if a < e and s < b]
            out.append({"doc": doc_id, "type": kind, "span": text[s:e],
                        "overlaps": text[near[0][0]:near[0][1]] if near else None,
                        "clause": _clause(text, s, e).strip()[:120]})
    return out


def _indicator_errors(errors: list[dict], golds: dict[str, Document], preds: dict[str, Document]) -> list[dict]:
    """The indicator errors of narrative reports, each with the clause of its evidence (the predicted
    value's for a false positive, the gold value's for a false negative)."""
    out = []
    for err in errors:
        if err["type"] not in ("fp", "fn") or (golds[err["doc"]].meta.format or "narrative") != "narrative":
            continue
        doc = preds[err["doc"]] if err["type"] == "fp" else golds[err["doc"]]
        src = doc.indicators[err["key"]].source
        clause = _clause(doc.text, src.start, src.end).strip()[:120] if src and src.kind == "text" else None
        out.append({**err, "type": "indicator_" + err["type"], "clause": clause})
    return out


def _gold_view(doc: Document) -> tuple[Any, Document, set[tuple[int, int]], set[tuple]]:
    """A gold document read as the scoring reads it: its normalization, the normalized view, its METRIC
    spans and its relation keys (``_rel_keys``)."""
    norm = normalize(doc.text)
    g = normalized_view(norm, doc.entities, doc.relations)
    return norm, g, {(e.start, e.end) for e in g.entities if e.label == "METRIC"}, _rel_keys(g, g.relations)


def _score_fold(cfg, fold: Path, held: list[str], gold: dict[str, Document], views: dict[str, tuple], ranker, links,
                systems: list[str], extra_t: list[float], tally: dict[str, Any]) -> None:
    """Adds to ``tally`` the scores of one fold tagger's held-out documents under every system (``views``: the
    documents' ``_gold_view``)."""
    counts, indicators = tally["counts"], tally["indicators"]
    # the fold tagger alone: its model directory also holds a ranker, trained by training.cv
    preds = predict_entities(str(fold / "model"), [gold[i] for i in held], agency_from_rules=True,
                             ranker=False)[0]
    for i, pred in zip(held, preds):
        norm, g, gold_metrics, gold_rels = views[i]
        tagged = normalized_view(norm, pred.entities)
        spans = [(e.start, e.end, e.label, e.score, e.source) for e in tagged.entities]
        docs = [tagged]
        no_metrics = [sp for sp in spans if sp[2] != "METRIC"]
        for t, given in [(cfg.metric_spans.threshold, spans), (cfg.metric_spans.threshold, no_metrics)] \
                + [(t, spans) for t in extra_t]:
            ranker.cfg = replace(cfg.metric_spans, threshold=t)
            docs.append(Document(tagged.text, tuple(
                Entity(f"T{k}", s, e, lab, tagged.text[s:e], sc, src)
                for k, (s, e, lab, sc, src) in
                enumerate(after_ranker(tagged.text, ranker.add_metrics(tagged.text, given)), 1))))
        for name, doc in zip(systems, docs):
            metrics = {(e.start, e.end) for e in doc.entities if e.label == "METRIC"}
            if name == "tagger + ranker":
                tally["errors"] += _metric_errors(i, g.text, metrics, gold_metrics)
            # the whole document as govie.parse builds it: its relations (entity ids kept) and indicators
            original = [replace(e, start=a, end=b, text=norm.original[a:b])
                        for e in doc.entities for a, b in [norm.to_original(e.start, e.end)]]
            built = build_document(norm, original, links)
            for part, item in zip(indicators[name], (i, gold[i], built)):
                part.append(item)
            rels = _rel_keys(doc, built.relations)
            for part, p_set, g_set in [("METRIC", metrics, gold_metrics), ("relations", rels, gold_rels)] + [
                    (lab, {r for r in rels if r[2] == lab}, {r for r in gold_rels if r[2] == lab}) for lab in _RELS]:
                counts[(name, part, "tp")] += len(p_set & g_set)
                counts[(name, part, "pred")] += len(p_set)
                counts[(name, part, "gold")] += len(g_set)


def _summary(tally: dict[str, Any], systems: list[str]) -> tuple[dict[str, Any], list[dict]]:
    """The pooled scores of one set of fold taggers, and its errors (METRIC, then narrative indicators)."""
    counts, out, errors = tally["counts"], {}, list(tally["errors"])
    for name in systems:
        out[name] = {}
        for part in ("METRIC", "relations", *_RELS):
            tp = counts[(name, part, "tp")]
            out[name][part] = {**prf(tp, counts[(name, part, "pred")] - tp, counts[(name, part, "gold")] - tp),
                               "support": counts[(name, part, "gold")]}
        ids, golds, preds = tally["indicators"][name]
        scored = score_indicators(golds, preds, ids)
        out[name]["indicators_narrative"] = scored["narrative"]
        if name == "tagger + ranker":
            errors += _indicator_errors(scored["errors"], dict(zip(ids, golds)), dict(zip(ids, preds)))
    return out, errors


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="python -m training.cv_links", description=__doc__.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--cv", required=True, nargs="+",
                    help="the output directory of training.cv (fold models and splits); more than one (the same "
                         "folds, other fold taggers) are scored with the same trained links, under 'by_cv'")
    ap.add_argument("--errors", help="write the METRIC errors of tagger + ranker here (JSON lines)")
    ap.add_argument("--thresholds", help="also score the ranker at these thresholds (comma-separated; the "
                                         "rankers are trained once): 'tagger + ranker @T' beside the config's")
    args, overrides = ap.parse_known_args(argv)
    cfg = load_config(args.config, overrides)
    extra_t = [float(t) for t in args.thresholds.split(",")] if args.thresholds else []
    # "ranker alone": the tagger's own METRICs are dropped, every METRIC is the ranker's
    systems = ["tagger", "tagger + ranker", "ranker alone"] + [f"tagger + ranker @{t}" for t in extra_t]
    gold = dict(gold_documents(cfg, cfg.data.train_split))
    extra = [d for _, d in extra_documents(cfg)]  # in every fold's training, never held out
    synth = synth_documents(links_synth_n(cfg), cfg.data.synth_seed, cfg.data.synth_options)
    dirs = [Path(d) for d in args.cv]
    folds = [sorted(d.glob("fold*")) for d in dirs]
    split_of = [[tuple((f / "splits" / name).read_text(encoding="utf-8").split() for name in ("train.txt", "dev.txt"))
                 for f in fs] for fs in folds]
    if any(s != split_of[0] for s in split_of[1:]):
        raise ValueError(f"--cv: {', '.join(map(str, dirs))} do not hold the same folds (fold*/splits differ)")
    tallies = [{"counts": Counter(), "errors": [], "indicators": {name: ([], [], []) for name in systems}}
               for _ in dirs]
    views = {i: _gold_view(doc) for i, doc in gold.items()}  # each held out once, scored once per --cv set
    for k, (train_ids, held) in enumerate(split_of[0]):
        lexicon_path = folds[0][k] / "model" / "lexicon.txt"
        lexicon = Lexicon.from_file(lexicon_path) if lexicon_path.is_file() else None
        trained = train_links(cfg, None, [gold[i] for i in train_ids] + extra, synth, lexicon, n_extra=len(extra))
        ranker, rel = trained["metric_spans"]["model"], trained["relations"]["model"]
        links = SimpleNamespace(relations=rel)  # build_document's view of a pipeline
        print(f"{folds[0][k].name}: ranker {trained['metric_spans']['seconds']:.0f} s, "
              f"relations {trained['relations']['seconds']:.0f} s", flush=True)
        for fs, tally in zip(folds, tallies):
            _score_fold(cfg, fs[k], list(held), gold, views, ranker, links, systems, extra_t, tally)
    summaries, errs = zip(*(_summary(t, systems) for t in tallies))
    out: dict[str, Any] = {"folds": len(folds[0]), "metric_spans": vars(cfg.metric_spans), **summaries[0]}
    errors = errs[0]
    if len(dirs) > 1:
        out["by_cv"] = {str(d): s for d, s in zip(dirs, summaries)}
        errors = [{**e, "cv": str(d)} for d, rows in zip(dirs, errs) for e in rows]
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if args.errors:
        Path(args.errors).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors),
                                     encoding="utf-8")
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
