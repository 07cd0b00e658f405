"""Number normalization: Arabic and Chinese numerals, 万/亿 multipliers, approximation markers.

``parse_quantity`` reads a COUNT / MONEY / PERCENT span (or a table cell) and
returns its value in the base unit (条, 件, 元, % ...), the multiplier read from
千/万/亿, the unit as printed and the qualifier of INDICATORS.md §0.2:
近/约/左右 -> approx; 余/多/以上/超过 -> at_least; 不足/以内/不到 -> at_most.

>>> parse_quantity("近2万条")
Quantity(value=20000, qualifier='approx', multiplier=10000, unit='条', raw_unit='万条', zero=False)
>>> parse_quantity("12800多条").value, parse_quantity("12800多条").qualifier
(12800, 'at_least')
>>> parse_quantity("3500余人次").unit
'人次'
>>> parse_quantity("两名").value
2
>>> parse_quantity("26.8万条").value
268000
>>> parse_quantity("10万元")
Quantity(value=100000, qualifier='exact', multiplier=10000, unit='元', raw_unit='万元', zero=False)
>>> parse_quantity("百分之百").value, parse_quantity("百分之百").unit
(100, '%')
>>> parse_quantity("三千五百余件").value
3500
>>> parse_quantity("0件").zero
True
>>> parse_quantity("+1036").value
1036
>>> parse_quantity("-5").value
-5
>>> parse_quantity("很多") is None
True
>>> to_unit(100000, "元", "万元")
10
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..normalize import _t2s

__all__ = ["Quantity", "parse_quantity", "parse_chinese_numeral", "to_unit", "UNITS"]

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4,
           "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG)

# measure words and units, longest first so 人次 wins over 人
UNITS = sorted(["万元", "亿元", "千元", "人次", "元", "件", "条", "次", "个", "人", "项", "篇", "份", "名", "例", "起", "场",
                "期", "家", "张", "所", "批", "户", "位", "部", "本", "册", "套", "类", "处", "台", "场次", "宗", "封",
                "页", "期次", "幅", "分", "%", "‰"], key=len, reverse=True)

_APPROX_PRE = ("近", "约", "大约", "将近", "接近")
_ATLEAST_PRE = ("超过", "逾", "多达", "达到", "超")
_ATMOST_PRE = ("不足", "不到", "少于", "低于")
_IGNORE_PRE = ("共计", "共", "计", "合计", "总计", "达", "为", "是", "有", "累计", "全年", "约计")

_NUM = re.compile(r"[+\-−]?\d+(?:,\d{3})*(?:\.\d+)?")
_CNNUM = re.compile(f"[{_CN}]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed quantity: value in the base unit, qualifier, multiplier and unit."""

    value: int | float
    qualifier: str = "exact"
    multiplier: int = 1
    unit: str = ""
    raw_unit: str = ""
    zero: bool = False


def parse_chinese_numeral(s: str) -> int | None:
    """Returns the integer a Chinese numeral denotes, or None if ``s`` is not one.

    >>> parse_chinese_numeral("一百二十三"), parse_chinese_numeral("十五"), parse_chinese_numeral("两万")
    (123, 15, 20000)
    >>> parse_chinese_numeral("二〇一三")
    2013
    """
    if not s or any(c not in _CN for c in s):
        return None
    if all(c in _DIGITS for c in s):  # digit-by-digit: 二〇一三
        return int("".join(str(_DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[c]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total = (total + section) * _BIG[c] if _BIG[c] > 10_000 else total + section * _BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 6)


def parse_quantity(text: str) -> Quantity | None:
    """Returns the Quantity a span states, or None when it states no definite number.

    The value is in the base unit: ``近2万条`` gives 20000 (条), ``10万元`` gives 100000 (元),
    ``99.9%`` gives 99.9 (%). Zero words (``0``, ``零``, ``无``) give ``zero=True``.
    """
    s = _t2s(unicodedata.normalize("NFKC", text)).strip().replace(" ", "").replace("−", "-")
    if not s:
        return None
    if s in ("无", "零", "没有", "0"):
        return Quantity(0, zero=True)
    qualifier = "exact"
    for pre, q in ((_APPROX_PRE, "approx"), (_ATLEAST_PRE, "at_least"), (_ATMOST_PRE, "at_most"),
                   (_IGNORE_PRE, None)):
        for p in sorted(pre, key=len, reverse=True):
            if s.startswith(p) and len(s) > len(p):
                s = s[len(p):]
                if q:
                    qualifier = q
                break
    if s.startswith("百分之"):
        rest = s[3:].rstrip("%")
        v = parse_chinese_numeral(rest) if not _NUM.fullmatch(rest) else float(rest)
        if v is None:
            return None
        return Quantity(_num(v), qualifier, 1, "%", "%", v == 0)
    m = _NUM.match(s)
    if m:
        value: float = float(m.group().replace(",", ""))
        rest = s[m.end():]
    else:
        m = _CNNUM.match(s)
        if not m:
            return None
        token = m.group()
        # a trailing 万/亿 is a multiplier, handled below with the Arabic case
        core = token.rstrip("万萬亿億") or token
        v = parse_chinese_numeral(core)
        if v is None:
            return None
        value = v
        rest = s[len(core):]
    multiplier = 1
    while rest and rest[0] in "千万萬亿億":
        multiplier *= {"千": 1000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}[rest[0]]
        rest = rest[1:]
    if rest[:1] in ("余", "多"):
        qualifier, rest = "at_least", rest[1:]
    if rest[:1] in ("余", "多"):
        rest = rest[1:]
    unit = ""
    for u in UNITS:
        if rest.startswith(u):
            unit, rest = u, rest[len(u):]
            break
    if unit in ("万元", "亿元", "千元"):
        multiplier *= {"万元": 10_000, "亿元": 100_000_000, "千元": 1000}[unit]
        unit = "元"
    for suf, q in (("以上", "at_least"), ("有余", "at_least"), ("左右", "approx"), ("以内", "at_most"),
                   ("以下", "at_most")):
        if rest.startswith(suf):
            qualifier, rest = q, rest[len(suf):]
    if rest.strip("。，,;；、)）") and not unit:
        # trailing text that is neither unit nor marker: not a clean quantity
        if not re.fullmatch(r"[\u4e00-\u9fff]{1,2}", rest):
            return None
        unit = rest
    raw_unit = {1000: "千", 10_000: "万", 100_000_000: "亿"}.get(multiplier, "") + unit
    return Quantity(_num(value * multiplier), qualifier, multiplier, unit, raw_unit or unit, value == 0)


def to_unit(value: int | float, unit: str, target: str) -> int | float:
    """Returns ``value`` (in ``unit``) expressed in ``target`` for money; other units pass through."""
    scale = {"元": 1, "万元": 10_000, "亿元": 100_000_000, "千元": 1000}
    if unit in scale and target in scale:
        return _num(value * scale[unit] / scale[target])
    return value
