"""Unit tests of the torch-free parts of the entity tagger.

``govie.ner.features`` (BIO tags, character vocabulary, lexicon features and snapping) and the
pure helpers of ``govie.ner.tagger`` (``windows``, ``_allowed_transitions``, ``_drop_overlaps``,
``SNAPPED``). Nothing here builds or loads a model, and nothing imports torch.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

import pytest

from govie.ner.postprocess import anchor_metrics, decode, rule_agencies
from govie.ner.features import SPECIALS, CharVocab, Lexicon, bio_tags, spans_from_tags, tag_names
from govie.ner.tagger import SNAPPED, EntityTagger, _allowed_transitions, _drop_overlaps, adjacency_prior, windows

LABELS = ["DATE", "COUNT"]  # tag ids: O=0, B-DATE=1, I-DATE=2, B-COUNT=3, I-COUNT=4
O, B_DATE, I_DATE, B_COUNT, I_COUNT = range(5)


# ====================================================================== tag_names
@pytest.mark.parametrize("labels, expected", [
    ([], ["O"]),
    (["DATE"], ["O", "B-DATE", "I-DATE"]),
    (["DATE", "COUNT"], ["O", "B-DATE", "I-DATE", "B-COUNT", "I-COUNT"]),
    (["AGENCY", "METRIC", "DATE"],
     ["O", "B-AGENCY", "I-AGENCY", "B-METRIC", "I-METRIC", "B-DATE", "I-DATE"]),
])
def test_tag_names(labels, expected):
    names = tag_names(labels)
    assert names == expected
    # the id arithmetic the rest of the module relies on: B-X = 1 + 2i, I-X = 2 + 2i
    for i, lab in enumerate(labels):
        assert names[1 + 2 * i] == f"B-{lab}" and names[2 + 2 * i] == f"I-{lab}"


# ====================================================================== bio_tags / spans_from_tags
@pytest.mark.parametrize("n, spans, expected", [
    (0, [], []),
    (3, [], [O, O, O]),
    (3, [(0, 1, "DATE")], [B_DATE, O, O]),
    (4, [(0, 4, "COUNT")], [B_COUNT, I_COUNT, I_COUNT, I_COUNT]),
    (4, [(2, 4, "COUNT")], [O, O, B_COUNT, I_COUNT]),
    (4, [(0, 2, "DATE"), (2, 4, "DATE")], [B_DATE, I_DATE, B_DATE, I_DATE]),
    (5, [(0, 2, "DATE"), (2, 3, "COUNT"), (4, 5, "DATE")], [B_DATE, I_DATE, B_COUNT, O, B_DATE]),
], ids=["empty", "no-spans", "one-char", "whole-text", "at-end", "adjacent-same-label", "mixed"])
def test_bio_tags(n, spans, expected):
    tags = bio_tags(n, spans, LABELS)
    assert tags.dtype == np.int64 and tags.shape == (n,)
    assert tags.tolist() == expected


@pytest.mark.parametrize("bad", [
    (2, 2, "DATE"),   # empty
    (3, 1, "DATE"),   # reversed
    (-1, 2, "DATE"),  # starts before the text
    (3, 5, "DATE"),   # ends past the text
    (4, 5, "COUNT"),  # entirely past the text
])
def test_bio_tags_skips_invalid_spans(bad):
    valid = [(0, 1, "COUNT")]
    tags = bio_tags(4, [bad] + valid, LABELS)
    assert tags.tolist() == [B_COUNT, O, O, O]
    assert spans_from_tags(tags, LABELS) == valid


@pytest.mark.parametrize("n, spans", [
    (0, []),
    (5, []),
    (1, [(0, 1, "DATE")]),
    (6, [(0, 6, "COUNT")]),
    (6, [(0, 2, "DATE")]),                                   # at the text start
    (6, [(3, 6, "DATE")]),                                   # at the text end
    (6, [(0, 2, "DATE"), (2, 4, "DATE"), (4, 6, "DATE")]),   # adjacent, same label, whole text
    (6, [(0, 1, "DATE"), (1, 2, "DATE")]),                   # adjacent single characters
    (6, [(1, 3, "DATE"), (3, 5, "COUNT")]),                  # adjacent, different labels
    (7, [(0, 1, "COUNT"), (2, 5, "DATE"), (6, 7, "COUNT")]),
    (10, [(i, i + 1, "DATE" if i % 2 else "COUNT") for i in range(10)]),
])
def test_bio_round_trip(n, spans):
    assert spans_from_tags(bio_tags(n, spans, LABELS), LABELS) == spans


@pytest.mark.parametrize("tags, expected", [
    ([], []),
    ([O, O, O], []),
    ([I_DATE], [(0, 1, "DATE")]),                                    # stray I- alone
    ([O, I_DATE, I_DATE, O], [(1, 3, "DATE")]),                      # stray I- starts a span
    ([I_COUNT, I_COUNT], [(0, 2, "COUNT")]),                         # stray I- at the text start
    ([B_DATE, I_DATE, I_DATE], [(0, 3, "DATE")]),                    # span running to the end
    ([B_DATE, B_DATE], [(0, 1, "DATE"), (1, 2, "DATE")]),            # B- after B- splits
    ([B_DATE, I_COUNT], [(0, 1, "DATE"), (1, 2, "COUNT")]),          # I- of another label splits
    ([I_DATE, I_COUNT, I_COUNT], [(0, 1, "DATE"), (1, 3, "COUNT")]),
    ([B_COUNT, I_COUNT, B_DATE, I_DATE], [(0, 2, "COUNT"), (2, 4, "DATE")]),
    ([O, B_DATE, O, I_DATE], [(1, 2, "DATE"), (3, 4, "DATE")]),
])
def test_spans_from_tags(tags, expected):
    assert spans_from_tags(np.array(tags, dtype=np.int64), LABELS) == expected


# ====================================================================== CharVocab
def test_char_vocab_specials_first():
    v = CharVocab.build(["政府工作报告"])
    assert SPECIALS == ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    assert v.to_list()[:4] == SPECIALS
    assert [v.stoi[s] for s in SPECIALS] == [0, 1, 2, 3]


@pytest.mark.parametrize("texts, min_freq, chars", [
    ([], 1, []),
    (["政府"], 1, ["府", "政"]),                       # sorted, not in order of appearance
    (["政府", "府院"], 1, ["府", "政", "院"]),
    (["政府", "府院"], 2, ["府"]),                     # min_freq drops rare characters
    (["aab", "b"], 2, ["a", "b"]),
    (["[UNK]"], 1, ["K", "N", "U", "[", "]"]),          # a literal "[UNK]" is just five characters
    (["𠀋政"], 1, ["政", "𠀋"]),                       # outside the BMP: one character, one id
])
def test_char_vocab_build(texts, min_freq, chars):
    v = CharVocab.build(texts, min_freq=min_freq)
    assert v.to_list() == SPECIALS + chars
    assert len(v) == 4 + len(chars)
    assert v.encode("".join(chars)).tolist() == list(range(4, 4 + len(chars)))


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("政府", [5, 4]),
    ("省政府", [1, 5, 4]),          # unknown character -> [UNK]
    ("x𠀋y", [1, 6, 1]),           # non-BMP character known, ASCII unknown
    ("𠀌", [1]),                    # a different non-BMP character is unknown
    ("[UNK]", [1, 1, 1, 1, 1]),     # the special's name is not its id
])
def test_char_vocab_encode(text, expected):
    v = CharVocab.build(["政府", "𠀋"])  # itos: specials, 府=4, 政=5, 𠀋=6
    ids = v.encode(text)
    assert ids.dtype == np.int64 and ids.shape == (len(text),)
    assert ids.tolist() == expected


def test_char_vocab_constructor_does_not_duplicate_specials():
    v = CharVocab(["[SEP]", "a", "[PAD]", "b"])
    assert v.to_list() == SPECIALS + ["a", "b"]


@pytest.mark.parametrize("texts", [
    ["政府工作报告", "国务院办公厅"],
    ["𠀋𠀌政府", "abc 123"],
    [""],
])
def test_char_vocab_to_list_round_trip(texts):
    v = CharVocab.build(texts)
    lst = v.to_list()
    w = CharVocab(lst)
    assert w.to_list() == lst and w.stoi == v.stoi and len(w) == len(v)
    probe = "".join(texts) + "未知字"
    assert w.encode(probe).tolist() == v.encode(probe).tolist()
    lst.append("extra")  # to_list returns a copy: mutating it leaves the vocabulary unchanged
    assert len(v.to_list()) == len(lst) - 1


# ====================================================================== Lexicon
@pytest.mark.parametrize("words, text, expected", [
    ([], "政府", [0, 0]),
    (["政府"], "", []),
    (["政府"], "政", [0]),                                      # text shorter than the word
    (["政府"], "政府", [1, 4]),
    (["人民政府"], "人民政府", [1, 2, 2, 4]),
    (["政府"], "省人民政府", [0, 0, 0, 1, 4]),                  # word at the text end
    (["政府"], "政府政府", [1, 4, 1, 4]),                       # repeated
    (["政府", "工作"], "政府工作", [1, 4, 1, 4]),               # adjacent words
    (["国务", "务院"], "国务院", [1, 5, 4]),                    # overlap: 务 ends one, begins the other
    (["政府信息", "信息公开"], "政府信息公开", [1, 2, 3, 6, 2, 4]),  # overlap (docstring example)
    (["人民政府", "政府"], "人民政府", [1, 2, 3, 4]),           # nested word
    (["政"], "政府", [0, 0]),                                   # one-character words are ignored
    (["一二三四五六七"], "一二三四五六七", [0] * 7),            # longer than max_len (6) is ignored
    (["𠀋𠀋"], "a𠀋𠀋", [0, 1, 4]),                            # non-BMP characters count as one
])
def test_lexicon_features(words, text, expected):
    f = Lexicon(words).features(text)
    assert f.dtype == np.int64 and f.shape == (len(text),)
    assert f.tolist() == expected
    assert all(0 <= x < 8 for x in f.tolist())  # three bits: usable as a token type of 8 values


def test_lexicon_max_len():
    assert Lexicon(["一二三"], max_len=2).features("一二三").tolist() == [0, 0, 0]
    assert Lexicon(["一二三"], max_len=3).features("一二三").tolist() == [1, 2, 4]


@pytest.mark.parametrize("words, text, expected", [
    ([], "政府信息公开", []),
    (["政府"], "", []),
    (["政府"], "国务院", []),
    (["政府"], "政府政府", [(0, 2), (2, 4)]),
    (["政府信息", "信息公开", "信息"], "政府信息公开", [(0, 4), (2, 4), (2, 6)]),
    (["国务", "务院", "国务院"], "国务院", [(0, 2), (0, 3), (1, 3)]),   # start order, then length
    (["政府"], "省人民政府", [(3, 5)]),
])
def test_lexicon_occurrences(words, text, expected):
    lx = Lexicon(words)
    occ = lx.occurrences(text)
    assert occ == expected
    assert all(text[s:e] in lx.words for s, e in occ)


@pytest.mark.parametrize("words, text, span, expected", [
    # the end extended over a word that starts inside the span and runs past it
    (["政府"], "省政府", (0, 2), (0, 3)),
    (["人民政府"], "省人民政府办公厅", (0, 3), (0, 5)),
    (["政府", "政府办公厅"], "省政府办公厅", (0, 2), (0, 6)),   # the longest such word wins
    (["政府", "府办"], "省政府办", (0, 2), (0, 3)),             # only words starting in the span
    # the start moved past a word that began before the span and ends inside it
    (["公布"], "公布城关镇", (1, 5), (2, 5)),
    (["工作"], "政府工作报告", (3, 6), (4, 6)),                 # span at the very end of the text
    (["公布", "政府"], "公布市政府", (1, 4), (2, 5)),           # both ends at once
    # spans already on word boundaries are unchanged
    (["政府"], "省政府", (0, 3), (0, 3)),
    (["政府"], "省政府", (1, 3), (1, 3)),
    (["政府"], "省政府", (0, 1), (0, 1)),                       # a word starting at the span end
    (["人民政府"], "省人民政府", (2, 5), (2, 5)),               # a word ending at the span end
    (["人民政府"], "省人民政府", (2, 4), (2, 4)),               # a word covering the whole span
    # no lexicon words nearby: unchanged
    ([], "省政府", (0, 2), (0, 2)),
    (["政府"], "国务院办公厅", (0, 3), (0, 3)),
    # spans at the very start / end of the text
    (["政府"], "政府工作报告", (0, 1), (0, 2)),
    (["报告"], "政府工作报告", (5, 6), (5, 6)),                 # inside a word ending at the text end
    (["政府"], "政府", (0, 2), (0, 2)),
])
def test_lexicon_snap(words, text, span, expected):
    s, e = Lexicon(words).snap(text, *span)
    assert (s, e) == expected
    assert 0 <= s < e <= len(text)


# ====================================================================== windows
def _window_params():
    out = set()
    for n, size in itertools.product([0, 1, 2, 3, 5, 7, 10, 17, 31, 64, 100, 257, 1000],
                                     [1, 2, 3, 4, 5, 8, 16, 64, 256]):
        for overlap in {0, 1, size // 4, size // 2, size - 1}:
            if 0 <= overlap < size:
                out.add((n, size, overlap))
    return sorted(out)


WINDOW_PARAMS = _window_params()


@pytest.mark.parametrize("n, size, overlap", WINDOW_PARAMS)
def test_windows_invariants(n, size, overlap):
    ws = windows(n, size, overlap)
    assert ws, "at least one window"
    # every window lies inside the text and is at most `size` long (full length when the text allows)
    for s, e, cs, ce in ws:
        assert 0 <= s <= e <= n
        assert e - s <= size
        assert e - s == min(n, size)
        # each core lies inside its window and is non-empty (unless the text is)
        assert s <= cs <= ce <= e
        assert ce > cs or n == 0
    # the windows cover [0, n), in increasing start order
    assert ws[0][0] == 0 and ws[-1][1] == n
    assert all(a[0] < b[0] for a, b in zip(ws, ws[1:]))
    covered = set().union(*(range(s, e) for s, e, _, _ in ws))
    assert covered == set(range(n))
    # the cores partition [0, n) exactly: contiguous, no gap, no overlap
    assert ws[0][2] == 0 and ws[-1][3] == n
    assert all(a[3] == b[2] for a, b in zip(ws, ws[1:]))
    assert sum(ce - cs for _, _, cs, ce in ws) == n


@pytest.mark.parametrize("n, size, overlap", [(n, s, o) for n, s, o in WINDOW_PARAMS if n <= s])
def test_windows_fits_in_one(n, size, overlap):
    assert windows(n, size, overlap) == [(0, n, 0, n)]


@pytest.mark.parametrize("n, size, overlap", [(n, s, o) for n, s, o in WINDOW_PARAMS if s < n <= 257])
def test_windows_core_is_farthest_from_an_edge(n, size, overlap):
    """Each character's core window is one where it is farthest from a window edge that cuts the
    text (an edge at the text start/end cuts no context)."""
    ws = windows(n, size, overlap)
    assert len(ws) > 1

    def margin(i, s, e):
        return min(i - s if s > 0 else n, e - 1 - i if e < n else n)

    for i in range(n):
        core = [w for w in ws if w[2] <= i < w[3]]
        assert len(core) == 1
        best = max(margin(i, s, e) for s, e, _, _ in ws if s <= i < e)
        assert margin(i, core[0][0], core[0][1]) == best, (i, core[0])


@pytest.mark.parametrize("n, size, overlap, expected", [
    (10, 4, 2, [(0, 4, 0, 3), (2, 6, 3, 5), (4, 8, 5, 7), (6, 10, 7, 10)]),  # docstring example
    (8, 4, 0, [(0, 4, 0, 4), (4, 8, 4, 8)]),
    (9, 4, 0, [(0, 4, 0, 4), (4, 8, 4, 6), (5, 9, 6, 9)]),                   # last window pulled back
    (5, 4, 2, [(0, 4, 0, 2), (1, 5, 2, 5)]),
    (300, 256, 64, [(0, 256, 0, 150), (44, 300, 150, 300)]),                 # the default config
])
def test_windows_examples(n, size, overlap, expected):
    assert windows(n, size, overlap) == expected


@pytest.mark.parametrize("n, size, overlap", [(10, 4, 5), (10, 4, -1), (10, 4, 4), (3, 4, 4)])
def test_windows_rejects_bad_overlap(n, size, overlap):
    with pytest.raises(ValueError, match="overlap"):
        windows(n, size, overlap)


@pytest.mark.parametrize("override", ["--model.overlap=256", "--model.overlap=-1", "--model.heads=5"])
def test_config_rejects_bad_windows_and_heads(override):
    from govie.config import load_config
    from govie.errors import ConfigError

    root = Path(__file__).resolve().parent.parent
    with pytest.raises(ConfigError) as err:
        load_config(root / "configs" / "ner.toml", [override])
    assert err.value.code == "E204"


# ====================================================================== _allowed_transitions
@pytest.mark.parametrize("labels", [[], ["DATE"], ["DATE", "COUNT"], ["AGENCY", "METRIC", "DATE", "COUNT", "PERSON"]])
def test_allowed_transitions_matrix(labels):
    names = tag_names(labels)
    K = len(names)
    t = _allowed_transitions(K)
    assert t.shape == (K, K)
    for fr, to in itertools.product(range(K), repeat=2):
        if names[to].startswith("I-"):
            lab = names[to][2:]
            allowed = names[fr] in (f"B-{lab}", f"I-{lab}")
        else:  # O and B-* may follow anything
            allowed = True
        if allowed:
            assert t[fr, to] == 0, (names[fr], names[to])
        else:
            assert t[fr, to] == -np.inf, (names[fr], names[to])


@pytest.mark.parametrize("fr, to, allowed", [
    (O, O, True), (O, B_DATE, True), (O, I_DATE, False),
    (B_DATE, I_DATE, True), (I_DATE, I_DATE, True), (B_COUNT, I_DATE, False), (I_COUNT, I_DATE, False),
    (B_DATE, I_COUNT, False), (I_DATE, I_COUNT, False), (B_COUNT, I_COUNT, True), (I_COUNT, I_COUNT, True),
    (I_DATE, B_COUNT, True), (I_COUNT, O, True), (B_DATE, B_DATE, True),
])
def test_allowed_transitions_cases(fr, to, allowed):
    t = _allowed_transitions(5)
    assert (t[fr, to] == 0) if allowed else (t[fr, to] == -np.inf)



@pytest.mark.parametrize("fr, to, expected", [
    (B_DATE, B_DATE, -3.0), (I_DATE, B_DATE, -3.0),          # a DATE restarting right after a DATE
    (B_COUNT, B_COUNT, -1.5), (I_COUNT, B_COUNT, -1.5),
    (O, B_DATE, 0.0), (B_COUNT, B_DATE, 0.0), (I_DATE, B_COUNT, 0.0), (B_DATE, I_DATE, 0.0),
    (I_DATE, O, 0.0), (O, I_DATE, -np.inf), (B_COUNT, I_DATE, -np.inf),
])
def test_allowed_transitions_with_adjacency_prior(fr, to, expected):
    t = _allowed_transitions(5, [-3.0, -1.5])
    assert t[fr, to] == expected
    assert np.array_equal(_allowed_transitions(5, [0.0, 0.0]), _allowed_transitions(5))


# ====================================================================== adjacency_prior
@pytest.mark.parametrize("docs, expected", [
    ([], {"DATE": 0.0, "COUNT": 0.0}),                                              # no data: no penalty
    ([[(0, 4, "DATE"), (6, 8, "DATE")]], {"DATE": round(np.log(1 / 3), 3), "COUNT": 0.0}),  # gap: not touching
    ([[(0, 4, "DATE"), (4, 8, "DATE")]], {"DATE": round(np.log(2 / 3), 3), "COUNT": 0.0}),
    ([[(0, 4, "DATE"), (4, 6, "COUNT")]], {"DATE": round(np.log(1 / 2), 3), "COUNT": round(np.log(1 / 2), 3)}),
    ([[(4, 8, "DATE"), (0, 4, "DATE")]], {"DATE": round(np.log(2 / 3), 3), "COUNT": 0.0}),  # order of input
    ([[(0, 4, "DATE")], [(4, 8, "DATE")]], {"DATE": round(np.log(1 / 3), 3), "COUNT": 0.0}),  # not across docs
    ([[(0, 1, "COUNT")] + [(k, k + 1, "COUNT") for k in range(2, 40, 2)]],
     {"DATE": 0.0, "COUNT": round(np.log(1 / 21), 3)}),
])
def test_adjacency_prior(docs, expected):
    assert adjacency_prior(docs, LABELS) == expected


@pytest.mark.parametrize("second_start, prior, expected", [
    # log P(B), log P(I) at the third character; the rest of the window is clear
    ((-0.6, -0.8), {}, [(0, 2, "DATE"), (2, 4, "DATE")]),       # unsure restart, no prior: two fragments
    ((-0.6, -0.8), {"DATE": -4.0}, [(0, 4, "DATE")]),           # the prior joins them
    ((-0.01, -6.0), {"DATE": -4.0}, [(0, 2, "DATE"), (2, 4, "DATE")]),  # a sure restart survives it
    ((-0.6, -0.8), {"COUNT": -4.0}, [(0, 2, "DATE"), (2, 4, "DATE")]),  # another label's prior: no effect
])
def test_viterbi_adjacency_prior(second_start, prior, expected):
    from govie.config import ModelConfig
    from govie.ner.features import spans_from_tags

    tagger = EntityTagger(ModelConfig(), LABELS, CharVocab([]), None, model=object(), adjacent=prior)
    lp = np.full((1, 6, 5), -9.0, dtype=np.float32)  # [CLS] + 4 characters + [SEP]
    lp[0, 1, B_DATE] = lp[0, 2, I_DATE] = lp[0, 4, I_DATE] = -0.01
    lp[0, 3, B_DATE], lp[0, 3, I_DATE] = second_start
    path = tagger._viterbi(lp, [4])[0]
    assert spans_from_tags(path, LABELS) == expected

@pytest.mark.parametrize("seed", range(8))
def test_viterbi_is_the_best_allowed_path(seed):
    """Against brute force over every tag sequence: the best-scoring one without an invalid transition
    or an I- first, for each window of a batch of unequal lengths."""
    from govie.config import ModelConfig

    rng = np.random.default_rng(seed)
    prior = {"DATE": -1.0} if seed % 2 else {}
    tagger = EntityTagger(ModelConfig(), LABELS, CharVocab([]), None, model=object(), adjacent=prior)
    lengths = [int(n) for n in rng.integers(1, 6, size=3)]
    lp = np.log(rng.dirichlet(np.ones(5), size=(3, max(lengths) + 2))).astype(np.float32)
    trans = _allowed_transitions(5, [min(0.0, prior.get(lab, 0.0)) for lab in LABELS])
    for b, path in enumerate(tagger._viterbi(lp, lengths)):
        def score(seq):
            if seq[0] in (2, 4):
                return -np.inf
            return sum(lp[b, 1 + t, k] for t, k in enumerate(seq)) + sum(trans[i, j] for i, j in zip(seq, seq[1:]))
        best = max(itertools.product(range(5), repeat=lengths[b]), key=score)
        assert np.isclose(score(tuple(path)), score(best))


# ====================================================================== _drop_overlaps
@pytest.mark.parametrize("spans, expected", [
    ([], []),
    ([(4, 6, "A", .5), (0, 2, "B", .5)], [(0, 2, "B", .5), (4, 6, "A", .5)]),           # sorted output
    ([(0, 2, "A", .5), (2, 4, "B", .5)], [(0, 2, "A", .5), (2, 4, "B", .5)]),           # touching: both kept
    ([(0, 2, "A", .9), (0, 5, "B", .1)], [(0, 5, "B", .1)]),                            # same start: longer wins
    ([(2, 10, "A", .9), (0, 3, "B", .1)], [(0, 3, "B", .1)]),                           # earlier wins over longer
    ([(2, 4, "A", .9), (0, 10, "B", .1)], [(0, 10, "B", .1)]),                          # nested: outer kept
    ([(0, 3, "A", .5), (2, 5, "B", .5), (4, 6, "C", .5)], [(0, 3, "A", .5), (4, 6, "C", .5)]),
    ([(1, 3, "A", .5), (1, 3, "A", .5)], [(1, 3, "A", .5)]),                            # duplicates
    ([(3, 6, "AGENCY", .8), (0, 4, "METRIC", .7), (5, 8, "DATE", .9), (8, 9, "COUNT", .6)],
     [(0, 4, "METRIC", .7), (5, 8, "DATE", .9), (8, 9, "COUNT", .6)]),
])
def test_drop_overlaps(spans, expected):
    out = _drop_overlaps(list(spans))
    assert out == expected
    assert all(sp in spans for sp in out)
    assert all(a[1] <= b[0] for a, b in zip(out, out[1:]))


def test_snapped_labels():
    assert isinstance(SNAPPED, frozenset)
    assert {"AGENCY", "METRIC"} <= SNAPPED
    assert not SNAPPED & {"DATE", "COUNT"}  # numbers and dates are not lexicon words


def _metric_case(text: str, metric: str, number: str | None) -> list[tuple[int, int, str, float]]:
    spans = [(text.index(metric), text.index(metric) + len(metric), "METRIC", 0.9)]
    if number is not None:
        spans.append((text.index(number), text.index(number) + len(number), "COUNT", 0.9))
    return sorted(spans)


@pytest.mark.parametrize("text, metric, number, kept", [
    ("全年主动公开政府信息326条", "主动公开政府信息", "326条", True),            # touching
    ("主动公开政府信息累计326条", "主动公开政府信息", "326条", True),            # two characters between
    ("主动公开政府信息共计达326条", "主动公开政府信息", "326条", False),         # three
    ("收到3份以传真方式提交的公开申请材料", "公开申请材料", "3份", False),       # far from its number
    ("开展培训3次", "开展培训", "3次", True),
    ("召开新闻发布会。3次", "召开新闻发布会", "3次", False),                 # a clause break between
    ("发布326条，受到群众好评", "受到群众好评", "326条", False),              # a comma between
    ("共印发了12期防汛工作简报", "防汛工作简报", "12期", True),      # the number before
    ("发布了食品抽检结果通告7期", "食品抽检结果通告", "7期", True),     # the number after
    ("水质公开15条", "公开", "15条", False),                                # two characters: a piece
    ("全年未收到公民的信息公开申请", "收到公民的信息公开申请", None, True),  # a zero statement
    ("我局没有收取任何费用", "收取任何费用", None, True),
    ("取得成效，受到群众好评", "受到群众好评", None, False),                   # measures nothing
    ("不断壮大人才队伍", "壮大人才队伍", None, False),                        # 不断 is no negation
])
def test_anchor_metrics(text, metric, number, kept):
    spans = _metric_case(text, metric, number)
    out = anchor_metrics(text, spans)
    assert [s for s in out if s[2] != "METRIC"] == [s for s in spans if s[2] != "METRIC"]  # others untouched
    assert any(s[2] == "METRIC" for s in out) is kept


def test_pipeline_applies_anchor_to_model_output(monkeypatch):
    """Pipeline.entities drops the tagger's unanchored METRICs and keeps the rest, in original offsets."""
    from govie.config import ModelConfig
    from govie.normalize import normalize
    from govie.pipeline import Pipeline

    text = "全年主動公開政府信息326條，受到群眾好評"
    spans = [(2, 10, "METRIC", 0.9), (10, 14, "COUNT", 0.9), (15, 21, "METRIC", 0.8)]
    nlp = Pipeline(None, entities="rules")
    assert nlp.agency_from_rules is False
    fake = type("Fake", (), {"cfg": ModelConfig(rule_features=False), "lexicon": None,
                             "predict": lambda self, texts, rule_spans=None, lex_bits=None: [spans]})()
    monkeypatch.setattr(nlp, "tagger", fake)
    ents = nlp.entities([normalize(text)])[0]
    assert [(e.text, e.label) for e in ents] == [("主動公開政府信息", "METRIC"), ("326條", "COUNT")]


@pytest.mark.parametrize("text, tagger, expected", [
    # the rules' AGENCY replaces the tagger's; the other spans stay the tagger's
    ("河北省教育厅发布3条信息", [(0, 3, "AGENCY"), (8, 10, "COUNT")], [(0, 6, "AGENCY", "rule"), (8, 10, "COUNT", "model")]),
    ("河北省教育厅发布3条信息", [], [(0, 6, "AGENCY", "rule")]),                        # found without the tagger
    ("河北省教育厅发布3条信息", [(4, 8, "METRIC")], [(4, 8, "METRIC", "model")]),      # a rule span over another is dropped
    ("全年发布3条信息", [(0, 2, "AGENCY"), (4, 6, "COUNT")], [(4, 6, "COUNT", "model")]),  # no department: no AGENCY
])
def test_rule_agencies(text, tagger, expected):
    out = rule_agencies(text, [(s, e, lab, 0.5) for s, e, lab in tagger])
    assert [(s, e, lab, src) for s, e, lab, _, src in out] == expected


def test_decode_applies_both_steps_only_when_asked():
    text = "河北省教育厅主动公开政府信息326条，受到群众好评"
    spans = [(0, 3, "AGENCY", .5), (6, 14, "METRIC", .9), (14, 18, "COUNT", .9), (19, 25, "METRIC", .6)]
    assert [x[:3] for x in decode(text, spans)] == [(0, 3, "AGENCY"), (6, 14, "METRIC"), (14, 18, "COUNT")]
    assert [x[:3] for x in decode(text, spans, agency_from_rules=True)] == [
        (0, 6, "AGENCY"), (6, 14, "METRIC"), (14, 18, "COUNT")]


@pytest.mark.parametrize("text, docnum, kept", [
    ("依据国务院令第711号", "国务院令第711号", True),
    ("依据国务院令第711号", "国务院令第", False),     # cut before the number
    ("（国务院令第492号）", "院令", False),
    ("确保高校财务信息公开", "高校", False),           # no document number at all
    ("〔2013〕103号文件", "〔2013〕103号", True),
    ("国务院令第七百一十一号", "国务院令第七百一十一号", True),  # Chinese numerals
])
def test_decode_drops_docnums_without_a_numeral(text, docnum, kept):
    s = text.index(docnum)
    out = decode(text, [(s, s + len(docnum), "DOCNUM", 0.9)])
    assert bool(out) is kept


@pytest.mark.parametrize("override, expected", [(None, True), (False, False), (True, True)])  # saved: not override
def test_pipeline_takes_agency_from_rules_from_the_model_config(tmp_path, override, expected):
    """A model saved with model.agency_from_rules = true decodes AGENCY from the rules unless overridden
    (the shipped model, with the flag set either way in a copy)."""
    import json
    import shutil

    from govie.modeldir import default_model_dir
    from govie.pipeline import Pipeline

    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    config = json.loads((d / "config.json").read_text(encoding="utf-8"))
    config["model"]["agency_from_rules"] = override is None or not override
    (d / "config.json").write_text(json.dumps(config), encoding="utf-8")
    nlp = Pipeline(d, agency_from_rules=override)
    assert nlp.agency_from_rules is expected
    agencies = [e for e in nlp.parse("河北省教育厅主动公开政府信息326条").entities if e.label == "AGENCY"]
    if expected:
        assert [(e.text, e.source) for e in agencies] == [("河北省教育厅", "rule")]
    else:
        assert all(e.source == "model" for e in agencies)
