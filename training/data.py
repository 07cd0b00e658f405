"""Training data: gold split documents and generated reports, as (normalized text, spans).

Gold spans are mapped from original to normalized coordinates with the offset map
of ``govie.normalize``; the models only ever see normalized text.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from govie.config import Config
from govie.io import load_corpus, record_to_document
from govie.normalize import Normalized, normalize
from govie.types import Document

Example = tuple[Normalized, list[tuple[int, int, str]]]

REPO = Path(__file__).resolve().parent.parent


def _path(p: str) -> Path:
    q = Path(p)
    return q if q.is_absolute() else REPO / q


def split_ids(cfg: Config, split: str) -> list[str]:
    """Returns the document ids of a split file (annotations/splits/<split>.txt)."""
    f = _path(cfg.data.splits) / f"{split}.txt"
    return [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_documents(cfg: Config, split: str) -> list[tuple[str, Document]]:
    """Returns (doc id, gold Document) of a split, texts read from the corpus root and hash-checked."""
    ids = split_ids(cfg, split)
    pairs = load_corpus([_path(cfg.data.annotations)], corpus_root=cfg.data.corpus_root or None, ids=set(ids))
    by_id = {rec["id"]: doc for rec, doc in pairs}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise FileNotFoundError(f"split {split!r} names documents without annotations: {missing}")
    return [(i, by_id[i]) for i in ids]


def extra_documents(cfg: Config) -> list[tuple[str, Document]]:
    """Returns (doc id, gold Document) of the records under ``data.extra`` (always training data: no split
    holds them)."""
    if not cfg.data.extra:
        return []
    return [(rec["id"], d) for rec, d in load_corpus([_path(p) for p in cfg.data.extra],
                                                     corpus_root=cfg.data.corpus_root or None)]


def synth_documents(n: int, seed: int, options: dict[str, Any] | None = None) -> list[Document]:
    """Returns ``n`` generated, gold-annotated reports (training.synth)."""
    if n <= 0:
        return []
    from training.synth.generate import generate

    return [record_to_document(r, r["text"]) for r in generate(n, seed, **(options or {}))]


def to_example(doc: Document) -> Example:
    """Returns the normalized text of a Document and its entity spans in normalized coordinates."""
    norm = normalize(doc.text)
    spans = []
    for e in doc.entities:
        s, t = norm.to_normalized(e.start, e.end)
        if s < t:
            spans.append((s, t, e.label))
    return norm, spans


def data_hash(docs: list[tuple[str, Document]]) -> str:
    """Returns a short hash of documents' ids, texts and annotations (recorded in meta.json)."""
    h = hashlib.sha256()
    for i, d in docs:
        h.update(i.encode())
        h.update(json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()[:16]
