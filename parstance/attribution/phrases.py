"""Finding the subject of a reporting clause in raw Persian news text.

All functions take ``u = unify(text)`` (same length as the raw text, so every offset is a
raw offset) and return spans into it.  Persian is SOV and writes no ezafe, so a subject
noun phrase has no closing mark: it is cut at the first preposition, adverb, verb or
object marker (``STOP``), at a comma, or right after a name the article is known to
contain (tagger mentions, gazetteer, appositions) when no title follows.
"""
from __future__ import annotations

import re

from ..normalize import match_key, unify
from .lexicon import (AGENCIES, ANAPHORS, COUNTRIES, DOCUMENTS, FIRST_NAMES, FIRST_PERSON, GROUP_HEADS, HONORIFICS,
                      MONTHS, ORG_HEADS, OUTLET_HEADS, PLURAL_PRONOUNS, PRONOUNS, PUNCT, QUANTIFIERS, RANK_AFTER_AMIR,
                      STOP, TIME_WORDS, TITLE_HEADS, keys)

_WORD = re.compile(r"[^\s،,؛]+[،,؛]*|[،,؛]+")
_PRONOUN_KEYS = keys(*PRONOUNS) | PLURAL_PRONOUNS | FIRST_PERSON
_TITLE_KEYS = keys(*TITLE_HEADS)
_ORG_KEYS = keys(*ORG_HEADS)
_GROUP_KEYS = keys(*GROUP_HEADS)
_HONORIFIC_KEYS = keys(*HONORIFICS)
_DOC_KEYS = keys(*DOCUMENTS)
# Verbs that end a subject: "می‌گوید", "نمی‌داند", and whole past/perfect forms.
_VERB_WORDS = keys("کرد", "کردند", "کرده", "کرده‌اند", "شد", "شدند", "شده", "شده‌اند", "گفت", "گفتند", "گفته",
                   "افزود", "افزودند", "نوشت", "نوشتند", "داد", "دادند", "داده", "داشت", "داشتند", "دانست",
                   "دانستند", "خواند", "خواندند", "است", "هستند", "بود", "بودند", "خواهد", "خواهند", "کنند", "کند",
                   "دارد", "دارند", "باید", "نباید", "میگوید", "میگویند", "میکند", "میکنند", "میشود", "میدهد",
                   "میداند", "میخواهد", "نمیکند", "نمیشود", "اظهارداشت", "گفته‌اند", "افزوده", "نیست", "نیستند",
                   "ساخت", "ساختند", "نمود", "نمودند", "گردید")


def clean(s: str) -> str:
    return " ".join(s.strip(PUNCT).split())


def tokens(s: str) -> list[str]:
    return [k for k in (match_key(t.strip(PUNCT)) for t in re.split(r"[\s\u200c]+", s)) if k]


def head_key(s: str) -> str:
    """match_key of the first word of a phrase, half-spaces kept inside it
    ("مقام‌های ایران" -> "مقامهای", "سخنگوی وزارت خارجه" -> "سخنگوی")."""
    for w in unify(s).split():
        k = match_key(w.strip(PUNCT))
        if k:
            return k
    return ""


def is_pronoun(s: str) -> bool:
    return match_key(clean(s)) in _PRONOUN_KEYS


def is_anaphor(s: str) -> bool:
    words = unify(clean(s)).split()
    return len(words) >= 2 and words[0] in ANAPHORS


def _starts_with(u: str, heads) -> bool:
    return any(u == h or u.startswith(h + " ") or u.startswith(h + "\u200c") for h in heads)


def is_title(s: str) -> bool:
    u = unify(clean(s))
    return _starts_with(u, TITLE_HEADS) or _starts_with(u, ("یک", "یکی از", "چند", "دو")) and any(
        _starts_with(w, TITLE_HEADS) for w in [u.split(" ", 1)[-1], u.split(" ", 2)[-1]])


def is_org(s: str) -> bool:
    """An institution, country or group (not a person): "وزارت خارجه آمریکا", "ایران"."""
    h = head_key(s)
    return bool(h) and (h in _ORG_KEYS or h in _GROUP_KEYS or match_key(s) in COUNTRIES or h in AGENCIES
                        or match_key(s) in AGENCIES)


def is_plural(s: str) -> bool:
    h = head_key(s)
    return bool(h) and (h in _GROUP_KEYS or h.endswith(("ها", "های", "ان", "ات")) and (
        h in _TITLE_KEYS or any(h.startswith(t) for t in _TITLE_KEYS)))


def words(u: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of whitespace-separated words in ``u[a:b]``."""
    return [(a + m.start(), a + m.end()) for m in _WORD.finditer(u[a:b])]


def core(u: str, w: tuple[int, int]) -> tuple[int, int]:
    """A word without its surrounding punctuation (quotes, commas)."""
    a, b = w
    while a < b and u[a] in PUNCT:
        a += 1
    while b > a and u[b - 1] in PUNCT:
        b -= 1
    return a, b


def is_verb(word: str) -> bool:
    w = word.strip(PUNCT)
    return match_key(w) in _VERB_WORDS or w.startswith(("می\u200c", "نمی\u200c")) or w in ("می", "نمی")


# an honorific as written, whatever its spaces and half-spaces ("حجت\u200c\u200cالاسلام")
_HONORIFIC = re.compile("(?:{})[\\s\u200c]+".format("|".join(
    r"[\s\u200c]*".join(map(re.escape, re.split(r"[\s\u200c]+", h)))
    for h in sorted(HONORIFICS, key=len, reverse=True))))


def strip_honorifics(u: str, a: int, b: int) -> int:
    """Start of the name after leading ranks/honorifics (``امیر دریادار دوم محمدرضا عزیزی``)."""
    moved = True
    while moved:
        moved = False
        if u.startswith("امیر ", a) and any(u.startswith(r, a + 5) for r in RANK_AFTER_AMIR):
            a, moved = a + 5, True
            continue
        m = _HONORIFIC.match(u, a, b)
        if m and tokens(u[m.end():b]):
            a, moved = m.end(), True
    while a < b and u[a] in PUNCT:
        a += 1
    return a


class Names:
    """The names an article is known to contain: tagger mentions, gazetteer hits and
    appositions, plus the surname (last one or two words) of every person name, so
    "سلامی" is known once "حسین سلامی" appeared.  Compared as ``match_key``s, so
    "خطیب‌زاده" and "خطیب زاده" are one name."""

    def __init__(self, u: str, spans=(), strings=()):
        self.spans = sorted(set(spans))
        # where a name begins (not a surname inside a longer name: "جان | کربی")
        self.starts = {a for a, _ in self.spans if not any(x < a < y for x, y in self.spans)}
        self.keys: set[str] = set()
        for s in [u[a:b] for a, b in self.spans] + list(strings):
            ws = [w for w in (w.strip(PUNCT) for w in s.split()) if w]
            if not ws or is_pronoun(s) or is_title(s) or is_anaphor(s):
                continue
            self.keys.add(match_key("".join(ws)))
            if len(ws) >= 2 and not is_org(s):
                self.keys.update({match_key(ws[-1]), match_key("".join(ws[-2:]))})

    def prefix_len(self, toks: list[str]) -> int:
        """How many of ``toks`` (words or tokens, as match_keys) the longest known name
        at their start covers (0 if none)."""
        best = 0
        for n in range(1, min(len(toks), 8) + 1):
            if "".join(toks[:n]) in self.keys:
                best = n
        return best


_LIGHT_VERBS = keys("کرد", "کردند", "کرده", "کند", "کنند", "داد", "دادند", "داده", "دهد", "دهند", "شد", "شدند",
                    "شده", "شود", "شوند", "دارد", "دارند", "داشت", "داشتند", "داشته", "نمود", "نمودند", "گرفت",
                    "گرفتند", "گرفته", "گیرد", "گیرند", "است", "هستند", "بود", "بودند", "زد", "زدند", "ساخت")


def _light_verb(word: str) -> bool:
    w = re.sub(r"^(?:ن?می)[\u200c ]?", "", word.strip(PUNCT))
    return match_key(w) in _LIGHT_VERBS


def _quantity_time(u: str, w: tuple[int, int], b: int) -> bool:
    """"یک روز پیش", "دو هفته بعد", "چندی پیش": a time adverbial after the subject."""
    k = match_key(u[slice(*core(u, w))])
    if not (k.isdigit() or k in ("یک", "دو", "سه", "چند", "چندی", "چهار", "پنج") or k in MONTHS):
        return False  # ("دولت چین | ژوئن سال گذشته", "کومو | اوایل ماه مارس")
    nxt = words(u, w[1], b)[:1]
    return bool(nxt) and match_key(u[slice(*core(u, nxt[0]))]) in TIME_WORDS


# A name of one to three words in quotes, then a comma or a title: '"ریاض الاشقر"، پژوهشگر'
_QUOTED_NAME = re.compile(r"[«\"][\s\u200c]*([^\s«»\".،,:؛!?؟]+(?:[\s\u200c]+[^\s«»\".،,:؛!?؟]+){0,2})[\s\u200c]*[»\"]"
                          r"(?=[\s\u200c]*[،,])")
_GUARDIAN = re.compile(r"[\s\u200c]+(?:فقیه|امر|عصر|عهد)(?![^\s\u200c.،,:؛])")
_VALI_NAME = re.compile(r"[\s\u200c]+[^\s،,:؛.]+[\s\u200c]*[،,]")


def vali_not_but(u: str, end: int, opening: bool) -> bool:
    """Is the "ولی" ending at ``end`` not the conjunction "but"?  Inside a phrase it is a noun
    before فقیه/امر ("نماینده ولی فقیه در سپاه"); opening one, a first name before an
    apposition comma ("ولی تیموری، ...")."""
    return bool((_VALI_NAME if opening else _GUARDIAN).match(u, end))


def noun_phrase(u: str, a: int, b: int, names: Names | None = None) -> tuple[int, int] | None:
    """The noun phrase starting at ``a`` (at most 8 words), or ``None`` if a stop word or
    verb stands there.  A pronoun is one word.  A phrase that runs into the object
    ("سرلشکر سلامی روند توسعه ... را") is cut after the known name it starts with."""
    ws = words(u, a, b)[:10]
    if not ws:
        return None
    c0 = core(u, ws[0])
    if c0[1] <= c0[0]:
        return None
    k0 = match_key(u[c0[0]:c0[1]])
    if k0 in _PRONOUN_KEYS:
        return c0
    quoted = _QUOTED_NAME.match(u, a - 1 if a and u[a - 1] in "«\"" else a, b)
    if quoted:  # '"ریاض الاشقر"، پژوهشگر ...': a quoted name is whole
        return quoted.start(1), quoted.end(1)
    kept: list[tuple[int, int]] = []
    ended_by = None
    for w in ws:
        c = core(u, w)
        word = u[c[0]:c[1]]
        if c[1] <= c[0]:
            break
        glued = re.search(r"[«»\"]", word)
        if glued and kept:  # 'سعد عبود"در این باره': a quote glued to the next word ends the phrase
            if glued.start():
                kept.append((c[0], c[0] + glued.start()))
            break
        k = match_key(word)
        if len(kept) == 1 and match_key(u[kept[0][0]:kept[0][1]]) in ("این", "همین") and k in _DOC_KEYS:
            pass  # "این گزارش حاکی است": a statement, not "این"
        elif kept and k == "ولی" and vali_not_but(u, c[1], opening=False):
            pass  # "نماینده ولی فقیه در سپاه": "ولی" is a noun here, not "but"
        elif kept and k == "جمعه" and match_key(u[kept[-1][0]:kept[-1][1]]) in ("امام", "خطیب", "نماز"):
            pass  # "امام جمعه خرم‌آباد": a title, not Friday
        elif kept and (k in STOP or is_verb(word) or k in ("یا", "یعنی", "چه", "یکی") or _quantity_time(u, w, b)
                       or word.endswith(("اً", "ا\u064b"))  # an adverb with tanwin: "خامنه‌ای علناً"
                       or k in ("این", "آن") and re.match(r"\s*(?:\S+\s+){0,2}را(?=[\s\u200c]|$)", u[w[1]:w[1] + 40])):
            # ("... و رومانی | این حمله را محکوم کرده‌اند": a demonstrative opening the object)
            ended_by = k if k in STOP else "verb"
            if (ended_by == "verb" or is_verb(word)) and len(kept) >= 2 and _light_verb(word) and not (
                    names and names.prefix_len([match_key(u[x:y]) for x, y in kept]) == len(kept)):
                kept.pop()  # "وزرای کابینه انگلیس اجازه | دارند": the noun belongs to the verb
            break
        if not kept and (k in STOP and k not in ("این", "همین") and k not in _DOC_KEYS or is_verb(word)) \
                and not (k == "ولی" and vali_not_but(u, c[1], opening=True)):
            return None
        if kept and u[w[0]] in "«(\"" and not is_title(u[kept[0][0]:kept[-1][1]]) and not (
                len(kept) <= 2 and head_key(u[kept[0][0]:kept[-1][1]]) in OUTLET_HEADS) \
                and not all(match_key(u[x:y]) in _HONORIFIC_KEYS for x, y in kept):  # 'دکتر "گوستاو کوبریرو"'
            break  # a quoted word after a subject ("X «...»") is not part of it, but "سایت «X»" is
        kept.append(c)
        if u[w[1] - 1] in "،,:؛." or (w[1] < len(u) and u[w[1]] in "،,:؛"):
            ended_by = "punct"
            break
    else:
        ended_by = "long"
    while kept and match_key(u[kept[-1][0]:kept[-1][1]]) == "و":
        kept.pop()  # "رفتارها ناپخته و | ...": a conjunction never ends a name
    if not kept or ended_by == "را" and len(kept) == 1:
        return None  # "دشمن را نباید ...": an object, not a subject
    if len(kept) > 8:
        kept = kept[:8]
    span = (kept[0][0], kept[-1][1])
    if names:  # a known name that starts here is whole ("یک منبع در دولت انگلستان")
        longer = [y for x, y in names.spans if x == span[0] and span[1] < y <= b]
        if longer:
            return span[0], max(longer)
    if ended_by == "از" and len(kept) > 1 and head_key(u[kept[-1][0]:kept[-1][1]]) in QUANTIFIERS:
        m = re.match(r"[\s\u200c]*از[\s\u200c]+", u[span[1]:b])
        rest = noun_phrase(u, span[1] + m.end(), b, names) if m else None
        if rest:  # "مقام‌های پزشکی تعدادی از استان‌های ایران": the quantity belongs to the phrase
            return span[0], rest[1]
    if ended_by == "در":
        pp = _seat(u, span, b, names)
        if pp:
            return span[0], pp
    forced = ended_by in ("را", "verb", "long") or len(kept) >= 4
    span = cut_at_name(u, span, names, forced)
    if span == (kept[0][0], kept[-1][1]) and ended_by == "را" and len(kept) >= 2:
        # "منتقدان ترامپ او را": the word before "را" belongs to the object, and so does a
        # plural noun with its ezafe before it ("خامنه‌ای گروه‌های فلسطینی را")
        cut = next((i for i in range(2, len(kept) - 1) if re.search(r"ها[یي]$", u[kept[i][0]:kept[i][1]])),
                   len(kept) - 1)
        span = (kept[0][0], kept[cut - 1][1])
    return span


_SEATED = keys("نماینده", "نمایندگان", "سفیر", "سفارت", "کنسولگری", "دفتر", "منبع", "منابع", "فرماندهی", "نیروهای",
               "کاردار", "سرکنسول", "هیات", "هیئت")
_REGIONS = keys("خاورمیانه", "منطقه", "اروپا", "آسیا", "آفریقا", "خلیج فارس", "غزه", "کرانه باختری", "هنگ کنگ",
                "کردستان عراق", "اقلیم کردستان", "لندن", "واشنگتن", "نیویورک", "ژنو", "وین", "بروکسل", "تهران")


def _seat(u: str, span: tuple[int, int], b: int, names: Names | None) -> int | None:
    """Where a representative office or body's seat ends: "نماینده بریتانیا در سازمان ملل",
    "دفتر وزارت خارجه چین در هنگ کنگ", "فرماندهی مرکزی ارتش آمریکا در خاورمیانه", "یک منبع در
    دولت انگلستان"; None for an adverbial ("وزیر خارجه در مجلس گفت", "در نشست خبری")."""
    phrase = u[span[0]:span[1]]
    words_ = [match_key(w) for w in clean(phrase).split()]
    head = words_[1] if words_[:1] == ["یک"] and len(words_) > 1 else (words_[0] if words_ else "")
    if not (is_title(phrase) or is_org(phrase)):
        return None
    m = re.match(r"[\s\u200c]*در[\s\u200c]+", u[span[1]:b])
    if not m:
        return None
    pp = noun_phrase(u, span[1] + m.end(), b, names)
    if not pp or len(u[pp[0]:pp[1]].split()) > 4:
        return None
    place = u[pp[0]:pp[1]]
    toks = [match_key(w) for w in clean(place).split()]
    region = any("".join(toks[:k]) in _REGIONS for k in (1, 2)) or "".join(toks[:2]) in COUNTRIES
    if head in _SEATED and (region or is_org(place) and head_key(place) not in OUTLET_HEADS):
        return pp[1]
    return None


def cut_at_name(u: str, span: tuple[int, int], names: Names | None, forced: bool = True) -> tuple[int, int]:
    """End a phrase after the known name it starts with (after ranks) when the phrase ran
    into an object or a verb (``forced``) and what follows the name is not a title.  A
    country standing first is a complete name ("ایران نظامی بودن برنامه ... را")."""
    a, b = span
    start = strip_honorifics(u, a, b)
    ws = [core(u, w) for w in words(u, start, b)]
    toks = [match_key(u[x:y]) for x, y in ws]
    n = names.prefix_len(toks) if names else 0
    country = next((k for k in (3, 2, 1) if len(toks) > k and "".join(toks[:k]) in COUNTRIES), 0)
    if country >= n:  # "ایران | نقش‌داشتن در حمله ... را تکذیب کرد": a country is a whole name
        n, forced = country, forced or bool(country)
    if not n and len(ws) > 1 and start > a and match_key(u[a:start].split()[-1]) in ("آقای", "خانم"):
        n = 1  # "آقای بلینکن بهترین پاسخ ...": a surname follows the polite title
    if not n and is_org(u[start:b]) and head_key(u[start:b]) not in OUTLET_HEADS:  # "وزارت کشور ایران | ایجاد ... را"
        n = next((i + 1 for i, t in enumerate(toks[1:5], 1) if t in COUNTRIES), 0)
    if not n and len(ws) > 2 and toks[0] in FIRST_NAMES:
        # "محمود عباس | سند وفاق ملی ...", "محمد جواد ظریف | ...", "حبیب الله سیاری | ..."
        n = 3 if (toks[1] in FIRST_NAMES or toks[1] in ("الله", "اله", "الدین")) and len(ws) > 3 else 2
    if not n or n >= len(ws) or not forced:
        return span
    rest = u[ws[n][0]:b]
    if is_title(rest) or toks[n] in ("و",) or u[ws[n - 1][1]:ws[n][0]].strip(" \u200c") in ("،", ","):
        return span
    end = ws[n - 1][1]
    m = re.match(r"[»)]", u[end:b])
    return a, end + (m.end() if m else 0)


def coordinated(u: str, a: int, b: int, names: Names | None = None) -> list[tuple[int, int]]:
    """Conjuncts of a subject: ``بریتانیا، رومانی و لیبریا`` -> three spans; a title's own
    "و" ("نماینده رهبر انقلاب و دبیر شورا") and a known name ("صدا و سیما") are kept."""
    if is_title(u[a:b]) and not re.search(r"[،,]", u[a:b]):
        return [(a, b)]
    if names and names.prefix_len(tokens(u[a:b])) == len(tokens(u[a:b])):
        return [(a, b)]
    parts, pos = [], a
    for m in re.finditer(r"[\s\u200c]*[،,][\s\u200c]*(?:و[\s\u200c]+)?|[\s\u200c]+و[\s\u200c]+", u[a:b]):
        parts.append((pos, a + m.start()))
        pos = a + m.end()
    parts.append((pos, b))
    parts = [(x, y) for x, y in parts if y > x]
    if len(parts) > 1 and is_org(u[parts[0][0]:parts[0][1]]) and not is_plural(u[parts[0][0]:parts[0][1]]) \
            and not re.search(r"[،,]", u[a:b]) and not any(
            is_org(u[x:y]) or is_title(u[x:y]) or names and names.prefix_len(tokens(u[x:y])) for x, y in parts[1:]):
        return [(a, b)]  # a body's own "و": "سازمان راهداری و حمل و نقل جاده‌ای"
    if len(parts) > 1 and all(len(u[x:y].split()) <= 5 for x, y in parts):
        return parts
    return [(a, b)]


def extend_coordination(u: str, span: tuple[int, int], b: int, names: Names | None = None) -> tuple[int, int]:
    """A subject cut at a comma may be the first of a list: ``بریتانیا، رومانی، اسرائیل، و
    ایالات متحده`` / ``نمایندگان ایران، روسیه و اتحادیه اروپا``.  Extends the span over the
    list when it has a "و" conjunct; an apposition ("X، سخنگوی ...") is not a list."""
    a, e = span
    pos, has_and = e, False
    for _ in range(6):
        m = re.match(r"[\s\u200c]*([،,])?[\s\u200c]*(و[\s\u200c]+)?", u[pos:b])
        if not m or not (m.group(1) or m.group(2)):
            break
        nxt = noun_phrase(u, pos + m.end(), b, names)
        if not nxt or is_title(u[nxt[0]:nxt[1]]) or is_pronoun(u[nxt[0]:nxt[1]]):
            break
        parts = coordinated(u, *nxt, names)
        if any(len(u[x:y].split()) > 5 for x, y in parts):
            break
        has_and = has_and or bool(m.group(2)) or len(parts) > 1
        pos = nxt[1]
        if has_and:
            break
    return (a, pos) if has_and else span
