"""Result types: construction checks, dict/JSON round trips."""

from __future__ import annotations

import pytest

from govie import Check, Document, Entity, IndicatorValue, Relation, ReportMeta
from govie.errors import AnnotationError
from govie.types import Source

TEXT = "湛江市住房和城乡建设局2013年主动公开政府信息114条。"


def make_doc() -> Document:
    ents = (Entity("T1", 0, 11, "AGENCY", "湛江市住房和城乡建设局"), Entity("T2", 11, 16, "DATE", "2013年"),
            Entity("T3", 16, 24, "METRIC", "主动公开政府信息"), Entity("T4", 24, 28, "COUNT", "114条", 0.93))
    rels = (Relation("R1", "T4", "T3", "value_of", 0.9),)
    inds = {"pub_items_total": IndicatorValue("pub_items_total", 114, "条", raw="114条",
                                              source=Source("text", 24, 28), era="TXT", confidence=0.8)}
    meta = ReportMeta(agency="湛江市住房和城乡建设局", year=2013, format="narrative", era="TXT", script="hans",
                      agency_span=(0, 11))
    return Document(TEXT, ents, rels, inds, meta, (Check("X-02", "high", "msg", ("a",), {"a": -1}),))


def test_round_trip_dict_and_json():
    doc = make_doc()
    assert Document.from_dict(doc.to_dict()) == doc
    assert Document.from_json(doc.to_json()) == doc


def test_frozen():
    doc = make_doc()
    with pytest.raises(AttributeError):
        doc.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize("ent,code", [
    (Entity("T1", 0, 3, "AGENCY", "湛江县"), "E103"),   # text differs from text[0:3]
    (Entity("T1", 5, 5, "DATE", ""), "E104"),          # empty span
    (Entity("T1", 20, 99, "COUNT", "x"), "E104"),      # past the end
])
def test_entity_must_index_original(ent, code):
    with pytest.raises(AnnotationError) as exc:
        Document(TEXT, (ent,))
    assert exc.value.code == code


def test_relation_needs_entities():
    with pytest.raises(AnnotationError, match="E109"):
        Document(TEXT, (), (Relation("R1", "T1", "T2", "value_of"),))
