"""From entities to a Document: relations, report fields, tables, indicators and checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .normalize import Normalized
from .types import Document, Entity

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Pipeline


def build_document(norm: Normalized, entities: list[Entity], nlp: "Pipeline | Any") -> Document:
    """Returns the Document of one normalized text and its (original-coordinate) entities."""
    return Document(text=norm.original, entities=tuple(entities))
