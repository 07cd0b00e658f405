"""The indicator schema of ../shared/spec/INDICATORS.md as a versioned data file.

``indicators.json`` (shipped in the package and copied into every model
directory) lists every key with its unit, eras, group and the table labels and
narrative phrases that name it. Table-3 keys carry the applicant dimension and
are used in the flat form ``{key}__{applicant}`` (``app_new_received__total``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .numbers import Quantity, parse_quantity, to_unit

__all__ = ["Indicator", "Schema", "load_schema", "SCHEMA_PATH", "parse_quantity", "Quantity", "to_unit"]

SCHEMA_PATH = Path(__file__).with_name("indicators.json")


@dataclass(frozen=True, slots=True)
class Indicator:
    """One schema entry (before expansion over the applicant dimension)."""

    key: str
    zh: str
    unit: str
    eras: tuple[str, ...]
    group: str
    aliases: tuple[str, ...] = ()
    row: tuple[str, ...] = ()
    col: tuple[str, ...] = ()
    narrative: tuple[str, ...] = ()
    legacy: tuple[str, ...] = ()
    dims: str | None = None
    parent: str | None = None
    positional: bool = False
    signed: bool = False
    proceeding: str | None = None
    outcome: str | None = None
    formula: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_FIELDS = {"key", "zh", "unit", "eras", "group", "aliases", "row", "col", "narrative", "legacy", "dims",
           "parent", "positional", "signed", "proceeding", "outcome", "formula"}


class Schema:
    """The loaded schema: look up keys, units and table labels.

    >>> s = load_schema()
    >>> s.unit("app_new_received__total"), s.unit("t2_admin_fee_amount")
    ('件', '万元')
    >>> s.is_key("app_res_granted__natural_person"), s.is_key("app_res_granted__nobody")
    (True, False)
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.version: int = int(data["version"])
        self.data = data
        self.applicants: tuple[str, ...] = tuple(a["key"] for a in data["applicants"])
        self.applicant_zh: dict[str, str] = {a["key"]: a["zh"] for a in data["applicants"]}
        self.indicators: dict[str, Indicator] = {}
        for d in data["indicators"]:
            kw = {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in _FIELDS}
            extra = {k: v for k, v in d.items() if k not in _FIELDS}
            self.indicators[d["key"]] = Indicator(**kw, extra=extra)
        self._flat: dict[str, tuple[Indicator, str | None]] = {}
        for ind in self.indicators.values():
            if ind.dims == "applicant":
                for a in self.applicants:
                    self._flat[f"{ind.key}__{a}"] = (ind, a)
            else:
                self._flat[ind.key] = (ind, None)

    @property
    def keys(self) -> list[str]:
        """Returns every valid flat key."""
        return list(self._flat)

    def is_key(self, key: str) -> bool:
        return key in self._flat

    def lookup(self, key: str) -> tuple[Indicator, str | None]:
        """Returns (indicator, applicant or None) for a flat key; KeyError if unknown."""
        return self._flat[key]

    def unit(self, key: str) -> str:
        return self._flat[key][0].unit

    def kind(self, key: str) -> str:
        """Returns ``count``, ``money`` or ``percent`` for a flat key."""
        return self.data["units"].get(self.unit(key), "count")

    def by_group(self, group: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.group == group]

    def children(self, parent: str) -> tuple[str, ...]:
        """Returns, in table order, the Table-3 row keys under a group (denied, unable, np, other).

        >>> load_schema().children("unable")
        ('app_res_unable_not_held', 'app_res_unable_needs_creation', 'app_res_unable_unclear')
        """
        return tuple(i.key for i in self.indicators.values() if i.parent == parent)


@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> Schema:
    """Returns the schema shipped with govie (or the one at ``path``)."""
    p = Path(path) if path else SCHEMA_PATH
    return Schema(json.loads(p.read_text(encoding="utf-8")))
