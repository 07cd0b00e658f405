"""Coded, actionable errors.

Every error govie raises on bad input carries a stable code (``E1xx`` for
annotation records, ``E2xx`` for models and configs, ``E3xx`` for input
documents) and a message that names the offending value and how to fix it.
The codes are part of the public contract: tests and users match on them.
"""

from __future__ import annotations

from dataclasses import dataclass


class GovieError(Exception):
    """Base class of every error govie raises on purpose.

    Attributes:
        code: a stable error code such as ``"E103"``.
        message: a human-readable explanation with the fix.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code} {message}")


class AnnotationError(GovieError, ValueError):
    """An annotation record or file breaks a rule of annotations/GUIDELINES.md."""


class ModelLoadError(GovieError, OSError):
    """A model directory is missing a file, has the wrong format version or unsafe files."""


class ConfigError(GovieError, ValueError):
    """A config file or a command-line override is invalid."""


class InputError(GovieError, ValueError):
    """An input document cannot be read (undecodable bytes, broken or encrypted PDF...)."""


class OutputError(GovieError, OSError):
    """An output file cannot be written (its path is a directory, not writable...)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One coded finding of the validator: where it is and what is wrong.

    ``line`` is 1-based within ``file``; ``item`` names the entity, relation or
    indicator id when the problem concerns one.
    """

    code: str
    message: str
    file: str = ""
    line: int = 0
    item: str = ""

    def __str__(self) -> str:
        where = self.file or "<record>"
        if self.line:
            where += f":{self.line}"
        item = f" {self.item}:" if self.item else ""
        return f"{where}: {self.code}{item} {self.message}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "file": self.file,
                "line": self.line, "item": self.item}


# The catalogue of codes, kept in one place so docs and tests can enumerate them.
CODES: dict[str, str] = {
    "E101": "line is not valid JSON",
    "E102": "record is missing a required field or a field has the wrong type",
    "E103": "entity text does not match the document text at its offsets",
    "E104": "entity offsets are out of range or empty",
    "E105": "unknown entity label",
    "E106": "entities overlap",
    "E107": "entity span starts or ends with whitespace or punctuation",
    "E108": "duplicate entity or relation id",
    "E109": "relation refers to an entity id that does not exist",
    "E110": "unknown relation label",
    "E111": "relation label does not allow these entity labels",
    "E112": "sha256 of the document text does not match the record",
    "E113": "stand-off document not found under the corpus root",
    "E114": "unknown indicator key",
    "E115": "bad report field (format, year, published)",
    "E116": "record must have exactly one of 'text' (inline) or 'doc' + 'sha256' (stand-off)",
    "E117": "duplicate relation",
    "E118": "bad indicator value (status, qualifier, value or span)",
    "E119": "file cannot be read",
    "E120": "duplicate document id",
    "E121": "bad inline markup",
    "E122": "bad Label Studio or doccano export",
    "E123": "span does not align with the spaCy tokenization",
    "E124": "bad second-annotation record (training.agreement)",
    "E201": "model directory or required file is missing",
    "E202": "model format version is not supported",
    "E203": "unsafe or unexpected file in a model directory (pickle / torch.save)",
    "E204": "config file is invalid",
    "E205": "model files are inconsistent",
    "E301": "input is not text",
    "E302": "input bytes cannot be decoded",
    "E303": "PDF cannot be read (truncated, encrypted or not a PDF)",
    "E304": "unsupported input file type",
    "E305": "input file cannot be read",
    "E306": "output file cannot be written",
}
