"""The label inventory (entity labels, relation labels and their allowed pairs) as data.

Loaded from ``govie/data/labels.json``, which is copied into every model directory.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

LABELS_PATH = Path(__file__).parent / "data" / "labels.json"


@lru_cache(maxsize=1)
def inventory() -> dict[str, Any]:
    """Returns the parsed labels.json."""
    return json.loads(LABELS_PATH.read_text(encoding="utf-8"))


# the labels of a number: the heads of value_of (COUNT, MONEY, PERCENT)
NUMBERS: tuple[str, ...] = tuple(inventory()["relation_labels"]["value_of"]["head"])


def entity_labels() -> list[str]:
    return list(inventory()["entity_labels"])


def relation_labels() -> dict[str, dict[str, list[str]]]:
    return dict(inventory()["relation_labels"])


def relation_allowed(label: str, head_label: str, tail_label: str) -> bool:
    """Returns whether ``label`` may link an entity of ``head_label`` to one of ``tail_label``."""
    spec = inventory()["relation_labels"].get(label)
    return bool(spec) and head_label in spec["head"] and tail_label in spec["tail"]


def relation_for(head_label: str, tail_label: str) -> str | None:
    """Returns the only relation label allowed between these entity labels, if any."""
    for name, spec in inventory()["relation_labels"].items():
        if head_label in spec["head"] and tail_label in spec["tail"]:
            return name
    return None


def format_to_era(fmt: str | None) -> str | None:
    return inventory()["formats"].get(fmt) if fmt else None
