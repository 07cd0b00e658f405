"""Bad input, case by case: what govie does with it and which error it gets.

Each table below is one kind of input (texts given to ``parse``, values that are not text,
report files, annotation files, model directories); each row is a case id, the input and
the expected outcome. docs/bad_input.md is the same table for readers; a test keeps the two
in step (every case id here appears there).

A case passes when govie either works (a Document whose spans index the caller's string) or
refuses with a coded, actionable error naming the file (and line) -- never a traceback from
deep inside, never data silently lost or altered, never a half-written output file.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

import govie
from govie.errors import AnnotationError, InputError, ModelLoadError
from govie.pipeline import Pipeline
from govie.types import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "report_2022.txt").read_text(encoding="utf-8")
LINE = "临江县教育局2019年主动公开政府信息1260条。"


# ============================================================================ fixtures
@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A complete model directory with random weights (tagger + relation model), built in a second.

    Robustness must not depend on what a model predicts: random weights tag anything, anywhere.
    """
    import torch

    from govie.config import ModelConfig, RelConfig
    from govie.labels import entity_labels
    from govie.ner.features import CharVocab
    from govie.ner.tagger import EntityTagger
    from govie.relations import RelationModel

    torch.manual_seed(0)
    d = tmp_path_factory.mktemp("random_model") / "model"
    cfg = ModelConfig(layers=1, hidden=16, heads=2, intermediate=32, window=24, overlap=6, dropout=0.0,
                      lexicon=False)
    EntityTagger(cfg, entity_labels(), CharVocab.build([EXAMPLE], 1), None).save(d)
    RelationModel(RelConfig(hidden=8)).save(d)
    (d / "meta.json").write_text(json.dumps({"name": "random", "version": "0"}), encoding="utf-8")
    return d


@pytest.fixture(scope="module", params=["rules", "model"])
def nlp(request, one_thread) -> Pipeline:
    if request.param == "rules":
        return Pipeline(entities="rules")
    return Pipeline(request.getfixturevalue("model_dir"))


@pytest.fixture
def rules_default(monkeypatch) -> Pipeline:
    """``govie.parse`` / ``govie.parse_file`` on the rules pipeline (the shipped model may be absent)."""
    import govie.pipeline

    nlp = Pipeline(entities="rules")
    monkeypatch.setattr(govie.pipeline, "_default", nlp)
    return nlp


def assert_valid(doc: Document, text: str) -> None:
    """The Document keeps the caller's text unchanged and every span indexes it."""
    assert doc.text == text
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text
        assert e.text == e.text.strip()
    for v in doc.indicators.values():
        if v.source is not None:
            assert 0 <= v.source.start <= v.source.end <= len(text)
    if doc.meta.agency_span:
        assert text[slice(*doc.meta.agency_span)] == doc.meta.agency


def assert_empty(doc: Document) -> None:
    assert (doc.entities, doc.relations, dict(doc.indicators), doc.checks) == ((), (), {}, ())


# ============================================================================ 1. texts given to parse()
# (id, text, expected): "empty" = an empty Document; "found:X|Y" = works, and the rules find X and Y
# at their place in the original string; "works" = a valid Document.
TEXT_CASES = [
    ("empty_text", "", "empty"),
    ("whitespace_only", " \t\n\r\n\u3000\u00a0\u2028  ", "empty"),
    ("control_characters_only", "\x00\x01\x02\x1b\x1f\x7f\x85", "empty"),
    ("nul_and_control_characters", "临江县教育局\x00\x01\x1b2019年主动公开政府信息\x7f1260条。", "found:2019年|1260条"),
    ("lone_surrogates", "临江县教育局\ud8002019年主动公开政府信息\udfff1260条", "found:2019年|1260条"),
    ("zero_width_and_bom", "\ufeff临江县教育局\u200b2019年主动公开政府信息\u200d1260条", "found:2019年|1260条"),
    ("html_fragment", "<p>临江县教育局<b>2019年</b>主动公开政府信息<span>1260条</span></p><script>x()</script>&nbsp;",
     "found:2019年|1260条"),
    ("fullwidth_and_traditional", "臨江縣教育局２０１９年主動公開政府信息１２６０條", "found:２０１９年|１２６０條"),
    ("nfkc_expanding_characters", "㍻ﷺ臨江縣教育局2019年ﬃ主动公开政府信息1260条", "found:2019年|1260条"),
    ("astral_plane_characters", "𠀀𪚥😀临江县教育局2019年主动公开政府信息1260条", "found:2019年|1260条"),
    ("one_very_long_line", "主动公开政府信息1260条，" * 1500, "works"),
    ("markup_braces", "{{COUNT:12条}}}}{{", "works"),
]


@pytest.mark.parametrize("case_id,text,expected", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_text_cases(nlp, case_id, text, expected):
    doc = nlp.parse(text)
    assert doc.text is text  # the caller's string, not a normalized copy
    assert_valid(doc, text)
    if expected == "empty":
        assert_empty(doc)
    elif expected.startswith("found:") and nlp.mode == "rules":
        found = {e.text: e.start for e in doc.entities}
        for span in expected[6:].split("|"):
            assert found.get(span) == text.index(span), (span, found)


def test_pipe_reports_a_bad_item_with_the_same_type_error(nlp):
    with pytest.raises(TypeError, match="needs a str, got NoneType"):
        list(govie.pipe(["", None], model=nlp.path if nlp.mode == "model" else "rules"))


def test_ten_megabyte_report(rules_default, tmp_path):
    """A 10 MB report file parses (no truncation: entities to the very end), in seconds with the rules."""
    reps = 10 * 2 ** 20 // len(EXAMPLE.encode("utf-8")) + 1
    text = "\n".join([EXAMPLE] * reps)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 10 * 2 ** 20
    doc = govie.parse_file(path)
    assert doc.text == text
    assert_valid(doc, text)
    one = rules_default.parse(EXAMPLE)
    assert len(doc.entities) >= reps * len(one.entities) * 0.95
    assert doc.entities[-1].start > len(text) - len(EXAMPLE)  # the last copy was read too


# ============================================================================ 2. values that are not text
# (id, value, words the TypeError message must contain)
TYPE_CASES = [
    ("none", None, ["needs a str", "NoneType"]),
    ("bytes", LINE.encode("utf-8"), ["needs a str", "bytes", "decode", "parse_file"]),
    ("bytearray", bytearray(LINE.encode("gbk")), ["bytearray", "decode", "parse_file"]),
    ("path", Path("report.txt"), ["needs a str", "Path", "parse_file"]),
    ("int", 2019, ["needs a str", "int"]),
    ("list_of_str", [LINE], ["needs a str", "list"]),
    ("document", Document(LINE), ["needs a str", "Document"]),
]


@pytest.mark.parametrize("case_id,value,words", TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_type_cases(case_id, value, words):
    # raised before any model is loaded: the shipped model need not exist
    with pytest.raises(TypeError) as exc:
        govie.parse(value)
    for w in words:
        assert w in str(exc.value), (w, str(exc.value))
    with pytest.raises(TypeError):
        Pipeline(entities="rules").parse(value)


def test_str_subclass_is_text(rules_default):
    import numpy as np

    text = np.str_(LINE)
    doc = govie.parse(text)
    assert doc.text == LINE and {e.text for e in doc.entities} >= {"2019年", "1260条"}


# ============================================================================ 3. report files
# (id, file name, bytes, expected): "text:..." = parse_file gives exactly that text; "EXXX" = InputError
TRAD = "臨江縣教育局2019年政府信息公開工作年度報告\n主動公開政府信息1260條。"
FILE_CASES = [
    ("gbk_txt", "r.txt", LINE.encode("gbk"), "text:" + LINE),
    ("gb18030_txt", "r.txt", ("䶮𠀀" + TRAD).encode("gb18030"), "text:䶮𠀀" + TRAD),
    ("utf8_bom_txt", "r.txt", b"\xef\xbb\xbf" + TRAD.encode("utf-8"), "text:" + TRAD),
    ("utf16_bom_txt", "r.txt", TRAD.encode("utf-16"), "text:" + TRAD),
    ("empty_file", "r.txt", b"", "text:"),
    ("binary_file", "r.txt", bytes(range(256)) * 8, "E302"),
    ("nul_bytes_in_txt", "r.txt", "临江\x00县".encode("utf-8"), "E302"),
    ("latin1_txt", "r.txt", "café résumé".encode("latin-1"), "E302"),
    ("unsupported_suffix", "r.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "E304"),
]


@pytest.mark.parametrize("case_id,name,data,expected", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_file_cases(rules_default, tmp_path, case_id, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    if expected.startswith("text:"):
        doc = govie.parse_file(path)
        assert doc.text == expected[5:]
        assert_valid(doc, doc.text)
    else:
        with pytest.raises(InputError) as exc:
            govie.parse_file(path)
        assert exc.value.code == expected and name in exc.value.message


def test_missing_file_and_folder(rules_default, tmp_path):
    for path, code in ((tmp_path / "missing.txt", "E305"), (tmp_path, "E305")):
        with pytest.raises(InputError) as exc:
            govie.parse_file(path)
        assert exc.value.code == code and str(path) in exc.value.message


# ============================================================================ 4. annotation files
GOOD = {"id": "good", "text": LINE, "entities": [{"id": "T1", "start": 0, "end": 6, "label": "AGENCY",
                                                   "text": "临江县教育局"}]}


def _rec(**changes) -> str:
    return json.dumps({**GOOD, **changes}, ensure_ascii=False)


def _ents(*ents) -> list[dict]:
    return list(ents)


# (id, the JSONL line written after one good line, expected code); the problem must name file and line 2
ANNOTATION_CASES = [
    ("broken_json", '{"id": "x", "text": "临江', "E101"),
    ("json_not_an_object", "[1, 2, 3]", "E101"),
    ("missing_field", _rec(id="x", entities=_ents({"id": "T1", "start": 0, "label": "AGENCY"})), "E102"),
    ("relation_ids_not_strings", _rec(id="x", relations=[{"id": "R1", "head": ["T1"], "tail": "T1",
                                                           "label": "value_of"}]), "E102"),
    ("wrong_offsets", _rec(id="x", entities=_ents({"id": "T1", "start": 0, "end": 5, "label": "AGENCY",
                                                   "text": "临江县教育局"})), "E103"),
    ("offsets_out_of_range", _rec(id="x", entities=_ents({"id": "T1", "start": 20, "end": 99,
                                                          "label": "AGENCY"})), "E104"),
    ("offsets_not_integers", _rec(id="x", entities=_ents({"id": "T1", "start": "0", "end": 6,
                                                          "label": "AGENCY"})), "E104"),
    ("utf16_offsets", _rec(id="x", text="𠀀" + LINE, entities=_ents({"id": "T1", "start": 2, "end": 8,
                                                                      "label": "AGENCY", "text": "临江县教育局"})),
     "E103"),
    ("unknown_entity_label", _rec(id="x", entities=_ents({"id": "T1", "start": 0, "end": 6, "label": "ORG",
                                                          "text": "临江县教育局"})), "E105"),
    ("unknown_relation_label", _rec(id="x", relations=[{"id": "R1", "head": "T1", "tail": "T1",
                                                         "label": "works_for"}]), "E110"),
    ("dangling_relation", _rec(id="x", relations=[{"id": "R1", "head": "T9", "tail": "T1",
                                                    "label": "issued_by"}]), "E109"),
    ("hash_mismatch", json.dumps({"id": "x", "doc": "real/x", "sha256": "0" * 64}), "E112"),
    ("standoff_text_missing", json.dumps({"id": "x", "doc": "real/gone", "sha256": "0" * 64}), "E113"),
    ("unknown_indicator_key", _rec(id="x", indicators={"no_such_key": {"value": 1}}), "E114"),
    ("duplicate_document_id", _rec(), "E120"),
]


@pytest.fixture
def corpus_root(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "real").mkdir(parents=True)
    (root / "real" / "x.txt").write_text(LINE, encoding="utf-8")
    return root


@pytest.mark.parametrize("case_id,line,code", ANNOTATION_CASES, ids=[c[0] for c in ANNOTATION_CASES])
def test_annotation_cases(tmp_path, corpus_root, capsys, case_id, line, code):
    from govie.cli import main
    from govie.io import load_corpus, validate_paths

    path = tmp_path / "records.jsonl"
    path.write_text(_rec() + "\n" + line + "\n", encoding="utf-8")
    n, problems = validate_paths([path], corpus_root=corpus_root)
    assert [(p.code, p.file, p.line) for p in problems][:1] == [(code, str(path), 2)], problems
    # the CLI prints file:line: code and exits 1
    assert main(["validate", str(path), "--corpus-root", str(corpus_root)]) == 1
    assert f"{path}:2: {code}" in capsys.readouterr().err
    # loading for training stops at the first problem, with the same code, file and line
    if code != "E120":
        with pytest.raises(AnnotationError) as exc:
            load_corpus([path], corpus_root=corpus_root)
        assert exc.value.code == code and f"{path}:2" in str(exc.value)


def test_annotation_file_not_utf8(tmp_path):
    from govie.io import validate_paths

    path = tmp_path / "records.jsonl"
    path.write_bytes(_rec().encode("gbk"))
    _, problems = validate_paths([path])
    assert [(p.code, p.file) for p in problems] == [("E119", str(path))]


# ---------------------------------------------------------------- markup -> JSONL never half-written
MARKUP_HEADER = '{"id": "m", "agency": "临江县教育局", "year": 2019, "format": "narrative"}\n=====TEXT=====\n'
# (id, markup, expected code)
MARKUP_CASES = [
    ("malformed_tag", MARKUP_HEADER + "主动公开政府信息{{COUNT:1260条", "E121"),
    ("unknown_indicator_in_markup", MARKUP_HEADER + "主动公开政府信息{{COUNT=no_such_key:1260条}}", "E121"),
    ("header_not_an_object", "[1]\n=====TEXT=====\n主动公开政府信息", "E121"),
    ("no_separator_line", "主动公开政府信息{{COUNT:1260条}}", "E121"),
    ("unknown_label_in_markup", MARKUP_HEADER + "{{ORG:临江县教育局}}主动公开政府信息", "E105"),
    ("markup_not_utf8", None, "E119"),
]


@pytest.mark.parametrize("case_id,markup,code", MARKUP_CASES, ids=[c[0] for c in MARKUP_CASES])
def test_markup_cases_leave_output_untouched(tmp_path, capsys, case_id, markup, code):
    from govie.cli import main

    src, dst = tmp_path / "doc.markup", tmp_path / "out" / "doc.jsonl"
    dst.parent.mkdir()
    if markup is None:
        src.write_bytes("主动公开".encode("gbk"))
    else:
        src.write_text(markup, encoding="utf-8")
    dst.write_text("previous content\n", encoding="utf-8")
    assert main(["annotations", "from-markup", str(src), str(dst)]) == 1
    err = capsys.readouterr().err
    assert code in err and str(src) in err, err
    assert dst.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in dst.parent.iterdir()] == ["doc.jsonl"]  # no temporary file left behind


def test_markup_good_case_writes(tmp_path):
    from govie.cli import main
    from govie.io import read_jsonl

    src, dst = tmp_path / "doc.markup", tmp_path / "doc.jsonl"
    src.write_text(MARKUP_HEADER + "{{METRIC#m:主动公开政府信息}}{{COUNT>m=pub_items_total:1260条}}", encoding="utf-8")
    assert main(["annotations", "from-markup", str(src), str(dst)]) == 0
    (_, rec), = list(read_jsonl(dst))
    assert rec["indicators"]["pub_items_total"]["value"] == 1260


# (id, the output path under tmp_path, what is there before): an output that cannot be written is E306
UNWRITABLE_CASES = [
    ("output_is_a_directory", "out", "dir"),
    ("parent_is_a_file", "blocker/doc.jsonl", "file"),
]


@pytest.mark.parametrize("case_id,rel,before", UNWRITABLE_CASES, ids=[c[0] for c in UNWRITABLE_CASES])
@pytest.mark.parametrize("direction", ["from-markup", "to-markup"])
def test_unwritable_output_is_a_coded_error(tmp_path, capsys, case_id, rel, before, direction):
    from govie.cli import main

    markup, rec = tmp_path / "doc.markup", tmp_path / "doc.jsonl"
    markup.write_text(MARKUP_HEADER + "{{METRIC#m:主动公开政府信息}}{{COUNT>m:1260条}}", encoding="utf-8")
    assert main(["annotations", "from-markup", str(markup), str(rec)]) == 0
    if before == "dir":
        (tmp_path / rel).mkdir()
    else:
        (tmp_path / rel.split("/")[0]).write_text("a file", encoding="utf-8")
    src = markup if direction == "from-markup" else rec
    capsys.readouterr()
    assert main(["annotations", direction, str(src), str(tmp_path / rel)]) == 1
    err = capsys.readouterr().err
    assert "E306" in err and str(tmp_path / rel) in err and "Traceback" not in err, err


def _failing_records():
    yield json.loads(_rec())
    raise RuntimeError("the producer failed half-way")


# (id, records, the exception write_jsonl lets through)
WRITE_CASES = [
    ("producer_fails_midway", _failing_records, RuntimeError),
    ("not_json_serializable", lambda: [json.loads(_rec()), {"id": "x", "entities": {1, 2}}], TypeError),
    ("lone_surrogate_in_record", lambda: [json.loads(_rec()), {"id": "x", "text": "a\ud800b"}], UnicodeEncodeError),
]


@pytest.mark.parametrize("case_id,records,exc_type", WRITE_CASES, ids=[c[0] for c in WRITE_CASES])
def test_write_jsonl_is_all_or_nothing(tmp_path, case_id, records, exc_type):
    from govie.io import write_jsonl

    dst = tmp_path / "records.jsonl"
    dst.write_text("previous content\n", encoding="utf-8")
    with pytest.raises(exc_type):
        write_jsonl(dst, records())
    assert dst.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]


# ============================================================================ 5. model directories
def _edit_config(change):
    def damage(d: Path) -> None:
        cfg = json.loads((d / "config.json").read_text(encoding="utf-8"))
        change(cfg)
        (d / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    return damage


def _torch_save(d: Path) -> None:
    import torch

    torch.save({"w": torch.zeros(2)}, d / "ner.safetensors")


# (id, damage done to a copy of a good model directory, expected code)
MODEL_DIR_CASES = [
    ("directory_missing", lambda d: shutil.rmtree(d), "E201"),
    ("path_is_a_file", lambda d: (shutil.rmtree(d), d.write_text("{}")), "E201"),
    ("vocab_missing", lambda d: (d / "vocab.json").unlink(), "E201"),
    ("weights_missing", lambda d: (d / "ner.safetensors").unlink(), "E201"),
    ("meta_missing", lambda d: (d / "meta.json").unlink(), "E201"),
    ("format_version_wrong", _edit_config(lambda c: c.update(format_version=99)), "E202"),
    ("format_version_absent", _edit_config(lambda c: c.pop("format_version")), "E202"),
    ("pickle_file_present", lambda d: (d / "extra.pkl").write_bytes(pickle.dumps({"w": 1})), "E203"),
    ("torch_checkpoint_present", lambda d: (d / "pytorch_model.bin").write_bytes(b"PK\x03\x04"), "E203"),
    ("weights_are_a_pickle", lambda d: (d / "ner.safetensors").write_bytes(pickle.dumps({"w": [0.0]})), "E205"),
    ("weights_are_torch_save", _torch_save, "E205"),
    ("weights_truncated", lambda d: (d / "ner.safetensors").write_bytes((d / "ner.safetensors").read_bytes()[:100]),
     "E205"),
    ("relation_weights_garbage", lambda d: (d / "relations.safetensors").write_bytes(b"garbage"), "E205"),
    ("config_not_json", lambda d: (d / "config.json").write_text("{"), "E205"),
    ("config_not_utf8", lambda d: (d / "config.json").write_bytes(b"\xff\xfe{}"), "E205"),
    ("config_not_an_object", lambda d: (d / "config.json").write_text("[1]"), "E205"),
    ("config_unknown_setting", _edit_config(lambda c: c["model"].update(new_setting=1)), "E205"),
    ("config_labels_missing", _edit_config(lambda c: c.pop("labels")), "E205"),
    ("weights_do_not_fit_config", _edit_config(lambda c: c["model"].update(hidden=32)), "E205"),
]


@pytest.mark.parametrize("case_id,damage,code", MODEL_DIR_CASES, ids=[c[0] for c in MODEL_DIR_CASES])
def test_model_dir_cases(model_dir, tmp_path, monkeypatch, case_id, damage, code):
    import torch

    d = tmp_path / "model"
    shutil.copytree(model_dir, d)
    damage(d)

    def no_unpickling(*args, **kwargs):
        raise AssertionError("govie must never unpickle model files")

    monkeypatch.setattr(torch, "load", no_unpickling)
    monkeypatch.setattr(pickle, "load", no_unpickling)
    monkeypatch.setattr(pickle, "loads", no_unpickling)
    with pytest.raises(ModelLoadError) as exc:
        Pipeline(d)
    assert exc.value.code == code, exc.value
    assert str(d) in exc.value.message  # names the directory (or the file in it)


def test_good_model_dir_loads(model_dir):
    doc = Pipeline(model_dir).parse(EXAMPLE)
    assert_valid(doc, EXAMPLE)


# ============================================================================ the documentation
def test_docs_list_every_case():
    doc = (ROOT / "docs" / "bad_input.md").read_text(encoding="utf-8")
    tables = (TEXT_CASES, TYPE_CASES, FILE_CASES, ANNOTATION_CASES, MARKUP_CASES, WRITE_CASES, MODEL_DIR_CASES)
    missing = [c[0] for t in tables for c in t if f"`{c[0]}`" not in doc]
    assert not missing, f"docs/bad_input.md lacks the cases {missing}"
