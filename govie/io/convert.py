"""Import and export for Label Studio and doccano.

Both tools count offsets in UTF-16 code units (JavaScript string indices); govie
counts Python code points. The conversion happens exactly once, here, at the
boundary: characters outside the Basic Multilingual Plane (rare Han characters
of Extension B and later, emoji) take two UTF-16 units and one code point.

>>> t = "𠀀局发〔2019〕1号"
>>> utf16_to_cp(t, 3), cp_to_utf16(t, 2)
(2, 3)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..errors import AnnotationError
from ..types import Document

__all__ = ["utf16_to_cp", "cp_to_utf16", "to_label_studio", "from_label_studio", "to_doccano",
           "from_doccano", "read_export"]


def _prefix16(text: str) -> list[int]:
    out = [0]
    for ch in text:
        out.append(out[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return out


def cp_to_utf16(text: str, offset: int) -> int:
    """Returns the UTF-16 offset of code-point ``offset`` in ``text``."""
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def utf16_to_cp(text: str, offset: int) -> int:
    """Returns the code-point offset of UTF-16 ``offset``; ValueError inside a surrogate pair."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            raise ValueError(f"UTF-16 offset {offset} falls inside the surrogate pair of {ch!r}")
    if units == offset:
        return len(text)
    raise ValueError(f"UTF-16 offset {offset} is past the end of the text ({units} units)")


def _cp_index(prefix: list[int]) -> dict[int, int]:
    return {u: i for i, u in enumerate(prefix)}


def to_label_studio(docs: Iterable[Document], *, as_predictions: bool = True,
                    model_version: str = "govie", from_name: str = "label", to_name: str = "text",
                    relation_from_name: str = "relation") -> list[dict[str, Any]]:
    """Returns Label Studio tasks, entities as ``labels`` regions and relations as ``relation`` items.

    With ``as_predictions`` the results go under ``predictions`` (Label Studio's
    import format for pre-annotations a user then corrects), else under ``annotations``.
    """
    tasks = []
    for doc in docs:
        prefix = _prefix16(doc.text)
        result: list[dict[str, Any]] = []
        for e in doc.entities:
            s, t = prefix[e.start], prefix[e.end]
            item: dict[str, Any] = {"id": e.id, "from_name": from_name, "to_name": to_name, "type": "labels",
                                    "value": {"start": s, "end": t, "text": e.text, "labels": [e.label]}}
            if as_predictions:
                item["score"] = round(float(e.score), 4)
            result.append(item)
        for r in doc.relations:
            result.append({"from_id": r.head, "to_id": r.tail, "type": "relation", "direction": "right",
                           "labels": [r.label]})
        scores = [e.score for e in doc.entities]
        block = {"result": result}
        if as_predictions:
            block.update(model_version=model_version,
                         score=round(float(sum(scores) / len(scores)), 4) if scores else 0.0)
        meta = {"agency": doc.meta.agency, "year": doc.meta.year, "published": doc.meta.published,
                "format": doc.meta.format}
        tasks.append({"data": {"text": doc.text, "meta": meta},
                      ("predictions" if as_predictions else "annotations"): [block]})
    return tasks


def from_label_studio(tasks: list[dict[str, Any]], *, id_prefix: str = "ls") -> list[dict[str, Any]]:
    """Returns inline annotation records from a Label Studio JSON export (or import file).

    Uses the first annotation of each task, or the first prediction when there is none.
    Offsets are converted from UTF-16; a region whose ``text`` disagrees with the task
    text at the converted offsets is an error, never snapped.

    Raises:
        AnnotationError: E122 on a malformed export or a misaligned region.
    """
    if not isinstance(tasks, list):
        raise AnnotationError("E122", "a Label Studio export is a JSON list of tasks.")
    out = []
    for n, task in enumerate(tasks, 1):
        try:
            text = task["data"]["text"]
        except (KeyError, TypeError):
            raise AnnotationError("E122", f"task {n}: no data.text.") from None
        blocks = task.get("annotations") or task.get("predictions") or [{"result": []}]
        results = blocks[0].get("result", [])
        cp = _cp_index(_prefix16(text))
        ents, rels, ids = [], [], {}
        for item in results:
            if item.get("type") == "relation":
                continue
            v = item.get("value", {})
            labels = v.get("labels") or []
            if "start" not in v or "end" not in v or not labels:
                raise AnnotationError("E122", f"task {n}: region {item.get('id')!r} has no start/end/labels.")
            if v["start"] not in cp or v["end"] not in cp:
                raise AnnotationError("E122", f"task {n}: region {item.get('id')!r} UTF-16 offsets "
                                              f"[{v['start']}, {v['end']}) split a surrogate pair or exceed the text.")
            s, t = cp[v["start"]], cp[v["end"]]
            if "text" in v and text[s:t] != v["text"]:
                raise AnnotationError("E122", f"task {n}: region {item.get('id')!r} says {v['text']!r} but the "
                                              f"text at its offsets is {text[s:t]!r}.")
            eid = f"T{len(ents) + 1}"
            ids[item.get("id")] = eid
            ents.append({"id": eid, "start": s, "end": t, "label": labels[0], "text": text[s:t]})
        for item in results:
            if item.get("type") != "relation":
                continue
            if item.get("from_id") not in ids or item.get("to_id") not in ids:
                raise AnnotationError("E122", f"task {n}: relation {item.get('from_id')}->{item.get('to_id')} "
                                              "names a region that does not exist.")
            for lab in item.get("labels") or []:
                rels.append({"id": f"R{len(rels) + 1}", "head": ids[item["from_id"]],
                             "tail": ids[item["to_id"]], "label": lab})
        meta = task["data"].get("meta") or {}
        rid = str(task.get("id", n))
        out.append({"id": f"{id_prefix}/{rid}", "text": text, "agency": meta.get("agency"),
                    "year": meta.get("year"), "published": meta.get("published"), "format": meta.get("format"),
                    "entities": ents, "relations": rels, "indicators": {}})
    return out


def to_doccano(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """Returns doccano sequence-labelling records (entities and relations, UTF-16 offsets)."""
    out = []
    for n, doc in enumerate(docs, 1):
        prefix = _prefix16(doc.text)
        num = {e.id: i for i, e in enumerate(doc.entities, 1)}
        ents = [{"id": num[e.id], "label": e.label, "start_offset": prefix[e.start],
                 "end_offset": prefix[e.end]} for e in doc.entities]
        rels = [{"id": i, "from_id": num[r.head], "to_id": num[r.tail], "type": r.label}
                for i, r in enumerate(doc.relations, 1)]
        out.append({"id": n, "text": doc.text, "entities": ents, "relations": rels})
    return out


def from_doccano(items: list[dict[str, Any]], *, id_prefix: str = "doccano") -> list[dict[str, Any]]:
    """Returns inline records from doccano JSONL items (``entities`` or the older ``label`` list).

    Raises:
        AnnotationError: E122 on a malformed item.
    """
    out = []
    for n, item in enumerate(items, 1):
        text = item.get("text")
        if not isinstance(text, str):
            raise AnnotationError("E122", f"item {n}: no text.")
        cp = _cp_index(_prefix16(text))
        raw = item.get("entities")
        if raw is None:
            raw = [{"id": i, "start_offset": s, "end_offset": t, "label": lab}
                   for i, (s, t, lab) in enumerate(item.get("label", []), 1)]
        ents, ids = [], {}
        for e in raw:
            s16, t16 = e.get("start_offset"), e.get("end_offset")
            if s16 not in cp or t16 not in cp:
                raise AnnotationError("E122", f"item {n}: entity {e.get('id')} offsets [{s16}, {t16}) split a "
                                              "surrogate pair or exceed the text.")
            eid = f"T{len(ents) + 1}"
            ids[e.get("id")] = eid
            ents.append({"id": eid, "start": cp[s16], "end": cp[t16], "label": e["label"],
                         "text": text[cp[s16]:cp[t16]]})
        rels = []
        for r in item.get("relations", []):
            if r.get("from_id") not in ids or r.get("to_id") not in ids:
                raise AnnotationError("E122", f"item {n}: relation {r.get('id')} names a missing entity.")
            rels.append({"id": f"R{len(rels) + 1}", "head": ids[r["from_id"]], "tail": ids[r["to_id"]],
                         "label": r["type"]})
        out.append({"id": f"{id_prefix}/{item.get('id', n)}", "text": text, "entities": ents,
                    "relations": rels, "indicators": {}})
    return out


def read_export(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Returns inline records from a Label Studio ``.json`` export or a doccano ``.jsonl`` file.

    Raises:
        AnnotationError: E122 when the file is neither.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError("E119", f"cannot read {p}: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise AnnotationError("E122", f"{p}: neither a JSON export nor JSONL ({exc.msg}, line {exc.lineno}).") \
                from None
        return from_doccano(data, id_prefix=p.stem)
    if isinstance(data, dict):
        data = [data]
    if data and isinstance(data[0], dict) and "data" in data[0]:
        return from_label_studio(data, id_prefix=p.stem)
    return from_doccano(data, id_prefix=p.stem)
