"""What the pipeline does to the tagger's spans before they become entities.

``decode(text, spans, agency_from_rules)`` applies the steps below; spans are
(start, end, label, score) in normalized text, as ``EntityTagger.predict`` gives them.

DOCNUM needs a numeral: a document number without one (院令, 国务院令第 cut before 711号, 高校) is
no document number and is dropped. Over the held-out train documents of ``training/cv.py``, 3 of
the 4 false DOCNUMs were such pieces.

AGENCY from the rules (``model.agency_from_rules``): the tagger's AGENCY spans are replaced by
the rules' (``govie.rules.find_spans``: the department gazetteer and its place names) that
overlap none of its other spans. Decided by ``training/cv.py`` inside the train split (3 folds):
AGENCY 0.768 -> 0.807, micro +0.006 (the gazetteer was refined on those documents' errors, so
the rules' side is somewhat optimistic there).

METRIC anchoring: a METRIC names what a number in its sentence measures, or what a zero statement denies
(未发生行政复议). The tagger also emits METRIC-like fragments with nothing to measure
(受到, 城市, 机构行政处罚告知) and pieces of longer phrases (公开 of 水质公开12条). Over the
held-out train documents of ``training/cv.py`` (3 folds), 35 of the 37 two-character METRICs
it predicted were such pieces, and most METRICs with no number next to them were wrong. So a
predicted METRIC is kept only when it is

- at least ``MIN_CHARS`` characters long, and
- within ``MAX_GAP`` characters of a COUNT, MONEY or PERCENT on either side, with no clause
  break or comma between (主动公开政府信息累计326条: 累计 is the gap), or preceded in its clause by a
  negation (a zero statement: 全年未收到公民的信息公开申请).
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from ..gazetteer import with_document_places
from ..labels import NUMBERS
from ..rules import find_spans

__all__ = ["decode", "anchor_metrics", "rule_agencies", "clause_start", "MIN_CHARS", "MAX_GAP", "NEGATION"]

_NUMERAL = re.compile(r"[0-9〇零一二三四五六七八九十百千]")

MIN_CHARS = 3
MAX_GAP = 2
_BREAKS = "。；;\n"
_NOT_BETWEEN = _BREAKS + "，,、：:"  # a number across a comma measures the phrase on its own side
NEGATION = re.compile(r"未|没有|无|不曾|暂不|不收|零")

Span = tuple[int, int, str, float]
Sourced = tuple[int, int, str, float, str]  # a span and where it comes from: "model" or "rule"


def _anchored(text: str, m: Span, numbers: Sequence[Span], starts: Sequence[int]) -> bool:
    # spans are disjoint, so only the nearest number on each side can be close enough
    i = bisect.bisect_left(starts, m[1])
    gaps = []
    if i < len(numbers):
        gaps.append(text[m[1]:numbers[i][0]])
    if i > 0 and numbers[i - 1][1] <= m[0]:
        gaps.append(text[numbers[i - 1][1]:m[0]])
    if any(len(g) <= MAX_GAP and not any(c in _NOT_BETWEEN for c in g) for g in gaps):
        return True
    return bool(NEGATION.search(text[clause_start(text, m[0]):m[1]]))


def clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last 。, ；, ; or line break before it."""
    return max(text.rfind(c, 0, pos) for c in _BREAKS) + 1


def anchor_metrics(text: str, spans: Sequence[Span]) -> list[Span]:
    """Returns ``spans`` without the METRICs that measure nothing (see the module docstring).

    >>> t = "全年共主动公开政府信息累计326条，受到群众好评；未收到行政复议申请。水质公开12条"
    >>> spans = [(3, 11, "METRIC", .9), (13, 17, "COUNT", .9), (20, 24, "METRIC", .6),
    ...          (26, 34, "METRIC", .8), (37, 39, "METRIC", .7), (39, 42, "COUNT", .9)]
    >>> [t[s:e] for s, e, _, _ in anchor_metrics(t, spans)]
    ['主动公开政府信息', '326条', '收到行政复议申请', '12条']
    """
    numbers = sorted(s for s in spans if s[2] in NUMBERS)
    starts = [s[0] for s in numbers]
    return [s for s in spans
            if s[2] != "METRIC" or (s[1] - s[0] >= MIN_CHARS and _anchored(text, s, numbers, starts))]


def rule_agencies(text: str, spans: Sequence[Span],
                  rule_spans: Sequence[tuple[int, int, str]] | None = None) -> list[Sourced]:
    """Returns ``spans`` with their AGENCY spans replaced by the rules' AGENCY spans that overlap
    none of the other spans (score 1.0, source ``rule``), with the places the document names before
    them (``govie.gazetteer.with_document_places``); sorted by start. ``rule_spans``:
    ``find_spans(text)`` when the caller has it already.

    >>> t = "省教育厅发布3条"
    >>> [(t[s:e], lab, src) for s, e, lab, _, src in rule_agencies(t, [(0, 2, "AGENCY", .6), (6, 8, "COUNT", .9)])]
    [('省教育厅', 'AGENCY', 'rule'), ('3条', 'COUNT', 'model')]
    """
    others = [(*s, "model") for s in spans if s[2] != "AGENCY"]
    taken = sorted((s, e) for s, e, *_ in others)
    starts = [s for s, _ in taken]

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_left(starts, e)  # the spans starting before ``e``; taken spans are disjoint
        return i == 0 or taken[i - 1][1] <= s

    if rule_spans is None:
        rule_spans = find_spans(text)
    agencies = []
    # each rule AGENCY with the places the document names before it, or without them where they are taken
    for (s, e, lab), (s0, _, _) in zip(with_document_places(text, rule_spans), rule_spans):
        start = s if free(s, e) else s0
        if lab == "AGENCY" and free(start, e):
            agencies.append((start, e, "AGENCY", 1.0, "rule"))
    return sorted(others + agencies, key=lambda x: (x[0], x[1]))


def decode(text: str, spans: Sequence[Span], agency_from_rules: bool = False,
           rule_spans: Sequence[tuple[int, int, str]] | None = None) -> list[Sourced]:
    """The tagger's spans as the pipeline keeps them: DOCNUMs with a numeral, METRICs anchored,
    AGENCY from the rules if asked.

    >>> t = "依据国务院令第711号和《条例》"
    >>> [(t[s:e], lab) for s, e, lab, *_ in decode(t, [(2, 7, "DOCNUM", .6), (13, 15, "TITLE", .9)])]
    [('条例', 'TITLE')]
    >>> [(t[s:e], lab) for s, e, lab, *_ in decode(t, [(2, 11, "DOCNUM", .9)])]
    [('国务院令第711号', 'DOCNUM')]
    """
    kept = anchor_metrics(text, [s for s in spans if s[2] != "DOCNUM" or _NUMERAL.search(text[s[0]:s[1]])])
    return rule_agencies(text, kept, rule_spans) if agency_from_rules else [(*s, "model") for s in kept]
