"""The character-level entity tagger (torch and transformers are imported lazily, inside)."""

from .features import CharVocab, Lexicon, bio_tags, spans_from_tags, tag_names

__all__ = ["CharVocab", "Lexicon", "bio_tags", "spans_from_tags", "tag_names"]
