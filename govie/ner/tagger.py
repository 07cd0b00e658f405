"""The trained entity tagger: a BERT-style token classifier over characters, built from a
fresh config (no pretrained weights exist offline), with lexicon features as token types,
overlapping windows merged for long texts (never truncated) and constrained BIO decoding.

Coordinates here are NORMALIZED-text offsets; ``govie.pipeline`` maps them back to the
caller's original string.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..config import ModelConfig
from ..modeldir import FORMAT_VERSION, check_model_dir, load_weights, read_json, save_weights, write_json
from ..normalize import strip_span
from .features import CharVocab, Lexicon, bio_tags, spans_from_tags, tag_names

log = logging.getLogger(__name__)

__all__ = ["EntityTagger", "windows"]


def windows(n: int, size: int, overlap: int) -> list[tuple[int, int, int, int]]:
    """Returns (start, end, core_start, core_end) windows covering [0, n).

    Each character belongs to exactly one core: the window where it is farthest from an edge.

    >>> windows(10, 4, 2)
    [(0, 4, 0, 3), (2, 6, 3, 5), (4, 8, 5, 7), (6, 10, 7, 10)]
    """
    if not 0 <= overlap < size:
        raise ValueError(f"windows need 0 <= overlap < size, got overlap {overlap} and size {size}")
    if n <= size:
        return [(0, n, 0, n)]
    stride = size - overlap
    starts = list(range(0, n - size, stride)) + [n - size]
    out = []
    for k, s in enumerate(starts):
        e = s + size
        core_s = 0 if k == 0 else (out[-1][3])
        core_e = n if k == len(starts) - 1 else (e + starts[k + 1]) // 2
        out.append((s, e, core_s, core_e))
    return out


def _allowed_transitions(num_tags: int, adjacent: Sequence[float] | None = None) -> np.ndarray:
    """Returns a (from, to) transition score matrix: -inf where I-X follows anything but B-X or I-X;
    ``adjacent[x]`` (a log-probability, <= 0) where B-X directly follows a span of the same label X.
    """
    t = np.zeros((num_tags, num_tags), dtype=np.float32)
    for to in range(1, num_tags):
        if (to - 1) % 2 == 1:  # I-X
            b = to - 1
            for fr in range(num_tags):
                if fr not in (b, to):
                    t[fr, to] = -np.inf
        elif adjacent is not None:  # B-X after B-X or I-X: two spans of one label that touch
            t[to, to] = t[to + 1, to] = adjacent[(to - 1) // 2]
    return t


def adjacency_prior(examples: Iterable[Sequence[tuple[int, int, str]]], labels: list[str]) -> dict[str, float]:
    """Returns, per label, the log-probability (add-one smoothed) that a span is directly followed by
    another span of the same label, counted over the training documents' spans.

    Real reports almost never write two METRICs or two AGENCYs without anything between them
    (省委|省政府 is the exception), while the tagger, unsure inside a long name, likes to restart
    one (河北省人力资源和|社会保障厅); decoding with this prior joins such fragments unless the
    tagger is sure of the second start.

    >>> adjacency_prior([[(0, 2, "A"), (2, 4, "A"), (5, 6, "A"), (6, 8, "B")]], ["A", "B"])
    {'A': -0.693, 'B': -0.693}
    """
    spans_n = dict.fromkeys(labels, 0)
    touching = dict.fromkeys(labels, 0)
    for spans in examples:
        ordered = sorted(spans)
        for k, (s, e, lab) in enumerate(ordered):
            spans_n[lab] += 1
            if k + 1 < len(ordered) and ordered[k + 1][0] == e and ordered[k + 1][2] == lab:
                touching[lab] += 1
    return {lab: round(float(np.log((touching[lab] + 1) / (spans_n[lab] + 1))), 3) for lab in labels}


# labels whose spans are moved onto lexicon word boundaries after decoding: names and phrases
# the tagger tends to cut inside a word (省政|府, 行政复|议); numbers, dates and titles are not words
SNAPPED = frozenset({"AGENCY", "METRIC"})


def _drop_overlaps(spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Returns spans in start order without overlaps (a snapped span wins over the one it reached)."""
    out: list[tuple[int, int, str, float]] = []
    for sp in sorted(spans, key=lambda x: (x[0], -x[1])):
        if not out or sp[0] >= out[-1][1]:
            out.append(sp)
    return out


class EntityTagger:
    """Character tagger: ``predict(texts)`` returns (start, end, label, score) per text."""

    def __init__(self, cfg: ModelConfig, labels: list[str], vocab: CharVocab, lexicon: Lexicon | None,
                 model: Any = None, *, inference: bool = False, adjacent: dict[str, float] | None = None) -> None:
        self.cfg = cfg
        self.labels = list(labels)
        self.tags = tag_names(self.labels)
        self.vocab = vocab
        self.lexicon = lexicon if cfg.lexicon else None
        # token types carry the input features: lexicon bits (8 values) x rule tag (1 + 2 per label)
        self.n_rule = len(self.tags) if cfg.rule_features else 1
        self.n_types = (8 if cfg.lexicon else 1) * self.n_rule
        # training builds transformers' BertForTokenClassification; inference its plain-torch copy
        # (same weights and computation, without the seconds that importing transformers costs)
        self.model = model if model is not None else self._build(inference)
        # decoding prior: log-probability of two touching spans of one label (``adjacency_prior``)
        self.adjacent = dict(adjacent or {})
        self._trans = None
        self._start = None

    # ------------------------------------------------------------------ building and I/O
    def _build(self, inference: bool) -> Any:
        from .encoder import CharTagger, hf_config

        conf = hf_config(self.cfg, len(self.vocab), self.n_types, len(self.tags))
        if inference:
            return CharTagger(**conf)
        from transformers import BertConfig, BertForTokenClassification

        return BertForTokenClassification(BertConfig(**conf))

    def save(self, path: str | Path, extra_config: dict[str, Any] | None = None) -> None:
        """Writes config.json, vocab.json, lexicon.txt and ner.safetensors into ``path``."""
        d = Path(path)
        d.mkdir(parents=True, exist_ok=True)
        config = {"format_version": FORMAT_VERSION, "labels": self.labels, "tags": self.tags,
                  "model": asdict(self.cfg), "adjacent": self.adjacent, **(extra_config or {})}
        write_json(d / "config.json", config)
        write_json(d / "vocab.json", self.vocab.to_list())
        if self.lexicon is not None:
            self.lexicon.save(d / "lexicon.txt")
        save_weights(self.model, d / "ner.safetensors")

    @classmethod
    def load(cls, path: str | Path) -> "EntityTagger":
        """Returns the tagger stored in a model directory (safetensors only, no network).

        Raises:
            ModelLoadError: E201/E202/E203 from ``check_model_dir``; E205 for inconsistent files.
        """
        from ..errors import ModelLoadError

        d = Path(path)
        config = check_model_dir(d)
        try:
            cfg = ModelConfig(**config["model"])
            labels = list(config["labels"])
            adjacent = {str(k): float(v) for k, v in config.get("adjacent", {}).items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a config written by another govie, or edited by hand
            raise ModelLoadError("E205", f"config.json in {d} does not describe a tagger this govie can build "
                                         f"({type(exc).__name__}: {exc}). Retrain the model, or use the govie "
                                         "version that wrote it.") from None
        vocab = CharVocab(read_json(d / "vocab.json"))
        lexicon = None
        if cfg.lexicon:
            if not (d / "lexicon.txt").is_file():
                raise ModelLoadError("E201", f"model directory {d} lacks lexicon.txt, which its config uses.")
            lexicon = Lexicon.from_file(d / "lexicon.txt")
        tagger = cls(cfg, labels, vocab, lexicon, inference=True, adjacent=adjacent)
        load_weights(tagger.model, d / "ner.safetensors")
        return tagger

    # ------------------------------------------------------------------ encoding
    def encode(self, text: str, rule_spans: Sequence[tuple[int, int, str]] | None = None,
               lex_bits: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Returns character ids and token-type ids (lexicon bits x rule tag) of a normalized text;
        ``rule_spans`` (``govie.rules.find_spans(text)``) and ``lex_bits`` (``self.lexicon.features(text)``)
        when the caller has them already."""
        ids = self.vocab.encode(text)
        if self.lexicon is None:
            types = np.zeros(len(text), dtype=np.int64)
        else:
            types = self.lexicon.features(text) if lex_bits is None else lex_bits
        if self.cfg.rule_features:
            from ..rules import find_spans

            spans = find_spans(text) if rule_spans is None else rule_spans
            types = types * self.n_rule + bio_tags(len(text), spans, self.labels)
        return ids, types

    def batch_tensors(self, pieces: Sequence[tuple[np.ndarray, np.ndarray]], labels: Sequence[np.ndarray] | None = None):
        """Returns model inputs for windows: [CLS] chars [SEP], padded to the longest."""
        import torch

        L = max(len(p[0]) for p in pieces) + 2
        B = len(pieces)
        ids = np.zeros((B, L), dtype=np.int64)
        types = np.zeros((B, L), dtype=np.int64)
        mask = np.zeros((B, L), dtype=np.int64)
        lab = np.full((B, L), -100, dtype=np.int64)
        for b, (i, t) in enumerate(pieces):
            n = len(i)
            ids[b, 0], ids[b, n + 1] = 2, 3
            ids[b, 1:n + 1] = i
            types[b, 1:n + 1] = t
            mask[b, :n + 2] = 1
            if labels is not None:
                lab[b, 1:n + 1] = labels[b]
        out = {"input_ids": torch.from_numpy(ids), "token_type_ids": torch.from_numpy(types),
               "attention_mask": torch.from_numpy(mask)}
        if labels is not None:
            out["labels"] = torch.from_numpy(lab)
        return out

    # ------------------------------------------------------------------ inference
    def predict(self, texts: Sequence[str], batch_size: int = 16,
                rule_spans: Sequence[Sequence[tuple[int, int, str]]] | None = None,
                lex_bits: Sequence[np.ndarray | None] | None = None) -> list[list[tuple[int, int, str, float]]]:
        """Returns, per normalized text, its entity spans (start, end, label, score); ``rule_spans`` and
        ``lex_bits``: the rules' spans and lexicon bits of each text when the caller has them (see ``encode``).
        ``batch_size``: windows per forward pass; the spans do not depend on it (16 was ~10% faster than 32
        over the corpus on 2 cores: ad hoc, same spans in fp32)."""
        import torch

        c = self.cfg
        jobs = []  # (text index, window start, core start, core end, ids, types)
        for ti, text in enumerate(texts):
            if not text:
                continue
            ids, types = self.encode(text, None if rule_spans is None else rule_spans[ti],
                                     None if lex_bits is None else lex_bits[ti])
            for s, e, cs, ce in windows(len(text), c.window, c.overlap):
                jobs.append((ti, s, cs, ce, ids[s:e], types[s:e]))
        logp = [np.zeros((len(t), len(self.tags)), dtype=np.float32) for t in texts]
        tags = [np.zeros(len(t), dtype=np.int64) for t in texts]
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][4]))
        self.model.eval()
        with torch.inference_mode():
            for k in range(0, len(order), batch_size):
                chunk = [jobs[j] for j in order[k:k + batch_size]]
                inputs = self.batch_tensors([(j[4], j[5]) for j in chunk])
                logits = self.model(**inputs).float()  # the inference network (``load``) returns logits
                lp = torch.log_softmax(logits, dim=-1).numpy()
                paths = self._viterbi(lp, [len(j[4]) for j in chunk])
                for b, (ti, s, cs, ce, _, _) in enumerate(chunk):
                    logp[ti][cs:ce] = lp[b, 1 + cs - s:1 + ce - s]
                    tags[ti][cs:ce] = paths[b][cs - s:ce - s]
        out = []
        for ti in range(len(texts)):
            t = tags[ti]
            # repair core seams: an I-X after something other than B-X/I-X starts a span
            spans = spans_from_tags(t, self.labels)
            res = []
            text = texts[ti]
            for s, e, lab in spans:
                s, e = strip_span(text, s, e)  # whitespace the model took never becomes an entity
                if s == e:
                    continue
                prob = float(np.exp(logp[ti][np.arange(s, e), t[s:e]]).mean())
                if self.lexicon is not None and lab in SNAPPED:
                    s, e = self.lexicon.snap(text, s, e)
                res.append((s, e, lab, prob))
            out.append(_drop_overlaps(res))
        return out

    def _viterbi(self, lp: np.ndarray, lengths: list[int]) -> list[np.ndarray]:
        """Constrained decoding of a batch of windows (positions 1..n, [CLS]/[SEP] excluded) in numpy:
        torch's per-op overhead on these tiny tensors reached ~1 ms per step with the CPU contended."""
        K = len(self.tags)
        if self._trans is None:
            prior = [min(0.0, self.adjacent.get(lab, 0.0)) for lab in self.labels]
            self._trans = _allowed_transitions(K, prior).astype(np.float32)
            start = np.zeros(K, dtype=np.float32)
            start[[k for k in range(1, K) if (k - 1) % 2 == 1]] = -np.inf  # no I- at the start
            self._start = start
        B, T = lp.shape[0], max(lengths)
        emis = lp[:, 1:T + 1, :]
        score = emis[:, 0, :] + self._start
        back = np.zeros((B, T, K), dtype=np.int64)
        lens = np.asarray(lengths)
        for t in range(1, T):
            cand = score[:, :, None] + self._trans[None]  # B, from, to
            back[:, t, :] = cand.argmax(axis=1)
            score = np.where((lens > t)[:, None], cand.max(axis=1) + emis[:, t, :], score)
        last = score.argmax(axis=1)
        paths = []
        for b in range(B):
            n = lengths[b]
            path = np.zeros(n, dtype=np.int64)
            k = int(last[b])
            for t in range(n - 1, -1, -1):
                path[t] = k
                if t > 0:
                    k = back[b, t, k]
            paths.append(path)
        return paths
