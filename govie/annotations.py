"""Statistics of an annotation folder: documents, entities, relations and indicators per split."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .io.records import iter_files, read_jsonl
from .labels import entity_labels, relation_labels

__all__ = ["stats", "format_stats"]


def stats(directory: str | Path = "annotations", corpus_root: str | Path | None = None) -> dict[str, Any]:
    """Returns counts per split (from ``<dir>/splits/*.txt``) over the records in ``<dir>``.

    Reads records only (no texts), so it runs without the corpus; ``corpus_root`` is accepted
    for symmetry with the other commands.
    """
    d = Path(directory)
    split_of: dict[str, str] = {}
    for f in sorted((d / "splits").glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                split_of[line.strip()] = f.stem
    out: dict[str, Any] = {}
    for f in iter_files([d]):
        for _, rec in read_jsonl(f):
            if not isinstance(rec, dict):
                continue
            split = split_of.get(rec.get("id", ""), "unsplit")
            s = out.setdefault(split, {"documents": 0, "formats": Counter(), "entities": Counter(),
                                       "relations": Counter(), "indicators": Counter(), "indicator_keys": 0})
            s["documents"] += 1
            s["formats"][rec.get("format") or "?"] += 1
            s["entities"].update(e["label"] for e in rec.get("entities", []))
            s["relations"].update(r["label"] for r in rec.get("relations", []))
            inds = rec.get("indicators") or {}
            s["indicator_keys"] += len(inds)
            s["indicators"].update(k.split("__")[0] for k in inds)
    for s in out.values():
        for k in ("formats", "entities", "relations", "indicators"):
            s[k] = dict(sorted(s[k].items()))
    return out


def format_stats(result: dict[str, Any]) -> str:
    """Returns the stats as a plain-text table (one column per split)."""
    splits = sorted(result, key=lambda s: {"train": 0, "dev": 1}.get(s, 2))
    rows = [("documents", [result[s]["documents"] for s in splits])]
    rows += [(f"format {f}", [result[s]["formats"].get(f, 0) for s in splits])
             for f in ("narrative", "legacy_table", "national_2019", "national_2021")]
    rows += [(f"entity {lab}", [result[s]["entities"].get(lab, 0) for s in splits]) for lab in entity_labels()]
    rows += [("entities total", [sum(result[s]["entities"].values()) for s in splits])]
    rows += [(f"relation {lab}", [result[s]["relations"].get(lab, 0) for s in splits]) for lab in relation_labels()]
    rows += [("indicator values", [result[s]["indicator_keys"] for s in splits])]
    groups = sorted({k for s in splits for k in result[s]["indicators"]})
    rows += [(f"  {g}", [result[s]["indicators"].get(g, 0) for s in splits]) for g in groups]
    width = max(len(r[0]) for r in rows) + 2
    lines = [" " * width + "".join(f"{s:>10}" for s in splits)]
    lines += [name.ljust(width) + "".join(f"{v:>10}" for v in vals) for name, vals in rows]
    return "\n".join(lines)
