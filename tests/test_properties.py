"""Property tests (hypothesis) of ``parse`` on arbitrary and adversarial text.

For every pipeline -- the rules-only baseline, a tiny model trained here in seconds, and the
shipped model when models/govie exists -- and every text, including lone surrogates, control
characters, CJK, full-width forms and mutilated generated reports:

* ``parse`` never raises;
* every entity span, every indicator's source span and the agency span index the caller's
  original string (``text[start:end]`` is what the result says it is);
* results are deterministic: parsing twice, or with a freshly loaded pipeline, gives equal Documents;
* ``pipe`` (texts batched through the tagger together) gives what ``parse`` gives one by one;
* a report and its traditional-script copy (OpenCC s2t) give the same indicators.

Example counts are kept small (a loaded 2-core machine runs the module in well under a minute);
raise them locally with ``--hypothesis-seed`` / a profile when hunting.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govie.modeldir import default_model_dir
from govie.pipeline import Pipeline
from govie.types import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# Pieces of reports and of the ways they break: numbers with units, document numbers, table
# rows, full-width and traditional forms, pinyin glosses, NFKC expansions, controls, surrogates.
FRAGMENTS = [
    "主动公开政府信息", "1260条", "近2万条", "12件", "3场", "1.5万元", "45.6%", "百分之十", "二千余件",
    "临政办发〔2019〕8号", "《临江县政务公开工作要点》", "临江县教育局", "2019年度", "2020年3月1日",
    "政府信息公开工作年度报告", "受理依申请公开", "未发生行政复议", "没有收取任何费用", "总计",
    "一、本年新收政府信息公开申请数量", " | ", "|", "\t", "\n", "\r\n", "  ", "\u3000",
    "１２６０條", "１２", "％", "（", "）", "｜", "申請", "萬元", "發(fā)佈", "﹝2019﹞", "…", "㍻", "ﷺ", "ﬃ",
    "\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\u200b", "\ufeff", "\ud800", "\udfff", "\U00020000",
    "{{", "}}", "<p>", "</b>", "&nbsp;", "0", "-3", "+5", "9" * 25,
]
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, surrogates included
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
FULLWIDTH = st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF)
CONTROL = st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Zl", "Zp"])
PIECE = st.one_of(st.sampled_from(FRAGMENTS), ANY_CHAR, CJK, FULLWIDTH, CONTROL)
TEXTS = st.lists(PIECE, max_size=80).map("".join)

# GOVIE_PROPERTY_SCALE=20 runs twenty times the examples (a longer hunt, e.g. before a release)
SCALE = max(1, int(os.environ.get("GOVIE_PROPERTY_SCALE", "1")))
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _synth(seed: int, traditional: float = 0.0) -> str:
    from training.synth.generate import generate

    return generate(1, seed, traditional_share=traditional)[0]["text"]


@st.composite
def mutilated_reports(draw) -> str:
    """A generated report with fragments inserted at random places and random slices cut out."""
    text = _synth(draw(st.integers(0, 10_000)))
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:pos] + draw(st.lists(PIECE, min_size=1, max_size=6).map("".join)) + text[pos:]
        else:
            text = text[:pos] + text[pos + draw(st.integers(1, 200)):]
    return text


# ------------------------------------------------------------------------------------------ pipelines
def _tiny_docs() -> list[Document]:
    import opencc

    from govie.io import from_markup, record_to_document
    from govie.types import Entity

    rec, text = from_markup((DATA / "tiny.markup").read_text(encoding="utf-8"))
    base = record_to_document(rec, text)
    trad = opencc.OpenCC("s2t").convert(text)
    ents = tuple(Entity(e.id, e.start, e.end, e.label, trad[e.start:e.end]) for e in base.entities)
    return [base, Document(trad, ents, base.relations, {}, base.meta)]


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A tiny tagger + relation model overfit on tests/data/tiny.markup (seconds, as in test_models)."""
    import torch

    from govie.config import load_config
    from training.train import train

    threads = torch.get_num_threads()
    out = tmp_path_factory.mktemp("tiny_props") / "model"
    cfg = load_config(ROOT / "configs" / "tiny.toml", [f"--train.output={out}", "--train.max_steps=200",
                                                       "--relations.epochs=40"])
    train(cfg, docs=_tiny_docs())
    torch.set_num_threads(threads)
    return out


SHIPPED = default_model_dir()


@pytest.fixture(scope="module", params=["rules", "tiny", "shipped"])
def model(request, one_thread) -> str | Path:
    """The model argument of a Pipeline: ``"rules"``, the tiny model dir, or the shipped model dir."""
    if request.param == "rules":
        return "rules"
    if request.param == "shipped":
        if not (SHIPPED / "ner.safetensors").is_file():
            pytest.skip("the shipped model models/govie is absent")
        return SHIPPED
    return request.getfixturevalue("tiny_model_dir")


def _pipeline(model: str | Path) -> Pipeline:
    return Pipeline(entities="rules") if model == "rules" else Pipeline(model)


@pytest.fixture(scope="module")
def nlp(model) -> Pipeline:
    return _pipeline(model)


# ------------------------------------------------------------------------------------------ checks
def assert_indexes_original(doc: Document, text: str) -> None:
    """Every public span of ``doc`` is a code-point span of ``text`` saying what the result says."""
    n = len(text)
    assert doc.text == text
    assert len({e.id for e in doc.entities}) == len(doc.entities)
    for e in doc.entities:
        assert 0 <= e.start < e.end <= n, e
        assert text[e.start:e.end] == e.text, e
        assert not e.text[0].isspace() and not e.text[-1].isspace(), e  # GUIDELINES: no whitespace at edges
        assert 0.0 <= e.score <= 1.0
    ids = {e.id for e in doc.entities}
    for r in doc.relations:
        assert r.head in ids and r.tail in ids
    for key, v in doc.indicators.items():
        assert v.key == key
        if v.source is not None:
            assert 0 <= v.source.start <= v.source.end <= n, (key, v.source)
            if v.raw:
                assert text[v.source.start:v.source.end] == v.raw, (key, v.source, v.raw)
    if doc.meta.agency_span is not None:
        a, b = doc.meta.agency_span
        assert 0 <= a < b <= n and text[a:b] == doc.meta.agency
    json.dumps(doc.to_dict(), ensure_ascii=False)  # JSON-ready, whatever the input


def indicator_view(doc: Document) -> dict[str, tuple]:
    """The indicators as comparable tuples; ``raw`` (as printed, so in the text's script) left out."""
    return {k: (v.value, v.unit, v.status, v.qualifier, v.era, v.confidence, v.multiplier,
                v.source and (v.source.kind, v.source.start, v.source.end, v.source.table_id))
            for k, v in doc.indicators.items()}


# ------------------------------------------------------------------------------------------ properties
@settings(max_examples=40 * SCALE, **SETTINGS)
@given(text=TEXTS)
def test_parse_never_raises_and_spans_index_original(nlp, text):
    doc = nlp.parse(text)
    assert_indexes_original(doc, text)


@settings(max_examples=6 * SCALE, **SETTINGS)
@given(text=mutilated_reports())
def test_mutilated_reports_parse_and_index_original(nlp, text):
    doc = nlp.parse(text)
    assert_indexes_original(doc, text)
    assert nlp.parse(text) == doc  # deterministic


@pytest.mark.parametrize("text", [
    "管委会印发的《关于进一步做好政府信息依申请公开工作的通知 | 》（德开字〔2017〕45号）",  # found by hypothesis
    "《 条例 》 规定，\t2019年 \n收到申请 12件 ",
])
def test_whitespace_inside_delimiters_stays_outside_spans(nlp, text):
    assert_indexes_original(nlp.parse(text), text)


@settings(max_examples=8 * SCALE, **SETTINGS)
@given(texts=st.lists(st.one_of(TEXTS, st.integers(0, 10_000).map(lambda s: _synth(s)[:1500])),
                      min_size=1, max_size=5),
       batch_size=st.integers(1, 4))
def test_pipe_equals_parse(model, nlp, texts, batch_size):
    import govie

    one_by_one = [nlp.parse(t) for t in texts]
    assert list(govie.pipe(texts, batch_size=batch_size, model=model)) == one_by_one
    assert nlp.parse_many(texts) == one_by_one


def test_fresh_pipeline_gives_equal_results(model, nlp):
    texts = [_synth(s) for s in (1, 2)] + [(ROOT / "examples" / "report_2022.txt").read_text(encoding="utf-8")]
    again = _pipeline(model)
    for t in texts:
        assert again.parse(t) == nlp.parse(t)


def _s2t(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _same_indicators(nlp: Pipeline, text: str) -> None:
    trad = _s2t(text)
    assert len(trad) == len(text)  # s2t is length-preserving on reports: offsets compare directly
    assume(trad != text)
    simp_doc, trad_doc = nlp.parse(text), nlp.parse(trad)
    assert indicator_view(trad_doc) == indicator_view(simp_doc)
    assert (trad_doc.meta.year, trad_doc.meta.era) == (simp_doc.meta.year, simp_doc.meta.era)
    assert sorted(c.rule for c in trad_doc.checks) == sorted(c.rule for c in simp_doc.checks)


def test_traditional_example_report_gives_same_indicators(nlp):
    text = (ROOT / "examples" / "report_2022.txt").read_text(encoding="utf-8")
    trad = _s2t(text)
    assert len(trad) == len(text) and trad != text
    simp, trad_doc = nlp.parse(text), nlp.parse(trad)
    assert simp.indicators  # the example states values: the comparison is not vacuous
    assert indicator_view(trad_doc) == indicator_view(simp)


@settings(max_examples=4 * SCALE, **SETTINGS)
@given(seed=st.integers(0, 10_000))
def test_traditional_generated_reports_give_same_indicators(nlp, seed):
    _same_indicators(nlp, _synth(seed))


def test_pipe_in_two_processes_equals_parse():
    """Worker processes send back the same Documents, adversarial characters included (rules: no torch)."""
    import govie

    texts = ["", "教育\ud800局\x00 12条", "１２６０條｜３|\u2028", _synth(3)[:3000], _synth(4, traditional=1.0)[:3000]]
    nlp = Pipeline(entities="rules")
    assert list(govie.pipe(texts, n_process=2, batch_size=2, model="rules")) == [nlp.parse(t) for t in texts]
