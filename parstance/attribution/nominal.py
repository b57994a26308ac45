"""Holders named inside a noun phrase: an evaluative act written as a noun with its holder
after it holds what the act is about.

    به‌رغم اعلام طالبان مبنی بر استقبال از کمک‌های بین‌المللی، ...   -> طالبان (the aid)
    او همچنین به مخالفت آمریکا با اعطای وام پنج میلیارد دلاری ... اشاره کرد   -> آمریکا
    ... نشانه‌ای از نگرانی مقامات ارتش امریکا از اهداف ایران ...   -> مقامات ارتش امریکا

The act's scope is the rest of its clause: a target after the holder and before the next
comma, colon, full stop or verb (within 90 characters).  Outside it, the sentence's speaker
holds the claim as before
("X در واکنش به اظهارات Y گفت: ..." -> X holds what follows the colon).
"""
from __future__ import annotations

import re

from .lexicon import NOMINAL_ACT
from .phrases import coordinated, is_anaphor, is_pronoun, noun_phrase

Span = tuple[int, int]
# the clause ends at punctuation or at its verb, unless a relative clause follows ("... همراه بود که
# معتقدند ..." is still the critics' view)
_PUNCT = r"[،,؛:.!?؟\n]"
_PUNCT_END = re.compile(_PUNCT)
_SCOPE_END = re.compile(_PUNCT + r"|(?<=[\s\u200c])(?:است|بود|شد|شده|کرد|کرده|کردند|دارد|نیست|نبود|هستند|نیستند|باشد|نباشد|نمی\u200c?\S+|می\u200c?\S+)"
                        r"(?=[\s\u200c.،,؛]|$)(?![\s\u200c]+که[\s\u200c])")
_MAX_SCOPE = 90  # characters from the holder's end: one clause


def nominal_holders(u: str, s, find) -> list[tuple[Span, int, list[Span]]]:
    """Per act in sentence ``s``: (the holder phrase, where the act's scope ends, the holder's
    conjuncts).  ``find`` is the article's ``Subjects`` (names and ``plausible``)."""
    out = []
    for m in NOMINAL_ACT.finditer(u, s.start, s.end):
        span = noun_phrase(u, m.end(), s.end, find.names)
        if span is None or is_anaphor(u[span[0]:span[1]]) or is_pronoun(u[span[0]:span[1]]) \
                or u[span[0]:span[1]] == "خود":
            continue  # "حمایت ما از ..." in a quote, "سخنان خود": the speaker, as before
        if not find.plausible(span):
            continue  # "اعلام جرم", "سخنان دیروز ...": not a holder
        limit = min(s.end, span[1] + _MAX_SCOPE)
        # "ادعای ایران مبنی بر اینکه موفق شده ...": the content clause's verbs are inside the act
        content = re.match(r"[\s\u200c]*(?:مبنی[\s\u200c]+بر|که)[\s\u200c]", u[span[1]:limit])
        end = (_PUNCT_END if content else _SCOPE_END).search(u, span[1], limit)
        out.append((span, end.start() if end else limit,
                    coordinated(u, *span, find.names)))
    return out


__all__ = ["nominal_holders"]
