"""Batches: a folder of mixed report files -> one CSV row per report, --jobs 2 == --jobs 1, failures
reported without stopping the batch, atomic output, pipe == parse, the DataFrame."""

from __future__ import annotations

import csv
import json
from importlib.util import find_spec
from pathlib import Path

import pytest

import govie
from govie.batch import CSV_FIXED, expand_paths, parse_paths
from govie.cli import main
from govie.errors import ModelLoadError
from govie.pipeline import Pipeline

from .test_readers import TEXT, example_blocks, to_docx, to_html, to_pdf

NARRATIVE = ("海滨市统计局2016年政府信息公开工作年度报告\n一、概述\n2016年，本局主动公开政府信息326条，"
             "收到政府信息公开申请5件，均已按时答复。\n海滨市统计局\n2017年3月20日\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder as a crawl leaves it: every supported type, a subfolder, a broken PDF, lock and hidden files."""
    d = tmp_path_factory.mktemp("reports")
    (d / "sub").mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "g.txt").write_bytes(TEXT.encode("gbk"))
    (d / "n.TXT").write_bytes(NARRATIVE.encode("utf-8-sig"))
    (d / "d.htm").write_bytes(to_html(example_blocks()).encode("gbk"))
    to_docx(example_blocks(), d / "c.docx")
    if HAVE_REPORTLAB:
        to_pdf(example_blocks(), d / "sub" / "b.pdf")
    (d / "bad.pdf").write_bytes(b"<html>404</html>")
    (d / "~$c.docx").write_bytes(b"lock")           # Word's lock file: skipped
    (d / ".hidden.txt").write_text("x", encoding="utf-8")
    (d / "notes.xlsx").write_bytes(b"PK")           # not a report type: skipped inside folders
    return d


HAVE_REPORTLAB = find_spec("reportlab") is not None  # writes the test PDF (a dev dependency)
GOOD = ["a.txt", "c.docx", "d.htm", "g.txt"] + (["sub/b.pdf"] if HAVE_REPORTLAB else [])
ALL = sorted(GOOD + ["bad.pdf", "n.TXT"])


def test_expand_paths(folder):
    names = [p.relative_to(folder).as_posix() for p in expand_paths([folder, folder / "a.txt"])]
    assert names == ALL  # a.txt once; no lock, hidden or .xlsx file


def test_folder_to_csv_one_row_per_report(folder, tmp_path, capsys):
    out = tmp_path / "out" / "reports.csv"
    code = main(["parse", str(folder), "--rules", "--format", "csv", "--jobs", "2", "-o", str(out), "-q"])
    assert code == 1  # bad.pdf failed; the batch went on
    err = capsys.readouterr().err
    assert "bad.pdf: E303" in err and f"1 of {len(ALL)} file(s) failed" in err
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Chinese CSV correctly
    with out.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = {Path(r["path"]).relative_to(folder).as_posix(): r for r in reader}
    assert header[:len(CSV_FIXED)] == CSV_FIXED
    assert header.index("t2_rules_issued") < header.index("app_new_received__total") < header.index("review_total")
    assert len(rows) == len(ALL) and not list(out.parent.glob(".*tmp"))
    for name in GOOD:
        r = rows[name]
        assert (r["agency"], r["year"], r["era"], r["format"]) == ("临江县教育局", "2022", "F21", "national_2021"), name
        assert r["app_new_received__total"] == "12" and r["t2_admin_fee_amount"] == "12.5", name
        assert r["app_res_unable_not_held__legal_service_org"] == "1" and r["review_upheld"] == "1", name
        assert r["failed_checks"] == "0" and r["failed_rules"] == "" and r["error"] == "", name
    assert rows["n.TXT"]["agency"] == "海滨市统计局" and rows["n.TXT"]["app_new_received__total"] == ""
    bad = rows["bad.pdf"]
    assert bad["error"].startswith("E303 ") and bad["agency"] == "" and bad["app_new_received__total"] == ""


def test_jobs_2_equals_jobs_1(folder):
    one = parse_paths([folder], fmt="jsonl", jobs=1, model="rules", progress=False)
    two = parse_paths([folder], fmt="jsonl", jobs=2, model="rules", progress=False)
    assert one["text"] == two["text"] and one["failed"] == two["failed"] == 1
    records = [json.loads(line) for line in one["text"].splitlines()]
    assert [r["path"] for r in records] == [str(p) for p in expand_paths([folder])]


def test_failures_are_records(folder, tmp_path, capsys):
    (tmp_path / "r.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    paths = [str(folder / "a.txt"), str(tmp_path / "r.doc"), str(tmp_path / "absent.txt"), str(folder / "bad.pdf")]
    result = parse_paths(paths, fmt="json", model="rules", progress=False)
    assert (result["documents"], result["failed"]) == (4, 3)
    records = json.loads(result["text"])
    assert "document" in records[0]
    assert [r["error"]["code"] for r in records[1:]] == ["E304", "E305", "E303"]
    assert [e["code"] for e in result["errors"]] == ["E304", "E305", "E303"]
    # one file argument: one record, and the exit code says it failed
    assert main(["parse", str(folder / "bad.pdf"), "--rules", "-q"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "E303"
    assert main(["parse", str(folder / "d.htm"), "--rules", "-q", "--format", "jsonl"]) == 0
    doc = json.loads(capsys.readouterr().out)["document"]
    for e in doc["entities"]:  # offsets index the extracted text, returned as the document text
        assert doc["text"][e["start"]:e["end"]] == e["text"]


def test_output_is_atomic(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    with pytest.raises(ModelLoadError):
        parse_paths([folder / "a.txt"], output=out, fmt="jsonl", model=tmp_path / "no-model", progress=False)
    with pytest.raises(ModelLoadError):  # a worker that cannot load the model stops the batch, no hang
        parse_paths([folder], output=out, fmt="jsonl", jobs=2, model=tmp_path / "no-model", progress=False)
    assert out.read_text(encoding="utf-8") == "previous\n"  # untouched when the batch fails
    with pytest.raises(ValueError):
        parse_paths([folder], output=out, fmt="xml", model="rules")
    summary = parse_paths([folder / "a.txt"], output=out, fmt="jsonl", model="rules", progress=False)
    assert summary["output"] == str(out) and summary["text"] == ""
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["meta"]["agency"] == "临江县教育局"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_pipe_equals_parse():
    texts = [TEXT, NARRATIVE, TEXT.replace("12件", "13件"), NARRATIVE.replace("326", "327")]
    nlp = Pipeline(entities="rules")
    assert list(govie.pipe(texts, n_process=2, model="rules")) == [nlp.parse(t) for t in texts]


def test_pipe_rejects_bytes():
    with pytest.raises(TypeError):
        list(govie.pipe([TEXT.encode("utf-8")], n_process=2, model="rules"))


def test_parse_file_reads_every_format(folder, monkeypatch):
    import govie.pipeline

    monkeypatch.setattr(govie.pipeline, "_default", Pipeline(entities="rules"))  # no trained model needed
    for name in GOOD:
        doc = govie.parse_file(folder / name)
        assert doc.text == TEXT, name
        assert doc.indicators["app_res_total__total"].value == 12
        v = doc.indicators["t2_license_decisions"]
        assert doc.text[v.source.start:v.source.end] == "356"


def test_to_dataframe(folder):
    pd = pytest.importorskip("pandas")
    nlp = Pipeline(entities="rules")
    docs = [nlp.parse(TEXT), nlp.parse(NARRATIVE)]
    df = govie.to_dataframe(docs)
    assert isinstance(df, pd.DataFrame) and len(df) == 2
    assert list(df.columns[:7]) == ["agency", "year", "published", "format", "era", "failed_checks", "failed_rules"]
    assert df.loc[0, "app_new_received__total"] == 12 and df.loc[0, "t2_admin_fee_amount"] == 12.5
    assert pd.isna(df.loc[1, "app_new_received__total"]) and df.loc[1, "agency"] == "海滨市统计局"
    assert "path" not in df.columns and "error" not in df.columns
    # the records of `govie parse` output give the same table as its CSV
    records = json.loads(parse_paths([folder], fmt="json", model="rules", progress=False)["text"])
    frame = govie.to_dataframe(records)
    assert list(frame["path"]) == [r["path"] for r in records] and frame["error"].str.startswith("E303").sum() == 1
    assert (frame["app_new_received__total"] == 12).sum() == len(GOOD)
    assert len(govie.to_dataframe(records[0])) == 1  # the single record of `govie parse FILE`


@pytest.mark.parametrize("rules, count, listed", [
    ([], 0, ""),
    (["T3-01"], 1, "T3-01"),
    (["T3-01", "T3-01", "X-03"], 3, "T3-01;X-03"),
])
def test_csv_row_counts_failed_checks(rules, count, listed):
    from govie.batch import to_csv_row

    doc = {"meta": {"agency": "某局", "year": 2022}, "checks": [{"rule": r} for r in rules], "indicators": {}}
    row = to_csv_row("a.txt", doc)
    assert (row["failed_checks"], row["failed_rules"]) == (count, listed)
