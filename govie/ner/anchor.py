"""METRIC spans the tagger predicts are kept only where GUIDELINES allows a METRIC.

A METRIC names what a number in its sentence measures, or what a zero statement denies
(未发生行政复议). The tagger also emits METRIC-like fragments with nothing to measure
(受到, 城市, 机构行政处罚告知) and pieces of longer phrases (公开 of 水质公开12条). Over the
held-out train documents of ``training/cv.py`` (3 folds), 35 of the 37 two-character METRICs
it predicted were such pieces, and most METRICs with no number next to them were wrong. So a
predicted METRIC is kept only when it is

- at least ``MIN_CHARS`` characters long, and
- within ``MAX_GAP`` characters of a COUNT, MONEY or PERCENT on either side, with no clause
  break or comma between (主动公开政府信息累计947条: 累计 is the gap), or preceded in its clause by a
  negation (a zero statement: 未收到有关政府信息公开的申请).

Spans are (start, end, label, score) in normalized text, as ``EntityTagger.predict`` gives them.
"""

from __future__ import annotations

import re
from typing import Sequence

__all__ = ["anchor_metrics", "MIN_CHARS", "MAX_GAP", "NEGATION"]

MIN_CHARS = 3
MAX_GAP = 2
_NUMBERS = ("COUNT", "MONEY", "PERCENT")
_BREAKS = "。；;\n"
_NOT_BETWEEN = _BREAKS + "，,、：:"  # a number across a comma measures the phrase on its own side
NEGATION = re.compile(r"未|没有|无|不曾|暂不|不收|零")

Span = tuple[int, int, str, float]


def _anchored(text: str, m: Span, numbers: Sequence[Span]) -> bool:
    for n in numbers:
        if n[0] >= m[1]:
            between = text[m[1]:n[0]]
        elif m[0] >= n[1]:
            between = text[n[1]:m[0]]
        else:
            continue
        if len(between) <= MAX_GAP and not any(c in _NOT_BETWEEN for c in between):
            return True
    clause_start = max(text.rfind(c, 0, m[0]) for c in _BREAKS) + 1
    return bool(NEGATION.search(text[clause_start:m[1]]))


def anchor_metrics(text: str, spans: Sequence[Span]) -> list[Span]:
    """Returns ``spans`` without the METRICs that measure nothing (see the module docstring).

    >>> t = "全年共主动公开政府信息累计947条，受到群众好评；未收到行政复议申请。水质公开12条"
    >>> spans = [(3, 11, "METRIC", .9), (13, 17, "COUNT", .9), (20, 24, "METRIC", .6),
    ...          (26, 34, "METRIC", .8), (37, 39, "METRIC", .7), (39, 42, "COUNT", .9)]
    >>> [t[s:e] for s, e, _, _ in anchor_metrics(t, spans)]
    ['主动公开政府信息', '947条', '收到行政复议申请', '12条']
    """
    numbers = [s for s in spans if s[2] in _NUMBERS]
    return [s for s in spans
            if s[2] != "METRIC" or (s[1] - s[0] >= MIN_CHARS and _anchored(text, s, numbers))]
