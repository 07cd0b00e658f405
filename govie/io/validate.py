"""The annotation validator: every rule of annotations/GUIDELINES.md, as coded problems.

``validate_record`` checks one record against its text; ``validate_paths``
checks files and folders of JSONL records (stand-off texts resolved under the
corpus root, hashes checked) and also catches duplicate document ids. Nothing is
fixed or snapped: each problem names the file, line and entity id.
"""

from __future__ import annotations

import datetime as _dt
import os
import unicodedata
from typing import Any, Iterable

from ..errors import AnnotationError, Problem
from ..labels import entity_labels, inventory, relation_allowed
from ..schema import load_schema
from .records import iter_files, read_jsonl, resolve_text

__all__ = ["validate_record", "validate_paths", "span_edge_problem"]

_OPEN = "([{（［｛〔【〖《〈“‘「『<"
_CLOSE = ")]}）］｝〕】〗》〉”’」』>"
_PAIR = dict(zip(_CLOSE, _OPEN))
_SIGN_START = {"COUNT", "MONEY", "PERCENT"}


def _is_punct(c: str) -> bool:
    return unicodedata.category(c).startswith("P") or c in "|"


def span_edge_problem(label: str, text: str) -> str | None:
    """Returns why a span's first or last character breaks the edge rule, or None.

    Spans never start or end with whitespace or punctuation, except a closing
    bracket or quote whose opener is inside the span (``办法(试行)``), an opening one
    whose closer is inside, ``%``/``‰`` ending a PERCENT, and a sign starting a number.

    >>> span_edge_problem("TITLE", "办法(试行)") is None, span_edge_problem("AGENCY", "教育厅，")
    (True, "ends with '，'")
    """
    if not text:
        return "is empty"
    first, last = text[0], text[-1]
    if first.isspace():
        return f"starts with whitespace {first!r}"
    if last.isspace():
        return f"ends with whitespace {last!r}"
    if _is_punct(first) and not (first in _OPEN and _CLOSE[_OPEN.index(first)] in text[1:]) and not (
            label in _SIGN_START and first in "+-"):
        return f"starts with {first!r}"
    if _is_punct(last) and not (last in _PAIR and _PAIR[last] in text[:-1]) and last not in "%‰":
        return f"ends with {last!r}"
    return None


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def validate_record(rec: dict[str, Any], text: str | None = None, *, file: str = "", line: int = 0,
                    corpus_root: str | os.PathLike | None = None) -> list[Problem]:
    """Returns every problem of one record (empty list when valid).

    When ``text`` is None it is resolved (inline ``text`` or stand-off file, hash-checked).
    """
    out: list[Problem] = []

    def err(code: str, msg: str, item: str = "") -> None:
        out.append(Problem(code, msg, file=file, line=line, item=item))

    rid = rec.get("id")
    if not isinstance(rid, str) or not rid:
        err("E102", "record needs a non-empty string 'id'.")
    has_text, has_doc = "text" in rec, "doc" in rec
    if has_text == has_doc or (has_doc and not rec.get("sha256")):
        err("E116", "a record has either 'text' (inline) or 'doc' and 'sha256' (stand-off), not both "
                    "and not neither.")
        return out
    if has_text and not isinstance(rec["text"], str):
        err("E102", "'text' must be a string.")
        return out
    if text is None:
        try:
            text = resolve_text(rec, corpus_root)
        except AnnotationError as exc:
            err(exc.code, exc.message)
            return out

    inv = inventory()
    fmt = rec.get("format")
    if fmt is not None and fmt not in inv["formats"]:
        err("E115", f"format {fmt!r} is not one of {sorted(inv['formats'])}.")
    year = rec.get("year")
    if year is not None and not (_is_int(year) and 1990 <= year <= 2100):
        err("E115", f"year {year!r} must be an integer year (the year reported on).")
    pub = rec.get("published")
    if pub is not None:
        try:
            _dt.date.fromisoformat(str(pub))
            if len(str(pub)) != 10:
                raise ValueError
        except ValueError:
            err("E115", f"published {pub!r} must be a date YYYY-MM-DD or null.")
    for fld in ("agency",):
        if rec.get(fld) is not None and not isinstance(rec[fld], str):
            err("E115", f"{fld} must be a string.")

    labels = set(entity_labels())
    ents = rec.get("entities", [])
    if not isinstance(ents, list):
        err("E102", "'entities' must be a list.")
        ents = []
    by_id: dict[str, dict[str, Any]] = {}
    spans = []
    n = len(text)
    for e in ents:
        if not isinstance(e, dict) or not all(k in e for k in ("id", "start", "end", "label")):
            err("E102", f"entity {e!r} needs id, start, end and label.")
            continue
        eid = str(e["id"])
        if eid in by_id:
            err("E108", f"entity id {eid!r} is used twice.", eid)
        by_id[eid] = e
        if not isinstance(e["label"], str):
            err("E102", f"label {e['label']!r} must be a string.", eid)
            continue
        s, t = e["start"], e["end"]
        if not (_is_int(s) and _is_int(t)) or not (0 <= s < t <= n):
            err("E104", f"offsets [{s!r}, {t!r}) are not integers with 0 <= start < end <= {n}.", eid)
            continue
        if e["label"] not in labels:
            err("E105", f"label {e['label']!r} is not one of {sorted(labels)}.", eid)
        got = text[s:t]
        if "text" in e and e["text"] != got:
            err("E103", f"text[{s}:{t}] is {got!r}, expected {e['text']!r}. Offsets must be code points "
                        "into the original text; convert UTF-16 exports with govie.io.convert.", eid)
            continue
        why = span_edge_problem(e["label"], got)
        if why:
            err("E107", f"span {got!r} {why}; spans never start or end with whitespace or punctuation.", eid)
        spans.append((s, t, eid))
    spans.sort()
    for (s1, t1, a), (s2, t2, b) in zip(spans, spans[1:]):
        if s2 < t1:
            err("E106", f"overlaps entity {a} [{s1}, {t1}) at [{s2}, {t2}); spans do not overlap or nest.", b)

    rels = rec.get("relations", [])
    if not isinstance(rels, list):
        err("E102", "'relations' must be a list.")
        rels = []
    rel_ids: set[str] = set()
    seen: set[tuple[str, str, str]] = set()
    for r in rels:
        if not isinstance(r, dict) or not all(k in r for k in ("id", "head", "tail", "label")):
            err("E102", f"relation {r!r} needs id, head, tail and label.")
            continue
        rid_ = str(r["id"])
        if rid_ in rel_ids or rid_ in by_id:
            err("E108", f"relation id {rid_!r} is used twice.", rid_)
        rel_ids.add(rid_)
        if not all(isinstance(r[k], str) for k in ("head", "tail", "label")):
            err("E102", f"head, tail and label must be strings (entity ids and a label), got {r['head']!r}, "
                        f"{r['tail']!r}, {r['label']!r}.", rid_)
            continue
        if r["label"] not in inv["relation_labels"]:
            err("E110", f"relation label {r['label']!r} is not one of {sorted(inv['relation_labels'])}.", rid_)
            continue
        missing = [x for x in (r["head"], r["tail"]) if x not in by_id]
        if missing:
            err("E109", f"refers to entity {missing[0]!r}, which does not exist in this record.", rid_)
            continue
        hl, tl = by_id[r["head"]]["label"], by_id[r["tail"]]["label"]
        if not relation_allowed(r["label"], hl, tl):
            spec = inv["relation_labels"][r["label"]]
            err("E111", f"{r['label']} links {hl} -> {tl}; it allows {'/'.join(spec['head'])} -> "
                        f"{'/'.join(spec['tail'])}.", rid_)
        key = (r["head"], r["tail"], r["label"])
        if key in seen:
            err("E117", f"{r['head']} -{r['label']}-> {r['tail']} is given twice.", rid_)
        seen.add(key)

    inds = rec.get("indicators", {})
    if not isinstance(inds, dict):
        err("E102", "'indicators' must be an object {key: value}.")
        inds = {}
    schema = load_schema()
    for key, v in inds.items():
        if not schema.is_key(key):
            err("E114", f"indicator key {key!r} is not in the schema (govie/schema/indicators.json).", key)
            continue
        v = v if isinstance(v, dict) else {"value": v}
        val = v.get("value")
        status = v.get("status", "reported")
        if val is not None and (isinstance(val, bool) or not isinstance(val, (int, float))):
            err("E118", f"value {val!r} must be a number or null.", key)
        if status not in inv["statuses"]:
            err("E118", f"status {status!r} is not one of {inv['statuses']}.", key)
        if v.get("qualifier", "exact") not in inv["qualifiers"]:
            err("E118", f"qualifier {v.get('qualifier')!r} is not one of {inv['qualifiers']}.", key)
        if status == "reported_zero" and val != 0:
            err("E118", f"status reported_zero needs value 0, got {val!r}.", key)
        if status in ("reported", "merged") and val is None:
            err("E118", f"status {status} needs a value.", key)
        if (v.get("start") is None) != (v.get("end") is None):
            err("E118", "evidence needs both start and end.", key)
        elif v.get("start") is not None:
            s, t = v["start"], v["end"]
            if not (_is_int(s) and _is_int(t) and 0 <= s < t <= n):
                err("E118", f"evidence offsets [{s!r}, {t!r}) are outside the text (length {n}).", key)
            elif "raw" in v and text[s:t] != v["raw"]:
                err("E118", f"evidence text[{s}:{t}] is {text[s:t]!r}, expected {v['raw']!r}.", key)
    return out


def validate_paths(paths: Iterable[str | os.PathLike],
                   corpus_root: str | os.PathLike | None = None) -> tuple[int, list[Problem]]:
    """Validates JSONL files and folders. Returns (number of records read, problems)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    count = 0
    files = iter_files(paths)
    for f in files:
        if not f.exists():
            problems.append(Problem("E119", f"{f} does not exist.", file=str(f)))
            continue
        for line, rec in read_jsonl(f):
            if isinstance(rec, Problem):
                problems.append(rec)
                continue
            count += 1
            rid = rec.get("id")
            if isinstance(rid, str):
                if rid in seen:
                    problems.append(Problem("E120", f"document id {rid!r} already used at {seen[rid]}.",
                                            file=str(f), line=line))
                seen[rid] = f"{f}:{line}"
            problems.extend(validate_record(rec, file=str(f), line=line, corpus_root=corpus_root))
    return count, problems

