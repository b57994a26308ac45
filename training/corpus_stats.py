"""Counts for DATA.md: articles, claims, stance balance, and how claims are attributed.

    python training/corpus_stats.py training/labels eval/gold/dev.jsonl seeds/gold.jsonl

"How attributed" looks at the sentence holding each claim's evidence: is the actor
named there (a name form of the actor or an alias occurs), or does the sentence
speak through a pronoun (وی، او ...), a title (سخنگوی ...), or neither (a
continuation of an earlier sentence's speaker)?
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from parstance.annotations import read_annotations  # noqa: E402
from parstance.attribution import PRONOUNS, TITLE_HEADS  # noqa: E402
from parstance.normalize import find_phrase, unify  # noqa: E402
from parstance.segment import segment  # noqa: E402


def attribution_kind(article, claim, sentences) -> str:
    sent = next((s for s in sentences if s.start <= claim.evidence_start < s.end), None)
    if sent is None:
        return "other"
    for name in [claim.actor, *claim.actor_aliases]:
        if find_phrase(article.text, name, sent.start, sent.end):
            return "named in sentence"
    opening = unify(article.text[sent.frame.start:sent.frame.end] if sent.frame else sent.text[:80])
    words = opening.replace("،", " ").split()
    if any(w in PRONOUNS for w in words[:6]):
        return "pronoun"
    if any(opening.lstrip().startswith(h) or f" {h} " in f" {' '.join(words[:6])} " for h in TITLE_HEADS):
        return "title or description"
    return "continuation / elsewhere"


def stats(paths: list[str]) -> dict:
    rows = {}
    for p in paths:
        arts = read_annotations(p)
        claims = [c for a in arts for c in a.claims]
        kinds = Counter()
        for a in arts:
            sents = segment(a.text)
            for c in a.claims:
                kinds[attribution_kind(a, c, sents)] += 1
        rows[p] = {
            "articles": len(arts), "claims": len(claims),
            "empty_articles": sum(1 for a in arts if not a.claims),
            "claims_per_article": round(len(claims) / max(len(arts), 1), 2),
            "positive": sum(c.stance == "positive" for c in claims),
            "negative": sum(c.stance == "negative" for c in claims),
            "sources": dict(Counter(a.id.split("-")[0] for a in arts)),
            "attribution": dict(kinds),
        }
    return rows


if __name__ == "__main__":
    import json
    print(json.dumps(stats(sys.argv[1:]), ensure_ascii=False, indent=1))
