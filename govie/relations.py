"""The trained relation model: value_of, number_of, issued_by over entity pairs.

Candidates are ordered pairs whose labels a relation allows (labels.json) within
``max_distance`` characters, outside statistic tables (table cells take no
relations). Each candidate is described by its label pair, distance, what lies
between (punctuation, other entities) and hashed character n-grams of the text
between and around; a small MLP scores it. Decoding keeps, per head, the best
tail above the threshold (a number measures one METRIC; a DOCNUM numbers one TITLE),
except for issued_by: a document issued jointly (中共中央办公厅、国务院办公厅印发) has
every issuer above the threshold. Issuers the wording states (an AGENCY right before 《TITLE》, at
most an issuing verb between: ``stated_issuers``) are added to the model's relations, and the numbers
of a 分别 list and of count-first statements (另有2件…，结转下年度办理; …经批准延期答复) measure the
METRICs the wording gives them (``govie.stated``).

torch is imported lazily; weights are saved as safetensors.
"""

from __future__ import annotations

import bisect
import math
import re
import zlib
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .config import RelConfig
from .labels import inventory, relation_for
from .modeldir import load_weights, read_json, save_weights, write_json
from .rules import TABLE_LINE
from .stated import is_count_first, stated_values
from .types import Document, Entity, Relation

__all__ = ["RelationModel", "candidates", "train_relations", "featurize"]

HASH_DIM = 1024
_CHUNK = 8192  # candidate pairs featurized and scored at a time
MULTI_TAIL = frozenset({"issued_by"})  # relations whose head may take several tails
_PUNCT = ["，", ",", "。", "；", ";", "、", "\n", "(", ")", "（", "）", "：", ":", "《", "》"]


def _pair_types() -> list[tuple[str, str]]:
    out = []
    for spec in inventory()["relation_labels"].values():
        out += [(h, t) for h in spec["head"] for t in spec["tail"]]
    return out


PAIRS = _pair_types()
N_DENSE = len(PAIRS) + 2 + 8 + 4 + 4 + len(_PUNCT) + 6


class _Lines:
    """Which entities of one text stand in a statistic table; each line is searched once, not once per entity."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nl = [m.start() for m in re.finditer("\n", text)]
        self.cache: dict[int, tuple[bool, str]] = {}

    def in_table(self, e: Entity) -> bool:
        return self.in_table_span(e.start, e.end)

    def in_table_span(self, start: int, end: int) -> bool:
        """Whether the span is in a table row (a line with | or tabs) or alone on its line (a cell)."""
        k = bisect.bisect_left(self.nl, start)
        if k not in self.cache:
            s = self.nl[k - 1] + 1 if k > 0 else 0
            t = self.nl[k] if k < len(self.nl) else len(self.text)
            line = self.text[s:t]
            self.cache[k] = (bool(TABLE_LINE.search(line)), line.strip())
        tabular, stripped = self.cache[k]
        return tabular or stripped == self.text[start:end]


def candidates(doc: Document, max_distance: int) -> list[tuple[Entity, Entity, str]]:
    """Returns (head, tail, relation label) candidate pairs of a Document."""
    ents = sorted(doc.entities, key=lambda e: e.start)
    lines = _Lines(doc.text)
    free = [e for e in ents if not lines.in_table(e)]
    # Only entities within reach can pair: bisect instead of all pairs (quadratic on long reports).
    starts = [e.start for e in free]
    longest = max((e.end - e.start for e in free), default=0)
    out = []
    for h in free:
        lo = bisect.bisect_left(starts, h.start - max_distance - longest)
        hi = bisect.bisect_right(starts, h.end + max_distance)
        for t in free[lo:hi]:
            if h is t:
                continue
            lab = relation_for(h.label, t.label)
            if lab is None:
                continue
            gap = t.start - h.end if t.start >= h.end else h.start - t.end
            if gap <= max_distance:
                out.append((h, t, lab))
    return out


def _h(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) % HASH_DIM


def featurize(doc: Document, pairs: Sequence[tuple[Entity, Entity, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Returns (dense features, hashed n-gram indices padded with -1) for candidate pairs."""
    text = doc.text
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = np.array([e.start for e in ents])
    dense = np.zeros((len(pairs), N_DENSE), dtype=np.float32)
    sparse: list[list[int]] = []
    # rank of each tail among same-label candidates of a head, by distance
    by_head: dict[str, list[tuple[int, str]]] = {}
    for h, t, _ in pairs:
        d = abs((t.start + t.end) - (h.start + h.end))
        by_head.setdefault(h.id, []).append((d, t.id))
    rank = {}
    for hid, lst in by_head.items():
        for r, (_, tid) in enumerate(sorted(lst)):
            rank[(hid, tid)] = r
    for k, (h, t, _) in enumerate(pairs):
        f = dense[k]
        f[PAIRS.index((h.label, t.label))] = 1
        o = len(PAIRS)
        after = t.start >= h.end
        f[o] = 1.0 if after else 0.0
        gap = (t.start - h.end) if after else (h.start - t.end)
        f[o + 1] = math.log1p(max(gap, 0)) / 5
        o += 2
        b = min(7, int(math.log2(gap + 1))) if gap > 0 else 0
        f[o + b] = 1
        o += 8
        lo, hi = (h.end, t.start) if after else (t.end, h.start)
        between = text[lo:hi] if hi > lo else ""
        n_between = int(np.searchsorted(starts, hi) - np.searchsorted(starts, lo))  # starts is sorted
        f[o + min(3, n_between)] = 1
        o += 4
        f[o + min(3, rank[(h.id, t.id)])] = 1
        o += 4
        for j, p in enumerate(_PUNCT):
            f[o + j] = min(3, between.count(p)) / 3
        o += len(_PUNCT)
        same_line = "\n" not in between
        f[o] = 1.0 if same_line else 0.0
        f[o + 1] = 1.0 if gap == 0 else 0.0
        f[o + 2] = 1.0 if len(between) <= 2 else 0.0
        f[o + 3] = 1.0 if "。" in between or "；" in between or ";" in between else 0.0
        f[o + 4] = len(h.text) / 20
        f[o + 5] = len(t.text) / 20
        idx = set()
        pre = f"{h.label}>{t.label}:{int(after)}:"
        btxt = between if len(between) <= 16 else between[:8] + "…" + between[-8:]
        for n in (1, 2):
            for i in range(len(btxt) - n + 1):
                idx.add(_h(pre + "b" + btxt[i:i + n]))
        idx.add(_h(pre + "B=" + btxt))
        for name, s in (("hl", text[max(0, h.start - 2):h.start]), ("hr", text[h.end:h.end + 2]),
                        ("tl", text[max(0, t.start - 2):t.start]), ("tr", text[t.end:t.end + 2]),
                        ("t2", t.text[-2:]), ("h1", h.text[-1:])):
            idx.add(_h(pre + name + s))
        sparse.append(sorted(idx))
    width = max((len(s) for s in sparse), default=1)
    sp = np.full((len(pairs), max(width, 1)), -1, dtype=np.int64)
    for k, s in enumerate(sparse):
        sp[k, :len(s)] = s
    return dense, sp


def _net(hidden: int):
    import torch

    class Scorer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = torch.nn.EmbeddingBag(HASH_DIM + 1, hidden, mode="sum", padding_idx=HASH_DIM)
            self.dense = torch.nn.Linear(N_DENSE, hidden)
            self.out = torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
                                           torch.nn.Linear(hidden, 1))

        def forward(self, dense, sparse):
            sp = sparse.clone()
            sp[sp < 0] = HASH_DIM
            return self.out(self.dense(dense) + self.emb(sp)).squeeze(-1)

    return Scorer()


class RelationModel:
    """Scores candidate pairs and decodes relations; ``predict(doc)`` returns Relations."""

    def __init__(self, cfg: RelConfig, net: Any = None, threshold: float = 0.5) -> None:
        self.cfg = cfg
        self.net = net if net is not None else _net(cfg.hidden)
        self.threshold = threshold

    def scores(self, doc: Document) -> tuple[list[tuple[Entity, Entity, str]], np.ndarray]:
        import torch

        pairs = candidates(doc, self.cfg.max_distance)
        if not pairs:
            return pairs, np.zeros(0, dtype=np.float32)
        self.net.eval()
        probs = []
        # in chunks of whole heads (a head's pairs are consecutive and ranked together): the features of
        # all pairs at once took ~2 KB per pair, about 1 GB on a 1M-character report
        k = 0
        while k < len(pairs):
            end = min(len(pairs), k + _CHUNK)
            while end < len(pairs) and pairs[end][0] is pairs[end - 1][0]:
                end += 1
            dense, sparse = featurize(doc, pairs[k:end])
            with torch.inference_mode():
                logits = self.net(torch.from_numpy(dense), torch.from_numpy(sparse))
            probs.append(torch.sigmoid(logits).numpy())
            k = end
        return pairs, np.concatenate(probs)

    def predict(self, doc: Document) -> list[Relation]:
        """Returns the relations of a Document's entities (ids R1, R2 ... in head order): the model's,
        and those the wording makes certain (score ``RULE_SCORE``): the issuers of ``stated_issuers``, and
        the METRICs of the numbers of a 分别 list and of count-first statements (``govie.stated.stated_values``),
        in place of the model's (whose other value_of links to a count-first METRIC are dropped: the
        phrase states one count)."""
        pairs, probs = self.scores(doc)
        best: dict[tuple[str, str, str], tuple[float, Entity, Entity]] = {}
        for (h, t, lab), p in zip(pairs, probs):
            if p < self.threshold:
                continue
            key = (h.id, lab, t.id if lab in MULTI_TAIL else "")
            if key not in best or p > best[key][0]:
                best[key] = (float(p), h, t)
        for h, t in stated_issuers(doc):
            best.setdefault((h.id, "issued_by", t.id), (RULE_SCORE, h, t))
        stated = stated_values(doc, _Lines(doc.text).in_table)  # 分别 lists, count-first statements
        heads = {h.id for h, _ in stated}
        count_first = {t.id for _, t in stated if is_count_first(t.text)}  # one count each: the model's others go
        best = {key: v for key, v in best.items()
                if not (key[1] == "value_of" and v[2].id in count_first and key[0] not in heads)}
        for h, t in stated:
            best[(h.id, "value_of", "")] = (RULE_SCORE, h, t)
        rels = sorted(best.items(), key=lambda kv: (kv[1][1].start, kv[0][1], kv[1][2].start))
        return [Relation(id=f"R{i}", head=h.id, tail=t.id, label=lab, score=round(p, 4))
                for i, ((_, lab, _), (p, h, t)) in enumerate(rels, 1)]

    def save(self, path: str | Path) -> None:
        d = Path(path)
        save_weights(self.net, d / "relations.safetensors")
        config = read_json(d / "config.json")
        config["relations"] = {"hidden": self.cfg.hidden, "max_distance": self.cfg.max_distance,
                               "threshold": self.threshold, "hash_dim": HASH_DIM, "n_dense": N_DENSE}
        write_json(d / "config.json", config)

    @classmethod
    def load(cls, path: str | Path) -> "RelationModel":
        from .errors import ModelLoadError

        d = Path(path)
        rc = read_json(d / "config.json").get("relations")
        if not rc or rc.get("hash_dim") != HASH_DIM or rc.get("n_dense") != N_DENSE:
            raise ModelLoadError("E205", f"relations settings in {d}/config.json do not match this govie "
                                         "(feature layout changed); retrain the model.")
        cfg = RelConfig(hidden=rc["hidden"], max_distance=rc["max_distance"])
        model = cls(cfg, threshold=rc["threshold"])
        load_weights(model.net, d / "relations.safetensors")
        return model


RULE_SCORE = 0.9
_ISSUING = re.compile(r"(联合)?(印发|发布|出台|制定|颁布|下发)?(了)?(的)?《")  # 国务院办公厅印发的《…
_JOINT = re.compile(r"[、和与及]?")                                          # 中办、国办《…
_NEXT_TITLE = re.compile(r"》[、和与及]《")                                   # 《…》和《…
_TITLE_NUMBER = re.compile(r"》[（(]")                                        # 《…》（闽政〔2014〕40号）


def stated_issuers(doc: Document) -> list[tuple[Entity, Entity]]:
    """(TITLE or DOCNUM, AGENCY) pairs the wording states outside tables: an AGENCY right before
    《TITLE》 with at most an issuing verb between (省政府办公厅印发《…》), with the AGENCYs joined to it
    (中办、国办《…》); a title coordinated with one that has issuers (《A》和《B》) and the DOCNUM in
    brackets right after it (《…》（冀政办〔2015〕6号）) have the same issuers."""
    lines = _Lines(doc.text)
    ents = sorted((e for e in doc.entities if not lines.in_table(e)), key=lambda e: (e.start, e.end))
    text = doc.text
    issuers: dict[str, list[Entity]] = {}
    out = []
    for k, e in enumerate(ents):
        if k == 0 or e.label not in ("TITLE", "DOCNUM"):
            continue
        prev = ents[k - 1]
        between = text[prev.end:e.start]
        found: list[Entity] = []
        if e.label == "TITLE" and prev.label == "AGENCY" and _ISSUING.fullmatch(between):
            j = k - 1  # prev, then the agencies joined to it (中办、国办)
            while j >= 0 and ents[j].label == "AGENCY" and (
                    j == k - 1 or _JOINT.fullmatch(text[ents[j].end:ents[j + 1].start])):
                found.append(ents[j])
                j -= 1
        elif prev.label == "TITLE" and prev.id in issuers and (
                (e.label == "TITLE" and _NEXT_TITLE.fullmatch(between))
                or (e.label == "DOCNUM" and _TITLE_NUMBER.fullmatch(between))):
            found = issuers[prev.id]
        if found:
            if e.label == "TITLE":
                issuers[e.id] = found
            out += [(e, a) for a in found]
    return out


def _examples(docs: Sequence[Document], max_distance: int):
    dense_all, sparse_all, y_all = [], [], []
    for doc in docs:
        pairs = candidates(doc, max_distance)
        if not pairs:
            continue
        gold = {(r.head, r.tail, r.label) for r in doc.relations}
        d, s = featurize(doc, pairs)
        dense_all.append(d)
        sparse_all.append(s)
        y_all.append(np.array([1.0 if (h.id, t.id, lab) in gold else 0.0 for h, t, lab in pairs],
                              dtype=np.float32))
    if not dense_all:
        return None
    width = max(s.shape[1] for s in sparse_all)
    sparse = np.concatenate([np.pad(s, ((0, 0), (0, width - s.shape[1])), constant_values=-1) for s in sparse_all])
    return np.concatenate(dense_all), sparse, np.concatenate(y_all)


def train_relations(cfg: RelConfig, docs: Sequence[Document], out_dir: str | Path | None = None,
                    seed: int = 0) -> dict[str, Any]:
    """Trains the relation scorer on gold Documents; saves it into ``out_dir`` when given.

    Returns a summary dict; its ``model`` item is the trained RelationModel.
    """
    import torch

    from .extract import normalized_view
    from .normalize import normalize

    torch.manual_seed(seed)
    # the model reads normalized text at inference (govie.extract.build_document): train on the same
    docs = [normalized_view(normalize(d.text), d.entities, d.relations) for d in docs]
    data = _examples(docs, cfg.max_distance)
    model = RelationModel(cfg)
    if data is None:
        raise ValueError("no relation candidates in the training documents")
    dense, sparse, y = (torch.from_numpy(a) for a in data)
    opt = torch.optim.AdamW(model.net.parameters(), lr=cfg.lr, weight_decay=1e-4)
    pos = float(y.sum())
    weight = torch.tensor(max(1.0, (len(y) - pos) / max(pos, 1.0)) ** 0.5)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=weight)
    g = torch.Generator().manual_seed(seed)
    model.net.train()
    bs = 256
    for _ in range(cfg.epochs):
        perm = torch.randperm(len(y), generator=g)
        for k in range(0, len(y), bs):
            idx = perm[k:k + bs]
            loss = loss_fn(model.net(dense[idx], sparse[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.net.eval()
    if out_dir is not None:
        model.save(out_dir)
    return {"candidates": int(len(y)), "positives": int(pos), "epochs": cfg.epochs, "model": model}
