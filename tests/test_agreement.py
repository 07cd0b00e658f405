"""training.agreement: a second annotation's METRIC choices scored against the gold."""

import json

import pytest

from govie.errors import AnnotationError
from govie.types import Document, Entity, Relation
from training.agreement import DEFAULT, agreement, metric_agreement, read_second, summarize

# invented: two counts with their METRICs and one zero statement
TEXT = "全年受理申请12件，答复10件，结构调整3个，未发生行政复议。"


def span(s: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(s, start + 1)
    return start, start + len(s)


def gold() -> Document:
    ents = []
    for k, (s, lab) in enumerate([("受理申请", "METRIC"), ("12件", "COUNT"), ("答复", "METRIC"), ("10件", "COUNT"),
                                  ("3个", "COUNT"), ("行政复议", "METRIC")], 1):
        a, b = span(s)
        ents.append(Entity(f"T{k}", a, b, lab, s))
    rels = (Relation("R1", "T2", "T1", "value_of"), Relation("R2", "T4", "T3", "value_of"))
    return Document(TEXT, tuple(ents), rels)


N12, N10, N3 = span("12件"), span("10件"), span("3个")


@pytest.mark.parametrize("links, zeros, expected", [
    # the same choices as the gold: everything agrees
    ({N12: span("受理申请"), N10: span("答复"), N3: None}, {span("行政复议")},
     {"agree": 3, "link_tp": 2, "link_pred": 2, "link_gold": 2, "metric_tp": 3, "metric_pred": 3, "metric_overlap": 3}),
    # a longer phrase (overlaps, not exact), a METRIC for a structural count, a zero statement missed
    ({N12: span("全年受理申请"), N10: span("答复"), N3: span("结构调整")}, set(),
     {"agree": 1, "link_tp": 1, "link_pred": 3, "link_gold": 2, "metric_tp": 1, "metric_pred": 3, "metric_overlap": 2}),
    # no METRIC anywhere
    ({N12: None, N10: None, N3: None}, set(),
     {"agree": 1, "link_tp": 0, "link_pred": 0, "link_gold": 2, "metric_tp": 0, "metric_pred": 0, "metric_overlap": 0}),
])
def test_metric_agreement_counts(links, zeros, expected):
    c = metric_agreement(gold(), links, zeros)
    assert c["numbers"] == 3 and c["metric_gold"] == 3
    assert {k: c[k] for k in expected} == expected


def test_summary_figures():
    c = metric_agreement(gold(), {N12: span("全年受理申请"), N10: span("答复"), N3: span("结构调整")}, set())
    s = summarize(c)
    assert s["agree"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["value_of"] == {"p": pytest.approx(1 / 3, abs=1e-4), "r": 0.5, "f": 0.4, "support": 2}
    assert s["METRIC"]["overlap_p"] == pytest.approx(2 / 3, abs=1e-4)


def test_a_number_that_is_no_gold_number_is_an_error():
    with pytest.raises(AnnotationError) as exc:
        metric_agreement(gold(), {span("受理申请"): None}, set())
    assert exc.value.code == "E124"


@pytest.mark.parametrize("content", [
    '{"records": [{"id": "x", "links": [[1, 2, 3]], "zeros": []}]}',   # a link of three numbers
    '{"records": [{"id": "x"}]}',                                        # no links
    '{"records": [[1, 2]]}',                                             # a record that is no object
    '[{"id": "x", "links": [], "zeros": []}]',                           # no "records"
    "{",                                                                 # no JSON
])
def test_malformed_files_are_coded(tmp_path, content):
    f = tmp_path / "second.json"
    f.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as exc:
        read_second(f)
    assert exc.value.code == "E124" and str(f) in exc.value.message


def test_the_shipped_second_annotation_reads_and_scores(tmp_path):
    records = read_second(DEFAULT)
    assert len(records) == 8 and sum(len(links) for links, _ in records.values()) == 196
    out = agreement(DEFAULT)
    assert set(out["reports"]) == set(records)
    pooled = out["pooled"]
    assert pooled["numbers"] == 196 and 0 < pooled["value_of"]["f"] < 1
    # a report the gold does not hold
    f = tmp_path / "second.json"
    f.write_text(json.dumps({"records": [{"id": "real/none", "links": [], "zeros": []}]}), encoding="utf-8")
    with pytest.raises(AnnotationError) as exc:
        agreement(f)
    assert exc.value.code == "E124"
