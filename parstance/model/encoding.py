"""Sentences -> token windows (and, for training, token labels).

The model reads the *normalised* sentence (letter variants, digits, odd spaces
cleaned); every token keeps its offsets into that text, and ``Normalized.to_raw``
maps any predicted span back to the raw article exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..data import Article, Sentence
from ..normalize import Normalized, find_phrase, normalize
from ..segment import segment
from .config import TaggerConfig


@dataclass
class Window:
    """One tokenised slice of one sentence (long sentences give several)."""

    article: int  # index of the article in the batch of articles
    sentence: int  # index of the sentence in the article
    input_ids: list[int]
    attention_mask: list[int]
    offsets: list[tuple[int, int]]  # per token, into the normalised sentence; (0, 0) = special
    target_labels: list[int] = field(default_factory=list)
    actor_labels: list[int] = field(default_factory=list)
    features: object = None  # frozen-layer output kept at prediction for the holder model (holder.py)


@dataclass
class SentenceView:
    sentence: Sentence
    norm: Normalized


def sentence_views(article: Article) -> list[SentenceView]:
    return [SentenceView(s, normalize(s.text)) for s in segment(article.text)]


def tokenize_views(views: list[SentenceView], tokenizer, cfg: TaggerConfig, article_index: int) -> list[Window]:
    texts = [v.norm.text for v in views]
    if not texts:
        return []
    enc = tokenizer(texts, truncation=True, max_length=cfg.max_length, stride=cfg.stride,
                    return_overflowing_tokens=True, return_offsets_mapping=True, padding=False)
    windows = []
    for i, sent_idx in enumerate(enc["overflow_to_sample_mapping"]):
        ids = enc["input_ids"][i]
        special = set(tokenizer.all_special_ids)
        offs = [(0, 0) if tid in special else tuple(o) for tid, o in zip(ids, enc["offset_mapping"][i])]
        windows.append(Window(article_index, sent_idx, ids, enc["attention_mask"][i], offs))
    return windows


def _char_tags(length: int, spans: list[tuple[int, int, str]]) -> list[str | None]:
    """Per normalised character: the span tag covering it (first span wins)."""
    tags: list[str | None] = [None] * length
    for a, b, tag in spans:
        if any(tags[a:b]):
            continue  # overlapping target spans: keep the first, one label per token
        for k in range(a, b):
            tags[k] = tag
    return tags


def _token_labels(offsets, char_tags, labels: tuple[str, ...]) -> list[int]:
    out, prev_tag, prev_end = [], None, -1
    for a, b in offsets:
        if a == b:
            out.append(-100)  # special tokens are not scored
            prev_tag = None
            continue
        inside = [t for t in char_tags[a:b] if t]
        tag = inside[0] if inside else None
        if tag is None:
            out.append(labels.index("O"))
        else:
            # A token continuing the same span (no untagged gap) is I-, else B-.
            cont = prev_tag == tag and all(char_tags[k] == tag for k in range(prev_end, a) if not k < 0)
            out.append(labels.index(("I-" if cont else "B-") + tag))
        prev_tag, prev_end = tag, b
    return out


def _sentence_of(views: list[SentenceView], start: int, end: int) -> int | None:
    best, best_overlap = None, 0
    for i, v in enumerate(views):
        ov = min(end, v.sentence.end) - max(start, v.sentence.start)
        if ov > best_overlap:
            best, best_overlap = i, ov
    return best


def locate_target(article: Article, views: list[SentenceView], claim) -> tuple[int, tuple[int, int] | None] | None:
    """The sentence of a gold claim and the raw span of its target (or first alias found) in
    it, inside the evidence first; ``None`` if no sentence holds the evidence."""
    si = _sentence_of(views, claim.evidence_start, claim.evidence_end)
    if si is None:
        return None
    s0, s1 = views[si].sentence.start, views[si].sentence.end
    for phrase in [claim.target, *claim.target_aliases]:
        hit = find_phrase(article.text, phrase, max(s0, claim.evidence_start), min(s1, claim.evidence_end)) \
            or find_phrase(article.text, phrase, s0, s1)
        if hit:
            return si, hit
    return si, None


def gold_spans(article: Article, views: list[SentenceView]):
    """Per sentence: target spans (stance tags) and actor-mention spans, in normalised
    sentence coordinates, located from the gold claims.  Also counts what was found."""
    targets: dict[int, list] = {}
    actors: dict[int, list] = {}
    found = missed = 0
    for c in article.claims or []:
        si, hit = locate_target(article, views, c) or (None, None)
        if hit is None:
            missed += 1
            continue
        v = views[si]
        s0, s1 = v.sentence.start, v.sentence.end
        found += 1
        a, b = v.norm.from_raw(hit[0] - s0, hit[1] - s0)
        targets.setdefault(si, []).append((a, b, "POS" if c.stance == "positive" else "NEG"))
        for m in occurrences(article.text, [c.actor, *c.actor_aliases], s0, s1):
            a, b = v.norm.from_raw(m[0] - s0, m[1] - s0)
            actors.setdefault(si, []).append((a, b, "ACT"))
    return targets, actors, found, missed


def occurrences(text: str, phrases, start: int, end: int) -> list[tuple[int, int]]:
    """Raw spans of every occurrence of each phrase in ``text[start:end]`` (``find_phrase``
    matching), phrase by phrase."""
    spans = []
    for phrase in phrases:
        pos = start
        while (m := find_phrase(text, phrase, pos, end)) is not None:
            spans.append(m)
            pos = m[1]
    return spans


def training_windows(articles: list[Article], tokenizer, cfg: TaggerConfig):
    """Labelled windows for every sentence of every annotated article."""
    windows: list[Window] = []
    stats = {"claims_located": 0, "claims_unlocated": 0}
    for ai, art in enumerate(articles):
        views = sentence_views(art)
        targets, actors, found, missed = gold_spans(art, views)
        stats["claims_located"] += found
        stats["claims_unlocated"] += missed
        for w in tokenize_views(views, tokenizer, cfg, ai):
            n = len(views[w.sentence].norm.text)
            w.target_labels = _token_labels(w.offsets, _char_tags(n, targets.get(w.sentence, [])), cfg.target_labels)
            w.actor_labels = _token_labels(w.offsets, _char_tags(n, actors.get(w.sentence, [])), cfg.actor_labels)
            windows.append(w)
    return windows, stats
