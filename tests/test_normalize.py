"""Offset-preserving normalization: cases from real report shapes, and property tests."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from govie.normalize import normalize, script_of

# (original, normalized) - each case written by the project; origin in the comment
CASES = [
    ("蘆政辦函〔2013〕5號", "芦政办函〔2013〕5号"),          # traditional document number (seed s002 style)
    ("１２３件", "123件"),                                   # full-width digits
    ("（一）主动公开", "(一)主动公开"),                       # full-width parentheses
    ("發(fā)布數(shù)據(jù)", "发布数据"),                   # pinyin glosses of machine-converted mirrors
    ("文(wen)章(zhang)", "文章"),                             # plain pinyin glosses
    ("办法(试行)", "办法(试行)"),                             # Chinese in parentheses is kept
    ("条件(ab)", "条件(ab)"),                                 # not a pinyin syllable: kept
    ("主动公开政府信息 2543条", "主动公开政府信息2543条"),    # a space between Han and digit (r005 shape)
    ("共12 800条", "共12800条"),                              # digit grouping
    ("规章 | 0 | 0 | 0", "规章 | 0 | 0 | 0"),                 # table rows keep their spaces
    ("行政许可 156 -5 997", "行政许可 156 -5 997"),           # space-aligned cells are not glued
    ("中办发﹝2016﹞8号", "中办发〔2016〕8号"),                # small tortoise-shell brackets (NFKC)
    ("a\x00b\u3000c", "a b c"),                               # NUL and ideographic space
    ("x\ud800y", "x\ufffdy"),                                 # lone surrogate
    ("製定全麵體係", "制定全面体系"),                         # over-conversions folded
]


def _wrap(paragraph: str, width: int = 40) -> str:
    """``paragraph`` laid out in lines of ``width`` columns (a full-width character takes 2), as PDF text is."""
    lines, line, w = [], "", 0
    for c in paragraph:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > width:
            lines.append(line)
            line, w = "", 0
        line, w = line + c, w + cw
    return "\n".join(lines + [line]) + "\n"


_P = "本年度我局主动公开政府信息1486条，其中全文电子化1412条，通过门户网站公开1327条，通过政府公报公开6件，通过查阅点公开153条。"
_WRAPPED = _wrap(_P) * 3  # "…其中全\n文电子化1412条…", 4 lines a paragraph
# (text, how many line breaks normalization keeps, the original of 全文电子化) - each written by the project
WRAPS = [
    (_WRAPPED, 3, "全\n文电子化"),                                # breaks inside sentences go, paragraph ends stay
    (_WRAPPED.replace("\n文电子化", "\n  文电子化"), 6, None),      # an indented line starts a paragraph
    (_WRAPPED.replace("\n文电子化", "\n(一)文电子化"), 6, None),    # so does a list item
    (_WRAPPED.replace("其中全\n", "其中全。\n"), 6, None),          # a line that ends a sentence
    ((_P + "\n") * 3, 3, "全文电子化"),                            # web text: one paragraph per line
    ("一、概述\n本年度全局主动公开政府信息1486条。\n二、依申请公开情况\n本年度受理申请47件。", 3, None),  # headings
    ("指标名称 | 单位 | 本年度数据\n主动公开政府信息数 | 条 | 1486\n" * 4, 8, None),  # table rows
]


@pytest.mark.parametrize("text,breaks,phrase", WRAPS)
def test_soft_wraps(text, breaks, phrase):
    n = normalize(text)
    assert n.text.count("\n") == breaks
    # only line breaks (and spaces before them) go
    assert n.text.replace("\n", "") == normalize(text.replace("\n", "")).text.replace("\n", "")
    if phrase is not None:  # a phrase over a deleted break maps back over it
        k = n.text.index("全文电子化")
        assert n.original[slice(*n.to_original(k, k + 5))] == phrase


@pytest.mark.parametrize("original,expected", CASES)
def test_cases(original, expected):
    n = normalize(original)
    assert n.text == expected
    assert len(n.src) == len(n.text)


def test_span_maps_back_to_exact_original():
    text = "根據蘆政辦函〔2013〕5號文件，發(fā)布信息近2萬條。"
    n = normalize(text)
    i = n.text.index("芦政办函")
    j = n.text.index("号") + 1
    s, e = n.to_original(i, j)
    assert text[s:e] == "蘆政辦函〔2013〕5號"
    i = n.text.index("发布")
    s, e = n.to_original(i, i + 2)
    assert text[s:e] == "發(fā)布"  # the deleted gloss lies inside the mapped span


def test_to_normalized_inverts_to_original():
    text = "全年公开信息 766条，占100％"
    n = normalize(text)
    s, e = n.to_normalized(text.index("766"), text.index("条") + 1)
    assert n.text[s:e] == "766条"


def test_rejects_non_str():
    with pytest.raises(TypeError, match="needs a str"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_script():
    assert script_of("株洲市蘆淞區人民政府2013年政府信息公開年度報告") == "hant"
    assert script_of("河北省教育厅2013年度政府信息公开总结") == "hans"


text_strategy = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(list("發(fā)布 0123４５ 件條|\t\n（）〔〕號"))),
    max_size=200)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_map_is_monotone_and_covers(text):
    n = normalize(text)
    assert n.original is text
    src = list(n.src)
    assert len(src) == len(n.text)
    assert all(0 <= a < len(text) for a in src)
    assert src == sorted(src)  # monotone
    # every original character either produced output or was deliberately deleted (whitespace or gloss)
    produced = set(src)
    for k, ch in enumerate(text):
        if k not in produced:
            assert (ch.isspace() or unicodedata.category(ch) == "Cc" or ch in "()" or ch.isascii() and ch.isalpha()
                    or ch in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ")


@settings(max_examples=300, deadline=None)
@given(text_strategy, st.data())
def test_round_trip_spans(text, data):
    n = normalize(text)
    if not n.text:
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    j = data.draw(st.integers(i + 1, len(n.text)))
    s, e = n.to_original(i, j)
    assert 0 <= s < e <= len(text)
    # the original span normalizes back to (at least) the same characters
    a, b = n.to_normalized(s, e)
    assert a <= i and j <= b
    assert n.text[i:j] in n.text[a:b]


@settings(max_examples=200, deadline=None)
@given(text_strategy)
def test_idempotent_on_normalized_text(text):
    once = normalize(text).text
    assert normalize(once).text == normalize(normalize(once).text).text


@pytest.mark.parametrize("text", [
    "他沈默了。沈船打捞", "沈阳市人民政府", "乾隆年間的後來", "一干二净", "", "，。 \n", "政府信息公開申請12件",
    "abc 123", "臺灣省 台湾省\t發佈",
])
def test_t2s_skips_only_pieces_it_would_not_change(text):
    """The fast path (pieces without a convertible character are copied) equals OpenCC on the whole text."""
    import opencc

    from govie.normalize import _t2s

    assert _t2s(text) == opencc.OpenCC("t2s").convert(text)


def test_t2s_equals_opencc_on_corpus(corpus_root):
    import opencc

    from govie.normalize import _t2s

    cc, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    for path in sorted(corpus_root.glob("*/*.txt"))[:12]:
        text = path.read_text(encoding="utf-8")
        for t in (text, s2t.convert(text[:3000])):  # the report, and a traditional copy of its start
            assert _t2s(t) == cc.convert(t), path.name


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("沈默船陽乾隆後來發佈臺台灣湾一干二淨净，。 \n的了政府公開开")), max_size=60))
def test_t2s_fast_path_property(text):
    import opencc

    from govie.normalize import _t2s

    assert _t2s(text) == opencc.OpenCC("t2s").convert(text)
