"""Files, folders and batches: reading report files, multi-process parsing, CSV / JSON output."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import GovieError, InputError
from .types import Document

__all__ = ["read_text_file", "expand_paths", "parse_paths", "pipe_processes", "to_csv_row", "SUFFIXES"]

SUFFIXES = (".txt",)


def read_text_file(path: str | Path) -> str:
    """Returns the text of a .txt report: UTF-8 (with or without BOM), else GB18030.

    Raises:
        InputError: E305 when the file cannot be read, E302 when no encoding decodes it.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError("E305", f"cannot read {p}: {exc.strerror}") from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("E302", f"{p} is neither UTF-8 nor GB18030 text; convert it to UTF-8 first.")


def expand_paths(paths: Iterable[str | Path], suffixes: Sequence[str] = SUFFIXES) -> list[Path]:
    """Returns the files named, folders expanded recursively to their report files, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in suffixes))
        else:
            out.append(p)
    return out


def _parse_one(args: tuple[str, str | None]) -> dict[str, Any]:
    path, model = args
    from .pipeline import load, parse

    try:
        text = read_text_file(path)
        doc = load(model).parse(text) if model else parse(text)
        return {"path": path, "document": doc.to_dict()}
    except GovieError as exc:
        return {"path": path, "error": {"code": exc.code, "message": exc.message}}


_worker_model = None


def _init_worker(model: str | None) -> None:
    global _worker_model
    from .pipeline import load

    _worker_model = load(model)


def _parse_in_worker(text: str) -> dict[str, Any]:
    return _worker_model.parse(text).to_dict()


def pipe_processes(texts: Iterable[str], *, batch_size: int = 8, n_process: int = 2,
                   model: str | Path | None = None) -> Iterator[Document]:
    """Yields Documents parsed in ``n_process`` worker processes, in input order."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(str(model) if model else None,)) as pool:
        for d in pool.imap(_parse_in_worker, texts, chunksize=max(1, batch_size // 2)):
            yield Document.from_dict(d)


CSV_FIXED = ["path", "agency", "year", "published", "format", "era", "script", "failed_checks", "error"]


def to_csv_row(path: str, doc: dict[str, Any] | None, error: dict[str, Any] | None = None) -> dict[str, Any]:
    """Returns one CSV row: report fields, number of failed checks and one column per indicator key."""
    row: dict[str, Any] = {"path": path}
    if doc is None:
        row["error"] = f"{error['code']} {error['message']}" if error else ""
        return row
    meta = doc.get("meta") or {}
    row.update({k: meta.get(k) for k in ("agency", "year", "published", "format", "era", "script")})
    row["failed_checks"] = len(doc.get("checks", []))
    for key, v in (doc.get("indicators") or {}).items():
        row[key] = v.get("value") if v.get("value") is not None else ""
    return row


def parse_paths(paths: Sequence[str | Path], *, output: str | None = None, fmt: str = "json", jobs: int = 1,
                model: str | None = None, progress: bool = True) -> dict[str, Any]:
    """Parses report files and folders; writes or returns JSON, JSONL or CSV. Returns a summary dict."""
    files = [str(p) for p in expand_paths(paths)]
    results: list[dict[str, Any]] = []
    work = [(f, model) for f in files]
    if jobs > 1 and len(files) > 1:
        import multiprocessing as mp

        with mp.get_context("spawn").Pool(jobs) as pool:
            it = pool.imap(_parse_one, work)
            results = list(_progress(it, len(files), progress))
    else:
        results = list(_progress(map(_parse_one, work), len(files), progress))
    failed = sum(1 for r in results if "error" in r)
    if fmt == "csv":
        rows = [to_csv_row(r["path"], r.get("document"), r.get("error")) for r in results]
        keys = sorted({k for r in rows for k in r if k not in CSV_FIXED})
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_FIXED + keys, extrasaction="ignore")
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
    else:
        text = json.dumps(results if len(results) != 1 else results[0], ensure_ascii=False, indent=1) + "\n"
    if output:
        tmp = Path(output).with_name(f".{Path(output).name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    return {"documents": len(results), "failed": failed, "text": text if not output else ""}


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

