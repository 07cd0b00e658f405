"""The annotation record format (JSONL), inline and stand-off.

One JSON object per line::

    {"id": "real/r004",                       # unique document id
     "doc": "real/r004", "sha256": "…",       # stand-off: text lives at <corpus root>/real/r004.txt
     # or "text": "…"                         # inline: the text is in the record
     "agency": "河北省教育厅", "year": 2013, "published": "2014-01-20", "format": "narrative",
     "entities":  [{"id": "T1", "start": 0, "end": 6, "label": "AGENCY", "text": "河北省教育厅"}],
     "relations": [{"id": "R1", "head": "T5", "tail": "T4", "label": "value_of"}],
     "indicators": {"pub_items_total": {"value": 766, "status": "reported", "qualifier": "exact",
                                         "start": 120, "end": 124, "raw": "766条"}},
     "notes": "free text"}

Offsets are code points into the exact text (end exclusive). Stand-off records
never carry the document text: code that needs it reads it from the corpus root
and checks the hash (``resolve_text``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from ..errors import AnnotationError, OutputError, Problem
from ..types import Document, Entity, IndicatorValue, Relation, ReportMeta, Source

__all__ = ["sha256_text", "read_jsonl", "write_jsonl", "atomic_write", "find_corpus_root", "resolve_text",
           "record_to_document", "document_to_record", "iter_files", "load_corpus"]


def sha256_text(text: str) -> str:
    """Returns the SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, dict[str, Any] | Problem]]:
    """Yields (1-based line number, record) for every non-empty line, or a Problem (E101/E119).

    Broken lines are reported, not skipped silently, and do not stop the rest of the file.
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        yield 0, Problem("E119", f"cannot read {p}: {exc}", file=str(p))
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, Problem("E101", f"invalid JSON ({exc.msg} at column {exc.colno}).", file=str(p), line=n)
            continue
        if not isinstance(obj, dict):
            yield n, Problem("E101", f"a record must be a JSON object, got {type(obj).__name__}.",
                             file=str(p), line=n)
            continue
        yield n, obj


def default_mode(path: str | os.PathLike) -> None:
    """Gives ``path`` the permissions a plain ``open(path, "w")`` would (0o666 less the umask): files
    written through a temporary file (``tempfile.mkstemp``, safetensors' ``save_file``) are 0o600 otherwise,
    unreadable to the other users of a shared model or output directory."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


@contextmanager
def atomic_write(path: str | os.PathLike, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Yields a text file that replaces ``path`` only when the block ends without an error:
    readers see the old file or the whole new one, never half a file. Raises ``OutputError`` (E306)
    when ``path`` is a directory or its folder cannot be made or written."""
    p = Path(path)
    if p.is_dir():
        raise OutputError("E306", f"cannot write {p}: it is a directory; give a file path.")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError("E306", f"cannot write {p}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        default_mode(tmp)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(path: str | os.PathLike, records: Iterable[dict[str, Any]]) -> None:
    """Writes records atomically: the file is either fully written or left untouched."""
    with atomic_write(path) as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


def find_corpus_root(start: str | os.PathLike | None = None) -> Path | None:
    """Returns the corpus root (``GOVIE_CORPUS`` or ``../shared/corpus`` beside the checkout)."""
    env = os.environ.get("GOVIE_CORPUS")
    if env:
        return Path(env)
    bases = [Path(start or os.getcwd()).resolve(), Path(__file__).resolve().parents[2]]
    for base in bases:
        for d in (base, *base.parents):
            for cand in (d / "shared" / "corpus", d.parent / "shared" / "corpus"):
                if cand.is_dir():
                    return cand
    return None


def resolve_text(record: dict[str, Any], corpus_root: str | os.PathLike | None = None) -> str:
    """Returns the text of a record: inline ``text``, or the stand-off file, hash-checked.

    Raises:
        AnnotationError: E113 when the stand-off file is missing, E112 when its hash differs.
    """
    if "text" in record:
        return str(record["text"])
    root = Path(corpus_root) if corpus_root else find_corpus_root()
    doc = str(record.get("doc", ""))
    if root is None:
        raise AnnotationError("E113", f"document {doc!r}: no corpus root. Put the corpus at "
                                      "../shared/corpus or set GOVIE_CORPUS / --corpus-root.")
    path = root / f"{doc}.txt"
    if not path.is_file():
        raise AnnotationError("E113", f"document {doc!r} not found at {path}.")
    text = path.read_text(encoding="utf-8")
    want = record.get("sha256")
    got = sha256_text(text)
    if want != got:
        raise AnnotationError("E112", f"document {doc!r}: sha256 of {path} is {got[:12]}…, the record "
                                      f"says {str(want)[:12]}…. The text changed since it was annotated.")
    return text


def record_to_document(record: dict[str, Any], text: str) -> Document:
    """Returns the gold Document of a (valid) record over ``text``."""
    ents = tuple(Entity(id=str(e["id"]), start=int(e["start"]), end=int(e["end"]), label=e["label"],
                        text=str(e.get("text", text[int(e["start"]):int(e["end"])])),
                        score=float(e.get("score", 1.0)), source=str(e.get("source", "gold")))
                 for e in record.get("entities", ()))
    rels = tuple(Relation(id=str(r["id"]), head=str(r["head"]), tail=str(r["tail"]), label=r["label"],
                          score=float(r.get("score", 1.0)))
                 for r in record.get("relations", ()))
    inds = {}
    for key, v in (record.get("indicators") or {}).items():
        v = v if isinstance(v, dict) else {"value": v}
        src = None
        if v.get("start") is not None and v.get("end") is not None:
            src = Source(kind=v.get("kind", "text"), start=int(v["start"]), end=int(v["end"]))
        inds[key] = IndicatorValue(key=key, value=v.get("value"), unit=v.get("unit", ""),
                                   status=v.get("status", "reported"), qualifier=v.get("qualifier", "exact"),
                                   raw=v.get("raw", ""), source=src, era=v.get("era", ""))
    from ..labels import format_to_era
    meta = ReportMeta(agency=record.get("agency"), year=record.get("year"), published=record.get("published"),
                      format=record.get("format"), era=format_to_era(record.get("format")))
    return Document(text=text, entities=ents, relations=rels, indicators=inds, meta=meta)


def document_to_record(doc: Document, doc_id: str, *, standoff: str | None = None) -> dict[str, Any]:
    """Returns an annotation record for a Document (inline, or stand-off under id ``standoff``)."""
    rec: dict[str, Any] = {"id": doc_id}
    if standoff:
        rec.update(doc=standoff, sha256=sha256_text(doc.text))
    else:
        rec["text"] = doc.text
    rec.update(agency=doc.meta.agency, year=doc.meta.year, published=doc.meta.published, format=doc.meta.format)
    rec["entities"] = [{"id": e.id, "start": e.start, "end": e.end, "label": e.label, "text": e.text}
                       for e in doc.entities]
    rec["relations"] = [{"id": r.id, "head": r.head, "tail": r.tail, "label": r.label} for r in doc.relations]
    inds = {}
    for k, v in doc.indicators.items():
        d: dict[str, Any] = {"value": v.value, "status": v.status, "qualifier": v.qualifier}
        if v.unit:
            d["unit"] = v.unit
        if v.source is not None:
            d.update(kind=v.source.kind, start=v.source.start, end=v.source.end)
        if v.raw:
            d["raw"] = v.raw
        inds[k] = d
    rec["indicators"] = inds
    return rec


def iter_files(paths: Iterable[str | os.PathLike], suffix: str = ".jsonl") -> list[Path]:
    """Returns the files named, with directories expanded recursively to their ``*suffix`` files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob(f"*{suffix}") if q.is_file()))
        else:
            out.append(p)
    return out


def _where(p: Problem) -> str:
    """Returns ``file:line: item: message`` (the code is the error's own)."""
    return f"{p.file}:{p.line}: " + (f"{p.item}: " if p.item else "") + p.message


def load_corpus(paths: Iterable[str | os.PathLike], corpus_root: str | os.PathLike | None = None,
                ids: set[str] | None = None) -> list[tuple[dict[str, Any], Document]]:
    """Returns (record, gold Document) for every valid record under ``paths``.

    Raises:
        AnnotationError: with the first problem, when any record is invalid (run
            ``govie validate`` for the full list).
    """
    from .validate import validate_record

    out = []
    for f in iter_files(paths):
        for line, rec in read_jsonl(f):
            if isinstance(rec, Problem):
                raise AnnotationError(rec.code, _where(rec))
            if ids is not None and rec.get("id") not in ids:
                continue
            try:
                text = resolve_text(rec, corpus_root)
            except AnnotationError as exc:  # name the record that needs the text
                raise AnnotationError(exc.code, f"{f}:{line}: {exc.message}") from None
            problems = validate_record(rec, text=text, file=str(f), line=line)
            if problems:
                raise AnnotationError(problems[0].code, _where(problems[0]))
            out.append((rec, record_to_document(rec, text)))
    return out
