"""Pre-annotate corpus documents with the rule baseline, as markup files for review.

    python training/preannotate.py seeds/s001 real/r004 --out /tmp/annot

Writes ``<out>/<doc id with / replaced by _>.markup``: a JSON header with the
report-field guesses and the text with rule entities marked. The markup holds
the full report text, so it belongs OUTSIDE the repository; the reviewed file is
converted to a stand-off record with ``govie annotations from-markup``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from govie.io import find_corpus_root, sha256_text, to_markup
from govie.rules import find_entities


def guess_fields(text: str) -> dict:
    year = re.search(r"((?:19|20)\d{2})\s*年", text)
    fmt = "narrative"
    if "本年制发件数" in text:
        fmt = "national_2021"
    elif "本年新制作数量" in text:
        fmt = "national_2019"
    elif "统计指标" in text or "申请办结数" in text:
        fmt = "legacy_table"
    return {"year": int(year.group(1)) if year else None, "format": fmt}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docs", nargs="+", help="document ids under the corpus root, e.g. real/r004")
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus-root", default=None)
    args = ap.parse_args(argv)
    root = Path(args.corpus_root) if args.corpus_root else find_corpus_root()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in args.docs:
        text = (root / f"{doc}.txt").read_text(encoding="utf-8")
        ents = [e.to_dict() for e in find_entities(text)]
        for e in ents:
            e.pop("score"), e.pop("source")
        rec = {"id": doc, "doc": doc, "sha256": sha256_text(text), "agency": None, "published": None,
               **guess_fields(text), "entities": ents, "relations": [], "indicators": {}}
        path = out / (doc.replace("/", "_") + ".markup")
        path.write_text(to_markup(rec, text), encoding="utf-8")
        written.append(str(path))
    return {"written": written}


if __name__ == "__main__":
    print(main())
