"""A transparent rule baseline (``parstance predict --model rules``).

Attribution: the reporting frames and alias chains of ``attribution.py``.
Stance: a small polarity lexicon counted in the clause after the frame.
Target: the phrase that the strongest cue governs ("X را محکوم کرد" -> X,
"از X قدردانی کرد" -> X), else the clause's opening words.
Every user sees what the trained model adds over this.
"""
from __future__ import annotations

import re

from .attribution import _REPORTING, attribute
from .data import Article, Claim
from .normalize import unify
from .segment import segment

POSITIVE = ("حمایت", "تقدیر", "قدردانی", "تبریک", "تشکر", "سپاس", "همکاری", "تقویت", "توسعه", "پیروزی",
            "موفقیت", "ستایش", "استقبال", "دوستی", "صلح", "ثبات", "امنیت", "پیشرفت", "افتخار", "شجاعت",
            "ایستادگی", "دلاوری", "احترام", "مثبت", "سازنده", "ارزشمند", "خواستار", "تاکید بر", "ضروری")
NEGATIVE = ("محکوم", "انتقاد", "تروریس", "تهدید", "اتهام", "متهم", "مخالفت", "نگرانی", "نگران", "تحریم",
            "جنایت", "تجاوز", "اشغال", "خصمانه", "شکست", "بحران", "ناامنی", "دشمن", "غیرقانونی", "غیر قانونی",
            "نقض", "مداخله", "دخالت", "فتنه", "توطئه", "فساد", "ظلم", "سرکوب", "خشونت", "هشدار", "مخرب",
            "بی‌ثباتی", "بی ثباتی", "نابود", "افراط", "تکفیری", "مضحک", "متوهم", "رد کرد", "تقبیح", "اعتراض")
_GOVERNED = re.compile(r"(?:^|[\s،,؛:])(?:از|به|با|علیه|درباره|نسبت به)\s+((?:[^\s،,؛:.]+\s+){0,3}?[^\s،,؛:.]+)"
                       r"(?=\s+(?:[^\s]+\s+){0,2}(?:قدردانی|تشکر|تقدیر|انتقاد|حمایت|تبریک|اعتراض|ابراز))")
_OBJECT = re.compile(r"((?:[^\s،,؛:.]+\s+){0,3}?[^\s،,؛:.]+)\s+را\s+(?:[^\s]+\s+){0,2}?(?:محکوم|تقبیح|متهم|رد|تحریم|تهدید|ستود|تحسین)")


def _count(words: tuple[str, ...], text: str) -> int:
    return sum(text.count(w) for w in words)


def predict_article(article: Article, explain: dict | None = None) -> Article:
    """The rule baseline's claims; ``explain`` (a dict) gets the attributions and actor chains
    like the model's (``predict --explain``)."""
    text = article.text
    sentences = segment(text)
    resolvers, resolver = attribute(text, sentences, [[] for _ in sentences])
    if explain is not None:
        explain["attributions"] = []
    claims = []
    for s in sentences:
        # Only attributed sentences: a frame, or a reporting/evaluative verb in the sentence.
        if s.frame is None and not _REPORTING.search(unify(s.text)):
            continue
        a = s.frame.end if s.frame else s.start
        clause = unify(text[a:s.end])
        pos, neg = _count(POSITIVE, clause), _count(NEGATIVE, clause)
        if pos == neg:
            continue
        m = _OBJECT.search(clause) or _GOVERNED.search(clause)
        if m:
            ta, tb = a + m.start(1), a + m.end(1)
        else:
            words = list(re.finditer(r"[^\s،,؛:.]+", clause))[:3]
            if not words:
                continue
            ta, tb = a + words[0].start(), a + words[-1].end()
        while a < s.end and text[a].isspace():
            a += 1
        for res in resolvers[s.index](ta):
            claims.append(Claim(evidence=text[a:s.end], evidence_start=a, actor=res.actor, actor_aliases=res.aliases,
                                target=text[ta:tb], stance="positive" if pos > neg else "negative",
                                score=round(abs(pos - neg) / (pos + neg), 4), target_start=ta, target_end=tb,
                                actor_start=res.mention[0] if res.mention else None,
                                actor_end=res.mention[1] if res.mention else None))
            if explain is not None:
                explain["attributions"].append(
                    {"sentence": s.index, "target": text[ta:tb], "actor": res.actor, "chain": res.chain})
    if explain is not None:
        explain["actors"] = resolver.chains(c.actor for c in claims)
    return Article(id=article.id, text=text, source=article.source, claims=claims)
