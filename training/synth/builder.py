"""A report as a list of (text, label) segments; offsets are computed only at the end.

Script and digit variants (OpenCC ``s2t``, full-width digits, half-width punctuation)
are applied to each segment separately BEFORE the offsets are computed, so every
entity span indexes the final text exactly, whatever the conversion does to lengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

__all__ = ["DocBuilder", "s2t", "fullwidth_digits", "halfwidth_punct"]

_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_HW_PUNCT = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})

_cc = None


@lru_cache(maxsize=200_000)
def s2t(text: str) -> str:
    """Returns ``text`` in traditional script (OpenCC s2t); cached, segments repeat a lot."""
    global _cc
    if _cc is None:
        import opencc

        _cc = opencc.OpenCC("s2t")
    return _cc.convert(text)


def fullwidth_digits(text: str) -> str:
    return text.translate(_FW_DIGITS)


def halfwidth_punct(text: str) -> str:
    return text.translate(_HW_PUNCT)


@dataclass(slots=True)
class _Seg:
    text: str
    label: str | None = None
    handle: int | None = None


@dataclass
class DocBuilder:
    """Collects segments, relations and gold indicators of one report.

    ``add(text, label)`` returns an entity handle (or None for plain text);
    relations and indicator evidence refer to handles and are resolved to ids and
    offsets by ``finish``.
    """

    segs: list[_Seg] = field(default_factory=list)
    rels: list[tuple[int, int, str]] = field(default_factory=list)
    inds: dict[str, dict[str, Any]] = field(default_factory=dict)
    _n: int = 0

    def add(self, text: str, label: str | None = None) -> int | None:
        if not text:
            return None
        if label is None:
            self.segs.append(_Seg(text))
            return None
        h = self._n
        self._n += 1
        self.segs.append(_Seg(text, label, h))
        return h

    def text(self, text: str) -> None:
        if text:
            self.segs.append(_Seg(text))

    def rel(self, head: int | None, tail: int | None, label: str) -> None:
        if head is not None and tail is not None and (head, tail, label) not in self.rels:
            self.rels.append((head, tail, label))

    def indicator(self, key: str, value: int | float | None, *, status: str | None = None,
                  qualifier: str = "exact", unit: str = "", handle: int | None = None, kind: str = "text",
                  prefer: bool = True) -> None:
        """Records a gold value; a value with evidence (``handle``) replaces one without.

        ``prefer=False`` keeps an existing entry (a table cell states the value; the
        prose repeats it).
        """
        if status is None:
            status = "blank" if value is None else ("reported_zero" if value == 0 else "reported")
        old = self.inds.get(key)
        if old is not None:
            if not prefer or (old.get("handle") is not None and handle is None):
                return
        d: dict[str, Any] = {"value": value, "status": status, "qualifier": qualifier}
        if unit:
            d["unit"] = unit
        if handle is not None:
            d["handle"] = handle
            d["kind"] = kind
        self.inds[key] = d

    def last_char(self) -> str:
        for s in reversed(self.segs):
            if s.text:
                return s.text[-1]
        return ""

    def finish(self, transforms: list[Callable[[str], str]]) -> tuple[str, list[dict], list[dict], dict[str, dict]]:
        """Returns (text, entities, relations, indicators) with code-point offsets into the text."""
        parts: list[str] = []
        pos = 0
        spans: dict[int, tuple[int, int, str, str]] = {}
        for s in self.segs:
            t = s.text
            for f in transforms:
                t = f(t)
            if s.handle is not None:
                spans[s.handle] = (pos, pos + len(t), s.label or "", t)
            parts.append(t)
            pos += len(t)
        text = "".join(parts)
        order = sorted(spans, key=lambda h: spans[h][0])
        ids = {h: f"T{i + 1}" for i, h in enumerate(order)}
        ents = [{"id": ids[h], "start": spans[h][0], "end": spans[h][1], "label": spans[h][2], "text": spans[h][3]}
                for h in order]
        rels = [{"id": f"R{i + 1}", "head": ids[a], "tail": ids[b], "label": lab}
                for i, (a, b, lab) in enumerate(self.rels)]
        inds: dict[str, dict] = {}
        for key, d in self.inds.items():
            out = {k: v for k, v in d.items() if k != "handle"}
            h = d.get("handle")
            if h is not None:
                s, e, _, t = spans[h]
                out.update(start=s, end=e, raw=t)
            inds[key] = out
        return text, ents, rels, inds
