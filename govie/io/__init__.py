"""Annotation records (JSONL, inline and stand-off), validation, markup and tool converters."""

from .convert import from_doccano, from_label_studio, read_export, to_doccano, to_label_studio
from .markup import from_markup, to_markup
from .records import (document_to_record, find_corpus_root, load_corpus, read_jsonl, record_to_document,
                      resolve_text, sha256_text, write_jsonl)
from .validate import validate_paths, validate_record

__all__ = ["from_doccano", "from_label_studio", "read_export", "to_doccano", "to_label_studio", "from_markup",
           "to_markup", "document_to_record", "find_corpus_root", "load_corpus", "read_jsonl",
           "record_to_document", "resolve_text", "sha256_text", "write_jsonl", "validate_paths",
           "validate_record"]
