"""govie: data from Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

    >>> import govie
    >>> doc = govie.parse(text)                  # doctest: +SKIP
    >>> doc.entities, doc.relations, doc.indicators, doc.meta, doc.checks   # doctest: +SKIP

All offsets are code points into the caller's original string. ``import govie`` does not
import torch and never touches the network; the shipped model loads lazily on first use.
"""

from __future__ import annotations

from .errors import GovieError
from .types import Check, Document, Entity, IndicatorValue, Relation, ReportMeta

__version__ = "0.1.0"

__all__ = ["__version__", "parse", "pipe", "load", "parse_file", "to_dataframe", "Document", "Entity",
           "Relation", "IndicatorValue", "Check", "ReportMeta", "GovieError"]


def parse(text: str) -> Document:
    """Returns the Document of one report text (see ``govie.pipeline.parse``)."""
    from .pipeline import parse as _parse

    return _parse(text)


def pipe(texts, *, batch_size: int = 8, n_process: int = 1, model=None):
    """Yields the Document of each text in order; the same results as ``parse``."""
    from .pipeline import pipe as _pipe

    return _pipe(texts, batch_size=batch_size, n_process=n_process, model=model)


def load(path=None, **kwargs):
    """Returns a Pipeline for a model directory (default: the shipped model)."""
    from .pipeline import load as _load

    return _load(path, **kwargs)


def parse_file(path) -> Document:
    """Returns the Document of a report file (.txt, .html, .htm, .pdf, .docx; see ``govie.readers``).

    Offsets index the extracted text, which is ``doc.text``. Raises ``InputError`` (E302-E305)
    when the file cannot be read.
    """
    from .readers import read_document

    return parse(read_document(path))


def to_dataframe(docs):
    """Returns a pandas DataFrame, one row per Document: report fields, failed checks, one column per indicator."""
    from .batch import to_dataframe as _to_dataframe

    return _to_dataframe(docs)
