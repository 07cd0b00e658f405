"""The METRIC ranker (govie.metric_spans): candidate spans, overfit-and-reload, pipeline use."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import torch

from govie.config import MetricSpanConfig
from govie.metric_spans import NONE, MetricSpans, _anchors, _Text, number_candidates, train_metric_spans
from govie.types import Document, Entity, Relation


def _cands(text: str, number: str, blocked: tuple[str, ...] = ()) -> set[str]:
    s = text.index(number)
    spans = [(text.index(b), text.index(b) + len(b)) for b in blocked]
    t = _Text(text, spans + [(s, s + len(number))])
    return {text[a:b] for a, b in number_candidates(t, s, s + len(number)) if (a, b) != NONE}


# (text, the number, spans that may not be covered, a candidate that must be there, ones that must not)
CASES = [
    ("全年受理网上申请39件", "39件", (), "网上申请", ["申请39件"]),
    ("公众号订阅人数达120人", "120人", (), "订阅人数", ["达120"]),
    ("今年共召开5次新闻发布会。", "5次", (), "新闻发布会", ["新闻发布会。"]),
    ("今年收到3份通过邮寄方式提交的公开申请", "3份", (), "公开申请", []),
    ("发布公告，通知12条", "12条", (), "通知", ["发布公告，通知", "公告，通知"]),
    ("2019年办理提案8件", "8件", ("2019年",), "办理提案", ["2019年办理提案", "年办理提案"]),
    ("其中答复6件、转办4件", "4件", ("6件",), "转办", ["答复6件、转办", "6件、转办"]),
    # both marks of a pair or neither; no leading word that names nothing
    ("编印“乡村振兴”简报4期", "4期", (), "“乡村振兴”简报", ["乡村振兴”简报", "”简报", "振兴”简报"]),
    ("推送《政务周刊》12期", "12期", (), "《政务周刊》", ["政务周刊》", "周刊》"]),
    ("其中当面提交2件", "2件", (), "当面提交", ["其中当面提交"]),
    ("共计办结11件", "11件", (), "办结", ["共计办结"]),
    ("共享数据3项", "3项", (), "共享数据", []),                         # 共享 is no 共 + verb
]


@pytest.mark.parametrize("text,number,blocked,want,never", CASES)
def test_candidates(text, number, blocked, want, never):
    got = _cands(text, number, blocked)
    assert want in got
    assert not got & set(never)
    assert all(2 <= len(c) for c in got)


def test_candidates_stop_at_text_ends():
    assert _cands("5件", "5件") == set()
    assert _cands("办理5件", "5件") == {"办理"}


# (text, its entities (text, label), the negations that anchor a zero statement, by their text)
ANCHOR_CASES = [
    ("全年未收到政府信息公开申请。", [], ["未"]),
    ("未收到申请，没有发生行政复议。", [], ["未", "没有"]),
    ("全年未收到申请3件。", [("3件", "COUNT")], []),                  # the clause states a number
    ("受理申请3件，未发生行政复议。", [("3件", "COUNT")], ["未"]),     # ... in another clause
    ("依据《无障碍环境建设法》办理。", [("无障碍环境建设法", "TITLE")], []),  # inside an entity
    ("项目|无|无\n全年无投诉", [], ["无"]),                           # table cells are no statements
]


@pytest.mark.parametrize("text,ents,cues", ANCHOR_CASES)
def test_zero_statement_anchors(text, ents, cues):
    spans = [(text.index(t), text.index(t) + len(t), lab) for t, lab in ents]
    anchors, _ = _anchors(text, spans, zeros=True)
    assert [text[a[1]:a[2]] for a in anchors if a[4] == "Z"] == cues
    assert [a[0] for a in anchors if a[4] == ""] == [i for i, sp in enumerate(spans) if sp[2] == "COUNT"]
    assert not any(a[4] == "Z" for a in _anchors(text, spans, zeros=False)[0])


def _doc(text: str, links: list[tuple[str, str | None]], zeros: tuple[str, ...] = ()) -> Document:
    """A Document whose numbers (first occurrences) link to their METRIC (None: no METRIC), and whose
    ``zeros`` are METRICs of zero statements (no number)."""
    ents, rels = [], []
    for k, (number, metric) in enumerate(links):
        s = text.index(number)
        ents.append(Entity(f"N{k}", s, s + len(number), "COUNT", number))
        if metric:
            m = text.index(metric)
            ents.append(Entity(f"M{k}", m, m + len(metric), "METRIC", metric))
            rels.append(Relation(f"R{k}", f"N{k}", f"M{k}", "value_of"))
    for k, z in enumerate(zeros):
        m = text.index(z)
        ents.append(Entity(f"Z{k}", m, m + len(z), "METRIC", z))
    return Document(text, tuple(sorted(ents, key=lambda e: e.start)), tuple(rels))


TRAIN = [
    _doc("全年主动公开信息820条，受理网上申请31件，召开4次座谈会，下设7个科室。",
         [("820条", "主动公开信息"), ("31件", "网上申请"), ("4次", "座谈会"), ("7个", None)]),
    _doc("本年度主动公开信息96条，受理网上申请8件，召开2次座谈会，下设3个科室。",
         [("96条", "主动公开信息"), ("8件", "网上申请"), ("2次", "座谈会"), ("3个", None)]),
]


def _pairs(model: MetricSpans, doc: Document) -> set[tuple[str | None, str]]:
    """(number, METRIC) pairs the model predicts; None for the number of a zero statement's METRIC."""
    spans = [(e.start, e.end, e.label) for e in doc.entities if e.label != "METRIC"]
    return {(None if i is None else doc.text[spans[i][0]:spans[i][1]], doc.text[s:e])
            for i, s, e, _ in model.predict(doc.text, spans)}


@pytest.mark.parametrize("members", [1, 3])
def test_overfit_and_reload(tmp_path, members):
    summary = train_metric_spans(MetricSpanConfig(epochs=60, gold_repeat=1, members=members), TRAIN, out_dir=None)
    model = summary["model"]
    assert summary["anchors"] == summary["gold_anchors"] == 8
    for doc in TRAIN:
        want = {(doc.text[h.start:h.end], next(m.text for m in doc.entities if m.id == r.tail))
                for r in doc.relations for h in doc.entities if h.id == r.head}
        assert _pairs(model, doc) == want  # the 科室 counts measure nothing: no phrase chosen
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    model.save(tmp_path)
    again = MetricSpans.load(tmp_path)
    from safetensors.torch import load_file
    assert {v.dtype for v in load_file(str(tmp_path / "metric_spans.safetensors")).values()} == {torch.float16}
    assert next(again.net.parameters()).dtype == torch.float32  # cast back on load
    saved = json.loads((tmp_path / "config.json").read_text())["metric_spans"]
    assert saved["threshold"] == 0.5 and saved["members"] == members and again.cfg.members == members
    for doc in TRAIN:
        assert _pairs(again, doc) == _pairs(model, doc)
    # the threshold: at 0 the likeliest phrase of every number is kept, even where "none" is likelier (科室)
    again.cfg = replace(again.cfg, threshold=0.0)
    for doc in TRAIN:
        got = _pairs(again, doc)
        assert _pairs(model, doc) < got and {n for n, _ in got} == {e.text for e in doc.entities if e.label == "COUNT"}
    again.cfg = replace(again.cfg, threshold=1.01)
    assert all(not _pairs(again, doc) for doc in TRAIN)


def test_none_weight():
    """Anchors whose target is "none" weigh ``none_weight`` in the loss: at 0 the ranker never learns "none" and
    the 科室 counts get a phrase too; the phrases of the other numbers are still learned."""
    model = train_metric_spans(MetricSpanConfig(epochs=60, gold_repeat=1, none_weight=0.0), TRAIN)["model"]
    for doc in TRAIN:
        want = {(doc.text[h.start:h.end], next(m.text for m in doc.entities if m.id == r.tail))
                for r in doc.relations for h in doc.entities if h.id == r.head}
        got = _pairs(model, doc)
        assert want < got and {n for n, _ in got} == {e.text for e in doc.entities if e.label == "COUNT"}


def test_repeats_weigh_documents():
    """``repeats`` counts each gold document's anchors that many times: of two documents that disagree on the
    same sentence, the ranker follows the one counted; equal counts train as the config's gold_repeat does."""
    text = "全年受理网上申请31件。"
    wide, narrow = _doc(text, [("31件", "受理网上申请")]), _doc(text, [("31件", "网上申请")])
    cfg = MetricSpanConfig(epochs=40, gold_repeat=2)
    for repeats, want in (([3, 0], "受理网上申请"), ([0, 3], "网上申请")):
        model = train_metric_spans(cfg, [wide, narrow], repeats=repeats)["model"]
        assert _pairs(model, wide) == {("31件", want)}
    same = [train_metric_spans(cfg, TRAIN, **kw)["model"].net.state_dict() for kw in ({}, {"repeats": [2] * len(TRAIN)})]
    assert all(torch.equal(same[0][k], same[1][k]) for k in same[0])
    with pytest.raises(ValueError, match="one count"):
        train_metric_spans(cfg, TRAIN, repeats=[2])


ZERO_TRAIN = [
    _doc("全年未收到政府信息公开申请，没有因政府信息公开被提起的行政复议、行政诉讼。受理咨询12次。",
         [("12次", "受理咨询")], ("收到政府信息公开申请", "行政复议", "行政诉讼")),
    _doc("本年度未发生行政复议和行政诉讼，全年无收取信息处理费的情形，无障碍设施5处。",
         [("5处", None)], ("行政复议", "行政诉讼", "收取信息处理费")),
]


def test_overfit_zero_statements():
    model = train_metric_spans(MetricSpanConfig(epochs=80, gold_repeat=1), ZERO_TRAIN)["model"]
    for doc in ZERO_TRAIN:
        measured = {r.tail for r in doc.relations}
        want = {(None, e.text) for e in doc.entities if e.label == "METRIC" and e.id not in measured}
        want |= {(doc.text[h.start:h.end], next(m.text for m in doc.entities if m.id == r.tail))
                 for r in doc.relations for h in doc.entities if h.id == r.head}
        assert _pairs(model, doc) == want  # the second conjuncts come from the coordinator after the first
    off = train_metric_spans(MetricSpanConfig(epochs=80, gold_repeat=1, zeros=False), ZERO_TRAIN)["model"]
    assert all(i is not None for doc in ZERO_TRAIN for i, *_ in off.predict(
        doc.text, [(e.start, e.end, e.label) for e in doc.entities if e.label != "METRIC"]))


@pytest.mark.parametrize("layout", [
    {"hash_dim": 3, "max_len": 30, "max_gap": 10},      # another feature table
    {"hash_dim": 1 << 14, "max_len": 0, "max_gap": 10},  # candidate lengths no phrase has
    {"hash_dim": 1 << 14, "max_len": 99, "max_gap": 10},
    {"hash_dim": 1 << 14, "max_len": "30", "max_gap": 10},
    {"hash_dim": 1 << 14, "max_gap": 10},                # a ranker saved without its candidate length
])
def test_load_refuses_other_layout(tmp_path, layout):
    from govie.errors import ModelLoadError

    (tmp_path / "config.json").write_text(json.dumps({"metric_spans": {"hidden": 8, "threshold": 0.5, "zeros": False,
                                                                       **layout}}), encoding="utf-8")
    with pytest.raises(ModelLoadError) as exc:
        MetricSpans.load(tmp_path)
    assert exc.value.code == "E206"


# a phrase of 34 characters before its number: a candidate only when max_len allows it
LONG = "回应公众关注的本市道路拥堵治理、老旧小区改造、校外培训机构监管等方面的热点"[:34]
LONG_TRAIN = [_doc(f"通过网站等方式{LONG}{n}次，受理网上申请{k}件。", [(f"{n}次", LONG), (f"{k}件", "网上申请")])
              for n, k in ((15, 3), (9, 12))]


def test_max_len_is_learned_saved_and_loaded(tmp_path):
    assert len(LONG) == 34
    text = LONG_TRAIN[0].text
    s = text.index("15次")
    assert LONG not in _cands(text, "15次")  # the default, 30 characters
    assert LONG in {text[a:b] for a, b in number_candidates(_Text(text, [(s, s + 3)]), s, s + 3, max_len=34)}
    long = train_metric_spans(MetricSpanConfig(epochs=60, gold_repeat=1, max_len=40), LONG_TRAIN)
    model = long["model"]
    want = {(f"{n}次", LONG) for n in (15, 9)}
    assert all(_pairs(model, doc) & want for doc in LONG_TRAIN)
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    model.save(tmp_path)
    assert json.loads((tmp_path / "config.json").read_text())["metric_spans"]["max_len"] == 40
    again = MetricSpans.load(tmp_path)
    assert again.cfg.max_len == 40
    assert all(_pairs(again, doc) == _pairs(model, doc) for doc in LONG_TRAIN)
    short = train_metric_spans(MetricSpanConfig(epochs=60, gold_repeat=1), LONG_TRAIN)
    assert (long["anchors"], short["anchors"]) == (4, 2)  # at 30 the long phrases are no candidates: left out


@pytest.mark.parametrize("value", [1, 61])
def test_config_refuses_max_len(tmp_path, value):
    from govie.config import load_config
    from govie.errors import ConfigError

    path = tmp_path / "c.toml"
    path.write_text(f"[metric_spans]\nmax_len = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert exc.value.code == "E204"


def test_add_metrics_replaces_overlapping_tagger_metric():
    model = train_metric_spans(MetricSpanConfig(epochs=60, gold_repeat=1), TRAIN)["model"]
    text = "全年主动公开信息57条。未发生行政复议。"
    s = text.index("57条")
    tagger = [(5, 8, "METRIC", 0.9, "model"), (s, s + 3, "COUNT", 0.99, "model"),
              (text.index("行政复议"), text.index("行政复议") + 4, "METRIC", 0.8, "model")]
    got = [(text[a:b], lab) for a, b, lab, *_ in model.add_metrics(text, tagger)]
    # 开信息 (a fragment the tagger found) gives way to the ranker's phrase; the zero statement's METRIC stays
    assert got == [("主动公开信息", "METRIC"), ("57条", "COUNT"), ("行政复议", "METRIC")]


def test_add_metrics_keeps_the_likelier_of_overlapping_choices(monkeypatch):
    """Two numbers that choose overlapping phrases: the likelier phrase stays, alone (entities do not nest)."""
    text = "本年度2件政府信息公开行政复议中有1件被纠正。"
    a, b = text.index("2件"), text.index("1件")
    m = text.index("政府信息公开行政复议")
    spans = [(a, a + 2, "COUNT", 0.99, "model"), (b, b + 2, "COUNT", 0.99, "model")]
    model = MetricSpans(MetricSpanConfig())
    for p_long, p_short, want in ((0.9, 0.6, "政府信息公开行政复议"), (0.6, 0.9, "行政复议")):
        monkeypatch.setattr(model, "predict", lambda *_, pl=p_long, ps=p_short: [(0, m, m + 10, pl), (1, m + 6, m + 10, ps)])
        got = [text[s:e] for s, e, lab, *_ in model.add_metrics(text, spans) if lab == "METRIC"]
        assert got == [want]


@pytest.mark.parametrize("text", ["主动把政府信息公开到网上", "政府信息", "公", "", "申请申请公开。政府"])
def test_word_boundaries_from_lexicon_bits(text):
    import numpy as np

    from govie.ner.features import Lexicon

    lx = Lexicon(["政府信息", "信息公开", "公开", "申请"])
    want = np.zeros(len(text) + 1, dtype=bool)
    for s, e in lx.occurrences(text):  # a word (s, e) runs over every boundary strictly inside it
        want[s + 1:e] = True
    assert (_Text(text, [], lx.features(text)).cross == want).all()


def test_known_phrases_leave_each_document_out():
    """A phrase only one training document holds is unknown to that document, known to the others; phrases of
    two documents and the schema's names are known to all."""
    from govie.metric_spans import _KnownPhrases

    docs = TRAIN + [_doc("本年度举办3次专题讲座。", [("3次", "专题讲座")])]
    known = _KnownPhrases(docs)
    assert {"主动公开信息", "网上申请", "座谈会", "专题讲座"} <= known.all
    assert "专题讲座" not in known.of_others(docs[2]) and "专题讲座" in known.of_others(docs[0])
    assert "网上申请" in known.of_others(docs[0])  # docs[1] holds it too
    assert "受理依申请公开" in known.of_others(docs[2])  # a schema prose name (INDICATORS.md)


# (candidate, known phrases, (exact, known suffix))
KNOWN_CASES = [
    ("依申请公开", {"依申请公开"}, (1, 0)),
    ("受理依申请公开", {"依申请公开"}, (0, 1)),
    ("依申请公开", {"公开"}, (0, 1)),
    ("依申请公开", {"申请"}, (0, 0)),           # inside it, not at its end
    ("依申请公开", {"公"}, (0, 0)),              # one character is no phrase
    ("依申请公开", {"依申请"}, (0, 0)),          # a known start is not a known end
    ("一" * 20 + "行政复议", {"行政复议"}, (0, 1)),
    ("行政复议" + "一" * 12, {"一" * 13}, (0, 0)),  # suffixes are looked for up to KNOWN_SUFFIX characters
]


@pytest.mark.parametrize("span,known,want", KNOWN_CASES)
def test_known_features(span, known, want):
    from govie.metric_spans import _known

    assert _known(span, frozenset(known)) == want


def test_overfit_and_reload_with_known_phrases(tmp_path):
    from govie.errors import ModelLoadError
    from govie.metric_spans import KNOWN_FILE

    summary = train_metric_spans(MetricSpanConfig(epochs=60, gold_repeat=1, members=2, known=True), TRAIN)
    model = summary["model"]
    assert {"主动公开信息", "网上申请", "座谈会"} <= model.known
    for doc in TRAIN:
        want = {(doc.text[h.start:h.end], next(m.text for m in doc.entities if m.id == r.tail))
                for r in doc.relations for h in doc.entities if h.id == r.head}
        assert _pairs(model, doc) == want
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    model.save(tmp_path)
    assert json.loads((tmp_path / "config.json").read_text())["metric_spans"]["known"] is True
    again = MetricSpans.load(tmp_path)
    assert again.cfg.known and again.known == model.known
    for doc in TRAIN:
        assert _pairs(again, doc) == _pairs(model, doc)
    (tmp_path / KNOWN_FILE).write_bytes("主动公开".encode("gbk"))
    with pytest.raises(ModelLoadError) as exc:
        MetricSpans.load(tmp_path)
    assert exc.value.code == "E205" and KNOWN_FILE in exc.value.message
    (tmp_path / KNOWN_FILE).unlink()
    with pytest.raises(ModelLoadError) as exc:
        MetricSpans.load(tmp_path)
    assert exc.value.code == "E201" and KNOWN_FILE in exc.value.message
