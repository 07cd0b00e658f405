"""The character-level entity tagger (torch is imported lazily, inside; transformers only to train)."""

from .features import CharVocab, Lexicon, bio_tags, spans_from_tags, tag_names

__all__ = ["CharVocab", "Lexicon", "bio_tags", "spans_from_tags", "tag_names"]
