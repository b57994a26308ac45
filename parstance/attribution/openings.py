"""Where the subject of a clause starts: what news clauses open with before it.

Boilerplate glued to a sentence ("... بپیوندید"), datelines ("تهران- ایرنا-", "- اخبار بین الملل -"),
source prefixes ("به گزارش ایرنا،", "ایسنا:"), discourse openers ("در همین حال،"), time phrases
and fronted adverbials closed by a comma are skipped; ``skip_opening`` returns the position after
them.  Split from ``phrases.py``, whose word helpers it uses.
"""
from __future__ import annotations

import re

from ..normalize import match_key
from .lexicon import ACCORDING, AGENCIES, OPENERS, PREPOSITIONS, PUNCT, SOURCE_PREFIX, SOURCE_WORDS, TIME_WORDS
from .phrases import core, is_verb, tokens, vali_not_but, words

_DATELINE = re.compile(r"[\s\u200c]*(?:\*+|[-–•▪]+|[^\s\-–:،؛]{2,20}(?:\s[^\s\-–:،؛]{2,20}){0,2}\s*[-–]+)[\s\u200c]*")
# Site furniture glued to a sentence: "... در تلگرام بپیوندید", "بیشتر بخوانید", "اندازه متن Aa Aa".
_BOILER = re.compile(r"[\s\u200c]*(?:[^.!?؟\n]{0,60}?(?:بپیوندید|دنبال کنید|بیشتر بخوانید|کلیک کنید\)?|دانلود کنید)"
                     r"|اندازه متن\s*(?:Aa\s*)*|کد ویدیو\s*دانلود\s*فیلم اصلی)[\s\u200c]*")  # video player labels


def skip_opening(u: str, a: int, b: int, name_starts: set[int] = frozenset()) -> int:
    """The position of the subject after what precedes it at the opening of a clause:
    boilerplate glued to the sentence ("... بپیوندید"), datelines ("تهران- ایرنا-"),
    source prefixes ("به گزارش ایرنا،", "ایسنا:"), discourse openers ("در همین حال،",
    "پیشتر"), time phrases ("روز دوشنبه") and fronted adverbial phrases closed by a comma
    ("پس از پایان نشست روز دوشنبه، X گفت").  ``name_starts`` are positions where a known
    name begins: skipping never jumps over one."""
    for _ in range(8):
        a0 = a
        while a < b and u[a] in PUNCT:
            a += 1
        m = _BOILER.match(u, a, b)
        if m and m.end() > a:
            a = m.end()
        m = _DATELINE.match(u, a, b)
        if m and m.end() - a <= 40:
            a = m.end()
        a = _skip_source(u, a, b, name_starts)
        a = _skip_openers(u, a, b)
        a = _skip_fronted(u, a, b, name_starts)
        if a == a0:
            break
    return a


def _skip_source(u: str, a: int, b: int, name_starts) -> int:
    """``به گزارش X (به نقل از Y)،`` and ``ایسنا:`` / ``خبرگزاری خانه ملت؛``."""
    m = SOURCE_PREFIX.match(u, a, b)
    if m:
        ws = words(u, m.end(), b)[:14]
        for w in ws[:12]:  # up to the comma that closes the source
            if u[w[1] - 1] in "،,؛:" or (w[1] < b and u[w[1]:w[1] + 2].strip() in ("،", ",", "؛")):
                return _after_punct(u, w[1], b)
            if is_verb(u[slice(*core(u, w))]) or u[w[1] - 1] in ":.":
                break
        # no comma: keep the source words and agencies, stop at the first other word; a desk
        # name before the agency is part of the source ("به گزارش خبرنگار دولت خبرگزاری فارس X")
        last = m.end()
        keys_ = [match_key(u[slice(*core(u, w))]) for w in ws[:7]]
        agency = next((i for i, k in enumerate(keys_) if k == "خبرگزاری" and i + 1 < len(keys_)
                       and keys_[i + 1] in AGENCIES), None)
        if agency is not None:
            return _after_punct(u, ws[agency + 1][1], b)
        for w in ws[:6]:
            k = match_key(u[slice(*core(u, w))])
            if k in SOURCE_WORDS or k in AGENCIES or k.endswith("نیوز") or u[w[0]] == "«" or k in ("به", "نقل", "از"):
                last = w[1]
                if k in AGENCIES or k.endswith("نیوز") or u[w[1] - 1] == "»":
                    nxt = words(u, w[1], b)[:1]
                    if not nxt or match_key(u[slice(*core(u, nxt[0]))]) not in ("به", "از"):
                        break
            else:
                break
        return _after_punct(u, last, b)
    # "ایسنا: ..." / "خبرگزاری خانه ملت؛ ..." at the very start
    m = re.match(r"([^:؛\n]{2,40}?)\s*[:؛]", u[a:b])
    if m:
        t = tokens(m.group(1))
        if t and (t[0] in AGENCIES or t[0] in ("خبرگزاری", "پایگاه", "روزنامه", "سرویس", "گروه", "منبع")
                  or t[-1].endswith("نیوز")) and len(t) <= 5 and not any(is_verb(w) for w in m.group(1).split()):
            # (not "خبرگزاری رویترز نوشت: ...": a frame whose subject is the outlet)
            return _after_punct(u, a + m.end(), b)
    return a


def _after_punct(u: str, a: int, b: int) -> int:
    while a < b and (u[a] in "،,؛:-–" or u[a].isspace() or u[a] == "\u200c"):
        a += 1
    return a


def _skip_openers(u: str, a: int, b: int) -> int:
    moved = True
    while moved:
        moved = False
        for op in OPENERS:
            e = a + len(op)
            if u.startswith(op, a) and e <= b and (e == b or u[e] in " \u200c،,:"):
                if op == "ولی" and vali_not_but(u, e, opening=True):
                    break  # "ولی تیموری، ...": a first name, not "but"
                a, moved = _after_punct(u, e, b), True
                break
        # time phrases: "روز دوشنبه ۸ آذرماه", "صبح امروز"
        ws = words(u, a, b)[:6]
        n = 0
        while n < len(ws):
            k = match_key(u[slice(*core(u, ws[n]))])
            if k in TIME_WORDS or k.isdigit():
                n += 1
                if u[ws[n - 1][1] - 1] in "،,":
                    break
            else:
                break
        if n and (n >= 2 or match_key(u[slice(*core(u, ws[0]))]) not in ("ماه", "سال", "پیش", "قبل", "همین", "همان")):
            if n < len(ws) or u[ws[n - 1][1] - 1] in "،,":
                a, moved = _after_punct(u, ws[n - 1][1], b), True
    return a


def _skip_fronted(u: str, a: int, b: int, name_starts) -> int:
    """A fronted adverbial phrase that opens with a preposition (or "یک روز پس از ...")
    and ends with a comma within 15 words ("با این وجود،", "پس از پایان نشست ...، "); or,
    with no comma, up to a known name ("در ماه‌های اخیر ایران و اسرائیل ...")."""
    ws = words(u, a, b)[:26]
    if not ws:
        return a
    ks = [match_key(u[slice(*core(u, w))]) for w in ws]
    if ACCORDING.match(u, a, b):
        return a
    if not (ks[0] in PREPOSITIONS or ks[0] in ("یک", "چند", "دو", "سه") and len(ks) > 1 and ks[1] in TIME_WORDS):
        return a
    for i, w in enumerate(ws[:25]):
        if u[w[1] - 1] in "،," or (w[1] < b and u[w[1]] in "،,"):
            if re.match(r"[\s\u200c،,]*(?:[^\s،,]+(?:[\s\u200c]+[^\s،,]+)?[\s\u200c]*[،,][\s\u200c]*)*و[\s\u200c]",
                        u[w[1]:w[1] + 60]):
                continue  # "بانک‌های مرکزی، ملی، و صادرات ایران": a list inside the phrase
            return _after_punct(u, w[1], b)
        if u[w[1] - 1] in ":؛«" or "«" in u[w[0]:w[1]] or u[w[1] - 1] == "." or ks[i] == "که" and i > 3 \
                or i and is_verb(u[slice(*core(u, w))]) and not any(k in ("آنکه", "اینکه", "که", "وقتی", "چون")
                                                                     for k in ks[:i]):
            break  # a verb ends the search, unless a subordinate clause ("پس از آنکه X خبر داد،") holds it
    n = 1  # "در روز جمعه X ...", "در روزهای گذشته نیز X ...": a preposition and a time
    while n < len(ks) and n < 5 and (ks[n] in TIME_WORDS or ks[n].isdigit()):
        n += 1
    if ks[0] in PREPOSITIONS and n > 1 and n < len(ws):
        return _after_punct(u, ws[n - 1][1], b)
    for i, w in enumerate(ws[:7]):
        if i and w[0] in name_starts and ks[i - 1] not in PREPOSITIONS and all(
                k in TIME_WORDS or k.isdigit() for k in ks[1:i]):
            return w[0]  # (not "از همه مردم عزیز ایران ...": the name is inside the phrase)
        if u[w[1] - 1] in ":؛«،,":
            break
    return a


def intertitle(u: str, s) -> bool:
    """A short line of its own inside the body with no closing punctuation ("*آخوندی از قبل رای
    اعتماد مخالف مسکن مهر بود" in an interview): the outlet's summary, not a new speaker."""
    line = u[s.start:s.end].strip()
    return (s.index > 0 and (s.start == 0 or "\n" in u[max(0, s.start - 2):s.start])
            and ("\n" in u[s.end:s.end + 2] or not u[s.end:].strip()) and len(line.split()) <= 12
            and line[-1:] not in ".!?؟:»\")؛")
