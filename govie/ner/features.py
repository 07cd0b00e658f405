"""Inputs of the tagger without torch: character vocabulary, lexicon features, BIO tags.

>>> tag_names(["DATE", "COUNT"])
['O', 'B-DATE', 'I-DATE', 'B-COUNT', 'I-COUNT']
>>> tags = bio_tags(6, [(1, 3, "DATE")], ["DATE"])
>>> tags.tolist(), spans_from_tags(tags, ["DATE"])
([0, 1, 2, 0, 0, 0], [(1, 3, 'DATE')])
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable

import numpy as np

PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
SPECIALS = [PAD, UNK, CLS, SEP]


def tag_names(labels: list[str]) -> list[str]:
    """Returns the BIO tag inventory: O, then B-/I- per label, in label order."""
    return ["O"] + [f"{p}-{lab}" for lab in labels for p in ("B", "I")]


def bio_tags(n: int, spans: Iterable[tuple[int, int, str]], labels: list[str]) -> np.ndarray:
    """Returns tag ids (length n) for non-overlapping (start, end, label) spans."""
    idx = {lab: i for i, lab in enumerate(labels)}
    out = np.zeros(n, dtype=np.int64)
    for s, e, lab in spans:
        if s >= e or s < 0 or e > n:
            continue
        b = 1 + 2 * idx[lab]
        out[s] = b
        out[s + 1:e] = b + 1
    return out


def spans_from_tags(tags: np.ndarray, labels: list[str]) -> list[tuple[int, int, str]]:
    """Returns (start, end, label) spans of a BIO tag-id sequence; a stray I- starts a span."""
    out = []
    start, cur = -1, -1
    for i, t in enumerate(tags.tolist() + [0]):
        lab = (t - 1) // 2 if t else -1
        is_b = t and (t - 1) % 2 == 0
        if start >= 0 and (not t or is_b or lab != cur):
            out.append((start, i, labels[cur]))
            start = -1
        if t and start < 0:
            start, cur = i, lab
    return out


class CharVocab:
    """Character -> id. Ids 0-3 are [PAD], [UNK], [CLS], [SEP]; the rest are characters."""

    def __init__(self, chars: list[str]) -> None:
        self.itos = SPECIALS + [c for c in chars if c not in SPECIALS]
        self.stoi = {c: i for i, c in enumerate(self.itos)}

    @classmethod
    def build(cls, texts: Iterable[str], min_freq: int = 1) -> "CharVocab":
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(t)
        chars = sorted(c for c, n in counts.items() if n >= min_freq)
        return cls(chars)

    def __len__(self) -> int:
        return len(self.itos)

    def encode(self, text: str) -> np.ndarray:
        get = self.stoi.get
        return np.fromiter((get(c, 1) for c in text), dtype=np.int64, count=len(text))

    def to_list(self) -> list[str]:
        return list(self.itos)


class Lexicon:
    """Word-boundary features from a word list: per character, bit 0 = begins a word,
    bit 1 = inside a word, bit 2 = ends a word (words of 2..max_len characters).

    >>> Lexicon(["政府信息", "信息公开"]).features("政府信息公开").tolist()
    [1, 2, 3, 6, 2, 4]
    """

    def __init__(self, words: Iterable[str], max_len: int = 6) -> None:
        self.words = {w for w in words if 2 <= len(w) <= max_len}
        self.max_len = max(max_len, 2)

    @classmethod
    def from_file(cls, path: str | Path) -> "Lexicon":
        return cls(Path(path).read_text(encoding="utf-8").split("\n"))

    def save(self, path: str | Path) -> None:
        Path(path).write_text("\n".join(sorted(self.words)), encoding="utf-8")

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        """Returns the (start, end) of every lexicon word occurrence in ``text``, in start order."""
        out = []
        words = self.words
        for i in range(len(text) - 1):
            for L in range(2, min(self.max_len, len(text) - i) + 1):
                if text[i:i + L] in words:
                    out.append((i, i + L))
        return out

    def snap(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Returns a span moved onto word boundaries: the end extended over a word that starts
        inside the span and runs past it (省政|府 -> 省政府), the start moved past a word that began
        before it and ends inside it (公|布防城港市 -> 防城港市).

        >>> lx = Lexicon(["政府", "公布"])
        >>> lx.snap("省政府", 0, 2), lx.snap("公布城关镇", 1, 5), lx.snap("省政府", 0, 3)
        ((0, 3), (2, 5), (0, 3))
        """
        lo, hi = max(0, start - self.max_len), min(len(text), end + self.max_len)
        s, e = start, end
        for ws, we in self.occurrences(text[lo:hi]):
            ws, we = ws + lo, we + lo
            if start <= ws < end < we:
                e = max(e, we)
            if ws < start < we < end:
                s = max(s, we)
        return s, e

    def features(self, text: str) -> np.ndarray:
        # the same scan as ``occurrences``, setting bits in place: it runs on every character parsed,
        # and building the occurrence list first makes it 2.4x slower
        n = len(text)
        out = np.zeros(n, dtype=np.int64)
        words = self.words
        for i in range(n - 1):
            for L in range(2, min(self.max_len, n - i) + 1):
                if text[i:i + L] in words:
                    out[i] |= 1
                    out[i + L - 1] |= 4
                    if L > 2:
                        out[i + 1:i + L - 1] |= 2
        return out


def pkuseg_words(limit_len: int = 6) -> list[str]:
    """Returns the Han words of 2..limit_len characters in spacy-pkuseg's shipped dictionary.

    Used at TRAINING time only: the list is written into the model directory as plain
    text, so loading a model never unpickles anything.
    """
    import pickle  # the dictionary ships as a pickled str inside the installed spacy-pkuseg package

    import spacy_pkuseg

    path = Path(spacy_pkuseg.__file__).parent / "dicts" / "default.pkl"
    with path.open("rb") as f:
        raw = pickle.load(f)  # noqa: S301 - trusted installed package data, never a model file
    return [w for w in str(raw).split("\n")
            if 2 <= len(w) <= limit_len and all("\u4e00" <= c <= "\u9fff" for c in w)]
