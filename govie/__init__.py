"""govie: data from Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

    >>> import govie
    >>> doc = govie.parse(text)          # doctest: +SKIP
    >>> doc.entities, doc.indicators     # doctest: +SKIP

All offsets are code points into the caller's original string. ``import govie``
does not import torch and never touches the network.
"""

from __future__ import annotations

from .errors import GovieError
from .types import Check, Document, Entity, IndicatorValue, Relation, ReportMeta

__version__ = "0.1.0"

__all__ = ["__version__", "Document", "Entity", "Relation", "IndicatorValue", "Check", "ReportMeta",
           "GovieError"]
