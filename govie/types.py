"""Frozen result types: Document, Entity, Relation, IndicatorValue, Check.

All public coordinates are Python code-point offsets into the caller's
ORIGINAL string, 0-based and end-exclusive. ``Document`` checks on
construction that every entity's offsets reproduce its text, so a Document can
never carry a span that does not index ``doc.text``.

Every type has ``to_dict()`` / ``from_dict()``; ``Document.to_json()`` gives
the JSON form, whose keys are those of an inline annotation record, so output
can go back into an annotation tool for correction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import AnnotationError


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Entity:
    """A labelled span of the original text.

    Attributes:
        id: unique within the document (``T1``, ``T2`` ...).
        start, end: code-point offsets into ``Document.text`` (end exclusive).
        label: one of the labels of annotations/GUIDELINES.md.
        text: ``doc.text[start:end]``.
        score: model confidence in [0, 1] (1.0 for gold and rules).
        source: ``model``, ``rule`` or ``gold``.
    """

    id: str
    start: int
    end: int
    label: str
    text: str
    score: float = 1.0
    source: str = "model"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "label": self.label,
                "text": self.text, "score": round(float(self.score), 4), "source": self.source}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Entity":
        return cls(id=str(d["id"]), start=int(d["start"]), end=int(d["end"]), label=str(d["label"]),
                   text=str(d["text"]), score=float(d.get("score", 1.0)),
                   source=str(d.get("source", "gold")))


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed, labelled link between two entities (``head`` and ``tail`` are entity ids)."""

    id: str
    head: str
    tail: str
    label: str
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "head": self.head, "tail": self.tail, "label": self.label,
                "score": round(float(self.score), 4)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Relation":
        return cls(id=str(d["id"]), head=str(d["head"]), tail=str(d["tail"]), label=str(d["label"]),
                   score=float(d.get("score", 1.0)))


@dataclass(frozen=True, slots=True)
class Source:
    """Where an indicator value comes from.

    ``kind`` is ``table`` or ``text``; ``start``/``end`` are original-text offsets of
    the cell or text span that states the value. For table cells ``row_label`` and
    ``col_label`` are the labels as printed.
    """

    kind: str
    start: int
    end: int
    section: str | None = None
    table_id: str | None = None
    row_label: str | None = None
    col_label: str | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _clean({"kind": self.kind, "start": self.start, "end": self.end, "section": self.section,
                       "table_id": self.table_id, "row_label": self.row_label,
                       "col_label": self.col_label, "page": self.page})

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Source":
        return cls(kind=str(d["kind"]), start=int(d["start"]), end=int(d["end"]),
                   section=d.get("section"), table_id=d.get("table_id"), row_label=d.get("row_label"),
                   col_label=d.get("col_label"), page=d.get("page"))


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One value of the indicator schema (../shared/spec/INDICATORS.md §0.2).

    Attributes:
        key: schema key, flat form for Table-3 cells (``app_new_received__total``).
        value: the number in the schema unit (``None`` for blank / unresolved).
        unit: the schema unit (件, 条, 万元 ...).
        status: reported | reported_zero | blank | not_applicable | not_found | merged | unresolved.
        qualifier: exact | approx | at_least | at_most.
        raw: the text the value was read from, as printed.
        source: the table cell or text span (original offsets), or None for derived values.
        era: L08 | N14 | F19 | F21 | TXT.
        confidence: in [0, 1].
        multiplier: 1, 1e3, 1e4 or 1e8 as read from 千/万/亿.
        raw_unit: the unit as printed, when it differs from ``unit``.
    """

    key: str
    value: float | int | None
    unit: str = ""
    status: str = "reported"
    qualifier: str = "exact"
    raw: str = ""
    source: Source | None = None
    era: str = ""
    confidence: float = 1.0
    multiplier: float = 1
    raw_unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"key": self.key, "value": self.value, "unit": self.unit,
                             "status": self.status, "qualifier": self.qualifier, "raw": self.raw,
                             "source": self.source.to_dict() if self.source else None,
                             "era": self.era, "confidence": round(float(self.confidence), 4),
                             "multiplier": self.multiplier}
        if self.raw_unit is not None:
            d["raw_unit"] = self.raw_unit
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "IndicatorValue":
        src = d.get("source")
        return cls(key=str(d["key"]), value=d.get("value"), unit=str(d.get("unit", "")),
                   status=str(d.get("status", "reported")), qualifier=str(d.get("qualifier", "exact")),
                   raw=str(d.get("raw", "")), source=Source.from_dict(src) if src else None,
                   era=str(d.get("era", "")), confidence=float(d.get("confidence", 1.0)),
                   multiplier=d.get("multiplier", 1), raw_unit=d.get("raw_unit"))


@dataclass(frozen=True, slots=True)
class Check:
    """A consistency finding (INDICATORS.md §10): which rule, how bad, which numbers disagree."""

    rule: str
    severity: str
    message: str
    keys: tuple[str, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "keys": list(self.keys), "values": dict(self.values)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Check":
        return cls(rule=str(d["rule"]), severity=str(d["severity"]), message=str(d["message"]),
                   keys=tuple(d.get("keys", ())), values=dict(d.get("values", {})))


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """Report-level fields: who reports, on which year, when published, in which format.

    ``format`` is narrative | legacy_table | national_2019 | national_2021 (the
    annotation field); ``era`` the schema's L08 | N14 | F19 | F21; ``script`` hans | hant | mixed.
    ``agency_span`` is the original-text span the agency was read from, if any.
    """

    agency: str | None = None
    year: int | None = None
    published: str | None = None
    format: str | None = None
    era: str | None = None
    script: str | None = None
    agency_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"agency": self.agency, "year": self.year, "published": self.published,
                "format": self.format, "era": self.era, "script": self.script,
                "agency_span": list(self.agency_span) if self.agency_span else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "ReportMeta":
        span = d.get("agency_span")
        return cls(agency=d.get("agency"), year=d.get("year"), published=d.get("published"),
                   format=d.get("format"), era=d.get("era"), script=d.get("script"),
                   agency_span=(int(span[0]), int(span[1])) if span else None)


@dataclass(frozen=True, slots=True)
class Document:
    """The result of ``govie.parse``: the original text and everything found in it.

    Raises:
        AnnotationError: E103 when an entity's offsets do not reproduce its text,
            E104 when they are out of range, E109 when a relation names a missing entity.
    """

    text: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    indicators: Mapping[str, IndicatorValue] = field(default_factory=dict)
    meta: ReportMeta = field(default_factory=ReportMeta)
    checks: tuple[Check, ...] = ()

    def __post_init__(self) -> None:
        n = len(self.text)
        ids = set()
        for e in self.entities:
            if not (0 <= e.start < e.end <= n):
                raise AnnotationError("E104", f"entity {e.id}: offsets [{e.start}, {e.end}) are outside "
                                              f"the text (length {n}) or empty.")
            if self.text[e.start:e.end] != e.text:
                raise AnnotationError("E103", f"entity {e.id}: text[{e.start}:{e.end}] is "
                                              f"{self.text[e.start:e.end]!r}, expected {e.text!r}. Offsets "
                                              "must be code points into the original text.")
            ids.add(e.id)
        for r in self.relations:
            for end in (r.head, r.tail):
                if end not in ids:
                    raise AnnotationError("E109", f"relation {r.id}: entity {end!r} does not exist.")

    def entity(self, entity_id: str) -> Entity:
        """Returns the entity with this id (KeyError if absent)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def to_dict(self) -> dict[str, Any]:
        """Returns a JSON-ready dict with the keys of an inline annotation record."""
        m = self.meta
        return {
            "text": self.text,
            "agency": m.agency, "year": m.year, "published": m.published, "format": m.format,
            "meta": m.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
            "checks": [c.to_dict() for c in self.checks],
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Document":
        meta = d.get("meta") or {k: d.get(k) for k in ("agency", "year", "published", "format")}
        inds = d.get("indicators") or {}
        return cls(text=str(d["text"]),
                   entities=tuple(Entity.from_dict(e) for e in d.get("entities", ())),
                   relations=tuple(Relation.from_dict(r) for r in d.get("relations", ())),
                   indicators={k: IndicatorValue.from_dict({"key": k, **v}) for k, v in inds.items()},
                   meta=ReportMeta.from_dict(meta),
                   checks=tuple(Check.from_dict(c) for c in d.get("checks", ())))

    @classmethod
    def from_json(cls, s: str) -> "Document":
        return cls.from_dict(json.loads(s))
