"""Rule-based entity finder: the pre-annotator for gold data and the rules-only baseline.

Works on the normalized text (``govie.normalize``) and returns spans in the
caller's original coordinates. Precise patterns for DOCNUM, DATE, PERCENT,
MONEY, COUNT and TITLE; AGENCY from administrative-division and department
suffixes; METRIC as the verb-object phrase before a number. The trained model
is measured against this baseline.

>>> [(e.label, e.text) for e in find_entities("根据国办发〔2018〕23号文件，主动公开政府信息近2万条。")]
[('DOCNUM', '国办发〔2018〕23号'), ('METRIC', '主动公开政府信息'), ('COUNT', '近2万条')]
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Sequence

from .gazetteer import agency_spans, with_document_places
from .labels import NUMBERS
from .normalize import Normalized, normalize, strip_span
from .types import Entity

__all__ = ["find_entities", "find_spans", "TABLE_LINE"]

H = "\u3400-\u9fff"
_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
MEASURE = ("人次|件次|万人次|万次|万条|万件|万元|亿元|千元|元|件|条|次|部分|个|人|项|篇|份|名|例|起|场|家|所|张|批|户|位|"
           "部|本|册|套|类|处|台|宗|封|页|期|幅|栏|家次|个次|场次|万|余人|余件")

_BRACKET_YEAR = r"[〔\[［﹝(【〖]\s*(?:19|20)\d{2}\s*[〕\]］﹞)】〗]"  # 〔2018〕 and its other brackets
DOCNUM = re.compile(
    rf"(?P<issuer>[{H}A-Za-z]{{1,14}}?)\s*{_BRACKET_YEAR}\s*第?\s*\d{{1,5}}\s*号"
    rf"|[{H}]{{2,12}}?(?:19|20)\d{{2}}〕\d{{1,5}}号")
# a decree number (国务院令第711号, 教育部令第29号, 省政府令【2008】第9号): GUIDELINES 2026-11-23
DECREE = re.compile(rf"(?:国务院|[{H}]{{1,12}}?(?:政府|部|委|局|厅|署))令\s*(?:{_BRACKET_YEAR}\s*)?第\s*\d{{1,5}}\s*号")
_DECREE_PREFIX = re.compile(r"^.*?(?:根据|按照|依据|依照|执行|落实|贯彻|学习|宣传|和|及|与|的|即)")
_DOCNUM_PREFIX = re.compile(
    r"^(?:.*?(?:根据|按照|依据|依照|印发|下发|转发|出台|制定|执行|落实|贯彻|关于|通过|文件|以|和|及|与|即|的|了|在|对|将|是|为|由|经|并|同时|还|省|市|区|县))")

_YEAR = r"(?:19|20)\d{2}"
_MD = r"(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])[日号])?"
_DATE_ONE = rf"(?:{_YEAR}年(?:度|{_MD}|(?:1[0-2]|0?[1-9])月份)?|{_YEAR}[-./](?:1[0-2]|0?[1-9])[-./](?:3[01]|[12]\d|0?[1-9])(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?|(?<![\d.])(?:{_MD}|(?:1[0-2]|0?[1-9])月份)|[〇零一二三四五六七八九O]{{4}}年(?:[一二三四五六七八九十]{{1,2}}月(?:[一二三四五六七八九十]{{1,3}}日)?)?)"
DATE = re.compile(rf"{_DATE_ONE}(?:(?:起?至|到|—|-|~|－)(?:{_DATE_ONE}|(?:3[01]|[12]\d|0?[1-9])日))?")

PERCENT = re.compile(r"(?:近|约|超过)?(?:\d+(?:\.\d+)?\s*[%‰]|百分之[零一二三四五六七八九十百点]+)(?:以上|左右)?")
MONEY = re.compile(rf"(?:近|约|超过)?\d+(?:,\d{{3}})*(?:\.\d+)?(?:余|多)?(?:万|亿|千)?元"
                   rf"|[{_CN_NUM}]*[零〇一二两三四五六七八九十百千](?:余|多)?(?:万|亿)?元")  # not 万元 alone (单位：万元)
COUNT = re.compile(
    rf"(?:近|约|超过|逾)?(?<![\d.,])\d+(?:,\d{{3}})*(?:\.\d+)?(?:万|亿)?(?:余|多)?(?:{MEASURE})(?:以上|左右)?"
    rf"|(?:近|约)?(?<![{_CN_NUM}第])(?:[两二三四五六七八九十][{_CN_NUM}]*|[一][十百千万][{_CN_NUM}]*|[十百千])(?:余|多)?(?:{MEASURE})")
_NOT_COUNT_AFTER = re.compile(r"^(?:个?工作日|个?月|天|年|周|小时|分钟|日|号|版|届|级|岁|线|期间|方面|大|化|是|要|项目)")
TITLE = re.compile(r"《([^《》\n]{1,120}?(?:<[^<>]*>[^《》\n]*?)*)》")

_AGENCY_SUFFIX = ("人民政府办公室|人民政府办公厅|人民政府|管理委员会|管委会办公室|管委会|委员会|办公厅|办公室|"
                  "政务公开办|信息公开办|公开办|服务中心|交易中心|信息中心|指挥部|管理处|管理局|管理所|"
                  "监察局|税务局|公安局|档案馆|图书馆|法院|检察院|局|厅|委|办|中心|科|处|股|所|站|队|院|馆|部")
AGENCY = re.compile(
    rf"(?:国务院|中共中央|中办|国办|[{H}]{{1,8}}?(?:省|市|区|县|州|盟|旗|乡|镇|街道|自治区|实验区))[{H}()]{{0,16}}?(?:{_AGENCY_SUFFIX})(?![{H}])"
    rf"|(?<![{H}])[{H}]{{2,8}}(?:科|处|室|股)(?=[、，,。;；和与及])")
# no name: a pronoun or generic plural (各县区财政局, 机关各处室, 责任科室, 两级 levels: 市州水利局, 乡镇卫生院; not
# 省市场监督管理局), a sentence run into it (申请人为…, 不含…)
_AGENCY_BAD = re.compile(r"^(?:我|本|该|有关|相关|上级|下级|全|其|(?:市州|县区|区县|县市|市县|乡镇|省市)(?!场))|各|为(?!民)|不含|(?:处室|科室|股室)$"
                         r"|领导小组|工作小组|监督小组|网站|平台|窗口")

METRIC_VERBS = ("主动公开|公开|发布|更新|受理|收到|办理|答复|办结|回复|处理|举办|召开|开展|组织|接待|提供|制作|"
                "制发|印发|编制|刊登|转发|报送|上传|梳理|确认|取消|公布|解读|回应|培训|参加|新增|累计|访问|浏览|收取")
METRIC = re.compile(rf"(?:{METRIC_VERBS})[{H}、]{{0,14}}$")

_CLAUSE_BREAK = set("，,。；;：:！!？? \t（(）)“”、")
# words before an organ's name in a match of AGENCY (申请人向【市劳动和社会保障局】, 明确【党政办公室】)
_AGENCY_PREFIX = re.compile(r"是|由|在|设在|向|经|和|与|及|对|将|组织|牵头|会同|联合|配合|指导|要求|通过|根据|按照|"
                            r"印发|下发|报|请|为|把|被|从|于|同|等|明确|下设|简称|即")
# a name that starts with its place (柘川市…, 市…, 巴音郭楞蒙古自治州…: a known place ends with one of these too)
_PLACE_FIRST = re.compile(rf"[{H}]{{0,8}}?(?:省|市|县|区|州|盟|旗|乡|镇)")
# prefix words that also begin words of names (【对外贸易处】, 【经济开发区管委会】, 【为民服务中心】)
_PREFIX_IN_NAME = re.compile(r"对外|经济|经信|经贸|为民")


def _agency_cut(name: str) -> int:
    """Where the organ's name starts in a match of AGENCY: after the last prefix word that a place name follows
    (申请人向 + 市…局: not after the 请 of 申请), else after the first prefix word that is not a
    conjunction (区环境与国土资源局 is one name) nor the start of a word of names (对外贸易处); 0 without one.

    >>> [_agency_cut(n) for n in ("申请人向市劳动和社会保障局", "区环境与国土资源局", "对外贸易处", "明确党政办公室")]
    [4, 0, 0, 2]
    """
    cuts = [m for m in _AGENCY_PREFIX.finditer(name) if len(name) - m.end() >= 2]
    named = [m.end() for m in cuts if _PLACE_FIRST.match(name, m.end())]
    if named:
        return named[-1]
    return next((m.end() for m in cuts if m.group() not in ("和", "与", "及", "同", "等")
                 and not _PREFIX_IN_NAME.match(name, m.start())), 0)

_CELL = re.compile(r"(?<![\w.%])[+\-]?\d+(?:\.\d+)?(?![\w.%])")

# A table row: cells separated by | or tabs, or a label followed by numbers.
TABLE_LINE = re.compile(r"\||\t")


# a list of names: Han runs joined by 、 (the last by 和 / 及); a body among them ends in an organ's word
_LIST = re.compile(rf"[{H}]{{2,14}}(?:、[{H}]{{2,14}}){{2,}}")
_BODY = re.compile(rf"[{H}]{{2,10}}(?:局|委员会|中心|办公室)")


def _list_items(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the items of the list at ``norm[start:end]``: split at 、, and the last at a 和 / 及
    that leaves a body on both sides (林权交易中心和便民咨询中心)."""
    out, pos = [], start
    for part in norm[start:end].split("、"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    s, e = out[-1]
    for k in range(s + 2, e - 2):
        if norm[k] in "和及" and _BODY.fullmatch(norm, s, k) and _BODY.fullmatch(norm, k + 1, e):
            out[-1:] = [(s, k), (k + 1, e)]
            break
    return out


def _taken(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of the disjoint spans with these sorted ``starts`` and ``ends``."""
    i = bisect.bisect_right(ends, s)
    return i < len(starts) and starts[i] < e


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    r"""(start, end) of the line around ``text[start:end]``: from the line break before ``start`` to the one
    after ``end`` (the text's ends when there is none).

    >>> line_bounds("a\nbc 3\nd", 4, 5)
    (2, 6)
    """
    b = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, b if b >= 0 else len(text)


def _overlaps(a: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a[0] < t[1] and t[0] < a[1] for t in taken)


def find_spans(norm: str) -> list[tuple[int, int, str]]:
    """Returns (start, end, label) spans over a NORMALIZED text, non-overlapping, sorted."""
    spans: list[tuple[int, int, str]] = []
    # Taken spans are disjoint, so sorted by start they are sorted by end too: the overlap test is a
    # bisection (a linear scan made long reports quadratic: 1M characters took minutes).
    starts: list[int] = []
    ends: list[int] = []

    def add(s: int, e: int, label: str) -> None:
        s, e = strip_span(norm, s, e)  # 《关于…的通知 | 》 gives the TITLE 关于…的通知 |
        if s >= e:
            return
        i = bisect.bisect_right(ends, s)
        if i < len(starts) and starts[i] < e:
            return
        spans.append((s, e, label))
        starts.insert(i, s)
        ends.insert(i, e)

    for m in TITLE.finditer(norm):
        add(m.start(1), m.end(1), "TITLE")
    for m in DECREE.finditer(norm):
        cut = _DECREE_PREFIX.match(m.group())
        add(m.start() + (cut.end() if cut else 0), m.end(), "DOCNUM")
    for m in DOCNUM.finditer(norm):
        s = m.start()
        issuer = m.group("issuer") or ""
        cut = _DOCNUM_PREFIX.match(issuer)
        if cut and cut.end() < len(issuer):
            s += cut.end()
        add(s, m.end(), "DOCNUM")
    for m in DATE.finditer(norm):
        add(m.start(), m.end(), "DATE")
    for m in PERCENT.finditer(norm):
        add(m.start(), m.end(), "PERCENT")
    for m in MONEY.finditer(norm):
        add(m.start(), m.end(), "MONEY")
    for m in COUNT.finditer(norm):
        if _NOT_COUNT_AFTER.match(norm[m.end():]) and not m.group().endswith(("次", "件", "条")):
            continue
        if norm.startswith("为", m.end()) and not re.search(r"\d", m.group()):
            continue  # 三个为民, 两个为主: a numeral word; 其余17人为兼职 is a count
        prev = norm[max(0, m.start() - 1):m.start()]
        if prev in ("第",) or re.fullmatch(r"\d", prev):
            continue
        add(m.start(), m.end(), "COUNT")
    for s, e in agency_spans(norm):  # known department names first: 住房和城乡建设局 is one name
        if not _AGENCY_BAD.search(norm[s:e]):
            add(s, e, "AGENCY")
    for m in AGENCY.finditer(norm):
        start = m.start()
        start += _agency_cut(m.group())
        if not _AGENCY_BAD.search(norm[start:m.end()]):
            add(start, m.end(), "AGENCY")
    # the other bodies of a list that names one (县公安局、产业促进局、民生事务局和便民咨询中心)
    for m in _LIST.finditer(norm):
        items = _list_items(norm, m.start(), m.end())
        if len(items) >= 3 and any(_taken(starts, ends, *it) for it in items):
            for it in items:
                if _BODY.fullmatch(norm, *it) and not _AGENCY_BAD.search(norm[it[0]:it[1]]):
                    add(*it, "AGENCY")
    # bare numeric cells of statistic tables (| or tab rows, or a line holding only a number)
    for m in _CELL.finditer(norm):
        line = norm[slice(*line_bounds(norm, m.start(), m.end()))]
        if TABLE_LINE.search(line) or line.strip() == m.group():
            add(m.start(), m.end(), "MONEY" if "万元" in line or "金额" in line else "COUNT")
    # METRIC: the verb phrase right before a COUNT/MONEY/PERCENT in running text
    for s, e, label in list(spans):
        if label not in NUMBERS:
            continue
        line_start, line_end = line_bounds(norm, s, s)
        if TABLE_LINE.search(norm[line_start:line_end]):
            continue
        w0 = max(line_start, s - 16)
        cut = max((i for i, c in enumerate(norm[w0:s]) if c in _CLAUSE_BREAK), default=-1)
        seg_start = w0 + cut + 1
        seg = re.sub(r"(?:共计|共|达到|达|约|合计|总计|累计|为|是|了|计|有)$", "", norm[seg_start:s])
        m = METRIC.search(seg)
        if m and len(m.group()) >= 2 and not m.group().endswith("、"):
            add(seg_start + m.start(), seg_start + m.end(), "METRIC")
    spans.sort()
    return spans


# a web page's footer (主办单位：…　承办单位：…, 技术支持：…, ICP备…): page furniture, no entity (GUIDELINES); only
# a short line in the footer's form (a label and a colon), not prose (为群众提供技术支持)
_FURNITURE = re.compile(r"(?:主办|承办|协办)(?:单位)?\s*[:：]|技术支持\s*[:：]|版权所有\s*[:：©]|©\s*\d{4}|ICP备\s*\d|公网安备|网站标识码\s*[:：]?\s*\w")
_FURNITURE_LINE = 200  # characters of a footer line at most


def without_furniture(norm: str, spans: Sequence[tuple]) -> list[tuple]:
    """``spans`` ((start, end, ...) over the normalized text ``norm``) without those on the lines of a page
    footer (``_FURNITURE``: at most ``_FURNITURE_LINE`` characters).

    >>> t = "主动公开信息32条。\\n主办单位：临江县人民政府办公室　承办单位：临江县信息中心"
    >>> [t[s:e] for s, e, _ in without_furniture(t, [(4, 6, "METRIC"), (16, 26, "AGENCY"), (32, 39, "AGENCY")])]
    ['信息']
    >>> t = "为群众提供技术支持，协调临江县信息中心"  # prose
    >>> len(without_furniture(t, [(11, 18, "AGENCY")]))
    1
    """
    bad = set()
    for m in _FURNITURE.finditer(norm):  # the footer words are rare: find them, then their lines
        a, b = line_bounds(norm, m.start(), m.end())
        if b - a <= _FURNITURE_LINE:
            bad.add((a, b))
    if not bad:
        return list(spans)
    return [sp for sp in spans if not any(a <= sp[0] < b for a, b in bad)]


def find_entities(text: str | Normalized, *, id_prefix: str = "T") -> list[Entity]:
    """Returns rule entities of ``text`` with original offsets (``source='rule'``): ``find_spans``
    with the places the document names before its AGENCY spans (``with_document_places``), none on the
    lines of a page footer (``without_furniture``)."""
    norm = text if isinstance(text, Normalized) else normalize(text)
    out: list[Entity] = []
    for s, e, label in without_furniture(norm.text, with_document_places(norm.text, find_spans(norm.text))):
        os_, oe = norm.to_original(s, e)
        out.append(Entity(id=f"{id_prefix}{len(out) + 1}", start=os_, end=oe, label=label,
                          text=norm.original[os_:oe], score=1.0, source="rule"))
    return out


def spans_to_entities(norm: Normalized, spans: Iterable[tuple[int, int, str, float]]) -> list[Entity]:
    """Returns Entities in original coordinates for (start, end, label, score) normalized spans."""
    out = []
    for s, e, label, score in spans:
        os_, oe = norm.to_original(s, e)
        out.append(Entity(id=f"T{len(out) + 1}", start=os_, end=oe, label=label, text=norm.original[os_:oe],
                          score=score))
    return out
