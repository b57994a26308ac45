"""One configuration dataclass for training and inference, saved beside the model."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

# Token labels.  A target span carries the claim's stance in its tag, so one
# sentence can hold several claims (several spans) or none (all "O").
TARGET_LABELS = ("O", "B-POS", "I-POS", "B-NEG", "I-NEG")
# Actor mentions (names, titles, pronouns found in the sentence) for attribution.
ACTOR_LABELS = ("O", "B-ACT", "I-ACT")


@dataclass
class TaggerConfig:
    backbone: str = field(default="e5-small", metadata={"help": "e5-small (offline), parsbert, or a model id / local directory"})
    max_length: int = field(default=128, metadata={"help": "tokens per window; longer sentences are read in overlapping windows"})
    stride: int = field(default=32, metadata={"help": "tokens shared by consecutive windows of one long sentence"})
    train_layers: int = field(default=4, metadata={"help": "top encoder layers to fine-tune (-1 = all, embeddings included)"})
    epochs: int = field(default=6, metadata={"help": "maximum training epochs"})
    batch_size: int = field(default=16, metadata={"help": "windows per optimisation step"})
    lr: float = field(default=2e-4, metadata={"help": "peak learning rate of the encoder layers (heads use 5x)"})
    warmup: float = field(default=0.1, metadata={"help": "fraction of steps with linear warm-up"})
    weight_decay: float = field(default=0.01, metadata={"help": "AdamW weight decay"})
    dropout: float = field(default=0.1, metadata={"help": "dropout before the heads"})
    patience: int = field(default=2, metadata={"help": "epochs without dev improvement before stopping"})
    seed: int = field(default=13, metadata={"help": "random seed (training order, init, dropout)"})
    threshold: float = field(default=0.5, metadata={"help": "minimum claim confidence written by predict"})
    span_weight: float = field(default=3.0, metadata={"help": "loss weight of span tags (B-/I-) relative to O"})
    negative_ratio: float = field(default=0.5, metadata={"help": "claimless sentences kept per claim sentence during training"})
    holder_layers: int = field(default=0, metadata={"help": "encoder layers of the experimental holder model (model/holder.py) above the frozen ones; 0 = none (README: it did not help on dev or test)"})
    holder_epochs: int = field(default=3, metadata={"help": "maximum training epochs of the holder model"})
    holder_threshold: float = field(default=0.8, metadata={"help": "minimum holder-span confidence that may overrule the attribution rules"})
    save_dtype: str = field(default="float16", metadata={"help": "dtype of saved weights (float16 halves models/ size; float32)"})
    target_labels: tuple[str, ...] = TARGET_LABELS
    actor_labels: tuple[str, ...] = ACTOR_LABELS

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "TaggerConfig":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = {f.name for f in fields(cls)}
        cfg = cls(**{k: v for k, v in data.items() if k in known})
        cfg.target_labels = tuple(cfg.target_labels)
        cfg.actor_labels = tuple(cfg.actor_labels)
        return cfg
