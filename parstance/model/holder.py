"""HolderTagger: given a claim's target, which words of its sentence name who holds it?

The reporting rules (``parstance/attribution``) find one speaker per clause; a sentence
often holds other holders too: "وی ... اظهار داشت: علیرغم ادعاهای اسرائیل مبنی بر ...",
"ترکمن‌ها و عرب‌ها با این خواسته کردها مخالفند", "بنیانگذار انقلاب اسلامی فرمودند ...".
This small model reads the sentence with the target marked and tags the holder's mention
(a name, a title, a description; nothing when the holder is not in the sentence, e.g. a
continuation), so attribution can overrule the rules where the sentence says otherwise.

It sits on the ClaimTagger's frozen lower layers (the same features, computed once per
sentence): a learned "this token is the target" vector is added to them, then ``k`` encoder
layers (initialised from the tagger's next layers) and a BIO head.  It is saved beside the
tagger as ``holder.safetensors``; a model directory without it simply has no holder model.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn

HOLDER_LABELS = ("O", "B-HOLD", "I-HOLD")
HOLDER_WEIGHTS = "holder.safetensors"


class HolderTagger(nn.Module):
    def __init__(self, layers: nn.ModuleList, hidden: int, dropout: float = 0.1):
        super().__init__()
        self.layers = layers
        self.target_embed = nn.Embedding(2, hidden)
        nn.init.normal_(self.target_embed.weight, std=0.02)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, len(HOLDER_LABELS))

    @classmethod
    def on(cls, tagger) -> "HolderTagger":
        """A new holder model on top of ``tagger``'s frozen layers: its layers start as copies
        of the tagger's first trained layers (they already read claims and actor mentions)."""
        from .tagger import _encoder_layers

        layers = _encoder_layers(tagger.encoder)
        split = len(layers) - tagger.cfg.train_layers
        k = tagger.cfg.holder_layers
        if k <= 0:
            raise ValueError("no holder model configured: pass --holder-layers N (3 was measured, README)")
        if not tagger.can_cache() or split + k > len(layers):
            raise ValueError(f"holder_layers={k} needs a tagger with frozen lower layers and {k} layers above them")
        own = nn.ModuleList(copy.deepcopy(layers[i]) for i in range(split, split + k))
        for p in own.parameters():
            p.requires_grad = True
        return cls(own, tagger.encoder.config.hidden_size, tagger.cfg.dropout)

    def forward(self, features: torch.Tensor, attention_mask: torch.Tensor, target_mask: torch.Tensor):
        hidden = features + self.target_embed(target_mask)
        # Additive mask [batch, 1, 1, length], as ClaimTagger.forward_features.
        ext = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        for layer in self.layers:
            out = layer(hidden, ext)
            hidden = out[0] if isinstance(out, tuple) else out
        return self.head(self.dropout(hidden))

    def forward_loss(self, batch: dict[str, torch.Tensor], span_weight: float = 3.0) -> torch.Tensor:
        logits = self(batch["features"], batch["attention_mask"], batch["target_mask"])
        w = torch.ones(logits.shape[-1], device=logits.device)
        w[1:] = span_weight  # holder tokens are rare next to "O"
        return nn.functional.cross_entropy(logits.flatten(0, 1), batch["holder_labels"].flatten(), weight=w,
                                           ignore_index=-100)

    def save(self, model_dir: str | Path, dtype: torch.dtype = torch.float16) -> None:
        state = {k: v.detach().cpu().to(dtype).contiguous() for k, v in self.state_dict().items()}
        save_file(state, str(Path(model_dir) / HOLDER_WEIGHTS))

    @classmethod
    def load(cls, model_dir: str | Path, tagger) -> "HolderTagger | None":
        """The holder model saved in ``model_dir``, or None when the directory has none."""
        path = Path(model_dir) / HOLDER_WEIGHTS
        if not path.is_file():
            return None
        model = cls.on(tagger)
        state = {k: v.float() for k, v in load_file(str(path)).items()}
        unknown = set(state) - set(model.state_dict())
        if unknown or set(model.state_dict()) - set(state):
            raise ValueError(f"{path}: weights do not fit holder_layers={tagger.cfg.holder_layers}")
        model.load_state_dict(state)
        model.eval()
        return model.to(tagger.device)


# -- examples: one per (sentence, target) ------------------------------------------------
@dataclass
class HolderExample:
    """The window of a sentence that holds a target, the target's tokens marked, and (for
    training) the holder's tokens labelled."""

    window: object  # encoding.Window
    target_mask: list[int]
    labels: list[int]
    target_start: int


def target_example(view, windows, target: tuple[int, int], holders: list[tuple[int, int]] | None = None):
    """The first window of the sentence holding the target's first token; ``target`` and
    ``holders`` are raw article spans.  None when no window holds the target."""
    from .encoding import _char_tags, _token_labels

    s0 = view.sentence.start
    na, nb = view.norm.from_raw(target[0] - s0, target[1] - s0)
    for w in windows:
        marks = [int(a < b and a < nb and na < b) for a, b in w.offsets]
        if any(marks):
            labels = []
            if holders is not None:
                spans = [(*view.norm.from_raw(a - s0, b - s0), "HOLD") for a, b in holders]
                labels = _token_labels(w.offsets, _char_tags(len(view.norm.text), spans), HOLDER_LABELS)
            return HolderExample(w, marks, labels, target[0])
    return None


def gold_holders(article, views, resolvers, claim, si: int, target: tuple[int, int]):
    """Where the sentence names the holder of a gold claim: the gold actor's name forms in
    the sentence (not inside the target); else, when the rules resolve the claim to the gold
    actor, the mention they resolved ("وی", a title) if it is in this sentence, or no span
    (the holder spoke in an earlier sentence).  None when unknown (rules wrong, no name)."""
    from ..normalize import match_key
    from .encoding import occurrences

    s = views[si].sentence
    spans = []
    for m in occurrences(article.text, [claim.actor, *claim.actor_aliases], s.start, s.end):
        if not (m[0] < target[1] and target[0] < m[1]) and m not in spans:
            spans.append(m)
    if spans:
        return spans
    gold = {match_key(x) for x in [claim.actor, *claim.actor_aliases]}
    right = [r for r in resolvers[si](target[0]) if match_key(r.actor) in gold]
    if not right:
        return None
    inside = [r.mention for r in right if r.mention and s.start <= r.mention[0] and r.mention[1] <= s.end]
    if any(a < target[1] and target[0] < b for a, b in inside):
        return None  # the rules' subject phrase runs into the target: where the holder ends is unknown
    return inside


def training_examples(articles, tokenizer, cfg) -> tuple[list[HolderExample], dict]:
    """One example per gold claim whose target is found and whose holder is known."""
    from ..attribution import attribute
    from ..normalize import match_key
    from .encoding import locate_target, sentence_views, tokenize_views

    examples, stats = [], {"claims": 0, "named_in_sentence": 0, "mention_in_sentence": 0, "not_in_sentence": 0,
                           "unknown": 0, "target_not_found": 0}
    for ai, art in enumerate(articles):
        views = sentence_views(art)
        resolvers, _ = attribute(art.text, [v.sentence for v in views], [[] for _ in views])
        windows: dict[int, list] = {}
        for c in art.claims or []:
            stats["claims"] += 1
            si, hit = locate_target(art, views, c) or (None, None)
            if hit is None:
                stats["target_not_found"] += 1
                continue
            holders = gold_holders(art, views, resolvers, c, si, hit)
            if holders is None:
                stats["unknown"] += 1
                continue
            if si not in windows:
                windows[si] = tokenize_views([views[si]], tokenizer, cfg, ai)
                for w in windows[si]:
                    w.sentence = si
            ex = target_example(views[si], windows[si], hit, holders)
            if ex is not None:
                examples.append(ex)
                names = {match_key(x) for x in [c.actor, *c.actor_aliases]}
                named = any(match_key(art.text[a:b]) in names for a, b in holders)
                stats["named_in_sentence" if named else "mention_in_sentence" if holders else "not_in_sentence"] += 1
    return examples, stats
