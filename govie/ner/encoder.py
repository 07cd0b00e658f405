"""The tagger's network at inference time, in plain torch.

The same computation and the same state-dict keys as transformers' ``BertForTokenClassification``
(post-LayerNorm BERT, exact GELU, absolute positions, token types), which ``training/train.py``
trains. Loading a model with this module instead of transformers saves the 2-4 s that
importing transformers costs, which is most of a cold ``govie.parse``. The two agree to float
precision: ``tests/test_models.py`` compares their logits on the same weights.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["CharTagger", "hf_config"]


def hf_config(cfg: Any, vocab_size: int, type_vocab_size: int, num_labels: int) -> dict[str, Any]:
    """Returns the BertConfig keyword arguments of a tagger (``cfg``: a ``ModelConfig``).

    One definition for both networks: training builds ``BertConfig(**hf_config(...))``, inference
    builds ``CharTagger(**hf_config(...))``.
    """
    return dict(vocab_size=vocab_size, hidden_size=cfg.hidden, num_hidden_layers=cfg.layers,
                num_attention_heads=cfg.heads, intermediate_size=cfg.intermediate,
                max_position_embeddings=cfg.window + 2, type_vocab_size=type_vocab_size,
                hidden_dropout_prob=cfg.dropout, attention_probs_dropout_prob=cfg.dropout,
                num_labels=num_labels, pad_token_id=0)


class _Module(nn.Module):
    """A bare container, so attribute paths spell the transformers key names."""


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.attention = _Module()
        self.attention.self = _Module()
        for name in ("query", "key", "value"):
            setattr(self.attention.self, name, nn.Linear(hidden, hidden))
        self.attention.output = _Module()
        self.attention.output.dense = nn.Linear(hidden, hidden)
        self.attention.output.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = _Module()
        self.intermediate.dense = nn.Linear(hidden, intermediate)
        self.output = _Module()
        self.output.dense = nn.Linear(intermediate, hidden)
        self.output.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape
        sa = self.attention.self

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(B, T, self.heads, H // self.heads).transpose(1, 2)

        ctx = F.scaled_dot_product_attention(split(sa.query(x)), split(sa.key(x)), split(sa.value(x)),
                                             attn_mask=bias)
        ctx = ctx.transpose(1, 2).reshape(B, T, H)
        ao = self.attention.output
        x = ao.LayerNorm(ao.dense(ctx) + x)
        h = F.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(self.output.dense(h) + x)


class CharTagger(nn.Module):
    """BERT token classifier for inference: ``forward(...)`` returns logits (B, T, labels)."""

    def __init__(self, *, vocab_size: int, hidden_size: int, num_hidden_layers: int, num_attention_heads: int,
                 intermediate_size: int, max_position_embeddings: int, type_vocab_size: int, num_labels: int,
                 layer_norm_eps: float = 1e-12, **_: Any) -> None:
        super().__init__()
        self.bert = _Module()
        emb = self.bert.embeddings = _Module()
        emb.word_embeddings = nn.Embedding(vocab_size, hidden_size, padding_idx=0)
        emb.position_embeddings = nn.Embedding(max_position_embeddings, hidden_size)
        emb.token_type_embeddings = nn.Embedding(type_vocab_size, hidden_size)
        emb.LayerNorm = nn.LayerNorm(hidden_size, eps=layer_norm_eps)
        self.bert.encoder = _Module()
        self.bert.encoder.layer = nn.ModuleList(
            _Layer(hidden_size, num_attention_heads, intermediate_size, layer_norm_eps)
            for _ in range(num_hidden_layers))
        self.classifier = nn.Linear(hidden_size, num_labels)
        self.max_positions = max_position_embeddings

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor,
                attention_mask: torch.Tensor, **_: Any) -> torch.Tensor:
        T = input_ids.shape[1]
        if T > self.max_positions:
            raise ValueError(f"window of {T} positions exceeds the model's {self.max_positions}")
        emb = self.bert.embeddings
        pos = torch.arange(T, device=input_ids.device)
        x = emb.word_embeddings(input_ids) + emb.position_embeddings(pos)[None] + \
            emb.token_type_embeddings(token_type_ids)
        x = emb.LayerNorm(x)
        # padded keys get the most negative float, as transformers does; queries at padding are ignored
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.bert.encoder.layer:
            x = layer(x, bias)
        return self.classifier(x)
