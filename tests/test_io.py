"""Annotation records: the validator (one case per rule), markup, Label Studio / doccano converters."""

from __future__ import annotations

import copy
import json

import pytest

from govie.errors import AnnotationError
from govie.io import (from_label_studio, from_markup, read_export, record_to_document, sha256_text,
                      to_doccano, to_label_studio, to_markup, validate_paths, validate_record, write_jsonl)
from govie.io.convert import cp_to_utf16, from_doccano, utf16_to_cp

TEXT = "河北省教育厅2018年受理依申请公开3例，网络申请2件，占66.7%。根据《条例》(冀政办发〔2018〕5号)办理。"


def span(sub: str, label: str, eid: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return {"id": eid, "start": start, "end": start + len(sub), "label": label, "text": sub}


VALID = {
    "id": "t/1", "text": TEXT, "agency": "河北省教育厅", "year": 2018, "published": None, "format": "narrative",
    "entities": [span("河北省教育厅", "AGENCY", "T1"), span("2018年", "DATE", "T2"),
                 span("受理依申请公开", "METRIC", "T3"), span("3例", "COUNT", "T4"),
                 span("网络申请", "METRIC", "T5"), span("2件", "COUNT", "T6"), span("66.7%", "PERCENT", "T7"),
                 span("条例", "TITLE", "T8"), span("冀政办发〔2018〕5号", "DOCNUM", "T9")],
    "relations": [{"id": "R1", "head": "T4", "tail": "T3", "label": "value_of"},
                  {"id": "R2", "head": "T6", "tail": "T5", "label": "value_of"},
                  {"id": "R3", "head": "T9", "tail": "T8", "label": "number_of"}],
    "indicators": {"app_new_received__total": {"value": 3, "status": "reported", "qualifier": "exact",
                                                "start": TEXT.index("3例"), "end": TEXT.index("3例") + 2,
                                                "raw": "3例"},
                   "app_ch_online": {"value": 2}},
}


def mutate(path: str, value) -> dict:
    rec = copy.deepcopy(VALID)
    obj = rec
    parts = path.split(".")
    for p in parts[:-1]:
        obj = obj[int(p)] if p.isdigit() else obj[p]
    last = parts[-1]
    if value is DELETE:
        del obj[int(last) if last.isdigit() else last]
    elif last.isdigit():
        obj[int(last)] = value
    else:
        obj[last] = value
    return rec


DELETE = object()

# one invalid record per rule: (description, record, expected code)
INVALID = [
    ("text mismatch", mutate("entities.0.text", "河北省教育局"), "E103"),
    ("offsets out of range", mutate("entities.0.end", 999), "E104"),
    ("empty span", mutate("entities.0.end", 0), "E104"),
    ("unknown label", mutate("entities.0.label", "ORG"), "E105"),
    ("overlap", mutate("entities.1", {"id": "T2", "start": 3, "end": 8, "label": "DATE", "text": TEXT[3:8]}), "E106"),
    ("punctuation edge", mutate("entities.6", {"id": "T7", "start": TEXT.index("66.7%"),
                                                "end": TEXT.index("66.7%") + 6, "label": "PERCENT",
                                                "text": "66.7%。"}), "E107"),
    ("duplicate entity id", mutate("entities.1.id", "T1"), "E108"),
    ("relation to missing entity", mutate("relations.0.tail", "T99"), "E109"),
    ("unknown relation label", mutate("relations.0.label", "part_of"), "E110"),
    ("bad relation pair", mutate("relations.0", {"id": "R1", "head": "T1", "tail": "T3", "label": "value_of"}),
     "E111"),
    ("unknown indicator", mutate("indicators.app_total", {"value": 1}), "E114"),
    ("bad format", mutate("format", "pdf"), "E115"),
    ("bad year", mutate("year", "2018"), "E115"),
    ("bad published", mutate("published", "2019/02/28"), "E115"),
    ("text and doc", mutate("doc", "real/r004"), "E116"),
    ("duplicate relation", mutate("relations.1", {"id": "R2", "head": "T4", "tail": "T3", "label": "value_of"}),
     "E117"),
    ("bad status", mutate("indicators.app_ch_online", {"value": 2, "status": "guessed"}), "E118"),
    ("zero status with value", mutate("indicators.app_ch_online", {"value": 2, "status": "reported_zero"}), "E118"),
    ("evidence mismatch", mutate("indicators.app_new_received__total.raw", "4例"), "E118"),
    ("missing id", mutate("id", DELETE), "E102"),
]


def test_valid_record():
    assert validate_record(VALID) == []


@pytest.mark.parametrize("desc,rec,code", INVALID, ids=[c[0] for c in INVALID])
def test_each_rule(desc, rec, code):
    problems = validate_record(rec, file="x.jsonl", line=3)
    assert code in {p.code for p in problems}, problems
    p = next(p for p in problems if p.code == code)
    assert p.file == "x.jsonl" and p.line == 3 and p.message


def test_standoff_hash_and_missing(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "d1.txt").write_text(TEXT, encoding="utf-8")
    rec = {k: v for k, v in VALID.items() if k != "text"}
    rec.update(doc="real/d1", sha256=sha256_text(TEXT))
    assert validate_record(rec, corpus_root=tmp_path) == []
    assert [p.code for p in validate_record({**rec, "sha256": "0" * 64}, corpus_root=tmp_path)] == ["E112"]
    assert [p.code for p in validate_record({**rec, "doc": "real/nope"}, corpus_root=tmp_path)] == ["E113"]


def test_validate_paths_reports_file_and_line(tmp_path):
    f = tmp_path / "a.jsonl"
    good = json.dumps(VALID, ensure_ascii=False)
    f.write_text(good + "\n{broken json\n" + json.dumps(mutate("entities.0.label", "ORG"), ensure_ascii=False)
                 + "\n" + good + "\n", encoding="utf-8")
    n, problems = validate_paths([tmp_path])
    assert n == 3
    got = {(p.code, p.line) for p in problems}
    assert ("E101", 2) in got and ("E105", 3) in got and ("E120", 4) in got
    assert any(str(f) in str(p) for p in problems)


def test_write_jsonl_is_atomic(tmp_path):
    f = tmp_path / "out.jsonl"
    write_jsonl(f, [VALID])

    def broken():
        yield VALID
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_jsonl(f, broken())
    assert f.read_text(encoding="utf-8").count("\n") == 1  # the old file is intact
    assert not [p for p in tmp_path.iterdir() if p.name != "out.jsonl"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_written_files_take_the_umask_not_the_temp_files_mode(tmp_path, umask):
    """Atomic writes and safetensors weights go through a 0o600 temporary file; the result has the
    mode a plain open() would give it (a model directory copied for others stays readable)."""
    import os

    import torch

    from govie.modeldir import save_weights

    old = os.umask(umask)
    try:
        write_jsonl(tmp_path / "out.jsonl", [VALID])
        save_weights(torch.nn.Linear(2, 1), tmp_path / "w.safetensors")
        (tmp_path / "plain.txt").write_text("x")
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes == {"out.jsonl": 0o666 & ~umask, "w.safetensors": 0o666 & ~umask, "plain.txt": 0o666 & ~umask}


def test_markup_round_trip():
    m = to_markup(VALID, TEXT)
    rec, text = from_markup(m)
    assert text == TEXT
    assert [(e["start"], e["end"], e["label"]) for e in rec["entities"]] == \
           [(e["start"], e["end"], e["label"]) for e in VALID["entities"]]
    assert {(r["label"]) for r in rec["relations"]} == {"value_of", "number_of"}
    assert rec["indicators"]["app_new_received__total"]["value"] == 3
    assert validate_record(rec) == []


@pytest.mark.parametrize("markup,msg", [
    ("{}\n=====TEXT=====\n{{COUNT>nobody:3件}}", "unknown name"),
    ("{}\n=====TEXT=====\n{{AGENCY#a:局}}{{COUNT>a:3件}}", "no relation"),
    ("{}\n=====TEXT=====\n{{COUNT:3件}", "malformed"),
    ("no header", "JSON header"),
    ("{}\n=====TEXT=====\n{{COUNT=pub_items_total:很多}}", "no definite number"),
])
def test_markup_errors(markup, msg):
    with pytest.raises(AnnotationError, match=msg) as exc:
        from_markup(markup)
    assert exc.value.code == "E121"


NON_BMP = "𠀀市政府办公室发布《𠀾办法》(𠀀政发〔2019〕1号)"


def test_utf16_offsets():
    assert cp_to_utf16(NON_BMP, 1) == 2
    assert utf16_to_cp(NON_BMP, 2) == 1
    with pytest.raises(ValueError, match="surrogate"):
        utf16_to_cp(NON_BMP, 1)


def _non_bmp_doc():
    from govie import Document, Entity, Relation
    t = NON_BMP
    e1 = Entity("T1", 0, 7, "AGENCY", t[0:7])
    a = t.index("𠀾办法")
    e2 = Entity("T2", a, a + 3, "TITLE", t[a:a + 3])
    b = t.index("𠀀政发")
    e3 = Entity("T3", b, t.index("号") + 1, "DOCNUM", t[b:t.index("号") + 1])
    return Document(t, (e1, e2, e3), (Relation("R1", "T3", "T2", "number_of"),))


def test_label_studio_round_trip_outside_bmp(tmp_path):
    doc = _non_bmp_doc()
    tasks = to_label_studio([doc])
    region = tasks[0]["predictions"][0]["result"][1]["value"]
    assert region["start"] == doc.entities[1].start + 1  # one surrogate pair before it
    assert region["end"] == doc.entities[1].end + 2  # and one inside it
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    [rec] = read_export(path)
    assert validate_record(rec) == []
    back = record_to_document(rec, rec["text"])
    assert [(e.start, e.end, e.label) for e in back.entities] == [(e.start, e.end, e.label) for e in doc.entities]
    assert [(r.label) for r in back.relations] == ["number_of"]


def test_label_studio_misaligned_region_is_an_error():
    tasks = to_label_studio([_non_bmp_doc()], as_predictions=False)
    tasks[0]["annotations"][0]["result"][0]["value"]["end"] -= 1
    with pytest.raises(AnnotationError, match="E122"):
        from_label_studio(tasks)


def test_doccano_round_trip_outside_bmp():
    doc = _non_bmp_doc()
    [rec] = from_doccano(to_doccano([doc]))
    assert [(e["start"], e["end"]) for e in rec["entities"]] == [(e.start, e.end) for e in doc.entities]
    assert validate_record(rec) == []
    old_style = {"text": doc.text, "label": [[cp_to_utf16(doc.text, 0), cp_to_utf16(doc.text, 7), "AGENCY"]]}
    [rec2] = from_doccano([old_style])
    assert rec2["entities"][0]["text"] == doc.text[:7]
