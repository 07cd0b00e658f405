"""Overfit-and-reload tests for every trained component, on the tiny config (seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govie.config import load_config
from govie.io import from_markup, record_to_document
from govie.types import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def tiny_docs() -> list[Document]:
    rec, text = from_markup((DATA / "tiny.markup").read_text(encoding="utf-8"))
    base = record_to_document(rec, text)
    # a second, traditional-script copy: the tagger must see through the script
    import opencc

    trad = opencc.OpenCC("s2t").convert(text)
    assert len(trad) == len(text)
    from govie.types import Entity
    ents = tuple(Entity(e.id, e.start, e.end, e.label, trad[e.start:e.end]) for e in base.entities)
    return [base, Document(trad, ents, base.relations, {}, base.meta)]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from training.train import train

    out = tmp_path_factory.mktemp("tiny") / "model"
    cfg = load_config(ROOT / "configs" / "tiny.toml", [f"--train.output={out}", "--train.max_steps=300",
                                                       "--relations.epochs=60", "--metric_spans.epochs=60"])
    summary = train(cfg, docs=tiny_docs())
    return out, summary


def _assert_overfits(out: Path) -> None:
    """The model in ``out`` finds >= 90% of the tiny documents' gold spans, and reloads identically."""
    from govie.ner.tagger import EntityTagger
    from govie.normalize import normalize

    docs = tiny_docs()
    tagger = EntityTagger.load(out)
    for doc in docs:
        norm = normalize(doc.text)
        pred = {(s, e, lab) for s, e, lab, _ in tagger.predict([norm.text])[0]}
        gold = {(*norm.to_normalized(e.start, e.end), e.label) for e in doc.entities}
        assert len(pred & gold) / len(gold) >= 0.9
    again = EntityTagger.load(out).predict([normalize(docs[0].text).text])
    assert again == tagger.predict([normalize(docs[0].text).text])


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_tagger_spans_do_not_depend_on_batch_size(tiny_model, batch_size):
    """Windows of different lengths share a padded batch; the spans and scores are those of the default."""
    from govie.ner.tagger import EntityTagger
    from govie.normalize import normalize

    out, _ = tiny_model
    tagger = EntityTagger.load(out)
    texts = [normalize(d.text).text for d in tiny_docs()] + ["收到申请3件。" * 80]  # a long one: several windows
    default = tagger.predict(texts)
    got = tagger.predict(texts, batch_size=batch_size)
    assert [[sp[:3] for sp in t] for t in got] == [[sp[:3] for sp in t] for t in default]
    assert all(abs(a[3] - b[3]) < 1e-4 for t, u in zip(got, default) for a, b in zip(t, u))


def test_overfit_entities_and_reload(tiny_model):
    out, summary = tiny_model
    assert summary["steps"] == 300
    _assert_overfits(out)


def test_overfit_with_bf16_autocast(tmp_path):
    """train.bf16 (the shipped config's setting) still learns; the saved weights are float32."""
    from safetensors.torch import load_file

    from training.train import train

    out = tmp_path / "model"
    cfg = load_config(ROOT / "configs" / "tiny.toml", [f"--train.output={out}", "--train.max_steps=300",
                                                       "--train.bf16=true"])
    train(cfg, docs=tiny_docs())
    _assert_overfits(out)
    assert {str(t.dtype) for t in load_file(out / "ner.safetensors").values()} == {"torch.float32"}


def test_adjacency_prior_saved_and_reloaded(tiny_model, tmp_path):
    """The decoding prior is counted on the training documents, saved in config.json and reloaded;
    a config written before it existed loads without one, and a malformed one is refused."""
    import json
    import shutil

    from govie.errors import ModelLoadError
    from govie.ner.tagger import EntityTagger, adjacency_prior
    from training.data import to_example

    out, _ = tiny_model
    tagger = EntityTagger.load(out)
    assert tagger.adjacent == adjacency_prior([to_example(d)[1] for d in tiny_docs()], tagger.labels)
    assert set(tagger.adjacent) == set(tagger.labels) and all(v <= 0 for v in tagger.adjacent.values())
    for value, ok in [(None, True), ("-4", False), ({"DATE": "often"}, False)]:
        d = tmp_path / f"m{len(list(tmp_path.iterdir()))}"
        shutil.copytree(out, d)
        cfg = json.loads((d / "config.json").read_text())
        if value is None:
            del cfg["adjacent"]
        else:
            cfg["adjacent"] = value
        (d / "config.json").write_text(json.dumps(cfg))
        if ok:
            assert EntityTagger.load(d).adjacent == {}
        else:
            with pytest.raises(ModelLoadError) as exc:
                EntityTagger.load(d)
            assert exc.value.code == "E205"


@pytest.mark.parametrize("lengths", [[7], [5, 12], [1, 30, 9]])
def test_inference_network_equals_transformers(tiny_model, lengths):
    """The plain-torch network that inference loads computes what training's transformers model
    computes, on the same weights, padding included."""
    import torch
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForTokenClassification

    from govie.ner.encoder import CharTagger, hf_config
    from govie.ner.tagger import EntityTagger

    out, _ = tiny_model
    tagger = EntityTagger.load(out)
    assert isinstance(tagger.model, CharTagger)
    conf = hf_config(tagger.cfg, len(tagger.vocab), tagger.n_types, len(tagger.tags))
    hf = BertForTokenClassification(BertConfig(**conf))
    hf.load_state_dict(load_file(str(out / "ner.safetensors")), strict=True)
    hf.eval()
    g = torch.Generator().manual_seed(len(lengths))
    pieces = [(torch.randint(4, len(tagger.vocab), (n,), generator=g).numpy(),
               torch.randint(0, tagger.n_types, (n,), generator=g).numpy()) for n in lengths]
    inputs = tagger.batch_tensors(pieces)
    with torch.inference_mode():
        ours, theirs = tagger.model(**inputs), hf(**inputs).logits
    mask = inputs["attention_mask"].bool()
    assert torch.allclose(ours[mask], theirs[mask], atol=1e-4, rtol=1e-4)


def test_overfit_relations_and_reload(tiny_model):
    from govie.relations import RelationModel

    out, _ = tiny_model
    from govie.extract import normalized_view
    from govie.normalize import normalize

    model = RelationModel.load(out)
    doc = tiny_docs()[0]
    # the model reads the normalized view, as govie.parse feeds it
    got = {(r.head, r.tail, r.label) for r in model.predict(normalized_view(normalize(doc.text), doc.entities))}
    assert got == {(r.head, r.tail, r.label) for r in doc.relations}


# the issuers after the title: stated_issuers does not read them, the decoding alone decides
_JOINT = "《关于加强乡镇便民服务公开目录的意见》由中共中央办公厅、国务院办公厅印发，全年公开信息12条、文件3条。"


@pytest.mark.parametrize("probs,want", [
    # a title issued jointly keeps both issuers; a number keeps its best METRIC only
    ((0.9, 0.8, 0.7, 0.6), {("T", "A1", "issued_by"), ("T", "A2", "issued_by"), ("C", "M1", "value_of")}),
    ((0.9, 0.4, 0.3, 0.6), {("T", "A1", "issued_by"), ("C", "M2", "value_of")}),
    ((0.2, 0.3, 0.4, 0.1), set()),
])
def test_relation_decoding_tails(probs, want):
    """Decoding keeps one tail per head and relation, except issued_by, which keeps every issuer."""
    import numpy as np

    from govie.config import RelConfig
    from govie.relations import RelationModel

    from govie.types import Entity

    def ent(i, text, label):
        s = _JOINT.index(text)  # each phrase occurs once
        return Entity(i, s, s + len(text), label, text)

    a1, a2 = ent("A1", "中共中央办公厅", "AGENCY"), ent("A2", "国务院办公厅", "AGENCY")
    title = ent("T", "关于加强乡镇便民服务公开目录的意见", "TITLE")
    m1, m2, c = ent("M1", "公开信息", "METRIC"), ent("M2", "文件", "METRIC"), ent("C", "12条", "COUNT")
    pairs = [(title, a1, "issued_by"), (title, a2, "issued_by"), (c, m1, "value_of"), (c, m2, "value_of")]

    class Fixed(RelationModel):
        def scores(self, doc):
            return pairs, np.array(probs, dtype=np.float32)

    doc = Document(_JOINT, (a1, a2, title, m1, m2, c))
    got = Fixed(RelConfig(hidden=8)).predict(doc)
    assert {(r.head, r.tail, r.label) for r in got} == want
    assert [r.id for r in got] == [f"R{i}" for i in range(1, len(got) + 1)]


# (marked text, the (head, tail) issued_by pairs the wording states)
ISSUER_CASES = [
    ("{{AGENCY:市政府办公室}}印发《{{TITLE:某某工作方案}}》。", {("某某工作方案", "市政府办公室")}),
    ("落实{{AGENCY:省政府}}《{{TITLE:某某实施意见}}》。", {("某某实施意见", "省政府")}),
    ("{{AGENCY:中办}}、{{AGENCY:国办}}联合印发的《{{TITLE:某某意见}}》", {("某某意见", "中办"), ("某某意见", "国办")}),
    # a coordinated title and the number in brackets after a title share its issuers
    ("{{AGENCY:县政府}}印发《{{TITLE:甲方案}}》和《{{TITLE:乙办法}}》（{{DOCNUM:某政发〔2019〕3号}}）",
     {("甲方案", "县政府"), ("乙办法", "县政府"), ("某政发〔2019〕3号", "县政府")}),
    # no issuer the wording states: other words between, the agency after the title, a title without issuers
    ("{{AGENCY:市政府}}要求各单位学习《{{TITLE:某某条例}}》。", set()),
    ("《{{TITLE:某某条例}}》由{{AGENCY:市政府}}印发。", set()),
    ("学习《{{TITLE:甲条例}}》和《{{TITLE:乙条例}}》。", set()),
    ("{{AGENCY:县政府}} | 《{{TITLE:某某方案}}》", set()),  # a table row
]


def test_predict_adds_stated_issuers():
    """An issuer the wording states is kept even when the model scores it below the threshold."""
    import numpy as np

    from govie.config import RelConfig
    from govie.io import from_markup, record_to_document
    from govie.relations import RULE_SCORE, RelationModel

    rec, text = from_markup("{}\n=====TEXT=====\n{{AGENCY:区政府}}印发《{{TITLE:某某要点}}》。")
    doc = record_to_document(rec, text)
    title, agency = sorted(doc.entities, key=lambda e: -e.start)

    class Low(RelationModel):
        def scores(self, d):
            return [(title, agency, "issued_by")], np.array([0.1], dtype=np.float32)

    got = Low(RelConfig(hidden=8)).predict(doc)
    assert [(r.head, r.tail, r.label, r.score) for r in got] == [(title.id, agency.id, "issued_by", RULE_SCORE)]


@pytest.mark.parametrize("markup,want", ISSUER_CASES)
def test_stated_issuers(markup, want):
    from govie.io import from_markup, record_to_document
    from govie.relations import stated_issuers

    rec, text = from_markup("{}\n=====TEXT=====\n" + markup)
    doc = record_to_document(rec, text)
    assert {(h.text, t.text) for h, t in stated_issuers(doc)} == want


def test_overfit_metric_spans_and_reload(tiny_model):
    from govie.metric_spans import MetricSpans
    from govie.normalize import normalize
    from govie.pipeline import Pipeline

    out, summary = tiny_model
    doc = tiny_docs()[1]  # the traditional-script copy, read normalized
    norm = normalize(doc.text)
    spans = [(*norm.to_normalized(e.start, e.end), e.label) for e in doc.entities if e.label != "METRIC"]
    by_id = {e.id: e for e in doc.entities}
    want = {(by_id[r.head].text, by_id[r.tail].text) for r in doc.relations if r.label == "value_of"}
    got = MetricSpans.load(out).predict(norm.text, spans)
    assert {(norm.original[slice(*norm.to_original(*spans[i][:2]))],
             norm.original[slice(*norm.to_original(s, e))]) for i, s, e, _ in got if i is not None} == want
    # and the phrases its zero statements deny (METRICs no number measures)
    measured = {r.tail for r in doc.relations if r.label == "value_of"}
    assert {norm.original[slice(*norm.to_original(s, e))] for i, s, e, _ in got if i is None} == \
        {e.text for e in doc.entities if e.label == "METRIC" and e.id not in measured}
    # the pipeline uses it: every gold value_of METRIC is among the parsed entities
    parsed = {(e.start, e.end, e.label) for e in Pipeline(out).parse(doc.text).entities}
    assert {(by_id[r.tail].start, by_id[r.tail].end, "METRIC") for r in doc.relations if r.label == "value_of"} <= parsed


def test_pipeline_offsets_index_original(tiny_model):
    from govie.pipeline import Pipeline

    out, _ = tiny_model
    nlp = Pipeline(out)
    trad = tiny_docs()[1].text
    doc = nlp.parse(trad)
    assert doc.entities
    for e in doc.entities:
        assert trad[e.start:e.end] == e.text
    assert doc.meta.year == 2019


def test_model_dir_files(tiny_model):
    out, _ = tiny_model
    names = {p.name for p in out.iterdir()}
    assert {"config.json", "meta.json", "vocab.json", "ner.safetensors", "relations.safetensors",
            "metric_spans.safetensors", "labels.json", "indicators.json", "README.md"} <= names
    assert not any(n.endswith((".pt", ".bin", ".pkl")) for n in names)


@pytest.mark.parametrize("damage,code", [
    ("missing", "E201"), ("version", "E202"), ("pickle", "E203"), ("torch_save", "E203"), ("weights", "E205"),
])
def test_damaged_model_dir_is_refused(tiny_model, tmp_path, damage, code):
    import json
    import shutil

    from govie.errors import ModelLoadError
    from govie.pipeline import Pipeline

    out, _ = tiny_model
    d = tmp_path / "m"
    shutil.copytree(out, d)
    if damage == "missing":
        (d / "vocab.json").unlink()
    elif damage == "version":
        cfg = json.loads((d / "config.json").read_text())
        cfg["format_version"] = 99
        (d / "config.json").write_text(json.dumps(cfg))
    elif damage == "pickle":
        (d / "extra.pkl").write_bytes(b"\x80\x04K\x01.")
    elif damage == "torch_save":
        (d / "ner.pt").write_bytes(b"PK")
    else:
        (d / "ner.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(ModelLoadError) as exc:
        Pipeline(d)
    assert exc.value.code == code
    assert str(d) in exc.value.message


def test_links_only_retrains_relations_and_ranker_keeps_tagger(tiny_model, tmp_path):
    import hashlib
    import json
    import shutil

    from training.train import main

    out, _ = tiny_model
    d = tmp_path / "m"
    shutil.copytree(out, d)
    (d / "metric_spans.safetensors").unlink()
    before = hashlib.sha256((d / "ner.safetensors").read_bytes()).hexdigest()
    tagger_data = json.loads((d / "meta.json").read_text(encoding="utf-8"))["data"]
    summary = main([str(ROOT / "configs" / "tiny.toml"), "--links-only", f"--train.output={d}", "--data.use_gold=true",
                    "--relations.epochs=1", "--metric_spans.epochs=1"])
    assert (d / "metric_spans.safetensors").is_file()
    assert hashlib.sha256((d / "ner.safetensors").read_bytes()).hexdigest() == before
    meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
    assert meta["metrics"]["metric_spans"]["anchors"] > 100  # the gold train split's numbers outside tables, negations
    assert meta["training"]["links_retrained_seconds"] == summary["links_retrained_seconds"] > 0
    train_ids = (ROOT / "annotations" / "splits" / "train.txt").read_text(encoding="utf-8").split()
    n_gold = len(train_ids)  # tiny.toml: the train split, no written records
    # the tagger's training data stay recorded as they were (the fixture's), the links' beside them
    assert {k: v for k, v in meta["data"].items() if k != "links"} == tagger_data
    assert meta["data"]["links"]["gold_train_docs"] == train_ids
    assert f"--links-only` ({summary['links_retrained_seconds']} s, {n_gold} gold documents)" in \
        (d / "README.md").read_text(encoding="utf-8")
    dev = json.loads((d / "metrics_dev.json").read_text(encoding="utf-8"))  # the dev split, evaluated again
    assert dev["docs"] == (ROOT / "annotations" / "splits" / "dev.txt").read_text(encoding="utf-8").split()
    assert dev["ents_f"] == summary["dev"]["ents_f"]


def test_links_only_needs_a_model(tmp_path):
    from govie.errors import ModelLoadError
    from training.train import main

    with pytest.raises(ModelLoadError) as exc:
        main([str(ROOT / "configs" / "tiny.toml"), "--links-only", f"--train.output={tmp_path / 'none'}"])
    assert exc.value.code == "E201"


@pytest.mark.parametrize("extra_repeat, want", [(0, [8, 8, 8, 8]), (3, [8, 8, 3, 3])])
def test_train_links_counts_extra_records_by_extra_repeat(monkeypatch, extra_repeat, want):
    """The last ``n_extra`` gold documents (data.extra records) reach the ranker with metric_spans.extra_repeat
    (0: gold_repeat like the others)."""
    import govie.metric_spans
    from training.train import train_links

    seen = {}

    def fake(cfg, gold, synth, lexicon, out, seed=0, repeats=None):
        seen["repeats"] = repeats
        return {"model": None}

    monkeypatch.setattr(govie.metric_spans, "train_metric_spans", fake)
    cfg = load_config(ROOT / "configs" / "tiny.toml", ["--relations.epochs=0", "--metric_spans.epochs=1",
                                                       "--metric_spans.gold_repeat=8",
                                                       f"--metric_spans.extra_repeat={extra_repeat}"])
    docs = tiny_docs() * 2
    train_links(cfg, None, docs, [], None, n_extra=2)
    assert seen["repeats"] == want
