"""What the models see, with a monotone offset map back to the caller's original text.

``normalize(text)`` applies, in this order:

1. per character: lone surrogates -> U+FFFD, control characters (other than
   tab, newline, carriage return) -> space, then NFKC (full-width -> half-width,
   ideographic space -> space, ``﹝`` -> ``〔``...);
2. traditional -> simplified with OpenCC ``t2s`` (length-preserving; checked),
   then a small fold of over-conversions (製 -> 制 ...);
3. deletions: pinyin glosses after a Han character (``發(fā)``, ``文(wen)``),
   spaces inside grouped numbers (``12 800条``), a single space between a
   Han character and a digit on non-tabular lines (``信息 2543条``), and the line
   breaks of text wrapped at a fixed width (PDF text copied as it was laid out:
   ``主动公开政府`` / ``信息1486条``, see ``_soft_wraps``).

Every normalized character comes from exactly one original character (an
original character may give several, e.g. ``…`` -> ``...``, or none, when
deleted), so the map is a non-decreasing array ``src`` with
``src[i]`` = original index of normalized character ``i``.

>>> n = normalize("蘆政辦函〔2013〕5號")
>>> n.text
'芦政办函〔2013〕5号'
>>> n.to_original(0, len(n.text))
(0, 12)
>>> n = normalize("發(fā)布１２ 800條")
>>> n.text
'发布12800条'
>>> n.original[slice(*n.to_original(2, 7))]
'１２ 800'
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["Normalized", "normalize", "script_of", "strip_span"]

# Over-conversions that survive t2s in machine-converted mirrors (INDICATORS.md §0.4).
_FOLD = str.maketrans({"製": "制", "麵": "面", "係": "系", "後": "后", "瞭": "了", "藉": "借"})

_INITIALS = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
             "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"]
_FINALS = ["a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er",
           "an", "en", "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang",
           "iong", "ua", "uo", "uai", "uan", "uang", "ueng", "van", "ng", "n", "m", "io"]
_PINYIN = {i + f for i in _INITIALS for f in _FINALS}
_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ", "aaaaeeeeiiiioooouuuuvvvvvnnn")
_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6})\)")
_UNIT = "件条次个人元万亿%项篇份名例起场"
_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?: \d{3})+(?= ?[" + _UNIT + "])")
_HAN_DIGIT = re.compile(r"(?<=[\u4e00-\u9fff]) (?=\d)|(?<=\d) (?=[\u4e00-\u9fff])")
_TABULAR = re.compile(r"[|\t]|  |\d \S*\d")

_converter = None
_trigger: frozenset[str] = frozenset()


def _load_converter():
    """OpenCC ``t2s`` and the characters without which it changes nothing.

    OpenCC splits a text at punctuation and spaces and converts each piece by its dictionaries. A
    piece changes only if an entry whose key differs from its value matches in it. Such a key holds a
    traditional character (a key of the character dictionary that differs from its value), or it is
    one of the few phrases made of characters that exist in both scripts (沈默 -> 沉默), whose
    characters are added. Pieces without any of these characters are left as they are, unconverted:
    most of a simplified text (over the corpus: 0.12 s -> 0.02 s, best of 3).
    """
    global _converter, _trigger
    import opencc

    cc = opencc.OpenCC("t2s")
    cc.convert("")  # loads the dictionaries
    entries = [(k, v) for group in cc._dict_chain_data for _, _, d in group for k, v in d.items() if k != v]
    chars = {k for k, _ in entries if len(k) == 1}
    _trigger = frozenset(chars | {c for k, _ in entries if not chars.intersection(k) for c in k})
    _converter = cc


def _t2s(s: str) -> str:
    if _converter is None:
        _load_converter()
    if _trigger.isdisjoint(s):
        return s
    pieces = _converter.split_chars_re.split(s)  # pieces at even indices, separators between them
    out = "".join(_converter.convert(p) if i % 2 == 0 and not _trigger.isdisjoint(p) else p
                  for i, p in enumerate(pieces))
    if len(out) != len(s):  # never expected (t2s is length-preserving); stay safe per character
        out = "".join(c if len(c2 := _converter.convert(c)) != 1 else c2 for c in s)
    return out


@lru_cache(maxsize=65536)
def _char(ch: str) -> str:
    o = ord(ch)
    if 0xD800 <= o <= 0xDFFF:
        return "\ufffd"
    cat = unicodedata.category(ch)
    if cat == "Cc" and ch not in "\t\n\r":
        return " "
    return unicodedata.normalize("NFKC", ch)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized text and the map back to the original.

    Attributes:
        original: the caller's string, unchanged.
        text: what the models see.
        src: ``src[i]`` is the original index of ``text[i]`` (non-decreasing int array).
    """

    original: str
    text: str
    src: np.ndarray

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Returns the original span (code points, end exclusive) of normalized ``[start, end)``.

        The span covers every original character that produced ``text[start:end]``,
        and any deleted characters between them.
        """
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(f"span [{start}, {end}) is empty or outside the normalized text "
                             f"(length {len(self.text)})")
        return int(self.src[start]), int(self.src[end - 1]) + 1

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Returns the normalized span of original ``[start, end)``: the characters it produced.

        The span is empty when every original character in it was deleted.
        """
        i = int(np.searchsorted(self.src, start, side="left"))
        j = int(np.searchsorted(self.src, end, side="left"))
        return i, j


def normalize(text: str) -> Normalized:
    """Returns the normalized form of ``text`` with its offset map (see module doc).

    Raises:
        TypeError: when ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs a str, got {type(text).__name__}")
    pieces: list[str] = []
    src: list[int] = []
    changed = False
    for i, ch in enumerate(text):
        n = ch if ch.isascii() and (" " <= ch < "\x7f" or ch in "\t\n\r") else _char(ch)  # DEL is a control
        if n is not ch:
            changed = changed or n != ch
        pieces.append(n)
        if len(n) == 1:
            src.append(i)
        else:
            src.extend([i] * len(n))
    s = "".join(pieces) if changed else text
    s = _t2s(s).translate(_FOLD)

    # the line breaks of wrapped text, found on the original (its widths: NFKC narrows ，（ to ,( ),
    # at the normalized characters they give (a character gives one or more, in order)
    delete = _deletions(s) + [(bisect.bisect_left(src, a), bisect.bisect_left(src, b)) for a, b in _soft_wraps(text)]
    if delete:
        keep = np.ones(len(s), dtype=bool)
        for a, b in delete:
            keep[a:b] = False
        arr = np.asarray(src, dtype=np.int64)[keep]
        s = "".join(c for c, k in zip(s, keep) if k)
    else:
        arr = np.asarray(src, dtype=np.int64)
    return Normalized(original=text, text=s, src=arr)


def _deletions(s: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "(" in s:
        for m in _GLOSS.finditer(s):
            if m.group(1).translate(_TONES) in _PINYIN:
                spans.append(m.span())
    if " " in s:
        for m in _GROUPED.finditer(s):
            spans.extend((m.start() + k, m.start() + k + 1) for k, c in enumerate(m.group()) if c == " ")
        pos = 0
        for line in s.split("\n"):
            if " " in line and not _TABULAR.search(line):
                spans.extend((pos + m.start(), pos + m.end()) for m in _HAN_DIGIT.finditer(line))
            pos += len(line) + 1
    return spans


# a line that goes on: it ends in a character, a comma, a colon or an opening mark (not 。；！？ or a closing one)
_WRAP_END = re.compile(r"[\u4e00-\u9fff\dA-Za-zＡ-Ｚａ-ｚ，,、：:（(“《〔]\s*$")
_CLAUSE_GOES_ON = re.compile(r"[，,、]\s*$")  # a line of wrapped text that ends in a comma goes on, at any width
_LIST_START = re.compile(r"[一二三四五六七八九十]+[、.．是]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+")


def _soft_wraps(s: str) -> list[tuple[int, int]]:
    r"""The line breaks (with the spaces before them) of text ``s`` wrapped at a fixed width: most of its
    lines of 10 or more characters end within 4 columns (a full-width character is 2) of the width,
    at least 4 lines reach it and at most a tenth are wider. A break goes when its line reaches the
    width and does not end a sentence (。；！？, a closing bracket or quotation mark) or ends in a
    comma (the page layout cut a sentence short: a figure or a picture beside it), and the next
    line is not indented, empty, a list item or a heading (一、 （二） 3. 第四 一是), or tabular.
    Web text, one paragraph per line, has no such width; tables (``|``, tabs, aligned columns) are
    not wrapped prose.

    >>> t = "主动公开政府信息1486条，其中全文电子\n化1412条，通过网站公开1327条。\n" * 4
    >>> n = normalize(t)
    >>> n.text.splitlines()[0]
    '主动公开政府信息1486条,其中全文电子化1412条,通过网站公开1327条。'
    >>> n.original[slice(*n.to_original(19, 22))]
    '子\n化1'
    >>> normalize("一、概述\n本年度全局主动公开政府信息1486条。\n二、依申请公开情况\n本年度受理申请47件。").text.count("\n")
    3
    """
    if s.count("\n") < 4:
        return []
    lines = s.split("\n")
    widths = [sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip()) for line in lines]
    tabular = [bool(_TABULAR.search(line.strip())) for line in lines]
    prose = [w for w, tab in zip(widths, tabular) if w >= 20 and not tab]
    if len(prose) < 4:
        return []
    count = Counter(prose)
    reaching = {w: sum(count[x] for x in range(w - 4, w + 1)) for w in count}  # lines within 4 columns of w
    width = max(count, key=lambda w: (reaching[w], w))
    if reaching[width] < max(4, len(prose) / 2) or sum(k for x, k in count.items() if x > width + 4) > len(prose) / 10:
        return []
    spans, pos = [], 0
    for k, (line, nxt, w) in enumerate(zip(lines, lines[1:], widths)):
        end = pos + len(line)
        if (w >= width - 4 and _WRAP_END.search(line) or _CLAUSE_GOES_ON.search(line)) and nxt[:1].strip() \
                and not _LIST_START.match(nxt) \
                and not tabular[k] and not tabular[k + 1]:
            spans.append((pos + len(line.rstrip()), end + 1))
        pos = end + 1
    return spans



def script_of(text: str) -> str:
    """Returns ``hant``, ``hans`` or ``mixed`` for the Han characters of ``text``.

    A character counts as traditional when t2s changes it. ``mixed`` means both
    kinds of characters that differ between the scripts occur in quantity.
    """
    t = text[:20000]
    conv = _t2s(t)
    trad = sum(1 for a, b in zip(t, conv) if a != b)
    han = sum(1 for c in t if "\u4e00" <= c <= "\u9fff")
    if han == 0:
        return "hans"
    # simplified characters that have a distinct traditional form are as common as traditional ones
    simp = sum(1 for c in t if c in _SIMPLIFIED_MARKERS)
    if trad >= 0.03 * han:
        return "mixed" if simp >= 0.03 * han else "hant"
    return "hans"


# Frequent simplified characters whose traditional form differs: their presence in
# a mostly-traditional text means the text is mixed.
_SIMPLIFIED_MARKERS = set("这个们会发对说时经过还国关开门问间长业东车书现网区应务实报条农计设认识让语请议论")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Returns ``[start, end)`` without the whitespace at its edges (GUIDELINES, E107: spans never
    start or end with whitespace; controls are normalized to spaces, so they go too).

    >>> strip_span("《关于…的通知 | 》", 1, 10)
    (1, 9)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
