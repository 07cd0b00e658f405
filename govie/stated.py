"""What the wording of a statement decides, before and after the models: which phrases are the METRICs
and which number measures each.

**分别 lists** (respectively): 当面申请、网络申请和信函申请分别为19件、31件和8件. Each number after 分别
measures the phrase in the same place of the list before it (GUIDELINES, fourth written batch: parts with
their own phrases take their keys in order), and when the list is one phrase (参训人员分别为58人次和47人次),
every number measures it. The phrases are too far from their numbers for the METRIC ranker (over 10
characters, other numbers between). A list is read only when the counts agree (as many numbers as phrases,
or one phrase): otherwise nothing is changed. Nothing is guessed across a clause break.

**Count-first statements**: 另有3件系12月下旬收到，结转下年度继续办理; 另有2件涉及第三方权益，经批准延期答复.
The count comes first and the phrase closes the statement, with its reason between (因需征求第三方意见，/
尚在答复期限内，已); the ranker reads phrases next to their numbers and the relation model prefers the nearer
METRIC. The count is the last number before the phrase, at most ``COUNT_FIRST_GAP`` characters back, in its
sentence, with no list heading (四、: a national table's row run into the text) between and only a lead
before it in its clause (另有, 12月下旬收到的: not 共受理申请20件); a phrase after 无 / 没有 / 未 (a zero
statement) or before a number of its own (结转下年度办理0件) is left to the models.

**Zero statements with no number**: 政府信息公开方面的举报投诉为零, 传真申请、电子邮件申请均为零. The phrase
before 为零 (after the clause start or the last 的) is the METRIC the mapping reads as a reported zero; the
ranker proposes phrases only next to numbers.

**METRIC ends**: before these, the METRICs the tagger and the ranker chose lose what no gold METRIC of the
train split or the written train reports has: the words of a comparison alone (较上年, 上年同期为, 占总量),
function words at either end (另, 和, 仅, 累计) and a cut verb (理道路运输许可事项 for 办理道路运输许可事项).

Two steps use these:

- ``stated_metrics``: after the ranker, over the normalized text, the METRIC ends are mended, and the
  phrases of each 分别 list become the METRICs (the METRICs before 分别 in its clause give way to them),
  and so do each count-first phrase with its count before it and each phrase said to be zero (where no
  entity covers them).
- ``stated_values``: in the relation step, over a Document, each number after 分别 is linked to the METRIC
  in its place, and each count-first count to its phrase (value_of), whatever found the METRICs.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from .labels import NUMBERS
from .rules import TABLE_LINE, line_bounds
from .types import Document, Entity

__all__ = ["stated_metrics", "respective_metrics", "count_first_metrics", "is_count_first", "zero_metrics", "stated_values", "split_list"]

# (的) 分别 and the verb before the numbers (traditional forms too: stated_values reads the original text)
_RESPECTIVELY = re.compile(r"的?分[别別](?:约?[为為]|是|有|达到|达|達到|達|占|计|計)?")
_NUMBER_GAP = re.compile(r"[、，,和及与與\s]{1,2}")      # between the numbers: 19件、31件和8件
_CLAUSE_BREAK = "。；;，,：:！？!?\n（(）)“”"
# what opens a clause and is no part of its first phrase: 其中, 全市, 两期 (参训人员), 经 (网上申请平台提交)
_LEAD = re.compile(r"(?:其中|另有|此外|同时|全年|本年度|年内|全[省市县区]|申请人|(?:[两二三四五六七八九十]+|各)[期次批类个项]|经|通过|由)+")
_METRIC_GAP = re.compile(rf"[、和及与與](?:{_LEAD.pattern})?")  # between the phrases of a list: 、经
_PHRASE = re.compile(r"[\u4e00-\u9fff]{2,20}")
# a list of these is no list of phrases: last year's figures (上年分别为5件和2件 restate the figures before),
# and bodies (城南分局、江北分局和新港分局分别为…: their shares of the sentence's figure)
_NOT_PHRASE = re.compile(r"(?:上年|去年|前年|上一年|上年度|同期|同比|分别)$|(?:局|厅|委|办|院|所|站|队|中心|镇|乡|街道|[省市县区])$")
_JOINT = re.compile(r"[和及与與]")

# the phrases that close a count-first statement: 结转下年度继续办理, 顺延至下年度答复, 留待下一年度答复,
# 转入下一年度继续办理 (carried forward), (经批准)延期答复 (extended); traditional forms too
COUNT_FIRST = re.compile(r"(?:[结結][转轉]至?|[转轉][入至到]|留待|[顺順]延至|延[续續]至)下一?年度?(?:[继繼][续續])?"
                         r"(?:[办辦]理|答[复覆復]|[处處]理)|延期答[复覆復]")
COUNT_FIRST_GAP = 30
# what no count and its phrase have between them: a sentence end, a list heading (四、, （二）), a line break
# (over the normalized text: PDF wraps are joined there; ``stated_values`` reads the original and allows one)
_COUNT_FIRST_STOP = re.compile(r"[。；;！？!?]|\n\s*\n|(?:^|[^\d])[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]")
_NEGATED = re.compile(r"(?:无|無|没有|沒有|未|不存在|不)$")
# what opens the count's clause: nothing, 另 / 其中 / 其余 / 除, or words ending in 的 / 有 (12月下旬收到的2件,
# 另有3件, 93件中有5件); not a phrase of its own (共受理申请20件，因…延期答复: the 20 are all received)
_COUNT_LEAD = re.compile(r"(?:另|其中|其余|除)?|.*[的有]")


def is_count_first(phrase: str) -> bool:
    """Whether a METRIC's text ends in a phrase that closes a count-first statement (经批准延期答复 too)."""
    return any(m.end() == len(phrase) for m in COUNT_FIRST.finditer(phrase))


def split_list(phrases: str) -> list[tuple[int, int]]:
    """(start, end) of the phrases of a list: split at 、 and at the one 和 / 及 / 与 of the last piece
    (城市低保和农村低保保障对象), without the lead of each (经, 申请人); [] when a piece is not 2-20 Han
    characters, names a time (上年) or a body (城南分局), or the last has two 和.

    >>> t = "当面申请、网络申请和信函申请"
    >>> [t[s:e] for s, e in split_list(t)]
    ['当面申请', '网络申请', '信函申请']
    >>> t = "当面递交、经网上申请平台提交和邮寄信函"
    >>> [t[s:e] for s, e in split_list(t)]
    ['当面递交', '网上申请平台提交', '邮寄信函']
    >>> [split_list(t) for t in ("主办件和协办件", "参训人员", "A、B", "甲和乙和丙", "上年", "城南分局和江北分局")]
    [[(0, 3), (4, 7)], [(0, 4)], [], [], [], []]
    """
    out, pos = [], 0
    for part in phrases.split("、"):
        lead = _LEAD.match(part)  # 经网上申请平台提交: the lead of each piece
        out.append((pos + (lead.end() if lead else 0), pos + len(part)))
        pos += len(part) + 1
    s, e = out[-1]
    joints = [m.start() for m in _JOINT.finditer(phrases, s, e)]
    if len(joints) > 1:
        return []
    if joints:
        out[-1:] = [(s, joints[0]), (joints[0] + 1, e)]
    ok = all(_PHRASE.fullmatch(phrases, s, e) and not _NOT_PHRASE.search(phrases, s, e) for s, e in out)
    return out if ok else []


def _numbers_after(spans: Sequence[tuple], k: int, text: str) -> list[int]:
    """Indices of the numbers from ``spans[k]`` on that follow one another with only a list gap between."""
    out = [k]
    while (k + 1 < len(spans) and spans[k + 1][2] in NUMBERS
           and _NUMBER_GAP.fullmatch(text[spans[k][1]:spans[k + 1][0]])):
        k += 1
        out.append(k)
    return out


def respective_metrics(text: str, spans: Sequence[tuple]) -> list[tuple]:
    """Returns ``spans`` ((start, end, label, score, source), sorted, over the normalized ``text``) with
    the phrases of each 分别 list as METRICs (score 1.0, source ``rule``), in place of the METRICs between
    the clause start and 分别; a clause with another entity before 分别 is left alone.

    >>> t = "收到申请58件。当面申请、网络申请和信函申请分别为19件、31件和8件。"
    >>> spans = [(4, 7, "COUNT", .9, "model"), (13, 17, "METRIC", .8, "model"), (25, 28, "COUNT", .9, "model"),
    ...          (29, 32, "COUNT", .9, "model"), (33, 35, "COUNT", .9, "model")]
    >>> [(t[s:e], lab, src) for s, e, lab, _, src in respective_metrics(t, spans) if lab == "METRIC"]
    [('当面申请', 'METRIC', 'rule'), ('网络申请', 'METRIC', 'rule'), ('信函申请', 'METRIC', 'rule')]
    """
    spans = sorted(spans, key=lambda sp: (sp[0], sp[1]))
    starts = [sp[0] for sp in spans]
    out = list(spans)
    for m in _RESPECTIVELY.finditer(text):
        k = bisect.bisect_left(starts, m.end())
        if k == len(spans) or spans[k][0] != m.end() or spans[k][2] not in NUMBERS:
            continue
        n_numbers = len(_numbers_after(spans, k, text))
        clause = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_BREAK) + 1
        lead = _LEAD.match(text, clause)
        start = lead.end() if lead else clause
        phrases = [(start + s, start + e) for s, e in split_list(text[start:m.start()])]
        if n_numbers < 2 or len(phrases) not in (1, n_numbers):
            continue
        if any(sp[0] < m.start() and clause < sp[1] for sp in out if sp[2] != "METRIC"):
            continue  # the clause holds an AGENCY, a TITLE, a count (两次督查发现问题) …: left to the ranker
        out = [sp for sp in out if not (sp[2] == "METRIC" and sp[0] < m.start() and clause < sp[1])]
        out += [(s, e, "METRIC", 1.0, "rule") for s, e in phrases]
    return sorted(out, key=lambda sp: (sp[0], sp[1]))


def count_before(text: str, spans: Sequence[tuple], start: int, end: int, line_breaks: bool = False) -> int | None:
    """Index in ``spans`` ((start, end, label, ...), sorted) of the COUNT that the count-first phrase at
    ``text[start:end]`` states (``COUNT_FIRST``), or None: the last number before it, a COUNT at most
    ``COUNT_FIRST_GAP`` characters back with no sentence end, list heading or line break between and only a
    lead before it in its clause (``_COUNT_LEAD``); none when the phrase is negated (无, 未) or has a number
    of its own right after it. ``line_breaks``: whether one line break may stand between (the original text
    of a PDF).

    >>> t = "全年答复申请45件，另有2件系12月下旬收到，结转下年度办理。"
    >>> spans = [(6, 9, "COUNT"), (12, 14, "COUNT"), (15, 21, "DATE")]
    >>> m = COUNT_FIRST.search(t); count_before(t, spans, m.start(), m.end())
    1
    >>> t = "共受理申请3件，均按时答复，无结转下年度办理。"
    >>> m = COUNT_FIRST.search(t); count_before(t, [(5, 7, "COUNT")], m.start(), m.end()) is None
    True
    >>> t = "共受理申请20件，因涉及第三方延期答复。"
    >>> m = COUNT_FIRST.search(t); count_before(t, [(5, 8, "COUNT")], m.start(), m.end()) is None
    True
    """
    if _NEGATED.search(text, max(0, start - 3), start):
        return None
    k = bisect.bisect_left([sp[1] for sp in spans], start + 1) - 1  # the last span ending before the phrase
    after = bisect.bisect_left([sp[0] for sp in spans], end)
    if after < len(spans) and spans[after][2] in NUMBERS and spans[after][0] - end <= 2:
        return None  # 结转下年度办理0件: the phrase has its own number
    while k >= 0 and spans[k][2] not in NUMBERS:
        k -= 1
    if k < 0 or spans[k][2] != "COUNT" or start - spans[k][1] > COUNT_FIRST_GAP:
        return None
    gap = text[spans[k][1]:start]
    if _COUNT_FIRST_STOP.search(gap) or (not line_breaks and "\n" in gap):
        return None
    clause = max(text.rfind(c, 0, spans[k][0]) for c in _CLAUSE_BREAK) + 1
    return k if _COUNT_LEAD.fullmatch(text, clause, spans[k][0]) else None


def count_first_metrics(text: str, spans: Sequence[tuple]) -> list[tuple]:
    """Returns ``spans`` ((start, end, label, score, source), sorted, over the normalized ``text``) with each
    count-first phrase (结转下年度办理, 延期答复) that has its count before it (``count_before``) and no entity
    over it as a METRIC (score 1.0, source ``rule``); the lines of a table (| or tabs) are left alone.

    >>> t = "另有3件因需征求第三方意见，结转下年度继续办理。"
    >>> [t[s:e] for s, e, lab, *_ in count_first_metrics(t, [(2, 4, "COUNT", .9, "model")]) if lab == "METRIC"]
    ['结转下年度继续办理']
    """
    spans = sorted(spans, key=lambda sp: (sp[0], sp[1]))
    out = list(spans)
    for m in COUNT_FIRST.finditer(text):
        line = text[slice(*line_bounds(text, m.start(), m.end()))]
        if TABLE_LINE.search(line) or any(sp[0] < m.end() and m.start() < sp[1] for sp in spans):
            continue
        if count_before(text, spans, m.start(), m.end()) is not None:
            out.append((m.start(), m.end(), "METRIC", 1.0, "rule"))
    return sorted(out, key=lambda sp: (sp[0], sp[1]))


# 举报投诉为零, 传真申请、电子邮件申请均为零, 费用减免亦为零: a phrase said to be zero (no number to rank it by)
_IS_ZERO = re.compile(r"(?:均|都|仍|亦|也)?(?:为|是)(?:零|〇)(?![.\d])")


def zero_metrics(text: str, spans: Sequence[tuple]) -> list[tuple]:
    """Returns ``spans`` ((start, end, label, score, source), sorted, over the normalized ``text``) with the
    phrases said to be zero as METRICs (score 1.0, source ``rule``): what stands between the clause start
    (without its lead: 本年度, 全年) or the last 的 and 为零, split as a list (``split_list``); left alone when
    an entity covers any of it or a piece is no phrase.

    >>> t = "政府信息公开方面的举报投诉为零；传真申请、电子邮件申请均为零。"
    >>> [t[s:e] for s, e, lab, *_ in zero_metrics(t, []) if lab == "METRIC"]
    ['举报投诉', '传真申请', '电子邮件申请']
    """
    spans = sorted(spans, key=lambda sp: (sp[0], sp[1]))
    out = list(spans)
    for m in _IS_ZERO.finditer(text):
        start = max([text.rfind(c, 0, m.start()) for c in _CLAUSE_BREAK + "的"]) + 1
        lead = _LEAD.match(text, start)
        start = lead.end() if lead else start
        phrases = [(start + a, start + b) for a, b in split_list(text[start:m.start()])]
        if phrases and not any(sp[0] < m.start() and start < sp[1] for sp in spans):
            out += [(a, b, "METRIC", 1.0, "rule") for a, b in phrases]
    return sorted(out, key=lambda sp: (sp[0], sp[1]))


# the words of a comparison, which measure nothing themselves: 较上年(的19件), 上年同期(为), 占总量(的54.7%)
# (no gold METRIC of the corpus or the written reports starts with 较, 比 or 占, or is last year alone)
_COMPARISON = re.compile(r"(?:[较較比]|与|與)?(?:上年|去年|上一年|上年度)(?:同期)?(?:的|为|為)?|[占佔][\u4e00-\u9fff]{0,8}")


# the function words no METRIC starts or ends with (none of the 4,211 gold METRICs of the corpus train split and
# the written train reports does): 另(设置查阅点), 和(县政协提案), (主动公开信息)和, (应诉的行政诉讼)仅, (粉丝)累计
_LEADING = re.compile(r"[另和及与與并並共均仅僅已]+")
_TRAILING = re.compile(r"(?:[和及与與仅僅共均已达達]|累计|累計|(?<!行)[为為])+$")


def trim_metric(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of a METRIC without the function words at its ends (``_LEADING``, ``_TRAILING``),
    unless fewer than two characters would be left.

    >>> t = "和县政协提案21件，主动公开信息和26件申请，维持原具体行政行为3件"
    >>> [t[slice(*trim_metric(t, s, e))] for s, e in [(0, 6), (10, 17), (23, 32)]]
    ['县政协提案', '主动公开信息', '维持原具体行政行为']
    """
    lead = _LEADING.match(text, start, end)
    s = lead.end() if lead else start
    tail = _TRAILING.search(text, s, end)
    e = tail.start() if tail else end
    return (s, e) if e - s >= 2 else (start, end)


# two-character verbs that open METRICs (the most frequent openings of the gold METRICs of the train split and
# the written train reports, and their kin): a METRIC never starts at their second character (理道路运输许可事项)
_VERBS = frozenset("""发布 受理 公开 收到 收取 回应 召开 举办 办理 开展 接待 推送 告知 发放 公示 参加 制发 公布 设置 安排
刊登 办结 更新 承办 设立 新增 接听 制作 发现 组织 接受 解答 作出 梳理 关停 邀请 配备 抽查 保留 实现 审核 审批 报送
发送 报告 处理 完成 提供 编制 印发 上报 答复 录入 开通 维护 审查 征集 转办 核实 督办 受到""".split())


def whole_verb_start(text: str, start: int, floor: int = 0) -> int:
    """``start`` of a METRIC, moved back one character where it cuts a two-character verb (``_VERBS``:
    办 + 理道路运输许可事项, 审 + 核审批城乡低保申请), never before ``floor`` (the end of the span before).

    >>> t = "通过平台办理道路运输许可事项12件，其中实现全文电子化的8条"
    >>> [t[whole_verb_start(t, s):e] for s, e in [(5, 14), (21, 27)]]
    ['办理道路运输许可事项', '实现全文电子化']
    >>> whole_verb_start(t, 4), whole_verb_start(t, 5, floor=5)  # 办理 is whole; the span before ends at 5
    (4, 5)
    """
    return start - 1 if start - 1 >= floor and text[start - 1:start + 1] in _VERBS else start


def stated_metrics(text: str, spans: Sequence[tuple]) -> list[tuple]:
    """The METRICs the wording decides (``respective_metrics``, ``count_first_metrics``,
    ``zero_metrics``), over the normalized ``text``: the step after the METRIC ranker. The words of a
    comparison (较上年, 上年同期, 占总量) are no METRIC, no METRIC keeps a function word at its ends
    (``trim_metric``) or starts inside a verb (``whole_verb_start``)."""
    spans = [sp if sp[2] != "METRIC" else (*trim_metric(text, sp[0], sp[1]), *sp[2:]) for sp in spans
             if sp[2] != "METRIC" or not _COMPARISON.fullmatch(text, sp[0], sp[1])]
    spans.sort(key=lambda sp: (sp[0], sp[1]))
    spans = [sp if sp[2] != "METRIC" else (whole_verb_start(text, sp[0], spans[k - 1][1] if k else 0), *sp[1:])
             for k, sp in enumerate(spans)]
    return zero_metrics(text, count_first_metrics(text, respective_metrics(text, spans)))


def stated_values(doc: Document, in_table=None) -> list[tuple[Entity, Entity]]:
    """(number, METRIC) pairs the wording of ``doc`` states: of the 分别 lists, the METRICs of a list joined by
    、 / 和 / 及 / 与 right before 分别, and as many numbers right after it (or one METRIC for all of them),
    in order; of each count-first METRIC (结转下年度继续办理, 延期答复), its count (``count_before``, over the
    original text: one line break may stand between). ``in_table(e)``: whether an entity stands in a
    statistic table (those take no relations)."""
    ents = sorted((e for e in doc.entities if in_table is None or not in_table(e)), key=lambda e: (e.start, e.end))
    text = doc.text
    tuples = [(e.start, e.end, e.label) for e in ents]
    out = []
    for k, e in enumerate(ents):
        if e.label == "METRIC" and is_count_first(e.text):
            n = count_before(text, tuples, e.start, e.end, line_breaks=True)
            if n is not None:
                out.append((ents[n], e))
            continue
        if e.label != "METRIC" or k + 1 >= len(ents):
            continue
        m = _RESPECTIVELY.fullmatch(text, e.end, ents[k + 1].start) if ents[k + 1].label in NUMBERS else None
        if m is None:
            continue
        j = k  # the METRICs of the list, back from the last
        while j > 0 and ents[j - 1].label == "METRIC" and _METRIC_GAP.fullmatch(text, ents[j - 1].end, ents[j].start):
            j -= 1
        metrics = ents[j:k + 1]
        numbers = [ents[i] for i in _numbers_after(tuples, k + 1, text)]
        if len(numbers) >= 2 and len(metrics) in (1, len(numbers)):
            out += [(n, metrics[0] if len(metrics) == 1 else mt) for n, mt in
                    zip(numbers, metrics * len(numbers) if len(metrics) == 1 else metrics)]
    return out
