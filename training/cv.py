"""K-fold cross-validation inside the gold train split (the dev split is never read).

Each fold trains a model on the other folds' gold documents (plus the generated ones) and predicts
its own documents, so every train document is predicted by a model that did not see it. The
pooled strict span scores compare the model with its own AGENCY spans, the rules alone, and the
model with the rules' AGENCY spans in place of its own (``model.agency_from_rules``,
govie.ner.postprocess): the comparison a change of decoding or of the rules needs without
looking at dev.

    python -m training.cv configs/ner.toml --folds 3 --out runs/cv --train.max_minutes=7 --data.synth_n=1500

Besides ``OUT/cv.json`` it writes each system's false positives and negatives to
``OUT/errors_{model,rules,hybrid}.jsonl``.

Folds are fixed by position in the split file (document i goes to fold i mod k). ``main(argv)``
returns the summary that it writes to ``OUT/cv.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from govie.config import load_config
from govie.types import Document

from training.data import split_ids
from training.evaluate import (format_table, load_eval_docs, predict_entities, score_entities, seqeval_micro,
                               write_errors)


# the systems compared, and the name of their errors file (errors_<name>.jsonl)
_FILE = {"model": "model", "rules": "rules", "model + rules' AGENCY": "hybrid"}


def cross_validate(config: str, overrides: list[str], folds: int, out: Path) -> dict[str, Any]:
    """Trains ``folds`` models under ``out`` and returns the pooled scores of each system."""
    from training.train import train

    if folds < 2:
        raise ValueError("--folds must be at least 2")
    base = load_config(config, overrides)
    ids = split_ids(base, base.data.train_split)
    if len(ids) < folds:
        raise ValueError(f"the {base.data.train_split} split has {len(ids)} documents, fewer than {folds} folds")
    golds: list[Document] = []
    preds: dict[str, list[Document]] = {name: [] for name in _FILE}
    order: list[str] = []
    for k in range(folds):
        held = ids[k::folds]
        splits = out / f"fold{k}" / "splits"
        splits.mkdir(parents=True, exist_ok=True)
        (splits / "train.txt").write_text("".join(f"{i}\n" for i in ids if i not in held), encoding="utf-8")
        (splits / "dev.txt").write_text("".join(f"{i}\n" for i in held), encoding="utf-8")
        cfg = load_config(config, overrides + [f"--data.splits={splits}", "--data.train_split=train",
                                               "--data.dev_split=dev", f"--train.output={out / f'fold{k}' / 'model'}",
                                               "--relations.epochs=0"])
        train(cfg)
        pairs = load_eval_docs("dev", cfg)
        docs = [d for _, d in pairs]
        golds += docs
        order += [i for i, _ in pairs]
        preds["model"] += predict_entities(cfg.train.output, docs, agency_from_rules=False)[0]
        preds["rules"] += predict_entities("rules", docs)[0]
        preds["model + rules' AGENCY"] += predict_entities(cfg.train.output, docs, agency_from_rules=True)[0]
    summary: dict[str, Any] = {"config": config, "overrides": overrides, "folds": folds, "docs": order}
    for name, pred in preds.items():
        metrics, errors = score_entities(golds, pred, order)
        write_errors(out / f"errors_{_FILE[name]}.jsonl", errors)
        metrics["seqeval"] = seqeval_micro(golds, pred)
        metrics["seqeval_agrees"] = abs(metrics["seqeval"]["f"] - metrics["ents_f"]) < 1e-3
        summary[name] = metrics
    return summary


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="python -m training.cv", description=__doc__.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--out", default="runs/cv", help="folder for the fold splits, models and cv.json")
    args, overrides = ap.parse_known_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    out = Path(args.out)
    summary = cross_validate(args.config, overrides, args.folds, out)
    (out / "cv.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    for name in _FILE:
        print(f"== {name} (pooled over {len(summary['docs'])} held-out train documents)")
        print(format_table(summary[name]))
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
