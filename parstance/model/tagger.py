"""ClaimTagger: a transformer encoder with two token-classification heads.

* target head: BIO spans of evaluated targets, the tag carrying the stance
  (B-POS/I-POS/B-NEG/I-NEG), so a sentence may hold any number of claims;
* actor head: BIO spans of actor mentions (names, titles) that attribution uses.

Only the top ``train_layers`` encoder layers and the heads are trained and saved;
the frozen rest comes from the backbone, so a model directory stays small.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from ..backbones import load_backbone
from .config import TaggerConfig

try:  # transformers 5 prints a progress bar per load/save and a report of unused weights
    from transformers.utils import logging as _hf_logging

    _hf_logging.set_verbosity_error()
    _hf_logging.disable_progress_bar()
except ImportError:  # pragma: no cover
    pass

WEIGHTS = "model.safetensors"
ACTORS = "actors.json"  # gazetteer of actor names seen in the training labels
CONFIG = "config.json"
FULL_BACKBONE_DIR = "backbone"  # train_layers=-1: the whole fine-tuned encoder lives here


def _encoder_layers(encoder: nn.Module):
    for path in ("encoder.layer", "encoder.layers", "layers"):
        obj = encoder
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                break
        if isinstance(obj, nn.ModuleList):
            return obj
    return None


class ClaimTagger(nn.Module):
    def __init__(self, cfg: TaggerConfig, encoder: nn.Module, tokenizer):
        super().__init__()
        self.cfg = cfg
        self.encoder = encoder
        self.tokenizer = tokenizer
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(cfg.dropout)
        self.target_head = nn.Linear(hidden, len(cfg.target_labels))
        self.actor_head = nn.Linear(hidden, len(cfg.actor_labels))
        self.known_actors: set[str] = set()  # match_key forms, see attribution.known_mentions
        # The holder model (model/holder.py) rides on this model's frozen layers but is trained
        # and saved apart: kept out of this module's parameters and state_dict on purpose.
        object.__setattr__(self, "holder", None)
        self._freeze()

    # -- construction -------------------------------------------------------
    @classmethod
    def from_backbone(cls, cfg: TaggerConfig) -> "ClaimTagger":
        encoder, tokenizer = load_backbone(cfg.backbone)
        return cls(cfg, encoder, tokenizer)

    def _freeze(self) -> None:
        layers = _encoder_layers(self.encoder)
        if self.cfg.train_layers < 0 or layers is None:
            return  # everything trains
        for p in self.encoder.parameters():
            p.requires_grad = False
        for layer in list(layers)[len(layers) - self.cfg.train_layers:]:
            for p in layer.parameters():
                p.requires_grad = True

    def trained_state(self) -> dict[str, torch.Tensor]:
        """What training changed: trainable encoder layers and the heads."""
        names = {n for n, p in self.named_parameters() if p.requires_grad}
        return {k: v.detach().contiguous().clone() for k, v in self.state_dict().items() if k in names}

    # -- the model ------------------------------------------------------------
    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        hidden = self.dropout(hidden)
        return self.target_head(hidden), self.actor_head(hidden)

    # -- frozen-layer cache ------------------------------------------------------
    # With only the top k layers trained, the frozen lower layers give the same
    # output every epoch: compute it once (no dropout) and train on it, which makes
    # an epoch on CPU several times faster.
    def can_cache(self) -> bool:
        layers = _encoder_layers(self.encoder)
        return self.cfg.train_layers > 0 and layers is not None and len(layers) > self.cfg.train_layers

    @torch.no_grad()
    def frozen_features(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The hidden states after the frozen lower layers (embeddings, then each layer with the
        same additive mask as ``forward_features``: together they equal the full forward)."""
        layers = _encoder_layers(self.encoder)
        n_frozen = len(layers) - self.cfg.train_layers
        was_training = self.encoder.training
        self.encoder.eval()
        hidden = self.encoder.embeddings(input_ids=input_ids)
        ext = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        for layer in list(layers)[:n_frozen]:
            out = layer(hidden, ext)
            hidden = out[0] if isinstance(out, tuple) else out
        self.encoder.train(was_training)
        return hidden

    def forward_features(self, hidden: torch.Tensor, attention_mask: torch.Tensor):
        layers = _encoder_layers(self.encoder)
        # Additive mask [batch, 1, 1, length]: what BERT's eager and SDPA attention accept.
        ext = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        for layer in list(layers)[len(layers) - self.cfg.train_layers:]:
            out = layer(hidden, ext)
            hidden = out[0] if isinstance(out, tuple) else out
        hidden = self.dropout(hidden)
        return self.target_head(hidden), self.actor_head(hidden)

    def forward_loss(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        if "features" in batch:
            t_logits, a_logits = self.forward_features(batch["features"], batch["attention_mask"])
        else:
            t_logits, a_logits = self(batch["input_ids"], batch["attention_mask"])
        ce = nn.functional.cross_entropy
        # Span tokens are rare next to "O"; up-weighting them keeps the tagger from
        # settling on "no claim anywhere" during the first epochs.
        tw = torch.ones(t_logits.shape[-1], device=t_logits.device)
        tw[1:] = self.cfg.span_weight
        aw = torch.ones(a_logits.shape[-1], device=a_logits.device)
        aw[1:] = self.cfg.span_weight
        t_loss = ce(t_logits.flatten(0, 1), batch["target_labels"].flatten(), weight=tw, ignore_index=-100)
        a_loss = ce(a_logits.flatten(0, 1), batch["actor_labels"].flatten(), weight=aw, ignore_index=-100)
        return t_loss + 0.5 * a_loss

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device

    # -- persistence ------------------------------------------------------------
    def save(self, out_dir: str | Path, extra: dict | None = None) -> None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        cfg = self.cfg
        if cfg.train_layers < 0:
            # A fully fine-tuned encoder is saved whole (tiny test models, small backbones).
            self.encoder.save_pretrained(out / FULL_BACKBONE_DIR, safe_serialization=True)
            self.tokenizer.save_pretrained(out / FULL_BACKBONE_DIR)
            state = {k: v for k, v in self.trained_state().items() if not k.startswith("encoder.")}
        else:
            state = self.trained_state()
        # Half precision halves the model directory; weights are widened back to
        # float32 on load, so a saved model always predicts the same after reloading.
        dtype = torch.float16 if cfg.save_dtype == "float16" else torch.float32
        save_file({k: v.cpu().to(dtype) for k, v in state.items()}, str(out / WEIGHTS))
        cfg.save(out / CONFIG)
        (out / ACTORS).write_text(json.dumps(sorted(self.known_actors), ensure_ascii=False, indent=0), encoding="utf-8")
        if extra:
            (out / "training.json").write_text(json.dumps(extra, ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, model_dir: str | Path, device: str | None = None) -> "ClaimTagger":
        model_dir = Path(model_dir)
        if not (model_dir / CONFIG).is_file() or not (model_dir / WEIGHTS).is_file():
            raise FileNotFoundError(f"{model_dir}: not a parstance model directory (needs {CONFIG} and {WEIGHTS})")
        cfg = TaggerConfig.load(model_dir / CONFIG)
        backbone = str(model_dir / FULL_BACKBONE_DIR) if cfg.train_layers < 0 else cfg.backbone
        encoder, tokenizer = load_backbone(backbone)
        model = cls(cfg, encoder, tokenizer)
        state = {k: v.float() for k, v in load_file(str(model_dir / WEIGHTS)).items()}
        missing = set(state) - set(model.state_dict())
        if missing:
            raise ValueError(f"{model_dir / WEIGHTS}: weights for unknown parameters {sorted(missing)[:3]}")
        model.load_state_dict(state, strict=False)
        if (model_dir / ACTORS).is_file():
            model.known_actors = set(json.loads((model_dir / ACTORS).read_text(encoding="utf-8")))
        model.eval()
        if device:
            model.to(device)
        from .holder import HolderTagger
        object.__setattr__(model, "holder", HolderTagger.load(model_dir, model))
        return model
