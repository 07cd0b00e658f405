"""Generate synthetic annotated annual reports (inline records) for training the entity/relation models.

    python -m training.synth.generate --n 1000 --seed 0 --out /tmp/synth.jsonl
    python -m training.synth.generate --n 200 --seed 1 --out /tmp/s.jsonl --formats national_2021=1 \\
        --shapes glued=1,glued_line=1 --traditional-share 0.5 --error-rate 0.1

Every record validates with ``govie.io.validate_record``; its gold ``indicators``
satisfy the consistency rules of INDICATORS.md §10 (``govie.checks.run_checks``)
unless an error was injected on purpose (``injected_errors``). Generation is
deterministic for a seed: report ``i`` of seed ``s`` uses its own RNG seeded from
``(s, i)``, so ``generate(n, s)[:k] == generate(k, s)``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from typing import Any

from govie.io import write_jsonl

from .report import FORMATS, Options, Report
from .tables import SHAPES

__all__ = ["generate", "main", "Options", "FORMATS", "SHAPES"]


def generate(n: int, seed: int, **options: Any) -> list[dict[str, Any]]:
    """Returns ``n`` synthetic inline annotation records, deterministic for ``seed``.

    Options (all optional; see README.md): ``formats`` / ``shapes`` (weights by name,
    e.g. ``{"national_2021": 1}``), ``traditional_share``, ``fullwidth_share``,
    ``halfwidth_punct_share``, ``boilerplate_share``, ``page_meta_share``, ``oneline_share``,
    ``blank_zero_share``, ``local_table_share``, ``error_rate``, and ``id_prefix``
    (record ids are ``{id_prefix}{seed}-{i}``, default ``synth/``).
    """
    prefix = options.pop("id_prefix", "synth/")
    opts = Options.from_kwargs(**options)
    out = []
    for i in range(n):
        rng = random.Random(f"govie-synth:{seed}:{i}")
        out.append(Report(rng, opts).build(f"{prefix}{seed}-{i}"))
    return out


def _weights(s: str | None) -> dict[str, float] | None:
    if not s:
        return None
    out = {}
    for part in s.split(","):
        name, _, w = part.partition("=")
        out[name.strip()] = float(w) if w else 1.0
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """CLI: writes ``--n`` records to ``--out`` (JSONL) and returns a summary dict."""
    ap = argparse.ArgumentParser(prog="python -m training.synth.generate",
                                 description="Generate synthetic annotated annual reports.")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True, help="output JSONL file")
    ap.add_argument("--formats", help="weights, e.g. narrative=1,national_2021=2 (names: %s)" % ", ".join(FORMATS))
    ap.add_argument("--shapes", help="table-shape weights, e.g. glued=1,pipe=1 (names: %s)" % ", ".join(SHAPES))
    for name, default in (("traditional-share", None), ("fullwidth-share", None), ("halfwidth-punct-share", None),
                          ("boilerplate-share", None), ("page-meta-share", None), ("oneline-share", None),
                          ("blank-zero-share", None), ("local-table-share", None), ("error-rate", None)):
        ap.add_argument(f"--{name}", type=float, default=default)
    ap.add_argument("--id-prefix", default="synth/")
    args = ap.parse_args(argv)
    options: dict[str, Any] = {"id_prefix": args.id_prefix}
    for k in ("formats", "shapes"):
        w = _weights(getattr(args, k))
        if w:
            options[k] = w
    for k in ("traditional_share", "fullwidth_share", "halfwidth_punct_share", "boilerplate_share",
              "page_meta_share", "oneline_share", "blank_zero_share", "local_table_share", "error_rate"):
        if getattr(args, k) is not None:
            options[k] = getattr(args, k)
    t0 = time.perf_counter()
    recs = generate(args.n, args.seed, **options)
    secs = time.perf_counter() - t0
    write_jsonl(args.out, recs)
    return {"out": args.out, "n": len(recs), "seconds": round(secs, 2),
            "reports_per_minute": round(len(recs) / secs * 60) if secs else None,
            "formats": dict(Counter(r["format"] for r in recs)),
            "shapes": dict(Counter(r["synth"]["shape"] for r in recs if r["synth"]["shape"])),
            "chars_mean": round(sum(len(r["text"]) for r in recs) / max(1, len(recs))),
            "injected_errors": sum(len(r["injected_errors"]) for r in recs)}


if __name__ == "__main__":
    import json

    print(json.dumps(main(), ensure_ascii=False, indent=1))
