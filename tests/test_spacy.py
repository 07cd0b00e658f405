"""spaCy interop: govie entities as doc.ents at the same character offsets, the "govie" component, displaCy."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from govie.batch import read_text_file  # noqa: E402
from govie.errors import AnnotationError  # noqa: E402
from govie.pipeline import Pipeline  # noqa: E402
from govie.spacy_ext import EXTENSIONS, blank_zh, register_extensions, to_spacy  # noqa: E402
from govie.types import Document, Entity, Relation  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "report_2022.txt"
ASTRAL = "𠀀𠀁县教育局2022年收到政府信息公开申请12件，办结 12件。\r\n行政事业性收费5.5万元。"


@pytest.fixture(scope="module")
def rules():
    return Pipeline(entities="rules")


def test_blank_zh_is_character_level_and_offline():
    nlp = blank_zh()
    assert nlp.lang == "zh" and nlp.tokenizer.segmenter == "char"
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "char"
    doc = nlp.make_doc(ASTRAL)
    assert doc.text == ASTRAL and doc[0].text == "𠀀"


def test_to_spacy_keeps_every_span(rules):
    doc = rules.parse(read_text_file(EXAMPLE))
    count = next(e for e in doc.entities if e.label == "COUNT")
    metric = next(e for e in doc.entities if e.label == "METRIC" and e.end == count.start)
    doc = dataclasses.replace(doc, relations=(Relation("R1", count.id, metric.id, "value_of"),))
    sdoc = to_spacy(doc)
    assert sdoc.text == doc.text
    assert [(s.start_char, s.end_char, s.label_, s.text, s.id_) for s in sdoc.ents] == \
        [(e.start, e.end, e.label, e.text, e.id) for e in doc.entities]
    assert sdoc._.govie_relations == [doc.relations[0].to_dict()]
    assert sdoc._.govie_indicators == {k: v.to_dict() for k, v in doc.indicators.items()}
    assert sdoc._.govie_checks == [c.to_dict() for c in doc.checks]
    assert sdoc._.govie_meta["agency"] == doc.meta.agency == "临江县教育局"
    # JSON-ready extensions survive spaCy's own serialization
    back = spacy.tokens.Doc(sdoc.vocab).from_bytes(sdoc.to_bytes())
    assert back._.govie_indicators == sdoc._.govie_indicators and back.ents[0].id_ == doc.entities[0].id


def test_astral_characters_and_whitespace_align(rules):
    doc = rules.parse(ASTRAL)
    assert doc.entities
    sdoc = to_spacy(doc)
    assert [(s.start_char, s.end_char, s.text) for s in sdoc.ents] == [(e.start, e.end, e.text) for e in doc.entities]


def test_misaligned_span_is_an_error_not_snapped():
    text = "收到申请12件"
    doc = Document(text=text, entities=(Entity("T1", 4, 7, "COUNT", "12件"),))
    with pytest.raises(AnnotationError) as exc:
        to_spacy(doc, nlp=spacy.blank("en"))  # English keeps "申请12件" as one token
    assert exc.value.code == "E123" and "T1" in exc.value.message
    overlapping = Document(text=text, entities=(Entity("T1", 4, 7, "COUNT", "12件"), Entity("T2", 4, 6, "COUNT", "12")))
    with pytest.raises(AnnotationError) as exc:
        to_spacy(overlapping)
    assert exc.value.code == "E106"


def test_extensions_register_idempotently():
    register_extensions()
    register_extensions()
    assert all(spacy.tokens.Doc.has_extension(n) for n in EXTENSIONS)


def test_component_and_displacy():
    from spacy import displacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("govie", config={"entities": "rules"})
    assert nlp.pipe_names == ["govie"] and nlp.config["components"]["govie"]["entities"] == "rules"
    text = read_text_file(EXAMPLE)
    doc = nlp(text)
    want = Pipeline(entities="rules").parse(text)
    assert [(s.start_char, s.end_char, s.label_) for s in doc.ents] == \
        [(e.start, e.end, e.label) for e in want.entities]
    assert doc._.govie_meta["year"] == 2022 and len(doc._.govie_indicators) == len(want.indicators)
    (again,) = list(nlp.pipe([text]))
    assert [s.text for s in again.ents] == [s.text for s in doc.ents]
    page = displacy.render(doc, style="ent", jupyter=False)
    assert "临江县教育局" in page and ">AGENCY<" in page.replace("\n", "").replace(" ", "")


def test_import_govie_does_not_import_spacy():
    code = ("import sys, govie, govie.render, govie.cli; "
            "assert 'spacy' not in sys.modules and 'torch' not in sys.modules, 'spacy/torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
