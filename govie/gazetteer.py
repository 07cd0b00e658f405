"""Names of Chinese administrative divisions and government departments (``govie/data/*.tsv``).

``divisions.tsv``: province / prefecture / county names (from cpca, MIT; see the file's header).
``departments.tsv``: department, public-institution and internal-division names by level, with short
forms (written for govie from the standard institutional nomenclature). The synthetic report
generator builds its agencies from the same rows; the rules find them with ``agency_spans``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Sequence

DATA = Path(__file__).with_name("data")

# governments and party organs, named by the level before them (省政府, 市委, 区管委会, 县政府办公室)
_GOVERNMENTS = ("人民政府", "政府", "人民政府办公厅", "人民政府办公室", "政府办公厅", "政府办公室", "政府办",
                "管委会", "管理委员会", "管委会办公室", "党工委", "政务公开办", "公开办", "政府公开办",
                "政府新闻办", "政府新闻办公室", "人民政府新闻办公室", "政府法制办", "政府法制办公室",
                "人民政府法制办公室", "政府督查室", "政务公开办公室", "信息公开办公室", "政府信息公开办公室",
                "政府信息公开工作办公室", "信息公开工作办公室", "党政办", "党政办公室", "党政综合办公室", "便民服务中心")
# the party committee's working organs, named by the committee before them (省委组织部, 县委办, 区党工委宣传部)
_PARTY_ORGANS = ("办公室", "办", "组织部", "宣传部", "统战部", "政法委", "外宣局", "外宣办", "网信办", "编办")
# the party centre, bare: a name only beside another one (中央和省政府, 中央、省委), not in 中央财政, 中央八项规定
_CENTRE = "中央"
# national organs: named by themselves (no place before them)
_NATIONAL = ("国务院", "国务院办公厅", "国务院办公厅政府信息与政务公开办公室", "国办公开办", "党中央", "中共中央",
             "中办", "国办", "中共中央办公厅", "全国人大",
             "国家发展改革委", "教育部", "科技部", "工业和信息化部", "公安部", "民政部", "司法部", "财政部",
             "人力资源社会保障部", "自然资源部", "生态环境部", "住房城乡建设部", "交通运输部", "水利部",
             "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委", "应急管理部", "审计署", "国家统计局",
             "国家税务总局", "市场监管总局", "国家档案局",
             # full names, and the ministries of the years before the 2018 reform (reports of 2008-2018 cite them)
             "国家发展和改革委员会", "人力资源和社会保障部", "住房和城乡建设部", "国家卫生健康委员会", "国家市场监督管理总局",
             "卫生部", "国家卫生计生委", "国家卫生和计划生育委员会", "环境保护部", "国家环境保护总局", "国土资源部",
             "农业部", "文化部", "国家旅游局", "监察部", "国家林业局", "国家安全生产监督管理总局",
             "国家工商行政管理总局", "国家质量监督检验检疫总局", "国家食品药品监督管理总局", "国务院法制办公室")
# and their general offices (环境保护部办公厅)
NATIONAL = _NATIONAL + tuple(f"{n}办公厅" for n in _NATIONAL if n.endswith(("部", "委", "委员会", "总局", "署")))
# a department name directly followed by one of these is a title, a website, a building, a meeting or a modifier
# (县政府各部门, 区政府系统, 市政府秘书长), not the organ
_NOT_AFTER = ("长", "网", "门户", "官网", "微信", "微博", "公众号", "大厅", "主任", "窗口", "人员", "工作", "信息",
              "门", "令", "大院", "采购", "常务会议", "会议", "各部门", "部门", "系统", "领导", "分管", "秘书长",
              "主要负责")
_LEVELS = "省市县区镇乡"  # the level characters a place name ends with
# a one-character level prefix (市住建局, 局办公室) is not taken after these (全市, 我局, 本局 …), nor after
# another level character (各县区财政局, 乡镇人民政府: every county's and town's)
_NOT_BEFORE_PREFIX = set("全本该各我其" + _LEVELS)
# a pronoun (我区, 本县, 该市) before the level prefix: the body it points at is named by what follows, when that is an
# office (我区 + 管委会办公室, as 我局 + 办公室: GUIDELINES, the office alone); its government alone (我区政府) is not
_PRONOUN = set("我本该")
_OFFICE = ("办公室", "办公厅")
# after a list of bare names: kinds of places (档案馆、图书馆等场所), not the organs
_PLACE_KINDS = ("等场所", "等公共场所", "等地点", "等场馆", "等查阅场所", "等公共查阅", "场所")
# a division name without an organ before it is taken after a clause boundary or one of these words
_DIVISION_AFTER = set("由在和与及是向经对将为设")


# Places the document names itself (岚溪县 of 岚溪县人民政府, a county no list holds): the two Han
# characters (and a zone word: 汀澜经济开发区) before a rule AGENCY that starts at a level character,
# confirmed where the same place stands at a name position (the start of the text or a line, after a
# space, a colon, 《 or an opening quote or bracket). Not places: these characters and words.
_NOT_IN_PLACE = set("全本该各我其和与及在由是向经对将为的了等并或")
_NOT_PLACE = frozenset({
    "指定", "依托", "通过", "邀请", "联合", "围绕", "协调", "建立", "委托", "汇总", "举办", "会同", "按照", "根据",
    "要求", "组织", "公布", "牵头", "配合", "指导", "印发", "下发", "设在",  # verbs before a body
    "实验", "开发", "高新", "经济", "保税", "新区", "试验", "示范"})  # zones: 经济开发区, 高新区
_NAME_POSITION = " \t\n\u3000:：>《“「【"
_AFTER_NAME_POSITION = re.compile(f"[{re.escape(_NAME_POSITION)}]")
# a document an organ issued, right after its name, and the first character of its number: 《…》（云政办函〔…
_ISSUED_DOCUMENT = re.compile(r"(?:[联聯]合)?(?:印[发發]|[发發]布|制定|出台)?的?《[^《》\n]{1,120}》\s*[（(]\s*([\u4e00-\u9fff])")
# the words of a zone name before its 区 (汀澜经济开发区, 平潭综合实验区, 滨海新区), longest first
_ZONES = ("高新技术产业开发", "经济技术开发", "高新技术开发", "综合保税", "经济开发", "综合实验", "高新", "开发", "实验",
          "保税", "新")


def _rows(name: str, header: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", header)):
            out.append(line.split("\t"))
    return out


@lru_cache(maxsize=1)
def division_rows() -> list[tuple[str, str, str]]:
    """(province, prefecture, county) rows; county is '' on prefecture rows."""
    return [(p, c, x) for _, p, c, x in _rows("divisions.tsv", "adcode")]


@lru_cache(maxsize=1)
def department_rows() -> list[tuple[str, ...]]:
    """(kind, province name, city name, county name, short_p, short_c, code, first year, last year);
    '-' where a level has no such body."""
    return [tuple(r) for r in _rows("departments.tsv", "kind")]


class _Tables(NamedTuple):
    organs: frozenset[str]    # organ names and short forms, governments, national organs
    internal: frozenset[str]  # internal-division names
    places: frozenset[str]
    stems: frozenset[str]     # 临江 of 临江市: a place named at another level
    ends: frozenset[str]      # last characters of organ and division names
    longest: int              # the longest organ or division name
    longest_place: int        # the longest place name (巴音郭楞蒙古自治州: 9)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    organs, internal = set(_GOVERNMENTS), set()
    for kind, *names in department_rows():
        target = internal if kind == "internal" else organs
        target.update(n for n in names[:5] if n != "-" and len(n) >= 2)
    committees = [f"{lvl}委" for lvl in "省市县区"]
    organs.update(committees)
    organs.update(f"{c}{o}" for c in committees + ["党工委"] for o in _PARTY_ORGANS)
    # 和县, 与…: a place name that starts with a conjunction would swallow it (档案馆和县图书馆)
    places = {n for row in division_rows() for n in row if len(n) >= 2 and n[0] not in "和与及"}
    stems = {n[:-1] for n in places if len(n) >= 3 and n[-1] in "省市县区"}
    organs.update(NATIONAL)
    organs.add(_CENTRE)
    both = organs | internal
    return _Tables(frozenset(organs), frozenset(internal), frozenset(places), frozenset(stems),
                   frozenset(n[-1] for n in both), max(map(len, both)), max(map(len, places)))


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _name_before(text: str, end: int, names: frozenset[str], longest: int) -> int | None:
    """Start of the longest name in ``names`` that ends at ``end``, or None."""
    for n in range(min(longest, end), 1, -1):
        if text[end - n:end] in names:
            return end - n
    return None


def _level_at(text: str, i: int) -> bool:
    """Whether the name at ``i`` opens with its level character (省教育厅), not with a word (市场监督管理局)."""
    return text[i] in "省市县区" and not text.startswith("市场", i)


def _places_before(text: str, start: int, tables: _Tables) -> int:
    """Moves ``start`` left over the place names before a name: 河北 + 省教育厅 (a short form keeps its
    level character), 临江 + 县 (a known place at another level: 临江市), 河北省 + 邢台市 + …"""
    places, longest = tables.places, tables.longest_place
    if _level_at(text, start):
        p = _name_before(text, start + 1, places, longest)
        p = _name_before(text, start, tables.stems, longest - 1) if p is None else p
        start = start if p is None or not _place_here(text, p) else p
    while (p := _name_before(text, start, places, longest)) is not None and _place_here(text, p):
        start = p
    return start


def _at_name_position(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _NAME_POSITION


def _place_here(text: str, i: int) -> bool:
    """Whether the place name at ``i`` is one: 会同县 is a county, but 会同 is also a verb (我局会同县人力资源
    和社会保障局, 会同市政府新闻办), so a place that starts with a verb is taken only at a name position."""
    return text[i:i + 2] not in _NOT_PLACE or _at_name_position(text, i)


def _places_list(found: list[tuple[int, int, str]], k: int, text: str) -> bool:
    """Whether the list of names from ``found[k]`` on names kinds of places (档案馆、图书馆等场所), not organs."""
    while k + 1 < len(found) and found[k + 1][0] == found[k][1] + 1 and text[found[k][1]] == "、":
        k += 1
    return text.startswith(_PLACE_KINDS, found[k][1])


def agency_spans(text: str) -> list[tuple[int, int]]:
    """Returns (start, end) of the department names in ``text`` (normalized, simplified script),
    longest first at each end, with what names it before them: place names (河北省邢台市 + 教育局),
    an organ before a division (市政府 + 办公室), or a one-character level prefix (市住建局,
    局办公室). A name with nothing of that before it is taken only where it cannot be the tail of a
    longer name: an organ coordinated with a named one (省档案馆、图书馆), a division after a clause
    boundary (由办公室负责). Spans do not overlap; sorted.

    >>> t = "特此印发湛江市住房和城乡建设局2024年报告，局办公室、政务公开和信息科负责，教育局长"
    >>> [t[s:e] for s, e in agency_spans(t)]
    ['湛江市住房和城乡建设局', '局办公室', '政务公开和信息科']
    >>> t = "请与湛江市住房和城乡建设局办公室联系，全市教育局、县档案馆、图书馆，河北省教育厅，领导小组办公室"
    >>> [t[s:e] for s, e in agency_spans(t)]
    ['湛江市住房和城乡建设局办公室', '县档案馆', '图书馆', '河北省教育厅']
    >>> t = "按照党中央、国务院和省委、省政府部署，县政府办公室在市政府信息公开平台发布，全市政府信息"
    >>> [t[s:e] for s, e in agency_spans(t)]
    ['党中央', '国务院', '省委', '省政府', '县政府办公室']
    >>> t = "临江县教育局，按照市政府要求"  # 临江 is known as 临江市
    >>> [t[s:e] for s, e in agency_spans(t)]
    ['临江县教育局', '市政府']
    """
    tables = _tables()
    organs, internal, ends, longest = tables.organs, tables.internal, tables.ends, tables.longest
    found: list[tuple[int, int, str]] = []  # (start, end, how: named / bare / division)
    i = len(text)
    while i >= 2:
        if text[i - 1] not in ends or text.startswith(_NOT_AFTER, i):
            i -= 1
            continue
        how = "named"
        start = _name_before(text, i, organs, longest)
        if start is None:
            start = _name_before(text, i, internal, longest)
            if start is None:
                i -= 1
                continue
            organ = _name_before(text, start, organs, longest)  # 湛江市住建局 + 办公室
            start, how = (start, "division") if organ is None else (organ, "named")
        first = start
        start = _places_before(text, start, tables)
        if start == first and not _level_at(text, start) and text[start:i] not in NATIONAL:
            prefixed = start >= 1 and text[start - 1] in "省市县区镇乡局厅委"
            if prefixed and (start < 2 or text[start - 2] not in _NOT_BEFORE_PREFIX):
                start, how = _places_before(text, start - 1, tables), "named"  # 市 + 住建局, 局 + 办公室
            elif prefixed and (how == "division" or (text[start - 2] in _PRONOUN and text.endswith(_OFFICE, 0, i))):
                how = "named"  # 我局 + 办公室, 我区 + 管委会办公室: the office alone (GUIDELINES)
            elif how == "named":
                how = "bare"
        found.append((start, i, how))
        i = start
    found.reverse()
    out: list[tuple[int, int]] = []
    for k, (s, e, how) in enumerate(found):
        before = text[s - 1] if s else ""
        # a bare name coordinated with the name before it, or, in a list of names, with the next one
        # (其他…部门是教育局、公安局、工商局等)
        # (not after a level character: 全市教育局、… is every city's bureau)
        if how == "bare" and not (out and out[-1][1] == s - 1 and before in "、和及与") and not (
                k + 1 < len(found) and found[k + 1][0] == e + 1 and before not in "省市县区镇乡" and (
                    text[e] == "、" and not _places_list(found, k, text)
                    or text[e] in "和及与" and text[s:e] == _CENTRE and found[k + 1][2] == "named")):
            continue
        if how == "division" and before not in _DIVISION_AFTER and _is_han(before):
            continue
        out.append((s, e))
    return out


def document_places(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[str]:
    """The places that ``text`` names before the AGENCY ``spans`` starting at a level character, confirmed
    at a name position of ``text`` or by the number of a document the organ issued (云岭省人民政府办公厅
    《…》（云政办函〔2017〕41号）, 云岭省气象局《…》（岭气发…: one of the place's characters opens it): two
    Han characters and the level character (岚溪县), or two Han characters, a zone word and 区 (汀澜经济开发区).

    >>> t = "岚溪县人民政府2019年报告\\n由岚溪县人民政府办公室负责，根据县人民政府要求"
    >>> [t[s:e] for s, e in agency_spans(t)]
    ['县人民政府', '县人民政府办公室', '县人民政府']
    >>> sorted(document_places(t, agency_spans(t)))  # not 根据县: a verb
    ['岚溪县']
    >>> t = "汀澜经济开发区管理委员会2015年报告\\n汀澜经济开发区管理委员会办公室"
    >>> [t[s:e] for s, e in agency_spans(t)], sorted(document_places(t, agency_spans(t)))
    (['区管理委员会', '区管理委员会办公室'], ['汀澜经济开发区'])
    >>> t = "根据云岭省人民政府办公厅《关于做好2017年政务公开工作的通知》（云政办函〔2017〕41号）和按照县政府《通知》（临政发〔2018〕1号）"
    >>> sorted(document_places(t, agency_spans(t)))  # 按照: no number of its own
    ['云岭省']
    """
    found, issued = set(), set()
    for s, e in spans:
        if text[s] not in _LEVELS:
            continue
        zone = next((z for z in _ZONES if text[s] == "区" and text.endswith(z, 0, s)), "")
        x = text[max(0, s - len(zone) - 2):s - len(zone)]
        if (len(x) == 2 and all(map(_is_han, x))
                and not _NOT_IN_PLACE.intersection(x) and x not in _NOT_PLACE):
            found.add(x + zone + text[s])
            doc = _ISSUED_DOCUMENT.match(text, e)
            if doc and doc.group(1) in x:  # 云岭省人民政府办公厅《…》（云政办函〔2017〕41号）: its number says so
                issued.add(x + zone + text[s])
    if not found:
        return frozenset()
    # what stands at the name positions, at the candidates' lengths (one pass: a report can be long)
    starts = [0] + [m.end() for m in _AFTER_NAME_POSITION.finditer(text)]
    named = {text[i:i + n] for n in {len(p) for p in found} for i in starts}
    return frozenset(found & named) | issued


def with_document_places(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` (sorted, disjoint) with each AGENCY moved left over the ``document_places`` before it
    (县人民政府 -> 岚溪县人民政府, 教育局 -> 岚溪县教育局), never onto the span before it.

    >>> t = "岚溪县人民政府2019年报告\\n岚溪县教育局、岚溪县人民政府办公室"
    >>> spans = [(2, 7, "AGENCY"), (7, 12, "DATE"), (17, 21, "AGENCY"), (24, 32, "AGENCY")]
    >>> [t[s:e] for s, e, _ in with_document_places(t, spans)]
    ['岚溪县人民政府', '2019年', '岚溪县教育局', '岚溪县人民政府办公室']
    """
    places = sorted(document_places(text, [(s, e) for s, e, lab in spans if lab == "AGENCY"]), key=len, reverse=True)
    if not places:
        return list(spans)
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        floor = out[-1][1] if out else 0
        while label == "AGENCY":
            # a place that ends with the span's level character (县 of 县人民政府), or right before the span
            end = s + 1 if text[s] in _LEVELS else s
            p = next((p for p in places if end - len(p) >= floor and text.startswith(p, end - len(p))), None)
            if p is None:
                break
            s = end - len(p)
        out.append((s, e, label))
    return out
