"""Files, folders and batches: reading report files, multi-process parsing, JSON / JSONL / CSV output.

``parse_paths`` is what ``govie parse PATH...`` runs: folders are expanded to the report files
``govie.readers`` can read (.txt, .html, .htm, .pdf, .docx), each file is read and parsed
(in ``jobs`` spawned worker processes, each loading the pipeline once), and the results are
written atomically. A file that cannot be read becomes a record with its error code (E30x)
and the batch goes on; the summary counts the failures so the CLI can exit non-zero.

Results come back in input order whatever ``jobs`` is, so ``--jobs 2`` writes the same bytes
as ``--jobs 1``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from .errors import GovieError, InputError
from .readers import SUFFIXES, decode_text, read_document
from .types import Document

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .pipeline import Pipeline

__all__ = ["read_text_file", "expand_paths", "parse_paths", "pipe_processes", "to_csv_row", "to_dataframe",
           "SUFFIXES", "CSV_FIXED", "FORMATS"]

FORMATS = ("json", "jsonl", "csv", "labelstudio")
CSV_FIXED = ["path", "agency", "year", "published", "format", "era", "failed_checks", "failed_rules", "error"]


def read_text_file(path: str | Path) -> str:
    """Returns the text of a .txt report: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    Raises:
        InputError: E305 when the file cannot be read, E302 when it is binary or no encoding decodes it.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError("E305", f"cannot read {p}: {exc.strerror or exc}.") from None
    return decode_text(raw, name=str(p))


def expand_paths(paths: Iterable[str | Path], suffixes: Sequence[str] = SUFFIXES) -> list[Path]:
    """Returns the files named, each folder expanded recursively to its report files (sorted).

    Files named explicitly are kept whatever their suffix (an unsupported one is then reported
    as E304); inside folders, hidden files and Office lock files (``~$report.docx``) are skipped.
    A file reached twice is listed once.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted((q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in suffixes
                            and not q.name.startswith((".", "~$"))), key=lambda q: q.as_posix())
        else:
            found = [p]
        for q in found:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


# ---------------------------------------------------------------------------------------- workers
def _load(model: str | Path | None, entities: str = "model") -> "Pipeline":
    """The pipeline of ``model`` (None: the shipped model; ``"rules"``: the rules-only baseline)."""
    from .pipeline import Pipeline

    if model is not None and str(model) == "rules":
        return Pipeline(None, entities="rules")
    return Pipeline(model, entities=entities)


_worker: dict[str, Any] = {}


def _uses_model(model: str | Path | None, entities: str) -> bool:
    """Whether the pipeline loads a model directory (and torch), not the rules-only baseline."""
    return entities == "model" and not (model is not None and str(model) == "rules")


def _init_worker(model: str | None, entities: str, threads: int) -> None:
    # an exception here would make the pool respawn workers forever: keep it for the first task
    try:
        if _uses_model(model, entities):
            import torch

            # n workers x all cores each would oversubscribe the machine: share the cores out
            torch.set_num_threads(threads)
        _worker["nlp"] = _load(model, entities)
    except GovieError as exc:
        _worker["fatal"] = (type(exc).__name__, exc.code, exc.message)
    except Exception as exc:  # e.g. an ImportError: still report it instead of respawning
        _worker["fatal"] = ("", "", f"a worker could not load the pipeline: {type(exc).__name__}: {exc}")


def _fatal(info: tuple[str, str, str]) -> Exception:
    from . import errors

    name, code, message = info
    cls = getattr(errors, name, None) if name else None
    if isinstance(cls, type) and issubclass(cls, GovieError):
        return cls(code, message)
    return RuntimeError(message)


def _parse_file(path: str, nlp: "Pipeline") -> dict[str, Any]:
    """One batch record: ``{"path", "document"}`` or ``{"path", "error": {"code", "message"}}``."""
    try:
        return {"path": path, "document": nlp.parse(read_document(path)).to_dict()}
    except GovieError as exc:
        return {"path": path, "error": {"code": exc.code, "message": exc.message}}
    except Exception as exc:  # a bug on one file must not lose a batch of thousands: record it in full
        return {"path": path, "error": {"code": "internal", "message": f"{type(exc).__name__}: {exc}",
                                        "traceback": traceback.format_exc()}}


def _parse_file_in_worker(path: str) -> dict[str, Any]:
    if "fatal" in _worker:
        return {"fatal": _worker["fatal"]}
    return _parse_file(path, _worker["nlp"])


def _parse_text_in_worker(text: str) -> Document | dict[str, Any]:
    if "fatal" in _worker:
        return {"fatal": _worker["fatal"]}
    # Documents travel pickled (result data, not a model): exactly what parse() returns, scores unrounded
    return _worker["nlp"].parse(text)


def _precheck(model: str | Path | None, entities: str) -> None:
    """Raises the ModelLoadError of a missing or damaged model before workers spawn or torch loads."""
    if _uses_model(model, entities):
        from .modeldir import check_model_dir, default_model_dir

        check_model_dir(model or default_model_dir())


def _pool(n_process: int, model: str | Path | None, entities: str) -> Any:
    import multiprocessing as mp

    _precheck(model, entities)

    # spawn: no fork of a process that may hold torch threads; each worker loads the pipeline once
    threads = max(1, (os.cpu_count() or 1) // n_process)
    return mp.get_context("spawn").Pool(n_process, initializer=_init_worker,
                                        initargs=(str(model) if model is not None else None, entities, threads))


def pipe_processes(texts: Iterable[str], *, batch_size: int = 8, n_process: int = 2,
                   model: str | Path | None = None, entities: str = "model") -> Iterator[Document]:
    """Yields the Documents of ``texts`` parsed in ``n_process`` worker processes, in input order.

    Each worker loads the pipeline of ``model`` once (None: the shipped model; ``"rules"``: the
    rules-only baseline); the Documents equal those of ``Pipeline.parse`` in one process.

    Raises:
        ModelLoadError: when a worker cannot load the model.
    """
    # a text that is not a str raises parse()'s TypeError in the worker, re-raised here
    with _pool(n_process, model, entities) as pool:
        for d in pool.imap(_parse_text_in_worker, texts, chunksize=max(1, batch_size // 2)):
            if isinstance(d, dict):
                pool.terminate()
                raise _fatal(d["fatal"])
            yield d


# ---------------------------------------------------------------------------------------- rows
def _failed_rules(doc: Mapping[str, Any]) -> str:
    rules: list[str] = []
    for c in doc.get("checks") or ():
        if c.get("rule") not in rules:
            rules.append(c.get("rule"))
    return ";".join(rules)


def to_csv_row(path: str | None, doc: Mapping[str, Any] | None, error: Mapping[str, Any] | None = None
               ) -> dict[str, Any]:
    """Returns one row per report: path, report fields, failed checks, error, one column per indicator.

    ``failed_checks`` is the number of failed consistency checks, ``failed_rules`` their rule ids
    (``T3-01;T3-03``);
    ``error`` is ``E303 message`` for a file that could not be read; indicator columns hold
    the value (empty when blank, not found or unresolved).
    """
    row: dict[str, Any] = {"path": path}
    if doc is None:
        row["error"] = f"{error['code']} {error['message']}" if error else ""
        return row
    meta = doc.get("meta") or {}
    row.update({k: meta.get(k, doc.get(k)) for k in ("agency", "year", "published", "format", "era")})
    row["failed_checks"] = len(doc.get("checks") or ())
    row["failed_rules"] = _failed_rules(doc)
    for key, v in (doc.get("indicators") or {}).items():
        row[key] = v.get("value")
    return row


def _indicator_columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The indicator keys present in any row, in schema order (table order), unknown keys last."""
    from .schema import load_schema

    present = {k for r in rows for k in r if k not in CSV_FIXED}
    order = {k: i for i, k in enumerate(load_schema().keys)}
    return sorted(present, key=lambda k: (order.get(k, len(order)), k))


def _row_of(item: Document | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(item, Document):
        return to_csv_row(None, item.to_dict())
    if "document" in item or "error" in item:  # a batch record
        return to_csv_row(item.get("path"), item.get("document"), item.get("error"))
    return to_csv_row(item.get("path"), item)


def to_dataframe(docs: Iterable[Document | Mapping[str, Any]]) -> "pandas.DataFrame":
    """Returns a pandas DataFrame with one row per document: the CSV columns of ``govie parse --format csv``.

    Args:
        docs: Documents, their ``to_dict()`` form, or the records of ``govie parse`` JSON / JSONL
            output (``{"path", "document"}`` or ``{"path", "error"}``).

    Columns: ``path`` and ``error`` (only when some item has them), ``agency``, ``year``,
    ``published``, ``format``, ``era``, ``failed_checks`` (how many), ``failed_rules`` (their rule
    ids joined by ``;``), then one
    column per indicator key found, in schema order, holding the value (NaN when absent).
    """
    import pandas as pd

    if isinstance(docs, (Document, Mapping)):  # one Document, or the one record of a single-file parse
        docs = [docs]
    rows = [_row_of(d) for d in docs]
    fixed = [c for c in CSV_FIXED if c not in ("path", "error") or any(r.get(c) for r in rows)]
    return pd.DataFrame.from_records(rows, columns=fixed + _indicator_columns(rows))


# ---------------------------------------------------------------------------------------- batches
def parse_paths(paths: Sequence[str | Path], *, output: str | Path | None = None, fmt: str = "json",
                jobs: int = 1, model: str | Path | None = None, entities: str = "model",
                progress: bool = True) -> dict[str, Any]:
    """Parses report files and folders; returns ``{"documents", "failed", "errors", "output", "text"}``.

    Args:
        paths: files (.txt, .html, .htm, .pdf, .docx) and folders (searched recursively).
        output: file to write atomically; None returns the output as ``text`` instead.
        fmt: ``json`` (a list of records; one record for a single file argument), ``jsonl``,
            ``csv`` (one row per report, see ``to_csv_row``; UTF-8 with BOM in a file, for
            Excel) or ``labelstudio``.
        jobs: worker processes (spawned; each loads the pipeline once).
        model: model directory; None the shipped model, ``"rules"`` the rules-only baseline.
        entities: ``model`` or ``rules``.

    Raises:
        ModelLoadError: when the model cannot be loaded (before any file is parsed).
    """
    if fmt not in FORMATS:  # before hours of parsing, not after
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}.")
    _precheck(model, entities)
    single = len(paths) == 1 and not Path(paths[0]).is_dir()
    files = [str(p) for p in expand_paths(paths)]
    if jobs > 1 and len(files) > 1:
        results = []
        with _pool(min(jobs, len(files)), model, entities) as pool:
            for r in _progress(pool.imap(_parse_file_in_worker, files), len(files), progress):
                if "fatal" in r:
                    pool.terminate()
                    raise _fatal(r["fatal"])
                results.append(r)
    else:
        nlp = _load(model, entities) if files else None
        results = list(_progress((_parse_file(f, nlp) for f in files), len(files), progress))
    failed = [r for r in results if "error" in r]
    text = _format(results, fmt, single)
    if output:
        from .io.records import atomic_write

        # CSV with a BOM, so Excel shows the Chinese correctly
        with atomic_write(output, encoding="utf-8-sig" if fmt == "csv" else "utf-8") as f:
            f.write(text)
    return {"documents": len(results), "failed": len(failed),
            "errors": [{"path": r["path"], **r["error"]} for r in failed],
            "output": str(output) if output else None, "text": "" if output else text}


def _format(results: list[dict[str, Any]], fmt: str, single: bool) -> str:
    if fmt == "csv":
        rows = [to_csv_row(r["path"], r.get("document"), r.get("error")) for r in results]
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_FIXED + _indicator_columns(rows), extrasaction="ignore",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        text = buf.getvalue()
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results)
    elif fmt == "labelstudio":
        # predictions in Label Studio's import format; files that failed have no task (see "failed")
        from .io.convert import to_label_studio

        done = [r for r in results if "document" in r]
        tasks = to_label_studio(Document.from_dict(r["document"]) for r in done)
        for task, r in zip(tasks, done):
            task["data"]["path"] = r["path"]
        text = json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "json":
        text = json.dumps(results[0] if single and len(results) == 1 else results, ensure_ascii=False,
                          indent=1) + "\n"
    else:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return text


def _progress(it: Iterator[dict[str, Any]], total: int, show: bool) -> Iterator[dict[str, Any]]:
    if not show or total < 2:
        yield from it
        return
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        yield from it
        return
    yield from tqdm(it, total=total, unit="report", file=sys.stderr)
