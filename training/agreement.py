"""METRIC agreement between a second, blind annotation and the gold (inter-annotator agreement).

A second annotator, given annotations/GUIDELINES.md, a report's text and the numbers of its running text
(the gold COUNT / MONEY / PERCENT spans), but not the gold METRICs or relations, chose the METRIC each number
measures (or none) and the zero statements' METRICs. ``annotations/agreement/metric_blind.json`` holds one
record per report (a JSON file, not .jsonl: the records of annotations/ are gold records), offsets into the
original text:

    {"about": "...", "records": [{"id": "real/r007", "links": [[ns, ne, ms, me], [ns, ne, null, null], ...],
                                  "zeros": [[s, e], ...]}, ...]}

    python -m training.agreement [FILE] [--config configs/ner.toml]

Prints, per report and pooled: the numbers whose METRIC agrees exactly (none = none counts), the second
annotation's value_of links and METRIC spans (those its numbers point to, and its zero statements) scored
as P/R/F1 against the gold's, and the share of its METRIC spans that overlap a gold one. The figures bound
what a model can be expected to reach on the same task (the numbers given; with predicted numbers less).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from govie.config import load_config
from govie.errors import AnnotationError, GovieError
from govie.io import load_corpus
from govie.labels import NUMBERS
from govie.rules import _overlaps
from govie.types import Document

from training.data import REPO, _path
from training.evaluate import prf

DEFAULT = REPO / "annotations" / "agreement" / "metric_blind.json"
Span = tuple[int, int]


def metric_agreement(gold: Document, links: dict[Span, Span | None], zeros: set[Span]) -> Counter:
    """Counts of one report: ``links`` maps each number span the second annotator was given to the METRIC
    span it chose (None: it measures nothing named), ``zeros`` holds its zero statements' METRIC spans.

    Raises:
        AnnotationError: E124 when a number of ``links`` is no gold COUNT / MONEY / PERCENT of the report."""
    by_id = {e.id: e for e in gold.entities}
    numbers = {(e.start, e.end) for e in gold.entities if e.label in NUMBERS}
    unknown = sorted(set(links) - numbers)
    if unknown:
        raise AnnotationError("E124", f"numbers that are no gold COUNT, MONEY or PERCENT: {unknown}")
    gold_of = {(by_id[r.head].start, by_id[r.head].end): (by_id[r.tail].start, by_id[r.tail].end)
               for r in gold.relations if r.label == "value_of"}
    measured = {r.tail for r in gold.relations if r.label == "value_of"}
    c: Counter = Counter(numbers=len(links))
    for number, mine in links.items():
        theirs = gold_of.get(number)
        c["agree"] += mine == theirs
        c["link_tp"] += mine is not None and mine == theirs
        c["link_pred"] += mine is not None
        c["link_gold"] += theirs is not None
    gold_spans = {m for n, m in gold_of.items() if n in links} | {
        (e.start, e.end) for e in gold.entities if e.label == "METRIC" and e.id not in measured}
    spans = {m for m in links.values() if m is not None} | zeros
    c["metric_tp"] = len(spans & gold_spans)
    c["metric_pred"] = len(spans)
    c["metric_gold"] = len(gold_spans)
    c["metric_overlap"] = sum(_overlaps(s, list(gold_spans)) for s in spans)
    return c


def summarize(c: Counter) -> dict[str, Any]:
    """The figures of (summed) counts."""
    return {"numbers": c["numbers"], "agree": round(c["agree"] / c["numbers"], 4) if c["numbers"] else 0.0,
            "value_of": {**prf(c["link_tp"], c["link_pred"] - c["link_tp"], c["link_gold"] - c["link_tp"]),
                         "support": c["link_gold"]},
            "METRIC": {**prf(c["metric_tp"], c["metric_pred"] - c["metric_tp"], c["metric_gold"] - c["metric_tp"]),
                       "support": c["metric_gold"],
                       "overlap_p": round(c["metric_overlap"] / c["metric_pred"], 4) if c["metric_pred"] else 0.0}}


def read_second(path: str | Path) -> dict[str, tuple[dict[Span, Span | None], set[Span]]]:
    """The records of a second annotation file: {doc id: (links, zeros)}.

    Raises:
        AnnotationError: E119 when the file cannot be read, E124 when it or a record is malformed."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError("E119", f"cannot read {path}: {exc}") from None
    except ValueError as exc:
        raise AnnotationError("E124", f"{path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise AnnotationError("E124", f"{path} must be a JSON object with a list of records under 'records'")
    out = {}
    for k, rec in enumerate(data["records"], 1):
        try:
            links = {(ns, ne): None if ms is None else (ms, me) for ns, ne, ms, me in rec["links"]}
            out[rec["id"]] = (links, {(s, e) for s, e in rec["zeros"]})
        except (ValueError, KeyError, TypeError) as exc:
            raise AnnotationError("E124", f"{path}: record {k}: not a second-annotation record ({exc!r}); see "
                                          "training/agreement.py for the format") from None
    return out


def agreement(path: str | Path, config: str = "configs/ner.toml") -> dict[str, Any]:
    """Per report and pooled figures of the second annotation at ``path`` against the gold records (``config``
    names them; a relative path is the repository's)."""
    cfg = load_config(_path(config))
    second = read_second(path)
    golds = {rec["id"]: doc for rec, doc in load_corpus([_path(cfg.data.annotations)],
                                                         corpus_root=cfg.data.corpus_root or None, ids=set(second))}
    missing = sorted(set(second) - set(golds))
    if missing:
        raise AnnotationError("E124", f"{path}: reports without gold records: {missing}")
    total: Counter = Counter()
    out: dict[str, Any] = {"reports": {}}
    for doc_id, (links, zeros) in sorted(second.items()):
        try:
            c = metric_agreement(golds[doc_id], links, zeros)
        except AnnotationError as exc:
            raise AnnotationError(exc.code, f"{path}: {doc_id}: {exc.message}") from None
        total.update(c)
        out["reports"][doc_id] = summarize(c)
    out["pooled"] = summarize(total)
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="python -m training.agreement", description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--config", default="configs/ner.toml")
    args = ap.parse_args(argv)
    try:
        result = agreement(_path(args.file), args.config)
    except GovieError as exc:
        sys.exit(f"error: {exc}")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
