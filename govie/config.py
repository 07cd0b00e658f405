"""Plain TOML configs read into typed dataclasses, with dotted command-line overrides.

    cfg = load_config("configs/ner.toml", ["--train.max_steps=100", "--model.layers=2"])

A resolved config (``to_dict``) is saved in every model directory; it is the only
input used to rebuild the model.
"""

from __future__ import annotations

import ast
import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ModelConfig", "DataConfig", "TrainConfig", "RelConfig", "Config", "load_config", "apply_overrides"]


@dataclass
class ModelConfig:
    """The character transformer (a BERT token classifier built from a fresh config)."""

    layers: int = 3
    hidden: int = 192
    heads: int = 4
    intermediate: int = 576
    window: int = 256          # characters per window, [CLS]/[SEP] excluded
    overlap: int = 64          # characters shared by neighbouring windows at inference
    dropout: float = 0.1
    lexicon: bool = True       # word-boundary features from the spacy-pkuseg dictionary
    rule_features: bool = False  # the rule baseline's BIO tags as an input feature
    adjacency_prior: bool = True  # decode with the gold spans' odds of two touching same-label spans
    agency_from_rules: bool = False  # AGENCY spans from the rules' gazetteer, not the tagger (govie.ner.postprocess)
    min_char_freq: int = 1


@dataclass
class DataConfig:
    annotations: str = "annotations/corpus"
    splits: str = "annotations/splits"
    train_split: str = "train"
    dev_split: str = "dev"
    corpus_root: str = ""
    use_gold: bool = True
    gold_repeat: int = 4       # real train documents are seen this many times per synthetic pass
    synth_n: int = 2000
    synth_seed: int = 0
    synth_options: dict[str, Any] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)  # JSONL files of more records (e.g. corrected Label Studio imports)


@dataclass
class TrainConfig:
    max_steps: int = 4000
    batch_size: int = 16
    lr: float = 5e-4
    warmup: int = 200
    weight_decay: float = 0.01
    seed: int = 0
    threads: int = 2
    eval_every: int = 1000
    output: str = "models/govie"
    max_minutes: float = 25.0
    bf16: bool = False         # bfloat16 autocast for the forward pass (CPUs with avx512_bf16/AMX: ~1.3x steps)


@dataclass
class RelConfig:
    hidden: int = 128
    epochs: int = 30
    lr: float = 2e-3
    max_distance: int = 120   # characters between candidate pair ends
    synth_n: int = 500        # generated documents (the first ones of data.synth_n) it trains on beside the gold
    negatives_per_doc: int = 0  # 0 = all candidates


@dataclass
class MetricSpanConfig:
    """The METRIC ranker (govie.metric_spans): trained after the tagger on the same gold documents."""
    epochs: int = 12          # 0 = no ranker (METRICs from the tagger alone)
    hidden: int = 64
    lr: float = 3e-3
    gold_repeat: int = 4      # each gold document counts this many times against a generated one
    extra_repeat: int = 0     # each data.extra record (the written reports) counts this many times; 0: gold_repeat
    synth_n: int = 200        # generated documents (the first ones of data.synth_n), 0 = gold only
    threshold: float = 0.5    # the likeliest phrase is kept when its probability is at least this (>= 0.5: it beats "none")
    zeros: bool = True        # also choose the METRIC a negation denies (未收到…申请): zero statements
    members: int = 1          # rankers trained side by side (bootstrap samples); their probabilities are averaged
    none_weight: float = 1.0  # the loss weight of anchors whose target is "none" (below 1: choose a phrase more often)
    known: bool = False       # features of phrases that are METRICs of the training documents (or schema labels)
    max_len: int = 30         # characters of a candidate phrase (govie.metric_spans.MAX_LEN; saved with the ranker)


@dataclass
class Config:
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=DataConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    relations: RelConfig = field(default_factory=RelConfig)
    metric_spans: MetricSpanConfig = field(default_factory=MetricSpanConfig)
    name: str = "govie"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Config":
        cfg = cls()
        for section, values in d.items():
            if section == "name":
                cfg.name = str(values)
                continue
            if not hasattr(cfg, section) or not isinstance(values, dict):
                raise ConfigError("E204", f"unknown config section [{section}]; sections are model, data, "
                                          "train, relations, metric_spans.")
            target = getattr(cfg, section)
            for k, v in values.items():
                _set(target, section, k, v)
        return cfg


def _set(obj: Any, section: str, key: str, value: Any) -> None:
    fields = {f.name: f for f in dataclasses.fields(obj)}
    if key not in fields:
        raise ConfigError("E204", f"unknown option {section}.{key}; options are {sorted(fields)}.")
    current = getattr(obj, key)
    if isinstance(current, bool) and not isinstance(value, bool):
        raise ConfigError("E204", f"{section}.{key} must be true or false, got {value!r}.")
    if isinstance(current, (int, float)) and not isinstance(current, bool):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError("E204", f"{section}.{key} must be a number, got {value!r}.")
        value = type(current)(value) if not (isinstance(current, int) and isinstance(value, float)) else value
    setattr(obj, key, value)


def apply_overrides(cfg: Config, overrides: list[str]) -> Config:
    """Applies ``--section.key=value`` overrides (values parsed as Python/TOML literals)."""
    for o in overrides:
        if not o.startswith("--") or "=" not in o or "." not in o.split("=", 1)[0]:
            raise ConfigError("E204", f"override {o!r} must look like --section.key=value.")
        path, raw = o[2:].split("=", 1)
        section, key = path.split(".", 1)
        try:
            value = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            value = {"true": True, "false": False}.get(raw, raw)
        if not hasattr(cfg, section):
            raise ConfigError("E204", f"unknown config section {section!r} in {o!r}.")
        _set(getattr(cfg, section), section, key, value)
    return cfg


def load_config(path: str | Path, overrides: list[str] | None = None) -> Config:
    """Returns the Config of a TOML file with overrides applied.

    Raises:
        ConfigError: E204 when the file is missing, not TOML, or names unknown options.
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError("E204", f"cannot read config {p}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("E204", f"config {p} is not valid TOML: {exc}") from None
    cfg = apply_overrides(Config.from_dict(data), overrides or [])
    m = cfg.model
    if not (0 <= m.overlap < m.window) or m.hidden % m.heads:
        raise ConfigError("E204", f"config {p}: model.overlap must satisfy 0 <= overlap < window (got overlap "
                                  f"{m.overlap}, window {m.window}) and model.hidden must be a multiple of "
                                  f"model.heads (got {m.hidden}, {m.heads}).")
    if not 2 <= cfg.metric_spans.max_len <= 60:  # govie.metric_spans.MAX_LEN_LIMIT
        raise ConfigError("E204", f"config {p}: metric_spans.max_len must be 2..60 characters, got "
                                  f"{cfg.metric_spans.max_len}.")
    return cfg
