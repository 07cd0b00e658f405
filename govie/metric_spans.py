"""The METRIC of each number: a trained ranker over the phrases next to a COUNT, MONEY or PERCENT.

GUIDELINES: a METRIC is the shortest phrase that names what a number in its sentence measures,
usually right before it (主动公开【政府信息】近2万条), sometimes behind a linking word
(【关注人数】达1200人) or after the number and its measure word (举办两次【业务培训】). The
tagger alone finds few of them on unseen reports: where a phrase starts is what it gets
wrong. This model is told where the number is and only chooses the phrase, or none (counts
that measure nothing named: 9个部门为成员单位).

Candidates for a number outside statistic tables: spans of 2..``max_len`` characters that end
at most ``MAX_GAP`` characters before it or start at most ``MAX_GAP`` characters after it, never
across a sentence or clause break and never over another number, date or document number, never
holding one mark of a pair of quotation marks or brackets, never starting with a word that names
nothing (其中, 全年, 共计: ``LEAD``); plus "none". Each is described by hashed strings (its
boundary characters, its first and last characters, the words between it and the number, the
measure word, whether a lexicon word crosses its boundaries) and scored by a small network; a
softmax over a number's candidates is trained on the gold value_of relations (the METRIC each
number measures, or none).

Zero statements (``zeros``): a negation (未, 没有, 无, 不) in a clause without a number is an
anchor too. Its candidates start at most ``ZERO_GAP`` characters after it and hold at most
``ZERO_LEN`` (未【收到…申请】, 没有因信息公开引发的【行政复议】); the target is the first
METRIC there that no number measures. A coordinator right after a chosen phrase (、 和 或 及 与)
anchors the next conjunct (未发生…【行政复议】、提起【行政诉讼】), a few characters on.

Known phrases (``known``): the METRICs of the training documents are kept with the model, and a
candidate that is one of them, or ends with one, says so (the schema's row labels and names count too).
In training each document sees only the phrases of the other documents (leave one document out), so
the ranker learns how far to trust a phrase seen before as it will meet them in unseen reports.

An ensemble (``members`` > 1) trains that many scorers side by side, each on its own bootstrap sample
of the anchors (Poisson weights), and averages their probabilities: on the train-split folds it chose
phrases more precisely and moved less from seed to seed than one scorer (configs/ner.toml).

torch is imported lazily; weights are saved as safetensors, in float16.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .config import MetricSpanConfig
from .labels import NUMBERS
from .modeldir import load_weights, read_json, save_weights, write_json
from .rules import _overlaps

__all__ = ["MetricSpans", "MetricSpanConfig", "number_candidates", "train_metric_spans"]

HASH_DIM = 1 << 14
KNOWN_FILE = "metric_known.txt"  # the known phrases (metric_spans.known), one per line
MAX_LEN = 30      # characters of a METRIC by default (``MetricSpanConfig.max_len``; gold train: 98% are <= 20)
MAX_LEN_LIMIT = 60  # the most a saved ranker may ask for
MAX_GAP = 10      # characters between a METRIC and its number (达, 共计, 份通过邮寄方式提交的)
# spans never cross these (a sentence, clause or list-label break), nor do the words between span and number
STOPS = "。；;\n：:！!？?|\t，,"
_STOP_CODES = np.array([ord(c) for c in STOPS], dtype=np.uint32)
# nor overlap entities of these labels (a METRIC holds no number or date)
_BLOCK = NUMBERS + ("DATE", "DOCNUM")
_DIGIT = re.compile(r"[0-9０-９]+(\.[0-9]+)?")
NONE = (-1, -1)
ZERO_GAP = 14     # characters between a negation and the phrase it denies (没有因信息公开引发的)
ZERO_LEN = 20
COORD_GAP = 4     # between a coordinator and the next conjunct (、提起【行政诉讼】)
_CUE = re.compile(r"未|没有|无|不")
COORDINATORS = "、和或及与"
_CHUNK = 20000  # candidate rows scored at a time
# quotation marks and brackets: a METRIC holds both of a pair or neither (【“双百会战”简报】5期)
_PAIRS = ("“”", "‘’", "《》", "（）", "()", "【】", "「」", "『』", "〔〕", "[]")  # a digit of base 64 each: int64 holds them
_BRACKET = np.zeros(0x10000, dtype=np.int64)
for _k, (_o, _c) in enumerate(_PAIRS):
    _BRACKET[ord(_o)], _BRACKET[ord(_c)] = 64 ** _k, -(64 ** _k)
# words a METRIC never starts with (GUIDELINES: no subject, time or adverb; 其中【当面申请】2件): no
# gold train METRIC does. govie.extract strips them from a phrase before mapping it.
LEAD = re.compile(r"其中|全年|本年度?|共计|合计|总计|另有|包含|包括|共(?=受理|收到|主动|公开|发布|办理|处理|答复|举办|"
                  r"召开|开展|组织|接受|制发|印发|回应|提供)")


_HASHES: dict[str, int] = {}  # memo of _h: feature strings repeat across candidates and texts


def _h(s: str) -> int:
    v = _HASHES.get(s)
    if v is None:
        if len(_HASHES) > 1 << 18:  # bounded: a very long or varied input does not grow it for ever
            _HASHES.clear()
        v = _HASHES[s] = zlib.crc32(s.encode("utf-8")) % HASH_DIM
    return v


def _shape(s: str) -> str:
    """Digits collapsed (8条,占 and 303条,占 are one gap) and long strings cut to their ends."""
    s = _DIGIT.sub("0", s)
    return s if len(s) <= 6 else s[:3] + "…" + s[-3:]


def _measure(text: str) -> str:
    """The measure word of a number.

    >>> [_measure(t) for t in ("近2万条", "71.3%", "3500余人次", "两名", "480")]
    ['条', '%', '人次', '名', '']
    """
    m = re.search(r"[^\d.万亿千百十余多逾近约共一二三四五六七八九两零〇]+$", text)
    return m.group(0)[:2] if m else ""


KNOWN_SUFFIX = 12  # the longest known phrase looked for at the end of a candidate


def _known(span: str, known: frozenset[str]) -> tuple[int, int]:
    """Whether ``span`` is a known phrase, and whether a shorter known phrase of 2+ characters ends it.

    >>> _known("依申请公开", frozenset({"依申请公开"})), _known("受理依申请公开", frozenset({"依申请公开"}))
    ((1, 0), (0, 1))
    """
    return int(span in known), int(any(span[-k:] in known for k in range(2, min(len(span), KNOWN_SUFFIX + 1))))


def _stop_chars(text: str) -> np.ndarray:
    """Whether each character of ``text`` is one no span crosses (a sentence, clause or list-label break)."""
    return np.isin(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), _STOP_CODES)


class _Text:
    """Per-text lookups: blocked characters, lexicon word boundaries, and the hashed features of
    each boundary position and character bigram (computed once, shared by every candidate)."""

    def __init__(self, text: str, blocked: list[tuple[int, int]], lex_bits: np.ndarray | None = None,
                 stop_chars: np.ndarray | None = None, known: frozenset[str] = frozenset()) -> None:
        self.text = text
        n = len(text)
        self.stop = np.zeros(n + 1, dtype=bool)
        self.stop[:n] = _stop_chars(text) if stop_chars is None else stop_chars
        for s, e in blocked:
            self.stop[s:e] = True
        # cross[p]: a lexicon word runs over the boundary before character p, i.e. p is inside a word
        # or ends it (bits 2 and 4 of govie.ner.features.Lexicon.features)
        self.cross = np.zeros(n + 1, dtype=bool)
        if lex_bits is not None:
            self.cross[:n] = (lex_bits & 6) != 0
        # the spans [s, e) with depth[s] == depth[e] hold as many openers as closers of each pair
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        self.depth = np.concatenate([[0], np.cumsum(_BRACKET[np.minimum(codes, 0xFFFF)])])
        # lead[p]: a word no METRIC starts with starts at p
        self.lead = np.zeros(n + 1, dtype=bool)
        for m in LEAD.finditer(text):
            self.lead[m.start()] = True
        # the known phrases (``MetricSpans.known``); empty: no such features
        self.known = known
        self._start: dict[tuple[str, int], list[int]] = {}
        self._end: dict[tuple[str, int], list[int]] = {}
        self._bigram: dict[tuple[str, int], int] = {}

    def start_features(self, side: str, s: int) -> list[int]:
        """What precedes a span starting at ``s`` and how it begins."""
        key = (side, s)
        if key not in self._start:
            t = self.text
            p1, p2 = t[max(0, s - 1):s], t[max(0, s - 2):s]
            self._start[key] = [_h(side + x) for x in ("p1" + p1, "p2" + p2, "f1" + t[s:s + 1], "f2" + t[s:s + 2],
                                                       "f3" + t[s:s + 3], "p1f1" + p1 + t[s:s + 1],
                                                       "cs" + str(int(self.cross[s])))]
        return self._start[key]

    def end_features(self, side: str, e: int) -> list[int]:
        """How a span ending at ``e`` ends and what follows it."""
        key = (side, e)
        if key not in self._end:
            t = self.text
            self._end[key] = [_h(side + x) for x in ("l1" + t[max(0, e - 1):e], "l2" + t[max(0, e - 2):e],
                                                     "l3" + t[max(0, e - 3):e], "a1" + t[e:e + 1], "a2" + t[e:e + 2],
                                                     "ce" + str(int(self.cross[e])))]
        return self._end[key]

    def forget_before(self, pos: int) -> None:
        """Drops the cached features of positions before ``pos`` (memory stays flat on long reports)."""
        for cache in (self._start, self._end):
            for key in [k for k in cache if k[1] < pos]:
                del cache[key]
        for key in [k for k in self._bigram if k[1] < pos]:
            del self._bigram[key]

    def bigrams(self, s: int, e: int, kind: str = "") -> list[int]:
        """The hashed character bigrams of [s, e); a zero statement's (``kind``) apart from a number's."""
        out = []
        for i in range(s, e - 1):
            h = self._bigram.get((kind, i))
            if h is None:
                h = self._bigram[(kind, i)] = _h(kind + "b" + self.text[i:i + 2])
            out.append(h)
        return out


def number_candidates(t: _Text, start: int, end: int, before: bool = True, max_gap: int = MAX_GAP,
                      max_len: int = MAX_LEN) -> list[tuple[int, int]]:
    """Returns the candidate METRIC spans of the anchor (a number; a negation or a coordinator with
    ``before=False`` and their gaps and lengths) at [start, end), NONE first."""
    text, stop, lead, depth = t.text, t.stop, t.lead, t.depth
    out = [NONE]
    # before: the span ends ``g`` characters before the number
    for g in range(MAX_GAP + 1 if before else 0):
        e = start - g
        if e - 2 < 0 or (g and stop[e]):
            break
        if stop[e - 1]:
            continue
        for s in range(e - 1, max(-1, e - max_len - 1), -1):
            if stop[s]:
                break
            if e - s >= 2 and not lead[s] and depth[s] == depth[e]:
                out.append((s, e))
    # after: the span starts ``g`` characters after the number
    n = len(text)
    for g in range(0, max_gap + 1):
        s = end + g
        if s + 2 > n or (g and stop[s - 1]):
            break
        if stop[s] or lead[s]:
            continue
        for e in range(s + 1, min(n, s + max_len) + 1):
            if stop[e - 1]:
                break
            if e - s >= 2 and depth[s] == depth[e]:
                out.append((s, e))
    return out


def _features(t: _Text, label: str, ns: int, ne: int, cands: list[tuple[int, int]],
              kind: str = "") -> list[list[int]]:
    """Hashed features of each candidate of the anchor at [ns, ne); ``kind`` "" for a number, "Z" for
    a negation, "C" for a coordinator."""
    text = t.text
    meas = text[ns:ne] if kind else _measure(text[ns:ne])
    spans = [c for c in cands if c != NONE]
    # the bigrams of the whole candidate region, once: each candidate takes its slice
    lo = min((s for s, _ in spans), default=0)
    bigrams = t.bigrams(lo, max((e for _, e in spans), default=0), kind)
    shapes: dict[str, str] = {}
    known = {c: _known(text[c[0]:c[1]], t.known) for c in spans} if t.known else {}
    out = []
    for s, e in cands:
        if (s, e) == NONE:
            f = ["N", "N" + label, "Nm" + meas, "Nb" + text[max(0, ns - 1):ns], "Nbb" + text[max(0, ns - 2):ns],
                 "Na" + text[ne:ne + 1], "Naa" + text[ne:ne + 2],
                 "Nc" + _shape(text[max(0, ns - 2):ns]) + "_" + text[ne:ne + 2]]
            if t.known:  # whether any candidate is a phrase seen before, or ends with one
                f.append("NK" + str(max((k for k, _ in known.values()), default=0))
                         + str(max((k for _, k in known.values()), default=0)))
            out.append([_h(kind + x) for x in f])
            continue
        side = kind or ("B" if e <= ns else "A")
        gap = text[e:ns] if side == "B" else text[ne:s]
        g = shapes.get(gap)
        if g is None:
            g = shapes[gap] = _shape(gap)
        span = text[s:e]
        L = e - s
        lb = str(L) if L <= 12 else ("16" if L <= 16 else "30")
        f = [side, side + "g" + g, side + "L" + lb, side + "gL" + g + lb, side + "m" + meas + span[-1:],
             side + "ml2" + meas + span[-2:], side + "lab" + label + meas + g,
             side + "dun" + str(min(span.count("、"), 2)) + str(int("的" in span)) + str(int("等" in span))]
        if t.known:
            exact, suffix = known[(s, e)]
            f += [side + "K" + str(exact) + str(suffix), side + "Kg" + g + str(exact) + str(suffix)]
        out.append([_h(x) for x in f] + t.start_features(side, s) + t.end_features(side, e)
                   + bigrams[s - lo:e - 1 - lo])
    return out


Anchor = tuple  # (index of the number in the spans or None, start, end, label, kind)


def _anchors(text: str, spans: Sequence[tuple], zeros: bool,
             stop_chars: np.ndarray | None = None) -> tuple[list[Anchor], list[tuple[int, int]]]:
    """The anchors of ``spans`` ((start, end, label, ...), normalized text) outside tables, in text
    order: the numbers (kind ""), and with ``zeros`` the negations in clauses without a number that
    no entity covers (kind "Z"); and the spans candidates may not cover. ``stop_chars``:
    ``_stop_chars(text)`` when the caller has it already."""
    from .relations import _Lines

    lines = _Lines(text)
    out: list[Anchor] = [(i, sp[0], sp[1], sp[2], "") for i, sp in enumerate(spans)
                         if sp[2] in NUMBERS and not lines.in_table_span(sp[0], sp[1])]
    blocked = [(sp[0], sp[1]) for sp in spans if sp[2] in _BLOCK]
    if zeros:
        covered = np.zeros(len(text) + 1, dtype=bool)
        for sp in spans:
            covered[sp[0]:sp[1]] = True
        breaks = np.flatnonzero(_stop_chars(text) if stop_chars is None else stop_chars)
        num_starts = sorted(sp[0] for sp in spans if sp[2] in NUMBERS)
        for m in _CUE.finditer(text):
            s, e = m.span()
            if covered[s] or lines.in_table_span(s, e):
                continue
            k = int(np.searchsorted(breaks, s))
            lo = int(breaks[k - 1]) + 1 if k > 0 else 0
            hi = int(breaks[k]) if k < len(breaks) else len(text)
            j = bisect.bisect_left(num_starts, lo)
            if j < len(num_starts) and num_starts[j] < hi:
                continue  # a clause with a number states it: the number is the anchor
            out.append((None, s, e, "Z", "Z"))
    return sorted(out, key=lambda a: (a[1], a[2])), blocked


def _anchor_candidates(t: _Text, a: Anchor, max_len: int = MAX_LEN) -> list[tuple[int, int]]:
    if a[4] == "":
        return number_candidates(t, a[1], a[2], max_len=max_len)
    return number_candidates(t, a[1], a[2], before=False, max_gap=ZERO_GAP if a[4] == "Z" else COORD_GAP,
                             max_len=ZERO_LEN)


def _coordinator(t: _Text, end: int) -> Anchor | None:
    """The coordinator right after a zero statement's phrase ending at ``end``, as an anchor."""
    if end < len(t.text) and t.text[end] in COORDINATORS and not t.stop[end]:
        return (None, end, end + 1, "C", "C")
    return None


def _net(hidden: int, members: int = 1):
    """The scorer: hashed features summed into an embedding, tanh, a linear score. With ``members`` > 1,
    one table holds every member's embedding columns (each member has its own hidden units and head: an
    ensemble trained in one pass). ``forward`` returns one score per member (rows x members)."""
    import torch

    class Scorer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = torch.nn.EmbeddingBag(HASH_DIM + 1, hidden * members, mode="sum", padding_idx=HASH_DIM)
            if members == 1:
                self.out = torch.nn.Sequential(torch.nn.Tanh(), torch.nn.Linear(hidden, 1))
            else:  # each member's head initialized as torch.nn.Linear(hidden, 1) would be
                bound = 1 / hidden ** 0.5
                self.head_w = torch.nn.Parameter(torch.empty(members, hidden).uniform_(-bound, bound))
                self.head_b = torch.nn.Parameter(torch.empty(members).uniform_(-bound, bound))

        def forward(self, sparse):
            sp = sparse.clone()
            sp[sp < 0] = HASH_DIM
            if members == 1:  # the state-dict names of one-scorer models
                return self.out(self.emb(sp))
            h = torch.tanh(self.emb(sp)).view(len(sp), members, hidden)
            return (h * self.head_w).sum(-1) + self.head_b

    return Scorer()


def _pad(rows: list[list[int]]) -> np.ndarray:
    width = max((len(r) for r in rows), default=1)
    out = np.full((len(rows), max(width, 1)), -1, dtype=np.int64)
    for k, r in enumerate(rows):
        out[k, :len(r)] = r
    return out


def _layout(zeros: bool) -> dict[str, int]:
    """The candidate and feature settings a saved ranker was trained with."""
    out = {"hash_dim": HASH_DIM, "max_gap": MAX_GAP}
    if zeros:
        out.update(zero_gap=ZERO_GAP, zero_len=ZERO_LEN, coord_gap=COORD_GAP)
    return out


class MetricSpans:
    """``predict(text, spans)``: the METRIC each number measures, if any, and the phrases zero
    statements deny (``cfg.zeros``)."""

    def __init__(self, cfg: MetricSpanConfig, lexicon: Any = None, known: frozenset[str] = frozenset()) -> None:
        self.cfg = cfg
        self.lexicon = lexicon
        self.net = _net(cfg.hidden, cfg.members)
        self.known = known  # with ``cfg.known``: the phrases of the known-phrase features

    def _prepare(self, text: str, spans: Sequence[tuple], lex_bits: np.ndarray | None = None,
                 known: frozenset[str] | None = None) -> tuple[_Text, list[Anchor]]:
        stop_chars = _stop_chars(text)  # once: the clauses of negations and the spans' stops
        anchors, blocked = _anchors(text, spans, self.cfg.zeros, stop_chars)
        if self.lexicon is None:
            lex_bits = None
        elif lex_bits is None:
            lex_bits = self.lexicon.features(text)
        return _Text(text, blocked, lex_bits, stop_chars, self.known if known is None else known), anchors

    def _group(self, t: _Text, a: Anchor) -> tuple[Anchor, list[tuple[int, int]], list[list[int]]]:
        cands = _anchor_candidates(t, a, self.cfg.max_len)
        return a, cands, _features(t, a[3], a[1], a[2], cands, a[4])

    def _groups(self, t: _Text, anchors: list[Anchor]):
        for k, a in enumerate(anchors):
            if k % 256 == 255:  # anchors come in text order: earlier positions are not looked at again
                t.forget_before(a[1] - self.cfg.max_len - MAX_GAP - 2)
            yield self._group(t, a)

    def predict(self, text: str, spans: Sequence[tuple],
                lex_bits: np.ndarray | None = None) -> list[tuple[int | None, int, int, float]]:
        """Returns (index of the number in ``spans``, METRIC start, end, probability) for each number
        that measures a phrase, and (None, start, end, probability) for each phrase a zero statement
        denies; ``spans`` are (start, end, label, ...) over the normalized ``text``; ``lex_bits``:
        ``self.lexicon.features(text)`` when the caller has it already."""
        self.net.eval()
        t, anchors = self._prepare(text, spans, lex_bits)
        out: list[tuple[int | None, int, int, float]] = []
        batch: list = []
        # scored in chunks of anchors: all candidate rows of a 1M-character report at once took ~1.5 GB
        rows = 0
        for group in self._groups(t, anchors):
            batch.append(group)
            rows += len(group[1])
            if rows >= _CHUNK:
                out += self._choose(t, batch)
                batch, rows = [], 0
        return out + (self._choose(t, batch) if batch else [])

    def _choose(self, t: _Text, groups: list) -> list[tuple[int | None, int, int, float]]:
        """The chosen phrase of each anchor, then of the coordinators after chosen zero statements."""
        import torch

        out = []
        while groups:
            with torch.inference_mode():
                logits = self.net(torch.from_numpy(_pad([f for _, _, feats in groups for f in feats]))).numpy()
            follow, k = [], 0
            for a, cands, _ in groups:
                z = logits[k:k + len(cands)]
                k += len(cands)
                p = np.exp(z - z.max(axis=0))
                p = (p / p.sum(axis=0)).mean(axis=1)  # an ensemble's members vote with their probabilities
                # the likeliest phrase (candidate 0 is "none"), kept at ``threshold`` or above: from 0.5 up,
                # only when it beats "none"; below 0.5, also when "none" is likelier still
                best = 1 + int(p[1:].argmax()) if len(cands) > 1 else 0
                if best and p[best] >= self.cfg.threshold:
                    out.append((a[0], cands[best][0], cands[best][1], float(p[best])))
                    c = _coordinator(t, cands[best][1]) if a[4] else None
                    if c is not None:
                        follow.append(self._group(t, c))
            groups = follow
        return out

    def add_metrics(self, text: str, spans: Sequence[tuple], lex_bits: np.ndarray | None = None) -> list[tuple]:
        """Returns ``spans`` (start, end, label, score, source) with the METRICs ``predict`` chooses; no two
        spans overlap (GUIDELINES: entities do not nest). The tagger's METRICs that overlap a chosen phrase give
        way to it, and so do the AGENCY names inside it or cut by it (参加【县政府新闻发布会】, 其【中办】理); a
        phrase over any other entity is dropped (受理《中国河北》在线回复 holds a TITLE: no gold METRIC does)."""
        others = [sp[:2] for sp in spans if sp[2] not in ("METRIC", "AGENCY")]
        found = {(s, e): p for _, s, e, p in self.predict(text, spans, lex_bits)}
        # two numbers may choose overlapping phrases (2件【政府信息公开行政复议】中有1件 ← 【行政复议】): the likelier stays
        chosen: dict[tuple[int, int], float] = {}
        for se, p in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])):
            if not _overlaps(se, others) and not _overlaps(se, list(chosen)):
                chosen[se] = p
        if not chosen:
            return list(spans)
        kept = [sp for sp in spans if sp[2] not in ("METRIC", "AGENCY") or not _overlaps(sp[:2], list(chosen))]
        return sorted(kept + [(s, e, "METRIC", p, "model") for (s, e), p in chosen.items()],
                      key=lambda sp: (sp[0], sp[1]))

    def save(self, path: str | Path) -> None:
        d = Path(path)
        # float16 on disk: the hashed table is most of the model directory (5 members: 21 MB in float32);
        # the shipped ranker chose the same METRICs in all 37 training documents either way
        save_weights(self.net, d / "metric_spans.safetensors", half=True)
        if self.cfg.known:
            (d / KNOWN_FILE).write_text("".join(p + "\n" for p in sorted(self.known)), encoding="utf-8")
        else:  # a ranker retrained without them (--links-only) leaves no stale list behind
            (d / KNOWN_FILE).unlink(missing_ok=True)
        config = read_json(d / "config.json")
        config["metric_spans"] = {"hidden": self.cfg.hidden, "threshold": self.cfg.threshold, "zeros": self.cfg.zeros,
                                  "members": self.cfg.members, "known": self.cfg.known, "max_len": self.cfg.max_len,
                                  **_layout(self.cfg.zeros)}
        write_json(d / "config.json", config)

    @classmethod
    def load(cls, path: str | Path, lexicon: Any = None) -> "MetricSpans":
        from .errors import ModelLoadError

        d = Path(path)
        c = read_json(d / "config.json").get("metric_spans")
        zeros = bool(c.get("zeros", False)) if c else False
        max_len = c.get("max_len") if c else None
        if not c or any(c.get(k) != v for k, v in _layout(zeros).items()) \
                or not isinstance(max_len, int) or not 2 <= max_len <= MAX_LEN_LIMIT:
            raise ModelLoadError("E206", f"metric_spans settings in {d}/config.json do not match this govie "
                                         "(candidate or feature layout changed); retrain the model.")
        known: frozenset[str] = frozenset()
        if c.get("known"):
            if not (d / KNOWN_FILE).is_file():
                raise ModelLoadError("E201", f"{d}/{KNOWN_FILE} is missing: the METRIC ranker was trained with "
                                             "known phrases (metric_spans.known).")
            try:
                known = frozenset((d / KNOWN_FILE).read_text(encoding="utf-8").split("\n")) - {""}
            except (OSError, UnicodeDecodeError) as exc:
                raise ModelLoadError("E205", f"{d}/{KNOWN_FILE} is not readable UTF-8 text: {exc}") from None
        model = cls(MetricSpanConfig(hidden=c["hidden"], threshold=c["threshold"], zeros=zeros,
                                     members=int(c.get("members", 1)), known=bool(c.get("known")),
                                     max_len=max_len), lexicon, known)
        load_weights(model.net, d / "metric_spans.safetensors")
        return model


class _KnownPhrases:
    """The METRIC texts of (normalized) training Documents, with the schema's prose names and aliases,
    which every document knows. ``of_others(doc)`` leaves out the phrases only ``doc`` holds."""

    def __init__(self, docs: Sequence[Any], max_len: int = MAX_LEN) -> None:
        from .schema import load_schema

        self.max_len = max_len
        self.schema = frozenset(a for i in load_schema().indicators.values() for a in (*i.narrative, *i.aliases)
                                if 2 <= len(a) <= max_len and not a.isspace())
        self.count: Counter = Counter()
        for doc in docs:
            self.count.update(self._own(doc))
        self.all = frozenset(self.count) | self.schema

    def _own(self, doc: Any) -> set[str]:
        return {doc.text[e.start:e.end] for e in doc.entities
                if e.label == "METRIC" and 2 <= e.end - e.start <= self.max_len}

    def of_others(self, doc: Any) -> frozenset[str]:
        return self.all - {p for p in self._own(doc) if self.count[p] == 1 and p not in self.schema}


def _examples(model: MetricSpans, docs: Sequence[Any],
              known: "_KnownPhrases | None" = None) -> list[tuple[list[list[int]], int]]:
    """(candidate features, index of the gold candidate) per anchor of (normalized) Documents: a
    number's target is the METRIC it measures; a negation's or a coordinator's the first METRIC among
    its candidates that no number measures (a zero statement). Anchors whose gold METRIC is no
    candidate are left out (the model could not choose it). ``known``: each document's known phrases are
    those of the other documents."""
    out = []
    for doc in docs:
        by_id = {e.id: e for e in doc.entities}
        gold = {r.head: (by_id[r.tail].start, by_id[r.tail].end) for r in doc.relations
                if r.label == "value_of" and r.tail in by_id}
        measured = {r.tail for r in doc.relations if r.label == "value_of"}
        zero = sorted((e.start, e.end) for e in doc.entities if e.label == "METRIC" and e.id not in measured)
        spans = [(e.start, e.end, e.label) for e in doc.entities]
        # the phrases of the other documents: those only this one holds are left out
        t, anchors = model._prepare(doc.text, spans, known=None if known is None else known.of_others(doc))
        # the coordinators after the gold zero statements' phrases (at inference: after the chosen ones)
        coords = [model._group(t, c) for c in (_coordinator(t, e) for _, e in zero) if c is not None] \
            if model.cfg.zeros else []
        for a, cands, feats in [*model._groups(t, anchors), *coords]:
            if a[4] == "":
                want = gold.get(doc.entities[a[0]].id, NONE)
            else:
                want = next((z for z in zero if z in cands), NONE)
            if want in cands:
                out.append((feats, cands.index(want)))
    return out


def train_metric_spans(cfg: MetricSpanConfig, gold: Sequence[Any], synth: Sequence[Any] = (),
                       lexicon: Any = None, out_dir: str | Path | None = None, seed: int = 0,
                       repeats: Sequence[int] | None = None) -> dict[str, Any]:
    """Trains the ranker on Documents with gold value_of relations; saves it into ``out_dir`` when given.
    ``repeats``: how many times each gold document's anchors count in an epoch (``cfg.gold_repeat`` each by
    default; a generated document's count once).

    Documents are read normalized, as at inference. Returns a summary dict whose ``model`` item
    is the trained MetricSpans.
    """
    import torch

    from .extract import normalized_view
    from .normalize import normalize

    torch.manual_seed(seed)
    model = MetricSpans(cfg, lexicon)
    view = [normalized_view(normalize(d.text), d.entities, d.relations) for d in list(gold) + list(synth)]
    known = _KnownPhrases(view[:len(gold)], cfg.max_len) if cfg.known else None
    repeats = [cfg.gold_repeat] * len(gold) if repeats is None else list(repeats)
    if len(repeats) != len(gold) or any(r < 0 for r in repeats):
        raise ValueError(f"repeats: one count >= 0 per gold document ({len(gold)}), got {len(repeats)}")
    examples, reps = [], []
    for doc, r in zip(view[:len(gold)], repeats):
        mine = _examples(model, [doc], known)
        examples += mine
        reps += [r] * len(mine)
    n_gold = len(examples)
    if known is not None:  # generated documents, and the trained model, know every gold document's phrases
        model.known = known.all
    examples += _examples(model, view[len(gold):])
    if not examples:
        raise ValueError("no numbers outside tables in the training documents")
    # every candidate row once, padded; example i is rows first[i]:first[i] + sizes[i]; an epoch
    # visits each gold example as many times as its document's repeats (in rounds: all of them once, then
    # those counted twice or more, ...)
    rows = torch.from_numpy(_pad([f for feats, _ in examples for f in feats]))
    sizes = [len(feats) for feats, _ in examples]
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pool = np.array([i for k in range(max(reps, default=0)) for i in range(n_gold) if reps[i] > k]
                    + list(range(n_gold, len(examples))), dtype=np.int64)
    y_all = [y for _, y in examples]
    opt = torch.optim.AdamW(model.net.parameters(), lr=cfg.lr, weight_decay=1e-4)
    rng = np.random.default_rng(seed)
    # each member sees its own bootstrap sample of the examples (Poisson weights); one scorer sees them all
    boot = torch.from_numpy(rng.poisson(1.0, (len(examples), cfg.members)).astype(np.float32)) \
        if cfg.members > 1 else torch.ones(len(examples), 1)
    if cfg.none_weight != 1.0:  # the anchors whose target is "none" (candidate 0) count less (or more)
        boot = boot * torch.tensor([[cfg.none_weight if y == 0 else 1.0] for y in y_all])
    model.net.train()
    bs = 32
    for _ in range(cfg.epochs):
        order = rng.permutation(pool)
        for k in range(0, len(order), bs):
            batch = order[k:k + bs]
            width = max(sizes[i] for i in batch)
            idx = np.concatenate([np.arange(first[i], first[i] + sizes[i]) for i in batch])
            b_pos = np.concatenate([np.full(sizes[i], j) for j, i in enumerate(batch)])
            c_pos = np.concatenate([np.arange(sizes[i]) for i in batch])
            z = torch.full((len(batch), width, cfg.members), -1e9)
            z = z.index_put((torch.from_numpy(b_pos), torch.from_numpy(c_pos)), model.net(rows[idx]))
            y = torch.tensor([y_all[i] for i in batch])
            ce = torch.nn.functional.cross_entropy(z.transpose(1, 2).reshape(-1, width),
                                                   y.repeat_interleave(cfg.members), reduction="none")
            w = boot[batch].reshape(-1)
            loss = (ce * w).sum() / max(float(w.sum()), 1.0)
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.net.eval()
    if out_dir is not None:
        model.save(out_dir)
    return {"anchors": len(examples), "gold_anchors": n_gold, "candidates": int(len(rows)), "epochs": cfg.epochs,
            "model": model}
