"""govie reliability and performance benchmark (see benchmarks/README.md).

    python benchmarks/bench.py                       # the shipped model, full run, benchmarks/results.json
    python benchmarks/bench.py --model PATH --quick  # seconds-scale smoke run, benchmarks/results_quick.json

Measures, for the model pipeline and for the rules-only baseline (``Pipeline(entities="rules")``):

* throughput (characters/s, reports/s) of ``parse`` and of ``pipe`` with 1 and 2 processes;
* per-report latency (median, p95) over the corpus;
* cold load: a fresh subprocess, from ``import govie`` to the first parse of a short text;
* peak memory (``resource.getrusage(...).ru_maxrss``) of a fresh subprocess parsing a 1M-character report;
* scaling with document length (1k, 10k, 100k, 1M characters), each size in a fresh subprocess:
  time and peak memory, time per character and the growth exponent between sizes;

and, for the model only, the speed of a BERT-base-sized token classifier (12 layers, 768 hidden,
12 heads, 3072 intermediate, govie's vocabulary and tag count, random weights) run over the same
characters with govie's windowing and batching: inference only, reported as govie / BERT-base.

Reports are ``../shared/corpus/**/*.txt`` read at run time (never copied), else reports from
``training.synth.generate``. Long documents are those reports concatenated, cut to length.
``main(argv)`` returns the results dict; the script prints a markdown table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # training.synth (the fallback reports) lives in the checkout
    sys.path.insert(0, str(ROOT))

SHORT = "临江县教育局2019年政府信息公开工作年度报告\n2019年，我局主动公开政府信息1260条，受理依申请公开12件。"
TARGETS = {
    "parse_chars_per_s": (">=", 20_000, "parse >= 20k chars/s on 2 cores"),
    "speedup_vs_bert_base": (">=", 10.0, "parse >= 10x a BERT-base-sized tagger"),
    "cold_load_s": ("<", 2.0, "cold load < 2 s"),
    "peak_memory_mb_1m": ("<", 1536.0, "peak memory < 1.5 GB on a 1M-character report"),
    "scaling_exponent": ("<=", 1.15, "linear scaling (time ~ n^k, k <= 1.15 between the two largest sizes)"),
}
FULL = {"repeat": 2, "cold_runs": 3, "sizes": [1_000, 10_000, 100_000, 1_000_000], "bert_chars": 20_000,
        "synth_n": 40}
QUICK = {"repeat": 1, "cold_runs": 1, "sizes": [1_000, 10_000], "bert_chars": 1_000, "synth_n": 6,
         "throughput_chars": 8_000}
RESULT_PREFIX = "BENCH_RESULT "


# ============================================================================ inputs
def default_corpus() -> Path | None:
    """Returns ../shared/corpus beside the checkout (or GOVIE_CORPUS), if it exists."""
    env = os.environ.get("GOVIE_CORPUS")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "corpus"]:
        if cand.is_dir():
            return cand
    return None


def load_reports(corpus: str | Path | None, synth_n: int) -> tuple[list[str], str]:
    """Returns (report texts, where they come from): the corpus read now, else generated reports."""
    if corpus:
        files = sorted(Path(corpus).rglob("*.txt"))
        if files:
            from govie.batch import read_text_file

            return [read_text_file(f) for f in files], f"corpus {corpus} ({len(files)} files)"
    from training.synth.generate import generate

    return [r["text"] for r in generate(synth_n, seed=0)], f"training.synth.generate({synth_n}, seed=0)"


def make_document(texts: Sequence[str], size: int) -> str:
    """Returns a report of exactly ``size`` characters: the reports joined by blank lines, repeated, cut."""
    base = "\n\n".join(texts)
    return (base * (size // len(base) + 1))[:size]


def _pipeline(model: str):
    from govie.pipeline import Pipeline

    return Pipeline(entities="rules") if model == "rules" else Pipeline(model)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _vmhwm_mb() -> float | None:
    """Peak RSS of this process's own memory (Linux /proc), a cross-check of ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# ============================================================================ fresh subprocesses
def child(spec: dict[str, Any]) -> dict[str, Any]:
    """Runs one measurement in this (fresh) process; see ``run_child``."""
    if spec["task"] == "cold":
        t0 = time.perf_counter()
        import govie  # noqa: F401  (the import is part of what a user waits for)
        from govie.pipeline import Pipeline

        t1 = time.perf_counter()
        parts = {}
        if spec["model"] != "rules":  # what loading a model spends on imports (it makes them anyway)
            import torch

            parts["torch_import_s"] = time.perf_counter() - t1
            if spec.get("threads"):
                torch.set_num_threads(int(spec["threads"]))
        nlp = Pipeline(entities="rules") if spec["model"] == "rules" else Pipeline(spec["model"])
        t2 = time.perf_counter()
        doc = nlp.parse(SHORT)
        t3 = time.perf_counter()
        # inference runs the plain-torch network (govie/ner/encoder.py): transformers stays unimported
        parts["transformers_imported"] = "transformers" in sys.modules
        return {"import_s": t1 - t0, "load_s": t2 - t1, **parts, "first_parse_s": t3 - t2, "cold_load_s": t3 - t0,
                "entities": len(doc.entities), "maxrss_mb": _maxrss_mb(), "vmhwm_mb": _vmhwm_mb()}
    if spec.get("threads") and spec["model"] != "rules":  # the rules never import torch
        import torch

        torch.set_num_threads(int(spec["threads"]))
    # "doc": one document of ``size`` characters
    texts, _ = load_reports(spec.get("corpus"), spec["synth_n"])
    text = make_document(texts, spec["size"])
    del texts
    nlp = _pipeline(spec["model"])
    nlp.parse(SHORT)  # warm: lazy imports, first-call allocations
    before = _maxrss_mb()
    t0 = time.perf_counter()
    doc = nlp.parse(text)
    secs = time.perf_counter() - t0
    return {"size": len(text), "utf8_mb": len(text.encode("utf-8", "surrogatepass")) / 2 ** 20,
            "seconds": secs, "chars_per_s": len(text) / secs, "maxrss_before_mb": before,
            "maxrss_mb": _maxrss_mb(), "vmhwm_mb": _vmhwm_mb(), "entities": len(doc.entities),
            "relations": len(doc.relations),
            "indicators": len(doc.indicators)}


def run_child(spec: dict[str, Any], timeout: float = 3600) -> dict[str, Any]:
    """Runs ``child(spec)`` in a fresh interpreter; returns its dict plus ``wall_s`` (or ``error``)."""
    # Through a small launcher: Linux keeps ru_maxrss across fork + exec, so a child started from this
    # (large, model-holding) process would report our peak; the launcher's own child starts from zero.
    launcher = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"
    cmd = [sys.executable, "-c", launcher, sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
    wall = time.perf_counter() - t0
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return {**json.loads(line[len(RESULT_PREFIX):]), "wall_s": wall}
    return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}", "wall_s": wall}


# ============================================================================ measurements
def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _rate(secs: float, texts: Sequence[str]) -> dict[str, float]:
    return {"seconds": secs, "chars_per_s": sum(map(len, texts)) / secs, "reports_per_s": len(texts) / secs}


def throughput(model: str, texts: Sequence[str]) -> dict[str, Any]:
    """parse (a loaded pipeline), pipe in 1 process and in 2 (each as a user calls it: load/start-up included)."""
    import govie

    nlp = _pipeline(model)
    nlp.parse(SHORT)
    out: dict[str, Any] = {"reports": len(texts), "chars": sum(map(len, texts))}
    secs, docs = _timed(lambda: [nlp.parse(t) for t in texts])
    out["parse"] = _rate(secs, texts)
    for name, n_process in (("pipe_1", 1), ("pipe_2", 2)):
        secs, got = _timed(lambda: list(govie.pipe(texts, n_process=n_process, model=model)))
        # start-up (model load; worker spawn) measured alone on one short text, to separate it out
        start, _ = _timed(lambda: list(govie.pipe([SHORT], n_process=n_process, model=model)))
        out[name] = {**_rate(secs, texts), "startup_s": start,
                     "steady_chars_per_s": out["chars"] / (secs - start) if secs > start else None}
        out[name + "_equals_parse"] = got == docs
    return out


def latency(model: str, texts: Sequence[str]) -> dict[str, Any]:
    """Per-report parse time over the reports (a loaded, warm pipeline)."""
    nlp = _pipeline(model)
    nlp.parse(SHORT)
    times = []
    for t in texts:
        secs, _ = _timed(lambda t=t: nlp.parse(t))
        times.append(secs)
    times.sort()
    p95 = times[-1] if len(times) < 2 else statistics.quantiles(times, n=20, method="inclusive")[18]
    return {"reports": len(times), "median_s": statistics.median(times), "p95_s": p95, "max_s": times[-1],
            "mean_chars": sum(map(len, texts)) / len(texts)}


def cold_load(model: str, runs: int, threads: int | None) -> dict[str, Any]:
    res = [run_child({"task": "cold", "model": model, "threads": threads}) for _ in range(runs)]
    ok = [r for r in res if "error" not in r]
    if not ok:
        return {"error": res[0]["error"]}
    best = sorted(ok, key=lambda r: r["cold_load_s"])[len(ok) // 2]  # the median run
    return {**best, "runs": [round(r["cold_load_s"], 3) for r in ok]}


def scaling(model: str, sizes: Sequence[int], corpus: str | None, synth_n: int,
            threads: int | None) -> dict[str, Any]:
    rows = []
    for n in sizes:
        r = run_child({"task": "doc", "model": model, "size": n, "corpus": corpus, "synth_n": synth_n,
                       "threads": threads})
        rows.append({"size": n, **r})
    ok = [r for r in rows if "error" not in r]
    for a, b in zip(ok, ok[1:]):
        b["per_char_ratio"] = (b["seconds"] / b["size"]) / (a["seconds"] / a["size"])
        b["exponent"] = math.log(b["seconds"] / a["seconds"]) / math.log(b["size"] / a["size"])
    out: dict[str, Any] = {"rows": rows}
    if len(ok) >= 2:
        out["exponent_largest"] = ok[-1]["exponent"]
        out["linear"] = ok[-1]["exponent"] <= TARGETS["scaling_exponent"][1]
    if ok:
        out["peak_memory_mb"] = ok[-1]["maxrss_mb"]
        out["peak_memory_size"] = ok[-1]["size"]
    return out


def bert_base(model: str, texts: Sequence[str], max_chars: int, batch_size: int = 32) -> dict[str, Any]:
    """govie's tagger vs a BERT-base-sized token classifier on the same characters, windows and batches."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    from govie.ner.tagger import EntityTagger, windows
    from govie.normalize import normalize

    tagger = EntityTagger.load(model)
    subset, total = [], 0
    for t in texts:
        n = normalize(t).text[:max_chars - total]
        if n:
            subset.append(n)
            total += len(n)
        if total >= max_chars:
            break
    c = tagger.cfg
    pieces = []
    for text in subset:
        ids = tagger.vocab.encode(text)
        for s, e, _, _ in windows(len(text), c.window, c.overlap):
            pieces.append((ids[s:e], ids[s:e] * 0))
    pieces.sort(key=lambda p: len(p[0]))  # as EntityTagger.predict batches them
    batches = [tagger.batch_tensors(pieces[k:k + batch_size]) for k in range(0, len(pieces), batch_size)]

    tagger.predict(subset[:1])
    govie_s, _ = _timed(lambda: tagger.predict(subset, batch_size=batch_size))

    torch.manual_seed(0)
    conf = BertConfig(vocab_size=len(tagger.vocab), hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                      intermediate_size=3072, num_labels=len(tagger.tags),
                      max_position_embeddings=max(512, c.window + 2))
    bert = BertForTokenClassification(conf).eval()

    def run_bert() -> None:
        with torch.inference_mode():
            for b in batches:
                bert(**b).logits

    with torch.inference_mode():
        bert(**batches[0])  # warm
    bert_s, _ = _timed(run_bert)
    return {"chars": total, "windows": len(pieces), "window": c.window, "overlap": c.overlap,
            "batch_size": batch_size, "bert_params_m": sum(p.numel() for p in bert.parameters()) / 1e6,
            "govie_params_m": sum(p.numel() for p in tagger.model.parameters()) / 1e6,
            "bert_seconds": bert_s, "bert_chars_per_s": total / bert_s,
            "govie_tagger_seconds": govie_s, "govie_tagger_chars_per_s": total / govie_s,
            "tagger_speedup": bert_s / govie_s}


# ============================================================================ report
def environment(model: str | None) -> dict[str, Any]:
    import torch

    import govie

    env: dict[str, Any] = {"python": platform.python_version(), "platform": platform.platform(),
                           "cpus": os.cpu_count(), "torch": torch.__version__,
                           "torch_threads": torch.get_num_threads(), "govie": govie.__version__,
                           "loadavg_start": list(os.getloadavg()),
                           "date": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        env["git"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                    text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    if model:
        cfg = json.loads((Path(model) / "config.json").read_text(encoding="utf-8"))
        vocab = json.loads((Path(model) / "vocab.json").read_text(encoding="utf-8"))
        env["model"] = {"path": str(model), "config": cfg.get("model"), "vocab_size": len(vocab),
                        "tags": len(cfg.get("tags", []))}
    return env


def evaluate_targets(res: dict[str, Any]) -> dict[str, Any]:
    m = res.get("model") or {}
    values = {
        "parse_chars_per_s": (m.get("throughput") or {}).get("parse", {}).get("chars_per_s"),
        "speedup_vs_bert_base": (res.get("bert_base") or {}).get("parse_speedup"),
        "cold_load_s": (m.get("cold_load") or {}).get("cold_load_s"),
        "peak_memory_mb_1m": (m.get("scaling") or {}).get("peak_memory_mb")
        if (m.get("scaling") or {}).get("peak_memory_size", 0) >= 1_000_000 else None,
        "scaling_exponent": (m.get("scaling") or {}).get("exponent_largest"),
    }
    out = {}
    for key, (op, target, text) in TARGETS.items():
        v = values[key]
        ok = None if v is None else {"<": v < target, "<=": v <= target, ">=": v >= target}[op]
        out[key] = {"value": v, "target": f"{op} {target:g}", "pass": ok, "description": text}
    return out


def _f(v: Any, digits: int = 0, suffix: str = "") -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return f"{v:,.{digits}f}{suffix}"


def markdown(res: dict[str, Any]) -> str:
    """Returns the results as markdown tables (the layout of benchmarks/README.md)."""
    m, r = res.get("model") or {}, res.get("rules") or {}
    tg = res.get("targets", {})

    def g(d: dict, *path: str) -> Any:
        for p in path:
            d = (d or {}).get(p)
        return d

    def verdict(key: str) -> str:
        p = tg.get(key, {}).get("pass")
        return "–" if p is None else ("**pass**" if p else "**FAIL**")

    lines = [f"Inputs: {res['inputs']['source']}; throughput over {g(m, 'throughput', 'reports') or g(r, 'throughput', 'reports')} "
             f"reports ({_f(g(m, 'throughput', 'chars') or g(r, 'throughput', 'chars'))} characters)"
             + (" — QUICK RUN, not for the record" if res["quick"] else ""), "",
             "| Measure | govie (model) | rules baseline | Target | |", "|---|---:|---:|---|---|"]
    # (measure, path in each pipeline's results, digits, target, target key); latencies are in ms
    rows = [
        ("parse, chars/s", ("throughput", "parse", "chars_per_s"), 0, ">= 20,000", "parse_chars_per_s"),
        ("parse, reports/s", ("throughput", "parse", "reports_per_s"), 2, "", None),
        ("pipe 1 process, chars/s", ("throughput", "pipe_1", "chars_per_s"), 0, "", None),
        ("pipe 1 process, reports/s", ("throughput", "pipe_1", "reports_per_s"), 2, "", None),
        ("pipe 2 processes, chars/s", ("throughput", "pipe_2", "chars_per_s"), 0, "", None),
        ("pipe 2 processes, reports/s", ("throughput", "pipe_2", "reports_per_s"), 2, "", None),
        ("pipe 2 processes: start-up (s)", ("throughput", "pipe_2", "startup_s"), 2, "", None),
        ("pipe 2 processes: chars/s after start-up", ("throughput", "pipe_2", "steady_chars_per_s"), 0, "", None),
        ("latency per report, median (ms)", ("latency", "median_s"), 1, "", None),
        ("latency per report, p95 (ms)", ("latency", "p95_s"), 1, "", None),
        ("cold load to first parse (s)", ("cold_load", "cold_load_s"), 2, "< 2", "cold_load_s"),
        (f"peak memory, {_f(g(m, 'scaling', 'peak_memory_size') or g(r, 'scaling', 'peak_memory_size'))}-char report (MB)",
         ("scaling", "peak_memory_mb"), 0, "< 1,536", "peak_memory_mb_1m"),
        ("scaling exponent, two largest sizes", ("scaling", "exponent_largest"), 2, "<= 1.15 (linear)",
         "scaling_exponent"),
    ]
    for name, path, digits, target, key in rows:
        a, b = (_ms(g(d, *path)) if path[0] == "latency" else g(d, *path) for d in (m, r))
        lines.append(f"| {name} | {_f(a, digits)} | {_f(b, digits)} | {target} | {verdict(key) if key else ''} |")
    bb = res.get("bert_base") or {}
    if bb:
        lines += ["", "| BERT-base-sized tagger (random weights, same windows/batches) | |", "|---|---:|",
                  f"| characters measured | {_f(bb.get('chars'))} ({_f(bb.get('windows'))} windows of "
                  f"{bb.get('window')}) |",
                  f"| parameters: BERT-base / govie tagger (M) | {_f(bb.get('bert_params_m'), 1)} / "
                  f"{_f(bb.get('govie_params_m'), 2)} |",
                  f"| BERT-base inference, chars/s | {_f(bb.get('bert_chars_per_s'))} |",
                  f"| govie tagger (encode + model + decode), chars/s | {_f(bb.get('govie_tagger_chars_per_s'))} |",
                  f"| govie tagger / BERT-base | {_f(bb.get('tagger_speedup'), 1, 'x')} |",
                  f"| govie full parse / BERT-base (target >= 10x) | {_f(bb.get('parse_speedup'), 1, 'x')} "
                  f"{verdict('speedup_vs_bert_base')} |"]
    sm, sr = g(m, "scaling", "rows") or [], g(r, "scaling", "rows") or []
    if sm or sr:
        lines += ["", "| Characters | govie s | govie µs/char | govie k | govie peak MB | rules s | rules µs/char | "
                      "rules k | rules peak MB |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        by = {x["size"]: x for x in sr}
        for row in sm or sr:
            a = row if sm else {}
            b = by.get(row["size"], {})
            lines.append(f"| {_f(row['size'])} | {_f(a.get('seconds'), 2)} | {_f(_us(a), 1)} | "
                         f"{_f(a.get('exponent'), 2)} | {_f(a.get('maxrss_mb'))} | {_f(b.get('seconds'), 2)} | "
                         f"{_f(_us(b), 1)} | {_f(b.get('exponent'), 2)} | {_f(b.get('maxrss_mb'))} |")
        lines.append("")
        lines.append("k: growth exponent from the previous size (time ~ n^k; 1 = linear, < 1 = fixed costs amortized).")
    errors = [f"{name}: {v['error']}" for name, v in _errors(res)]
    if errors:
        lines += ["", "Errors:"] + [f"- {e[:500]}" for e in errors]
    return "\n".join(lines)


def _ms(v: float | None) -> float | None:
    return None if v is None else v * 1000


def _us(row: dict[str, Any]) -> float | None:
    return row["seconds"] / row["size"] * 1e6 if row.get("seconds") else None


def _errors(res: dict[str, Any]):
    def walk(prefix: str, d: Any):
        if isinstance(d, dict):
            if "error" in d and isinstance(d["error"], str):
                yield prefix, d
            for k, v in d.items():
                yield from walk(f"{prefix}.{k}" if prefix else k, v)
        elif isinstance(d, list):
            for i, v in enumerate(d):
                yield from walk(f"{prefix}[{i}]", v)
    yield from walk("", res)


# ============================================================================ main
def resolve_model(arg: str | None) -> Path:
    p = Path(arg) if arg else ROOT / "models" / "govie"
    if not p.is_absolute() and not p.exists() and (ROOT / p).exists():
        p = ROOT / p
    return p.resolve()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Runs the benchmark; returns the results dict (also written as JSON and printed as markdown)."""
    ap = argparse.ArgumentParser(prog="python benchmarks/bench.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="model directory (default: models/govie)")
    ap.add_argument("--quick", action="store_true", help="seconds-scale smoke run (small inputs, sizes 1k and 10k)")
    ap.add_argument("--out", default=None, help="JSON output (default benchmarks/results.json; "
                                                "benchmarks/results_quick.json with --quick)")
    ap.add_argument("--corpus", default=None, help="folder of report .txt files (default ../shared/corpus)")
    ap.add_argument("--rules-only", action="store_true", help="measure the rules baseline only (no model needed)")
    ap.add_argument("--sizes", default=None, help="comma-separated document lengths for the scaling runs")
    ap.add_argument("--bert-chars", type=int, default=None, help="characters for the BERT-base comparison")
    ap.add_argument("--skip", default="", help="comma-separated sections to skip: "
                                               "throughput,latency,cold,scaling,bert,rules")
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads in every process (default: torch's own choice)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        result = child(json.loads(args.child))
        print(RESULT_PREFIX + json.dumps(result), flush=True)
        return result

    opts = dict(QUICK if args.quick else FULL)
    if args.sizes:
        opts["sizes"] = [int(s) for s in args.sizes.split(",")]
    if args.bert_chars:
        opts["bert_chars"] = args.bert_chars
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.threads:
        import torch

        os.environ["OMP_NUM_THREADS"] = str(args.threads)  # spawned pipe workers read it at start-up
        torch.set_num_threads(args.threads)
    model = None
    if not args.rules_only:
        model_path = resolve_model(args.model)
        from govie.modeldir import check_model_dir

        check_model_dir(model_path)  # E201/E202/E203 before minutes of measuring
        model = str(model_path)
    corpus = args.corpus or default_corpus()
    corpus = str(corpus) if corpus else None

    texts, source = load_reports(corpus, opts["synth_n"])
    if args.quick:  # the first reports, about throughput_chars characters
        keep, total = [], 0
        for t in texts:
            keep.append(t)
            total += len(t)
            if total >= opts["throughput_chars"]:
                break
        texts = keep
    work = list(texts) * opts["repeat"]
    res: dict[str, Any] = {"quick": args.quick, "options": opts,
                           "inputs": {"source": source, "reports": len(texts), "chars": sum(map(len, texts))},
                           "environment": environment(model)}
    t_start = time.perf_counter()
    pipelines = ([("model", model)] if model else []) + ([] if "rules" in skip else [("rules", "rules")])
    for name, m in pipelines:
        out: dict[str, Any] = {}
        _log(f"{name}: throughput")
        if "throughput" not in skip:
            out["throughput"] = throughput(m, work)
        if "latency" not in skip:
            _log(f"{name}: latency")
            out["latency"] = latency(m, texts)
        if "cold" not in skip:
            _log(f"{name}: cold load")
            out["cold_load"] = cold_load(m, opts["cold_runs"], args.threads)
        if "scaling" not in skip:
            _log(f"{name}: scaling {opts['sizes']}")
            out["scaling"] = scaling(m, opts["sizes"], corpus, opts["synth_n"], args.threads)
        res[name] = out
    if model and "bert" not in skip:
        _log("BERT-base comparison")
        bb = bert_base(model, texts, opts["bert_chars"])
        parse_cps = (res["model"].get("throughput") or {}).get("parse", {}).get("chars_per_s")
        if parse_cps:
            bb["parse_speedup"] = parse_cps / bb["bert_chars_per_s"]
        res["bert_base"] = bb
    res["targets"] = evaluate_targets(res)
    res["environment"]["loadavg_end"] = list(os.getloadavg())
    res["seconds_total"] = time.perf_counter() - t_start

    out_path = Path(args.out) if args.out else ROOT / "benchmarks" / ("results_quick.json" if args.quick
                                                                      else "results.json")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    tmp.write_text(json.dumps(_rounded(res), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out_path)
    res["markdown"] = markdown(res)
    print(res["markdown"])
    print(f"\nwrote {out_path} ({res['seconds_total']:.0f} s; load average "
          f"{res['environment']['loadavg_start'][0]:.1f} -> {res['environment']['loadavg_end'][0]:.1f})")
    return res


def _rounded(d: Any) -> Any:
    if isinstance(d, float):
        return float(f"{d:.4g}") if abs(d) < 1e4 else round(d, 1)
    if isinstance(d, dict):
        return {k: _rounded(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_rounded(v) for v in d]
    return d


def _log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
