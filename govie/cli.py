"""The ``govie`` command line. Every command is a thin wrapper over a function returning a dict."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .errors import AnnotationError, GovieError


def cmd_validate(args: argparse.Namespace) -> int:
    from .io import validate_paths

    count, problems = validate_paths(args.paths, corpus_root=args.corpus_root)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {count} record(s).", file=sys.stderr)
        return 1
    print(f"ok: {count} record(s) valid.")
    return 0


def cmd_markup(args: argparse.Namespace) -> int:
    """Converts between markup files and stand-off JSONL records."""
    from .io import from_markup, read_jsonl, resolve_text, to_markup, validate_record, write_jsonl
    from .io.records import atomic_write

    if args.direction == "from":
        try:
            markup = Path(args.src).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AnnotationError("E119", f"cannot read {args.src}: {exc}") from None
        try:
            rec, text = from_markup(markup)
        except AnnotationError as exc:  # name the file: the message only gives the text line
            raise AnnotationError(exc.code, f"{args.src}: {exc.message}") from None
        # a stand-off record is checked against the corpus file (hash included), not the markup's text
        problems = validate_record(rec, text=None if "doc" in rec else text, file=args.src,
                                   corpus_root=args.corpus_root)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            return 1
        write_jsonl(args.dst, [rec])
        print(f"wrote {args.dst}: {len(rec['entities'])} entities, {len(rec['relations'])} relations, "
              f"{len(rec['indicators'])} indicators")
        return 0
    for _, rec in read_jsonl(args.src):
        if not isinstance(rec, dict):
            raise GovieError(rec.code, str(rec))
        text = resolve_text(rec, args.corpus_root)
        with atomic_write(args.dst) as f:
            f.write(to_markup(rec, text))
        print(f"wrote {args.dst}")
        break
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .annotations import stats, format_stats

    result = stats(args.dir, corpus_root=args.corpus_root)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_stats(result))
    return 0


def _training_on_path() -> None:
    """Makes the checkout's ``training/`` package importable (it is not installed with govie)."""
    root = str(Path(__file__).resolve().parent.parent)
    if (Path(root) / "training").is_dir() and root not in sys.path:
        sys.path.insert(0, root)


def cmd_train(args: argparse.Namespace) -> int:
    _training_on_path()
    from training.train import main as train_main

    train_main([args.config, *args.overrides])
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    _training_on_path()
    from training.evaluate import main as eval_main

    eval_main(args.argv)
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from .batch import parse_paths

    result = parse_paths(args.paths, output=args.output, fmt=args.format, jobs=args.jobs, model=args.model,
                         entities="rules" if args.rules else "model", progress=not args.quiet)
    if not args.output:
        sys.stdout.write(result["text"])
    else:
        print(f"wrote {result['documents']} document(s) to {args.output}", file=sys.stderr)
    for e in result["errors"]:
        print(f"{e['path']}: {e['code']} {e['message']}", file=sys.stderr)
    if result["failed"]:
        print(f"{result['failed']} of {result['documents']} file(s) failed.", file=sys.stderr)
    return 1 if result["failed"] else 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render import render_file

    result = render_file(args.file, args.output, model=args.model, entities="rules" if args.rules else "model")
    print(f"wrote {result['output']}: {result['entities']} entities, {result['relations']} relations, "
          f"{result['indicators']} indicators, {result['checks']} failed checks", file=sys.stderr)
    return 0


def import_annotations(src: str, dst: str) -> dict[str, Any]:
    """Converts a Label Studio JSON export or doccano JSONL file into validated inline records.

    Returns ``{"records", "entities", "relations", "problems", "output"}``; ``output`` is
    None (and nothing is written) when any record has a problem.
    """
    from .io import read_export, validate_record, write_jsonl

    records = read_export(src)
    problems = [p for rec in records for p in validate_record(rec, file=src)]
    if not problems:
        write_jsonl(dst, records)
    return {"records": len(records), "entities": sum(len(r["entities"]) for r in records),
            "relations": sum(len(r["relations"]) for r in records), "problems": [str(p) for p in problems],
            "output": None if problems else dst}


def cmd_import(args: argparse.Namespace) -> int:
    result = import_annotations(args.src, args.output)
    for p in result["problems"]:
        print(p, file=sys.stderr)
    if result["problems"]:
        print(f"{len(result['problems'])} problem(s) in {result['records']} record(s); nothing written.",
              file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {result['records']} record(s), {result['entities']} entities, "
          f"{result['relations']} relations")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="govie", description="Extract data from Chinese government "
                                                          "information-disclosure annual reports.")
    ap.add_argument("--version", action="version", version=f"govie {__version__}")
    sub = ap.add_subparsers(dest="command")

    p = sub.add_parser("parse", help="extract entities, relations and indicators from reports (files or folders)")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output", default=None, help="output file (default: standard output)")
    p.add_argument("--format", choices=["json", "jsonl", "csv", "labelstudio"], default="json",
                   help="labelstudio: tasks with predictions, for import into Label Studio")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (each loads the model once)")
    p.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    p.add_argument("--rules", action="store_true", help="rules-only entities (no model needed)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("render", help="one self-contained HTML page of a report: entities, indicators, checks")
    p.add_argument("file", help="a .txt report")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    p.add_argument("--rules", action="store_true", help="rules-only entities (no model needed)")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("validate", help="check annotation JSONL files or folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("--corpus-root", default=None, help="root of stand-off texts (default ../shared/corpus)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("annotations", help="annotation tools: stats, markup conversion")
    asub = p.add_subparsers(dest="annotations_command", required=True)
    s = asub.add_parser("stats", help="documents, entities, relations and indicators per split")
    s.add_argument("--dir", default="annotations")
    s.add_argument("--json", action="store_true")
    s.add_argument("--corpus-root", default=None)
    s.set_defaults(func=cmd_stats)
    for direction in ("from", "to"):
        m = asub.add_parser(f"{direction}-markup", help=f"convert {'markup -> JSONL' if direction == 'from' else 'JSONL -> markup'}")
        m.add_argument("src")
        m.add_argument("dst")
        m.add_argument("--corpus-root", default=None)
        m.set_defaults(func=cmd_markup, direction=direction)
    m = asub.add_parser("import", help="Label Studio JSON export or doccano JSONL -> validated JSONL records")
    m.add_argument("src")
    m.add_argument("-o", "--output", required=True)
    m.set_defaults(func=cmd_import)
    p = sub.add_parser("train", help="train a model directory from a TOML config (--section.key=value overrides)")
    p.add_argument("config")
    p.add_argument("overrides", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_train)

    # all arguments (and --help) belong to training.evaluate.main: one definition of the options
    p = sub.add_parser("evaluate", add_help=False,
                       help="strict span P/R/F1 per label of a model (or 'rules') on a split or JSONL")
    p.add_argument("argv", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_evaluate)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    # parse_known_args: REMAINDER does not take leading options ("evaluate --help"); the
    # sub-commands that pass their arguments on receive the unparsed rest
    args, rest = ap.parse_known_args(argv)
    if rest and getattr(args, "func", None) is cmd_evaluate:
        args.argv = [*args.argv, *rest]
    elif rest:
        ap.error(f"unrecognized arguments: {' '.join(rest)}")
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except GovieError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
