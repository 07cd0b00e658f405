"""Inline markup for annotating by hand, converted exactly to and from records.

A markup file is a JSON header (report fields, extra indicators, notes), a line
``=====TEXT=====``, then the document text with entities marked in place::

    {{LABEL:span}}                     an entity
    {{COUNT#c1>m1:近2万条}}            named c1, with a relation to the entity named m1
    {{COUNT>m1=pub_items_total:2543条}} ... and the gold indicator it states
    {{METRIC=review_total:行政复议}}    a METRIC stating a zero (未发生行政复议)

The relation label follows from the two labels (COUNT/MONEY/PERCENT -> METRIC is
value_of, DOCNUM -> TITLE number_of, TITLE/DOCNUM -> AGENCY issued_by). An
indicator attached to a COUNT/MONEY/PERCENT takes its value from the span
(``govie.schema.parse_quantity``, converted to the schema unit); attached to a
METRIC it is a reported zero. Removing the markup must give back the original
text exactly; ``from_markup`` checks the hash when the header names a corpus doc.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import AnnotationError
from ..labels import relation_for
from ..schema import load_schema, parse_quantity, to_unit
from .records import sha256_text

__all__ = ["from_markup", "to_markup", "SEPARATOR", "indicator_from_span"]

SEPARATOR = "=====TEXT====="
_TAG = re.compile(r"\{\{([A-Z]+)((?:#\w+)?)((?:>\w+)*)((?:=[a-z0-9_]+)*):(.*?)\}\}", re.S)


def indicator_from_span(key: str, label: str, span_text: str) -> dict[str, Any]:
    """Returns the gold indicator a span states for ``key`` (value in the schema unit).

    Raises:
        AnnotationError: E121 when the span states no definite number.
    """
    schema = load_schema()
    if not schema.is_key(key):
        raise AnnotationError("E121", f"indicator key {key!r} is not in the schema (govie/schema/indicators.json).")
    if label == "METRIC":
        return {"value": 0, "status": "reported_zero", "qualifier": "exact"}
    q = parse_quantity(span_text)
    if q is None:
        raise AnnotationError("E121", f"indicator {key}: {span_text!r} states no definite number.")
    unit = schema.unit(key)
    value = to_unit(q.value, q.unit, unit) if q.unit == "元" else q.value
    return {"value": value, "status": "reported_zero" if value == 0 else "reported",
            "qualifier": q.qualifier}


def from_markup(markup: str) -> tuple[dict[str, Any], str]:
    """Returns (record, plain text) for a markup file's content.

    The record is stand-off when the header has ``doc`` (the hash is that of the
    plain text), inline otherwise.

    Raises:
        AnnotationError: E121 on malformed markup, unknown names or impossible relations.
    """
    head, sep, body = markup.partition("\n" + SEPARATOR + "\n")
    if not sep:
        raise AnnotationError("E121", f"markup needs a JSON header, a line {SEPARATOR}, then the text.")
    try:
        header = json.loads(head) if head.strip() else {}
    except json.JSONDecodeError as exc:
        raise AnnotationError("E121", f"header is not valid JSON: {exc}") from None
    if not isinstance(header, dict) or not isinstance(header.get("indicators") or {}, dict):
        raise AnnotationError("E121", "the header must be a JSON object, its 'indicators' an object {key: value}.")
    plain: list[str] = []
    pos = 0
    out_len = 0
    ents: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    refs: list[tuple[str, list[str]]] = []
    indicators: dict[str, Any] = {}
    for m in _TAG.finditer(body):
        chunk = body[pos:m.start()]
        if "{{" in chunk or "}}" in chunk:
            bad = chunk.find("{{") if "{{" in chunk else chunk.find("}}")
            line = body[:pos + bad].count("\n") + 1
            raise AnnotationError("E121", f"malformed tag near text line {line}: {chunk[bad:bad + 40]!r}")
        plain.append(chunk)
        out_len += len(chunk)
        label, name, arrows, keys, span = m.groups()
        eid = f"T{len(ents) + 1}"
        if name:
            if name[1:] in names:
                raise AnnotationError("E121", f"name {name[1:]!r} is used twice.")
            names[name[1:]] = eid
        ents.append({"id": eid, "start": out_len, "end": out_len + len(span), "label": label, "text": span})
        if arrows:
            refs.append((eid, arrows[1:].split(">")))
        for key in filter(None, keys.split("=")):
            if key in indicators:
                raise AnnotationError("E121", f"indicator {key} is given twice.")
            ind = indicator_from_span(key, label, span)
            ind.update(start=out_len, end=out_len + len(span), raw=span)
            indicators[key] = ind
        plain.append(span)
        out_len += len(span)
        pos = m.end()
    rest = body[pos:]
    if "{{" in rest or "}}" in rest:
        raise AnnotationError("E121", f"malformed tag after the last entity: {rest[rest.find('{'):][:40]!r}")
    plain.append(rest)
    text = "".join(plain)
    label_of = {e["id"]: e["label"] for e in ents}
    rels = []
    for head_id, targets in refs:
        for t in targets:
            if t not in names:
                raise AnnotationError("E121", f"entity {head_id} refers to unknown name {t!r}.")
            tail_id = names[t]
            rl = relation_for(label_of[head_id], label_of[tail_id])
            if rl is None:
                raise AnnotationError("E121", f"no relation links {label_of[head_id]} {head_id} -> "
                                              f"{label_of[tail_id]} {tail_id}.")
            rels.append({"id": f"R{len(rels) + 1}", "head": head_id, "tail": tail_id, "label": rl})
    for key, v in (header.get("indicators") or {}).items():
        if key in indicators:
            raise AnnotationError("E121", f"indicator {key} is given in the header and in the text.")
        indicators[key] = v
    rec: dict[str, Any] = {"id": header.get("id") or header.get("doc") or "doc"}
    if header.get("doc"):
        rec.update(doc=header["doc"], sha256=sha256_text(text))
    else:
        rec["text"] = text
    for k in ("agency", "year", "published", "format"):
        rec[k] = header.get(k)
    rec.update(entities=ents, relations=rels, indicators=indicators)
    if header.get("notes"):
        rec["notes"] = header["notes"]
    return rec, text


def to_markup(record: dict[str, Any], text: str) -> str:
    """Returns the markup form of a record over ``text`` (inverse of ``from_markup``).

    Indicators whose evidence span is exactly an entity are written on that entity;
    the others stay in the header.
    """
    if "{{" in text or "}}" in text:
        raise AnnotationError("E121", "the text itself contains '{{' or '}}'; it cannot be written as markup.")
    ents = sorted(record.get("entities", []), key=lambda e: e["start"])
    out_refs: dict[str, list[str]] = {}
    for r in record.get("relations", []):
        out_refs.setdefault(r["head"], []).append(r["tail"])
    span_keys: dict[tuple[int, int], list[str]] = {}
    header_inds = {}
    ent_spans = {(e["start"], e["end"]) for e in ents}
    for key, v in (record.get("indicators") or {}).items():
        v = v if isinstance(v, dict) else {"value": v}
        s = (v.get("start"), v.get("end"))
        if s in ent_spans:
            lab = next(e["label"] for e in ents if (e["start"], e["end"]) == s)
            expect = indicator_from_span(key, lab, text[s[0]:s[1]])
            if all(v.get(k, "exact" if k == "qualifier" else None) == expect[k] for k in expect):
                span_keys.setdefault(s, []).append(key)
                continue
        header_inds[key] = v
    header = {k: record.get(k) for k in ("id", "doc", "agency", "year", "published", "format")
              if record.get(k) is not None or k in ("agency", "year", "published", "format")}
    header["indicators"] = header_inds
    if record.get("notes"):
        header["notes"] = record["notes"]
    parts = [json.dumps(header, ensure_ascii=False, indent=1), "\n", SEPARATOR, "\n"]
    pos = 0
    for e in ents:
        parts.append(text[pos:e["start"]])
        tag = e["label"] + "#" + e["id"] + "".join(">" + t for t in out_refs.get(e["id"], []))
        tag += "".join("=" + k for k in span_keys.get((e["start"], e["end"]), []))
        parts.append("{{" + tag + ":" + text[e["start"]:e["end"]] + "}}")
        pos = e["end"]
    parts.append(text[pos:])
    return "".join(parts)
