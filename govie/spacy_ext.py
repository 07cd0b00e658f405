"""spaCy interop: a govie Document as a ``spacy.tokens.Doc``, and a ``"govie"`` pipeline component.

spaCy's Chinese tokenizer with the ``char`` segmenter (its default, needing no model
download) makes every character a token, so every govie span, being a pair of
code-point offsets, is a token span and ``doc.ents`` carries the entities exactly. With
any other tokenizer a span that falls inside a token is an error (E123), never snapped.

    >>> import spacy, govie.spacy_ext                         # doctest: +SKIP
    >>> nlp = spacy.blank("zh")                               # doctest: +SKIP
    >>> nlp.add_pipe("govie", config={"entities": "rules"})   # doctest: +SKIP
    >>> doc = nlp(text); doc.ents, doc._.govie_indicators     # doctest: +SKIP

This module imports spaCy (and, through thinc, torch when installed); ``import govie``
never imports it. Importing it registers the ``govie`` factory and the ``Doc._``
extensions ``govie_relations``, ``govie_indicators``, ``govie_checks`` and ``govie_meta``,
all JSON-ready (lists and dicts), so ``Doc.to_bytes`` and ``DocBin`` keep them.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from .errors import AnnotationError
from .types import Document

__all__ = ["to_spacy", "blank_zh", "register_extensions", "GovieComponent", "EXTENSIONS"]

EXTENSIONS = ("govie_relations", "govie_indicators", "govie_checks", "govie_meta")

_blank: Language | None = None


def register_extensions() -> None:
    """Registers the ``Doc._.govie_*`` extensions unless they already exist (safe to call again)."""
    for name in EXTENSIONS:
        if not SpacyDoc.has_extension(name):
            # default None, not [] / {}: a mutable default would be shared by every Doc
            SpacyDoc.set_extension(name, default=None)


def blank_zh() -> Language:
    """Returns a cached ``spacy.blank("zh")`` with the character segmenter (offline, no model files).

    Raises:
        AnnotationError: E123 when spaCy's Chinese default segmenter is not ``char``.
    """
    global _blank
    if _blank is None:
        nlp = spacy.blank("zh")
        seg = getattr(nlp.tokenizer, "segmenter", None)
        if seg != "char":
            raise AnnotationError("E123", f"spacy.blank('zh') uses the {seg!r} segmenter; govie needs 'char' "
                                          "(one token per character). Pass nlp=spacy.blank('zh', config="
                                          "{'nlp': {'tokenizer': {'segmenter': 'char'}}}).")
        _blank = nlp
    return _blank


def _fill(sdoc: SpacyDoc, doc: Document) -> SpacyDoc:
    if sdoc.text != doc.text:
        raise AnnotationError("E123", f"the spaCy tokenizer changed the text ({len(doc.text)} -> {len(sdoc.text)} "
                                      "characters); spans cannot be carried over. Use spacy.blank('zh').")
    spans = []
    for e in doc.entities:
        span = sdoc.char_span(e.start, e.end, label=e.label, span_id=e.id, alignment_mode="strict")
        if span is None:
            toks = [t.text for t in sdoc if t.idx < e.end and t.idx + len(t.text) > e.start]
            raise AnnotationError("E123", f"entity {e.id} {e.text!r} [{e.start}, {e.end}) does not align with the "
                                          f"tokens {toks!r}. govie spans are characters; tokenize with "
                                          "spacy.blank('zh') (segmenter 'char') rather than snapping the span.")
        spans.append(span)
    try:
        sdoc.ents = spans
    except ValueError as exc:  # spaCy refuses overlapping entities
        raise AnnotationError("E106", f"entities overlap and cannot all be doc.ents: {exc}") from None
    register_extensions()
    sdoc._.govie_relations = [r.to_dict() for r in doc.relations]
    sdoc._.govie_indicators = {k: v.to_dict() for k, v in doc.indicators.items()}
    sdoc._.govie_checks = [c.to_dict() for c in doc.checks]
    sdoc._.govie_meta = doc.meta.to_dict()
    return sdoc


def to_spacy(doc: Document, nlp: Language | None = None) -> SpacyDoc:
    """Returns a spaCy Doc of ``doc.text`` whose ``ents`` are the govie entities, at the same character offsets.

    Each span's ``label_`` is the govie label and its ``id_`` the govie entity id, which
    ``Doc._.govie_relations`` (head / tail) refer to. Indicators, checks and report
    fields are in ``Doc._.govie_indicators``, ``Doc._.govie_checks`` and ``Doc._.govie_meta``.

    Args:
        doc: a govie Document.
        nlp: the spaCy pipeline whose tokenizer to use (default: ``spacy.blank("zh")``).

    Raises:
        AnnotationError: E123 when a span does not align with the tokens (never snapped),
            E106 when entities overlap.
    """
    nlp = nlp if nlp is not None else blank_zh()
    return _fill(nlp.make_doc(doc.text), doc)


class GovieComponent:
    """The ``govie`` pipeline component: parses ``doc.text`` and sets ents and the ``govie_*`` extensions."""

    def __init__(self, nlp: Language, name: str = "govie", model: str | None = None,
                 entities: str = "model") -> None:
        from .pipeline import Pipeline

        self.name = name
        self.pipeline = Pipeline(model, entities=entities)
        register_extensions()

    def __call__(self, sdoc: SpacyDoc) -> SpacyDoc:
        return _fill(sdoc, self.pipeline.parse(sdoc.text))

    def pipe(self, stream: Any, *, batch_size: int = 8) -> Any:
        from .pipeline import batched

        for batch in batched(stream, batch_size):
            yield from self._run(batch)

    def _run(self, batch: list[SpacyDoc]) -> list[SpacyDoc]:
        return [_fill(s, d) for s, d in zip(batch, self.pipeline.parse_many([s.text for s in batch]))]


@Language.factory("govie", default_config={"model": None, "entities": "model"})
def make_govie(nlp: Language, name: str, model: str | None, entities: str) -> GovieComponent:
    """Returns the govie component (``model``: a model directory or None for the shipped one;
    ``entities``: ``model`` or ``rules``)."""
    return GovieComponent(nlp, name, model=model, entities=entities)


register_extensions()
