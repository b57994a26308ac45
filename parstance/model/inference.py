"""Run a ClaimTagger over articles and turn its token tags into claims.

Token tags -> target spans (stance in the tag) and actor mentions -> attribution ->
``Claim`` records whose every offset points into the raw article text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import torch

from ..attribution import attribute
from ..data import Article, Claim
from .encoding import SentenceView, Window, sentence_views, tokenize_views
from .holder import HOLDER_LABELS, target_example

_WORD_CHAR = re.compile(r"[^\s\u200c،,.:؛!?؟«»()\[\]\"'/]")


@dataclass
class TokenProbs:
    offsets: list[tuple[int, int]]
    target: torch.Tensor  # [tokens, n_target_labels]
    actor: torch.Tensor


def _pad(windows: list[Window], pad_id: int):
    width = max(len(w.input_ids) for w in windows)
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    for i, w in enumerate(windows):
        ids[i, :len(w.input_ids)] = torch.tensor(w.input_ids)
        mask[i, :len(w.attention_mask)] = torch.tensor(w.attention_mask)
    return ids, mask


@torch.inference_mode()
def window_probs(model, windows: list[Window], batch_size: int = 32, progress=None):
    """Softmax outputs per window, batched by similar length (fast on CPU)."""
    model.eval()
    pad_id = model.tokenizer.pad_token_id or 0
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    out: list[tuple[torch.Tensor, torch.Tensor] | None] = [None] * len(windows)
    # With a holder model, the frozen lower layers' output of every window that may hold a
    # claim is kept: the holder reads it again with each target marked (find_holders).
    split = model.holder is not None and model.can_cache()
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        ids, mask = _pad([windows[i] for i in idx], pad_id)
        ids, mask = ids.to(model.device), mask.to(model.device)
        if split:
            feats = model.frozen_features(ids, mask)
            t, a = model.forward_features(feats, mask)
        else:
            t, a = model(ids, mask)
        t, a = t.softmax(-1).cpu(), a.softmax(-1).cpu()
        for j, i in enumerate(idx):
            n = len(windows[i].input_ids)
            out[i] = (t[j, :n], a[j, :n])
            if split and bool((t[j, :n].argmax(-1) > 0).any()):
                windows[i].features = feats[j, :n].clone()
        if progress is not None:
            progress.update(len(idx))
    return out


def merge_windows(windows: list[Window], probs) -> dict[tuple[int, int], TokenProbs]:
    """Per (article, sentence): token probabilities with overlapping windows averaged."""
    acc: dict[tuple[int, int], dict[tuple[int, int], list]] = {}
    for w, (t, a) in zip(windows, probs):
        slot = acc.setdefault((w.article, w.sentence), {})
        for k, off in enumerate(w.offsets):
            if off[0] == off[1]:
                continue
            if off in slot:
                slot[off][0] += t[k]
                slot[off][1] += a[k]
                slot[off][2] += 1
            else:
                slot[off] = [t[k].clone(), a[k].clone(), 1]
    merged = {}
    for key, slot in acc.items():
        offs = sorted(slot)
        merged[key] = TokenProbs(offs, torch.stack([slot[o][0] / slot[o][2] for o in offs]),
                                 torch.stack([slot[o][1] / slot[o][2] for o in offs]))
    return merged


def decode_spans(offsets, probs: torch.Tensor, labels: tuple[str, ...]):
    """BIO decoding (lenient: an I- after O starts a span; see below for B-).  Yields
    ``(norm_start, norm_end, type, score)`` with score = mean probability of the
    span's type (B- plus I-) over its tokens."""
    pred = probs.argmax(-1).tolist()
    spans, cur = [], None
    for k, lab in enumerate(pred):
        name = labels[lab]
        typ = name[2:] if name != "O" else None
        # A B- right after a token of the same span type continues it: the tagger often
        # restarts a long phrase mid-way ("سیاست غیر" + "قابل تغییر"); distinct targets are
        # separated by an untagged token ("و", "،").
        if typ and (cur is None or cur[2] != typ):
            if cur:
                spans.append(cur)
            cur = [offsets[k][0], offsets[k][1], typ, [k]]
        elif typ:
            cur[1] = offsets[k][1]
            cur[3].append(k)
        else:
            if cur:
                spans.append(cur)
            cur = None
    if cur:
        spans.append(cur)
    out = []
    for a, b, typ, toks in spans:
        cols = [labels.index(f"B-{typ}"), labels.index(f"I-{typ}")]
        score = float(probs[toks][:, cols].sum(-1).mean())
        out.append((a, b, typ, score))
    return out


def _word_bounds(text: str, a: int, b: int) -> tuple[int, int]:
    """Grow a raw span to whole words (subword tokens may cut a word)."""
    while a > 0 and _WORD_CHAR.match(text[a - 1]) and _WORD_CHAR.match(text[a]):
        a -= 1
    while b < len(text) and _WORD_CHAR.match(text[b]) and _WORD_CHAR.match(text[b - 1]):
        b += 1
    return a, b


def _evidence(view: SentenceView, target_start: int, text: str) -> tuple[int, int]:
    """The clause holding the claim: the sentence after its reporting frame, cut at
    ``؛`` boundaries around the target."""
    s = view.sentence
    a = s.frame.end if s.frame and s.frame.end <= target_start else s.start
    b = s.end
    base = a
    for m in re.finditer(r"[؛;]", text[base:b]):
        cut = base + m.start()
        if cut < target_start:
            a = cut + 1  # the clause starts after the last "؛" before the target
        else:
            b = cut  # and ends at the first one after it
            break
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " \t\n.":
        b -= 1
    return a, b


def sentence_spans(article: Article, views: list[SentenceView], merged, ai: int, cfg):
    """Per sentence, the tagged actor mentions ``(start, end)`` and targets ``(start, end,
    POS|NEG, score)``, as raw article offsets widened to whole words."""
    text = article.text
    mentions, targets = [], []
    for si, v in enumerate(views):
        tp = merged.get((ai, si))
        s0 = v.sentence.start
        ms, ts = [], []
        if tp is not None:
            for a, b, _, _ in decode_spans(tp.offsets, tp.actor, cfg.actor_labels):
                ra, rb = v.norm.to_raw(a, b)
                ms.append(_word_bounds(text, s0 + ra, s0 + rb))
            for a, b, typ, score in decode_spans(tp.offsets, tp.target, cfg.target_labels):
                ra, rb = v.norm.to_raw(a, b)
                ts.append((*_word_bounds(text, s0 + ra, s0 + rb), typ, score))
        mentions.append(ms)
        targets.append(ts)
    return mentions, targets


@torch.inference_mode()
def holder_probs(tagger, holder, examples, batch_size: int = 32) -> list[torch.Tensor]:
    """The holder model's softmax per example (``model/holder.py``), batched by length."""
    holder.eval()
    pad_id = tagger.tokenizer.pad_token_id or 0
    order = sorted(range(len(examples)), key=lambda i: len(examples[i].window.input_ids))
    out: list[torch.Tensor | None] = [None] * len(examples)
    dev = tagger.device
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        ids, mask = _pad([examples[i].window for i in idx], pad_id)
        marks = torch.zeros_like(ids)
        for j, i in enumerate(idx):
            marks[j, :len(examples[i].target_mask)] = torch.tensor(examples[i].target_mask)
        kept = [examples[i].window.features for i in idx]
        if all(f is not None for f in kept):  # computed by window_probs already
            feats = torch.zeros(len(idx), ids.shape[1], kept[0].shape[-1], device=dev)
            for j, f in enumerate(kept):
                feats[j, :f.shape[0]] = f
        else:
            feats = tagger.frozen_features(ids.to(dev), mask.to(dev))
        probs = holder(feats, mask.to(dev), marks.to(dev)).softmax(-1).cpu()
        for j, i in enumerate(idx):
            out[i] = probs[j, :len(examples[i].window.input_ids)]
    return out


def find_holders(tagger, articles: list[Article], views_all, targets_all, batch_size: int = 32,
                 windows: list[Window] | None = None) -> list[dict]:
    """Per article: ``{(sentence, target_start): [(start, end, score), ...]}``, the raw spans
    the holder model marks as holding each target (``targets_all``: per article, per
    sentence, ``(start, end, ...)`` raw target spans).  ``windows``: the tagger's windows of
    these articles (with the features ``window_probs`` kept), else sentences are re-read."""
    by_sentence: dict[tuple[int, int], list[Window]] = {}
    for w in windows or []:
        by_sentence.setdefault((w.article, w.sentence), []).append(w)
    examples, keys = [], []
    for ai, (views, targets) in enumerate(zip(views_all, targets_all)):
        for si, ts in enumerate(targets):
            if not ts:
                continue
            ws = by_sentence.get((ai, si)) or tokenize_views([views[si]], tagger.tokenizer, tagger.cfg, ai)
            for t in ts:
                ex = target_example(views[si], ws, (t[0], t[1]))
                if ex is not None:
                    examples.append(ex)
                    keys.append((ai, si, t[0]))
    out: list[dict] = [{} for _ in articles]
    for (ai, si, start), ex, probs in zip(keys, examples, holder_probs(tagger, tagger.holder, examples, batch_size)):
        v, text = views_all[ai][si], articles[ai].text
        s0 = v.sentence.start
        spans = []
        for a, b, _, score in decode_spans(ex.window.offsets, probs, HOLDER_LABELS):
            if a < b:
                ra, rb = v.norm.to_raw(a, b)
                spans.append((*_word_bounds(text, s0 + ra, s0 + rb), score))
        out[ai][(si, start)] = spans
    return out


def article_claims(article: Article, views: list[SentenceView], merged, ai: int, cfg,
                   known: set[str] = frozenset(), explain: dict | None = None,
                   holders: dict | None = None) -> list[Claim]:
    text = article.text
    mentions, targets = sentence_spans(article, views, merged, ai, cfg)
    resolvers, resolver = attribute(text, [v.sentence for v in views], mentions, known, holders, cfg.holder_threshold)
    claims = []
    for si, ts in enumerate(targets):
        for a, b, typ, score in ts:
            if score < cfg.threshold:
                continue
            ea, eb = _evidence(views[si], a, text)
            ea, eb = min(ea, a), max(eb, b)
            for res in resolvers[si](a):  # coordinated speakers: one claim each
                claims.append(Claim(
                    evidence=text[ea:eb], evidence_start=ea, actor=res.actor, target=text[a:b],
                    stance="positive" if typ == "POS" else "negative", actor_aliases=res.aliases,
                    score=round(score, 4), target_start=a, target_end=b,
                    actor_start=res.mention[0] if res.mention else None,
                    actor_end=res.mention[1] if res.mention else None))
                if explain is not None:
                    explain["attributions"].append({"sentence": si, "target": text[a:b], "actor": res.actor,
                                                    "chain": res.chain})
    if explain is not None:
        explain["actors"] = resolver.chains(c.actor for c in claims)
    return claims


def predict_articles(model, articles: list[Article], batch_size: int = 32, progress=None,
                     explain: dict | None = None) -> list[Article]:
    """Claims for every article (a new Article per input, text untouched)."""
    views_all = [sentence_views(a) for a in articles]
    windows = [w for ai, views in enumerate(views_all)
               for w in tokenize_views(views, model.tokenizer, model.cfg, ai)]
    probs = window_probs(model, windows, batch_size, progress)
    merged = merge_windows(windows, probs)
    holders = [None] * len(articles)
    if model.holder is not None:  # who holds each claim the tagger found, read with its target marked
        targets = [[[t for t in ts if t[3] >= model.cfg.threshold]
                    for ts in sentence_spans(art, views, merged, ai, model.cfg)[1]]
                   for ai, (art, views) in enumerate(zip(articles, views_all))]
        holders = find_holders(model, articles, views_all, targets, batch_size, windows)
    out = []
    for ai, (art, views) in enumerate(zip(articles, views_all)):
        trace = {"attributions": [], "actors": {}} if explain is not None else None
        claims = article_claims(art, views, merged, ai, model.cfg, model.known_actors, trace, holders[ai])
        if explain is not None:
            explain[art.id] = trace
        out.append(Article(id=art.id, text=art.text, source=art.source, claims=claims))
    return out
