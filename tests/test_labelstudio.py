"""Label Studio round trip: ``govie parse --format labelstudio`` -> tasks -> ``govie annotations import``.

Label Studio counts offsets in UTF-16 units; the texts include characters outside the
BMP, where UTF-16 and code-point offsets differ, so a missed conversion cannot pass.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from govie.batch import read_text_file
from govie.cli import main
from govie.io import read_jsonl, to_doccano, to_label_studio
from govie.pipeline import Pipeline
from govie.types import Relation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "report_2022.txt"
# project-written; 𠀀 𠀁 𠀂 are CJK Extension B (two UTF-16 units each)
ASTRAL = "𠀀𠀁县教育局2022年收到政府信息公开申请12件，办结12件。𠀂行政事业性收费5.5万元。"


@pytest.fixture(scope="module")
def rules():
    return Pipeline(entities="rules")


def spans(ents):
    return [(e["start"], e["end"], e["label"], e["text"]) if isinstance(e, dict) else
            (e.start, e.end, e.label, e.text) for e in ents]


def test_round_trip_through_the_cli(tmp_path, rules, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(read_text_file(EXAMPLE), encoding="utf-8")
    b.write_text(ASTRAL, encoding="utf-8")
    tasks_path, records = tmp_path / "tasks.json", tmp_path / "records.jsonl"

    assert main(["parse", str(a), str(b), "--rules", "--format", "labelstudio", "-o", str(tasks_path), "-q"]) == 0
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    assert [t["data"]["path"] for t in tasks] == [str(a), str(b)]
    pred = [rules.parse(p.read_text(encoding="utf-8")) for p in (a, b)]
    assert all(len(t["predictions"]) == 1 and t["predictions"][0]["model_version"] == "govie" for t in tasks)

    # UTF-16 in the file: after two astral characters every offset is shifted by two
    astral_regions = [r["value"] for r in tasks[1]["predictions"][0]["result"] if r["type"] == "labels"]
    assert astral_regions and [(v["start"], v["end"]) for v in astral_regions] == \
        [(e.start + 2, e.end + 2) if e.start < ASTRAL.index("𠀂") else (e.start + 3, e.end + 3)
         for e in pred[1].entities]

    assert main(["annotations", "import", str(tasks_path), "-o", str(records)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["validate", str(records)]) == 0
    recs = [r for _, r in read_jsonl(records)]
    assert [r["text"] for r in recs] == [d.text for d in pred]
    for rec, doc in zip(recs, pred):
        assert spans(rec["entities"]) == spans(doc.entities)
    assert recs[0]["agency"] == pred[0].meta.agency and recs[0]["year"] == pred[0].meta.year
    assert recs[0]["published"] == pred[0].meta.published and recs[0]["format"] == pred[0].meta.format


def test_relations_survive(tmp_path, rules):
    doc = rules.parse(ASTRAL)
    count = next(e for e in doc.entities if e.label == "COUNT")
    metric = next(e for e in doc.entities if e.label == "METRIC" and e.end == count.start)
    doc = dataclasses.replace(doc, relations=(Relation("R1", count.id, metric.id, "value_of", 0.8),))
    tasks, records = tmp_path / "tasks.json", tmp_path / "out.jsonl"
    tasks.write_text(json.dumps(to_label_studio([doc]), ensure_ascii=False), encoding="utf-8")
    assert main(["annotations", "import", str(tasks), "-o", str(records)]) == 0
    (_, rec), = read_jsonl(records)
    by_id = {e["id"]: e for e in rec["entities"]}
    (rel,) = rec["relations"]
    assert rel["label"] == "value_of"
    assert (by_id[rel["head"]]["text"], by_id[rel["tail"]]["text"]) == (count.text, metric.text)
    assert main(["validate", str(records)]) == 0


def test_doccano_jsonl_imports(tmp_path, rules):
    doc = rules.parse(ASTRAL)
    src, out = tmp_path / "export.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in to_doccano([doc])), encoding="utf-8")
    assert main(["annotations", "import", str(src), "-o", str(out)]) == 0
    (_, rec), = read_jsonl(out)
    assert spans(rec["entities"]) == spans(doc.entities)


def test_invalid_exports_write_nothing(tmp_path, rules, capsys):
    doc = rules.parse(ASTRAL)
    tasks = to_label_studio([doc])
    region = next(r for r in tasks[0]["predictions"][0]["result"] if r["type"] == "labels")
    out, label = tmp_path / "out.jsonl", region["value"]["labels"]

    # an unknown label: converted, then refused by the validator (E105)
    region["value"]["labels"] = ["NUMBER"]
    bad = tmp_path / "bad_label.json"
    bad.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["annotations", "import", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "E105" in err and "nothing written" in err and not out.exists()

    # code-point offsets written where UTF-16 is expected: misaligned, never snapped (E122)
    region["value"]["labels"] = label
    region["value"]["start"] -= 2
    region["value"]["end"] -= 2
    bad = tmp_path / "bad_offsets.json"
    bad.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["annotations", "import", str(bad), "-o", str(out)]) == 1
    assert "E122" in capsys.readouterr().err and not out.exists()
