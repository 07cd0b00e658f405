"""Train the govie model directory (entity tagger, then relation model) from a config.

    govie train configs/ner.toml                       # the shipped model
    govie train configs/tiny.toml --train.max_steps=50 --train.output=/tmp/m

Data: the gold train split (annotations/splits/train.txt) plus generated reports
(training/synth). The dev split is evaluated at the end for the model card; it is
never used to pick steps or checkpoints.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from govie.config import Config, load_config
from govie.labels import LABELS_PATH, entity_labels
from govie.modeldir import read_json, write_json
from govie.ner.features import CharVocab, Lexicon, bio_tags, pkuseg_words
from govie.ner.tagger import EntityTagger, adjacency_prior, windows
from govie.schema import SCHEMA_PATH

from training.data import data_hash, extra_documents, gold_documents, synth_documents, to_example, _path

log = logging.getLogger("govie.train")


def _training_windows(examples, tagger: EntityTagger, rng: random.Random, repeat: list[int]):
    """Returns (ids, types, tags) windows; documents repeated ``repeat[i]`` times with shifted cuts."""
    size, labels = tagger.cfg.window, tagger.labels
    out = []
    for (norm, spans), k in zip(examples, repeat):
        text = norm.text
        if not text:
            continue
        ids, types = tagger.encode(text)
        tags = bio_tags(len(text), spans, labels)
        for r in range(k):
            shift = 0 if r == 0 or len(text) <= size else rng.randrange(0, size // 2)
            for s, e, _, _ in windows(len(text) - shift, size, size // 4):
                a, b = s + shift, e + shift
                t = tags[a:b].copy()
                if t[0] and (t[0] - 1) % 2 == 1:  # a window starting inside a span starts it
                    t[0] -= 1
                out.append((ids[a:b], types[a:b], t))
    return out


def _documents(cfg: Config, docs: list | None, synth_n: int | None = None) -> tuple[list, list, int]:
    """(id, gold Document) pairs, generated Documents and how many of the pairs (the last ones) are
    ``data.extra`` records; ``docs`` replaces the gold split, ``synth_n`` the number of generated ones (the
    first of the config's: generation is per index)."""
    if docs is not None:
        gold = [(f"doc{i}", d) for i, d in enumerate(docs)]
    else:
        gold = gold_documents(cfg, cfg.data.train_split) if cfg.data.use_gold else []
    extra = extra_documents(cfg)
    n = cfg.data.synth_n if synth_n is None else min(synth_n, cfg.data.synth_n)
    return gold + extra, synth_documents(n, cfg.data.synth_seed, cfg.data.synth_options), len(extra)


def train(cfg: Config, *, docs: list | None = None, log_every: int = 50) -> dict[str, Any]:
    """Trains and saves a model directory; returns a summary dict (paths, metrics, timings).

    ``docs`` (gold Documents) replaces the configured gold split, for tests and custom data.
    """
    import torch

    t_start = time.perf_counter()
    torch.manual_seed(cfg.train.seed)
    rng = random.Random(cfg.train.seed)
    np.random.seed(cfg.train.seed)
    torch.set_num_threads(cfg.train.threads)
    labels = entity_labels()

    gold, synth, n_extra = _documents(cfg, docs)
    gold_ex = [to_example(d) for _, d in gold]
    synth_ex = [to_example(d) for d in synth]
    examples = gold_ex + synth_ex
    if not examples:
        raise ValueError("no training data: enable data.use_gold or set data.synth_n > 0")
    repeat = [cfg.data.gold_repeat] * len(gold_ex) + [1] * len(synth_ex)
    vocab = CharVocab.build((n.text for n, _ in examples), cfg.model.min_char_freq)
    lexicon = Lexicon(pkuseg_words()) if cfg.model.lexicon else None
    tagger = EntityTagger(cfg.model, labels, vocab, lexicon)
    data = _training_windows(examples, tagger, rng, repeat)
    t_data = time.perf_counter() - t_start
    log.info("data: %d gold + %d synthetic docs -> %d windows, vocab %d (%.1fs)",
             len(gold_ex), len(synth_ex), len(data), len(vocab), t_data)

    model = tagger.model
    model.train()
    no_decay = ("bias", "LayerNorm.weight")
    groups = [{"params": [p for n, p in model.named_parameters() if not any(x in n for x in no_decay)],
               "weight_decay": cfg.train.weight_decay},
              {"params": [p for n, p in model.named_parameters() if any(x in n for x in no_decay)],
               "weight_decay": 0.0}]
    opt = torch.optim.AdamW(groups, lr=cfg.train.lr)
    total = cfg.train.max_steps
    warm = min(cfg.train.warmup, max(1, total // 10))
    order: list[int] = []
    step, losses = 0, []
    t_loop = time.perf_counter()
    budget = max(1.0, t_start + cfg.train.max_minutes * 60 - t_loop)
    lr = cfg.train.lr
    while True:
        # linear warm-up, then linear decay to 0 over whichever runs out first, steps or the time
        # budget: a run cut by the clock still ends at a low learning rate
        progress = max(step / total, (time.perf_counter() - t_loop) / budget)
        if progress >= 1.0:
            break
        lr = cfg.train.lr * min(1.0, (step + 1) / warm) * min(1.0, (1.0 - progress) / (1.0 - warm / total))
        for g in opt.param_groups:
            g["lr"] = lr
        if len(order) < cfg.train.batch_size:
            order += rng.sample(range(len(data)), len(data))
        batch_idx, order = order[:cfg.train.batch_size], order[cfg.train.batch_size:]
        batch = [data[i] for i in batch_idx]
        inputs = tagger.batch_tensors([(b[0], b[1]) for b in batch], [b[2] for b in batch])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=cfg.train.bf16):
            loss = model(**inputs).loss
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        losses.append(loss.item())
        step += 1
        if step % log_every == 0:
            log.info("step %d/%d loss %.4f lr %.2e (%.0fs)", step, total, float(np.mean(losses[-log_every:])),
                     lr, time.perf_counter() - t_start)
    model.eval()
    t_train = time.perf_counter() - t_start - t_data

    out = _path(cfg.train.output)
    if out.exists():
        shutil.rmtree(out)
    if cfg.model.adjacency_prior:  # counted on real reports: generated ones follow their templates' habits
        tagger.adjacent = adjacency_prior([spans for _, spans in (gold_ex or examples)], labels)
    tagger.save(out, extra_config={"config": cfg.to_dict()})

    links_gold, links_extra = _links_gold(cfg, gold, n_extra, replaced=docs is not None)
    trained = train_links(cfg, out, [d for _, d in links_gold], synth, tagger.lexicon, n_extra=links_extra)
    shutil.copy(LABELS_PATH, out / "labels.json")
    shutil.copy(SCHEMA_PATH, out / "indicators.json")

    summary: dict[str, Any] = {
        "output": str(out), "steps": step, "final_loss": float(np.mean(losses[-50:])) if losses else None,
        "train_docs_gold": len(gold_ex), "train_docs_synth": len(synth_ex), "windows": len(data),
        "seconds_data": round(t_data, 1), "seconds_train": round(t_train, 1),
    }
    return _finish(out, cfg, gold, summary, trained, tagger.adjacent, evaluate_dev=docs is None, t_start=t_start)


def _links_gold(cfg: Config, gold: list, n_extra: int, replaced: bool = False) -> tuple[list, int]:
    """The (id, gold Document) pairs the links train on, and how many of them (the last) are ``data.extra``
    records: none without ``data.use_gold``, unless ``train``'s ``docs`` replaced the split (``replaced``)."""
    return (gold, n_extra) if cfg.data.use_gold or replaced else ([], 0)


def links_synth_n(cfg: Config) -> int:
    """How many generated reports the links use (``train_links``): not all of data.synth_n."""
    return max(cfg.relations.synth_n * (cfg.relations.epochs > 0), cfg.metric_spans.synth_n)


def train_links(cfg: Config, out: Path | None, gold: list, synth: list, lexicon: Any,
                n_extra: int = 0) -> dict[str, Any]:
    """Trains the relation model and the METRIC ranker into the model directory ``out`` from the gold
    links of ``gold`` and those of the generated ``synth``; returns their summaries (None: not trained).
    The last ``n_extra`` of ``gold`` are ``data.extra`` records: the ranker counts them
    ``metric_spans.extra_repeat`` times (when set) instead of ``gold_repeat``.
    With ``out`` None nothing is saved and each summary keeps its ``model`` (cross-validation).
    Uses ``train.threads`` torch threads (1 for each of two runs side by side on two cores: with 2 each,
    the METRIC ranker of a cross-validation fold took 4213 s instead of 989 s, 2026-12-07)."""
    import torch

    torch.set_num_threads(cfg.train.threads)
    rel_summary = ms_summary = None
    if cfg.relations.epochs > 0:
        from govie.relations import train_relations

        t0 = time.perf_counter()
        rel_summary = train_relations(cfg.relations, gold + synth[:cfg.relations.synth_n], out,
                                      seed=cfg.train.seed)
        rel_summary["seconds"] = round(time.perf_counter() - t0, 1)
    if cfg.metric_spans.epochs > 0:
        from govie.metric_spans import train_metric_spans

        t0 = time.perf_counter()
        ms = cfg.metric_spans
        repeats = [ms.gold_repeat] * (len(gold) - n_extra) + [ms.extra_repeat or ms.gold_repeat] * n_extra
        ms_summary = train_metric_spans(ms, gold, synth[:ms.synth_n], lexicon, out, seed=cfg.train.seed,
                                        repeats=repeats)
        ms_summary["seconds"] = round(time.perf_counter() - t0, 1)
    if out is not None:
        for summary in (rel_summary, ms_summary):
            if summary is not None:
                summary.pop("model")
    return {"relations": rel_summary, "metric_spans": ms_summary}


def train_links_only(cfg: Config) -> dict[str, Any]:
    """Retrains the relation model and the METRIC ranker of the model directory ``train.output``, its
    tagger kept (``govie train CONFIG --links-only``: 11 minutes on 2 cores, 2026-12-07, against 29 for a full
    retrain)."""
    from govie.ner.tagger import EntityTagger

    t_start = time.perf_counter()
    out = _path(cfg.train.output)
    tagger = EntityTagger.load(out)
    gold, synth, n_extra = _documents(cfg, None, synth_n=links_synth_n(cfg))
    links_gold, links_extra = _links_gold(cfg, gold, n_extra)
    trained = train_links(cfg, out, [d for _, d in links_gold], synth, tagger.lexicon, n_extra=links_extra)
    config = read_json(out / "config.json")
    config["config"].update({k: cfg.to_dict()[k] for k in ("relations", "metric_spans")})  # the tagger's stay
    write_json(out / "config.json", config)
    meta = read_json(out / "meta.json")
    summary = meta["training"]
    summary["links_retrained_seconds"] = round(time.perf_counter() - t_start, 1)
    # the tagger's training data stay recorded as they were; the links' beside them
    data = {**meta["data"],
            "links": _data_record(links_gold, links_synth_n(cfg), cfg.data.synth_seed)}
    return _finish(out, cfg, gold, summary, trained, tagger.adjacent, evaluate_dev=True, t_start=None, data=data)


def _data_record(gold, synth_n: int, synth_seed: int) -> dict[str, Any]:
    """meta.json's record of training data: the gold documents (ids and hash) and the generated ones."""
    return {"gold_train_hash": data_hash(gold), "gold_train_docs": [i for i, _ in gold], "synth_n": synth_n,
            "synth_seed": synth_seed}


def _finish(out: Path, cfg: Config, gold, summary: dict[str, Any], trained: dict[str, Any],
            adjacent: dict[str, float], *, evaluate_dev: bool, t_start: float | None,
            data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Writes meta.json and the card, evaluates the dev split into metrics_dev.json, rewrites both.
    ``data``: meta.json's record of the training data (default: ``gold`` and the config's generated reports)."""
    data = data or _data_record(gold, cfg.data.synth_n, cfg.data.synth_seed)
    _write_meta(out, cfg, data, summary, None, trained, adjacent)  # complete directory before evaluating it
    dev_metrics = None
    if evaluate_dev:
        from training.evaluate import evaluate

        dev_metrics = evaluate(str(out), cfg.data.dev_split, output=str(out / "metrics_dev.json"), config=cfg)
    if t_start is not None:
        summary["seconds_total"] = round(time.perf_counter() - t_start, 1)
    _write_meta(out, cfg, data, summary, dev_metrics, trained, adjacent)
    summary["dev"] = {k: dev_metrics[k] for k in ("ents_p", "ents_r", "ents_f")} if dev_metrics else None
    return summary


def _write_meta(out: Path, cfg: Config, data: dict[str, Any], summary, dev_metrics, trained: dict[str, Any],
                adjacent: dict[str, float]) -> None:
    """Writes meta.json and the model card; ``data`` records the training data (``_data_record``; after a
    links-only retrain also the links' under "links"), ``trained`` holds the summaries of the relation model
    and the METRIC ranker (None when not trained)."""
    import torch
    import transformers

    import govie

    meta = {
        "name": cfg.name, "govie_version": govie.__version__, "format_version": 1,
        "labels": entity_labels(), "relation_labels": json.loads(LABELS_PATH.read_text())["relation_labels"],
        "data": data,
        "training": summary, "metrics": {"dev": dev_metrics, **trained},
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "python": sys.version.split()[0]},
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    links = "" if "links" not in data else (
        f"; relation model and METRIC ranker retrained later with `govie train CONFIG --links-only` "
        f"({summary['links_retrained_seconds']} s, {len(data['links']['gold_train_docs'])} gold documents)")
    lines = [f"# Model card: {cfg.name}", "",
             "Character-level BERT-style token classifier trained from scratch (no pretrained weights) on the "
             "govie gold train split" + (f", the records of {', '.join(cfg.data.extra)}" if cfg.data.extra else "")
             + " and generated reports; relation classifier over entity pairs.", "",
             f"- entity labels: {', '.join(entity_labels())}",
             f"- architecture: {cfg.model.layers} layers, hidden {cfg.model.hidden}, window {cfg.model.window}, "
             f"lexicon features: {cfg.model.lexicon}",
             f"- training: {summary['steps']} steps, {summary['train_docs_gold']} gold + "
             f"{summary['train_docs_synth']} generated documents, {summary.get('seconds_total', summary['seconds_train'])} s"
             + links,
             "- decoding: Viterbi without invalid BIO transitions; two touching spans of one label cost their "
             "log-probability in the training spans (the gold ones when there are any): "
             + (", ".join(f"{k} {v}" for k, v in adjacent.items()) or "off"),
             "- after decoding (govie.ner.postprocess): a DOCNUM needs a numeral; a METRIC is kept only with >= 3 "
             "characters and a number "
             "within 2 characters or a negation before it in its clause; AGENCY spans from the rules' gazetteer "
             f"instead of the tagger: {cfg.model.agency_from_rules}",
             "- METRIC ranker (govie.metric_spans): for each number outside tables, the phrase it measures "
             "(or none) among the spans next to it"
             + (", and for each negation in a clause without a number the phrase it denies" if cfg.metric_spans.zeros
                else "")
             + (f"; {cfg.metric_spans.members} scorers trained on bootstrap samples, their probabilities averaged"
                if cfg.metric_spans.members > 1 else "")
             + "; its phrases replace the tagger's METRICs they overlap: "
             + ("on" if trained.get("metric_spans") else "off"),
             "- reproduce: `govie train configs/ner.toml`", ""]
    if dev_metrics:
        from training.evaluate import format_table

        lines += ["## Dev split (strict spans)", "", "```", format_table(dev_metrics), "```", ""]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="govie train", description=__doc__.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--links-only", action="store_true",
                    help="retrain only the relation model and the METRIC ranker of train.output, keeping its tagger")
    args, overrides = ap.parse_known_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    cfg = load_config(args.config, overrides)
    summary = train_links_only(cfg) if args.links_only else train(cfg)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
