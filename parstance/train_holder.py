"""Train the holder model (``model/holder.py``) on a trained ClaimTagger.

Examples come from the gold claims: the claim's sentence with its target marked, labelled
with where the sentence names the holder (``holder.gold_holders``).  The tagger's frozen
lower layers are computed once; each epoch trains the holder's own layers, then scores
attribution on the dev set with the gold targets given (actor accuracy), and the best
epoch is kept.  The loop is written out, as in ``train.py``.
"""
from __future__ import annotations

import math
import re
import sys
import time

from .normalize import match_key


def _batches(examples, features, batch_size: int, rng):
    import torch

    order = list(range(len(examples)))
    rng.shuffle(order)
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        width = max(len(examples[i].window.input_ids) for i in idx)
        batch = {"features": torch.zeros(len(idx), width, features[idx[0]].shape[-1]),
                 "attention_mask": torch.zeros(len(idx), width, dtype=torch.long),
                 "target_mask": torch.zeros(len(idx), width, dtype=torch.long),
                 "holder_labels": torch.full((len(idx), width), -100, dtype=torch.long)}
        for j, i in enumerate(idx):
            ex, n = examples[i], len(examples[i].window.input_ids)
            batch["features"][j, :n] = features[i]
            batch["attention_mask"][j, :n] = 1
            batch["target_mask"][j, :n] = torch.tensor(ex.target_mask)
            batch["holder_labels"][j, :n] = torch.tensor(ex.labels)
        yield batch


def _features(tagger, examples):
    """The tagger's frozen-layer output per example (no dropout), computed once."""
    from .train import frozen_cache

    rows = [{"input_ids": ex.window.input_ids, "attention_mask": ex.window.attention_mask} for ex in examples]
    return frozen_cache(tagger, rows, tagger.tokenizer.pad_token_id or 0, tagger.device)


class GoldTargets:
    """Attribution with the gold claims' targets given: the dev score of the holder model
    and of ``bench/attribution.py``.  ``tagger`` (optional with ``tag_mentions=False``) gives
    the actor mentions, computed once, the gazetteer and the holder model."""

    def __init__(self, tagger, articles, tag_mentions: bool = True):
        from .model.encoding import locate_target, sentence_views
        from .model.inference import merge_windows, sentence_spans, tokenize_views, window_probs

        self.tagger, self.articles = tagger, articles
        self.views = [sentence_views(a) for a in articles]
        self.untagged = [[[] for _ in v] for v in self.views]
        self.mentions = self.untagged
        if tag_mentions:
            windows = [w for ai, vs in enumerate(self.views) for w in tokenize_views(vs, tagger.tokenizer, tagger.cfg, ai)]
            merged = merge_windows(windows, window_probs(tagger, windows))
            self.mentions = [sentence_spans(a, vs, merged, ai, tagger.cfg)[0]
                             for ai, (a, vs) in enumerate(zip(articles, self.views))]
        # per article: (claim, sentence, raw target span) for every located gold claim
        self.located = [[(c, si, hit or (c.evidence_start, c.evidence_start + 1))
                         for c in a.claims or [] if (loc := locate_target(a, vs, c)) for si, hit in [loc]]
                        for a, vs in zip(articles, self.views)]

    def holders(self):
        from .model.inference import find_holders

        targets = []
        for vs, located in zip(self.views, self.located):
            per = [[] for _ in vs]
            for _, si, t in located:
                per[si].append(t)
            targets.append(per)
        return find_holders(self.tagger, self.articles, self.views, targets)

    def accuracy(self, holders=None, threshold: float = 0.5, known=None, tagged: bool = True,
                 steps=None) -> tuple[int, int]:
        """(right, total) over the located gold claims; ``tagged=False`` leaves the tagger's
        mentions out; ``steps`` (a Counter) gets ``(first step of the chain, right)`` per claim."""
        from .attribution import attribute

        if known is None:
            known = self.tagger.known_actors if self.tagger is not None else frozenset()
        mentions = self.mentions if tagged else self.untagged
        right = total = 0
        for ai, (art, vs, located) in enumerate(zip(self.articles, self.views, self.located)):
            resolvers, _ = attribute(art.text, [v.sentence for v in vs], mentions[ai], known,
                                     holders[ai] if holders else None, threshold)
            for c, si, t in located:
                gold = {match_key(x) for x in [c.actor, *c.actor_aliases]}
                found = resolvers[si](t[0])
                ok = any(match_key(r.actor) in gold for r in found)
                right, total = right + ok, total + 1
                if steps is not None:
                    step = found[0].chain[0] if found and found[0].chain else "nobody found"
                    steps[(re.sub(r"sentence \d+", "sentence N", re.sub(r"'[^']*'", "…", step)), ok)] += 1
        return right, total


def train_holder(tagger, train_articles, dev_articles, log=print) -> dict:
    import random

    import torch
    from tqdm.auto import tqdm
    from transformers import get_linear_schedule_with_warmup

    from .model.holder import HolderTagger, training_examples

    cfg = tagger.cfg
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    examples, stats = training_examples(train_articles, tagger.tokenizer, cfg)
    log(f"holder examples: {len(examples)} {stats}")
    features = _features(tagger, examples)
    holder = HolderTagger.on(tagger).to(tagger.device)
    object.__setattr__(tagger, "holder", holder)
    optim = torch.optim.AdamW([{"params": [p for n, p in holder.named_parameters() if n.startswith("layers.")],
                                "lr": cfg.lr},
                               {"params": [p for n, p in holder.named_parameters() if not n.startswith("layers.")],
                                "lr": cfg.lr * 5}], weight_decay=cfg.weight_decay)
    steps = math.ceil(len(examples) / cfg.batch_size)
    sched = get_linear_schedule_with_warmup(optim, int(steps * cfg.holder_epochs * cfg.warmup), steps * cfg.holder_epochs)
    dev = GoldTargets(tagger, dev_articles) if dev_articles else None
    base = dev.accuracy() if dev else None
    history, best, best_state, t0 = [], float("-inf"), None, time.time()
    for epoch in range(1, cfg.holder_epochs + 1):
        holder.train()
        running = 0.0
        bar = tqdm(_batches(examples, features, cfg.batch_size, rng), total=steps, desc=f"holder epoch {epoch}",
                   file=sys.stderr, dynamic_ncols=True)
        for step, batch in enumerate(bar, 1):
            loss = holder.forward_loss({k: v.to(tagger.device) for k, v in batch.items()}, cfg.span_weight)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(holder.parameters(), 1.0)
            optim.step()
            sched.step()
            running += loss.item()
            bar.set_postfix(loss=f"{running / step:.4f}")
        entry = {"epoch": epoch, "train_loss": round(running / steps, 5), "elapsed_s": round(time.time() - t0, 1)}
        key = -entry["train_loss"]
        if dev:
            r, n = dev.accuracy(dev.holders(), cfg.holder_threshold)
            entry["dev_actor_accuracy_gold_targets"] = round(r / n, 4)
            key = r / n
        history.append(entry)
        log(str(entry))
        if key > best:
            best, best_state = key, {k: v.detach().clone() for k, v in holder.state_dict().items()}
    holder.load_state_dict(best_state)
    holder.eval()
    best_entry = max(history, key=lambda e: e.get("dev_actor_accuracy_gold_targets", -e["train_loss"]))
    return {"examples": stats, "history": history, "best_epoch": best_entry["epoch"],
            "dev_without_holder": round(base[0] / base[1], 4) if base else None,
            "dev_with_holder": best_entry.get("dev_actor_accuracy_gold_targets"),
            "train_seconds": round(time.time() - t0, 1)}
