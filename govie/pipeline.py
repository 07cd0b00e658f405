"""``govie.parse``: normalize, tag entities, link relations, read tables, map indicators, check.

The model directory is loaded once, lazily, on first use, from disk only.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .modeldir import default_model_dir
from .ner.postprocess import decode
from .rules import find_entities, find_spans, without_furniture
from .normalize import Normalized, normalize, strip_span
from .stated import stated_metrics
from .types import Document, Entity

log = logging.getLogger(__name__)

__all__ = ["Pipeline", "load", "parse", "pipe"]


def after_ranker(text: str, spans: Sequence[tuple]) -> list[tuple]:
    """The steps after the METRIC ranker, over the normalized ``text`` ((start, end, label, score, source)
    spans): the METRICs the wording decides (``govie.stated.stated_metrics``: 分别 lists, 另有3件…结转下年度
    继续办理, mended METRIC ends), no entity on a page footer (``govie.rules.without_furniture``), and no
    whitespace at a span's edges (GUIDELINES; a weakly trained tagger can tag an indentation).

    >>> after_ranker("  5.监督保障", [(0, 2, "METRIC", 0.6, "model"), (4, 8, "METRIC", 0.7, "model")])
    [(4, 8, 'METRIC', 0.7, 'model')]
    """
    out = []
    for s, e, *rest in without_furniture(text, stated_metrics(text, spans)):
        s, e = strip_span(text, s, e)
        if s < e:
            out.append((s, e, *rest))
    return out


class Pipeline:
    """A loaded model directory and the steps that turn text into a Document."""

    def __init__(self, path: str | Path | None = None, *, entities: str = "model",
                 agency_from_rules: bool | None = None) -> None:
        """Loads the model directory at ``path`` (default: the shipped model).

        Args:
            entities: ``model`` (the trained tagger) or ``rules`` (the rules-only baseline).
            agency_from_rules: AGENCY spans from the rules instead of the tagger
                (``govie.ner.postprocess``); None takes the model's ``model.agency_from_rules``.
        """
        if str(path) == "rules":  # the rules-only baseline by name, as on the command line
            path, entities = None, "rules"
        self.path = Path(path) if path else default_model_dir()
        self.mode = entities
        self.tagger = None
        self.relations = None
        self.metric_spans = None
        if entities == "model":
            from .ner.tagger import EntityTagger

            self.tagger = EntityTagger.load(self.path)
            if agency_from_rules is None:
                agency_from_rules = self.tagger.cfg.agency_from_rules
            if (self.path / "metric_spans.safetensors").is_file():
                from .metric_spans import MetricSpans

                self.metric_spans = MetricSpans.load(self.path, self.tagger.lexicon)
            if (self.path / "relations.safetensors").is_file():
                from .relations import RelationModel

                self.relations = RelationModel.load(self.path)
        self.agency_from_rules = bool(agency_from_rules)

    # -------------------------------------------------------------- steps
    def entities(self, norms: Sequence[Normalized]) -> list[list[Entity]]:
        """Returns the entities of each normalized text, in ORIGINAL coordinates."""
        if self.tagger is None:
            return [find_entities(n) for n in norms]
        # the rules' spans, once: the tagger's input features and the AGENCY spans both use them
        rules = ([find_spans(n.text) for n in norms] if self.tagger.cfg.rule_features or self.agency_from_rules
                 else [None] * len(norms))
        # and the lexicon bits, once: the tagger's input features and the METRIC ranker's word boundaries
        lexicon = self.tagger.lexicon
        lex = [lexicon.features(n.text) for n in norms] if lexicon is not None else [None] * len(norms)
        preds = self.tagger.predict([n.text for n in norms], rule_spans=rules, lex_bits=lex)
        out = []
        for n, spans, rule_spans, lex_bits in zip(norms, preds, rules, lex):
            kept = decode(n.text, spans, self.agency_from_rules, rule_spans)
            if self.metric_spans is not None:
                kept = self.metric_spans.add_metrics(n.text, kept, lex_bits)
            kept = after_ranker(n.text, kept)
            ents = []
            for s, e, label, score, source in kept:
                os_, oe = n.to_original(s, e)
                ents.append(Entity(id=f"T{len(ents) + 1}", start=os_, end=oe, label=label,
                                   text=n.original[os_:oe], score=round(score, 4), source=source))
            out.append(ents)
        return out

    def parse_many(self, texts: Sequence[str]) -> list[Document]:
        for t in texts:
            _check_text(t)
        norms = [normalize(t) for t in texts]
        ents = self.entities(norms)
        from .extract import build_document

        return [build_document(n, e, self) for n, e in zip(norms, ents)]

    def parse(self, text: str) -> Document:
        return self.parse_many([text])[0]


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        import os

        hint = ""
        if isinstance(text, (bytes, bytearray, memoryview)):
            hint = " Decode bytes first (data.decode('utf-8') or 'gb18030'), or use govie.parse_file() for files."
        elif isinstance(text, os.PathLike):
            hint = " To read a report file, use govie.parse_file(path)."
        raise TypeError(f"govie.parse() needs a str, got {type(text).__name__}.{hint}")


_default: Pipeline | None = None
_lock = threading.Lock()


def load(path: str | Path | None = None, **kwargs) -> Pipeline:
    """Returns a Pipeline for the model directory at ``path`` (default: the shipped model)."""
    return Pipeline(path, **kwargs)


def _get_default() -> Pipeline:
    global _default
    with _lock:
        if _default is None:
            _default = Pipeline()
        return _default


def parse(text: str) -> Document:
    """Returns the Document of one report text; all offsets index ``text`` itself.

    Raises:
        TypeError: when ``text`` is not a str.
        ModelLoadError: when the shipped model directory is missing or damaged.
    """
    _check_text(text)
    return _get_default().parse(text)


def pipe(texts: Iterable[str], *, batch_size: int = 8, n_process: int = 1,
         model: str | Path | None = None) -> Iterator[Document]:
    """Yields the Document of each text, in order; same results as ``parse``.

    With ``n_process > 1`` texts are parsed in worker processes, each loading the model once.
    """
    if n_process > 1:
        from .batch import pipe_processes

        yield from pipe_processes(texts, batch_size=batch_size, n_process=n_process, model=model)
        return
    nlp = Pipeline(model) if model else _get_default()
    for batch in batched(texts, batch_size):
        yield from nlp.parse_many(batch)


def batched(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    """Yields lists of ``n`` consecutive items (the last one shorter), lazily.

    >>> list(batched("abcde", 2))
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    batch: list[Any] = []
    for x in items:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch

