"""Who said it: resolve each claim's actor to the fullest name in the article.

Rules where rules are exact, learning where it helps:

1. every sentence gets a *speaker*: the subject of its reporting frame (``وی افزود؛``,
   ``X تاکید کرد:``, a headline ``X :``), else a sentence-initial subject of an
   evaluative sentence, else ``به گفته X``, else the speaker of the sentence before
   (continuations, ``او همچنین ...``);
2. the subject is resolved: a pronoun (``وی``) or anaphor (``این مقام``) to the
   previous speaker, a title to the person it stands beside somewhere in the article
   (``علی شمخانی ... دبیر شورای عالی امنیت ملی``), a surname to the fullest name that
   contains it; coordinated subjects (``بریتانیا، رومانی و لیبریا``) give one actor each.

Names come from three places: the tagger's actor-mention spans (learned), actor names
seen in the training labels (learned, a gazetteer saved with the model) and apposition
("NAME TITLE", rules).  ``Resolution.chain`` records each step for ``predict --explain``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .normalize import match_key, unify

PRONOUNS = ("وی", "او", "ایشان", "نامبرده")
ANAPHORS = ("این", "همین")  # "این مقام مسئول", "این نماینده مجلس" refer back
TITLE_HEADS = ("نماینده", "دبیرکل", "دبیر", "رئیس", "رییس", "وزیر", "سخنگوی", "سخنگو", "مشاور", "معاون",
               "فرمانده", "عضو", "سفیر", "نخست وزیر", "نخست‌وزیر", "رئیس‌جمهور", "رهبر", "مدیرکل", "مدیر",
               "استاندار", "فرماندار", "امام جمعه", "دادستان", "نایب رئیس", "کارشناس", "تحلیلگر", "مقام", "مقامات",
               "دیپلمات", "مسئول", "مسئولان", "سرپرست", "قائم مقام", "جانشین", "دستیار", "سخنگویان", "نمایندگان", "وزیران", "وزرای", "اعضای")
# Honorifics and ranks precede a name ("امیر دریادار حبیب الله سیاری", "آقای تخت روانچی").
HONORIFICS = ("امیر", "دریادار", "سردار", "سرلشکر", "سرتیپ", "سرهنگ", "ارتشبد", "سپهبد", "آیت‌الله", "آیت الله",
              "حجت‌الاسلام", "حجت الاسلام", "حجت‌الاسلام‌والمسلمین", "دکتر", "مهندس", "آقای", "خانم", "شیخ", "سید",
              "سناتور", "ژنرال", "شاهزاده", "ملکه", "پادشاه", "حضرت")
# Words that end a subject noun phrase: prepositions, adverbs, and reporting verbs' first words.
_STOP = {match_key(w) for w in (
    "در", "با", "ضمن", "نیز", "همچنین", "هم", "به", "از", "طی", "روز", "امروز", "صبح", "عصر", "شامگاه", "بامداد",
    "دیروز", "که", "پس", "برای", "بر", "درباره", "پیرامون", "را", "هرگونه", "هر", "تا", "اما", "ولی", "نه",
    "گفت", "گفته", "افزود", "افزوده", "اضافه", "تاکید", "تأکید", "خاطرنشان", "خاطر", "اظهار", "اعلام", "ادامه",
    "یادآور", "یادآوری", "بیان", "عنوان", "تصریح", "نوشت", "مدعی", "هشدار", "توضیح", "ابراز", "معتقد",
    "خواستار", "تشریح", "اشاره", "انتقاد", "محکوم", "قدردانی", "تشکر", "تبریک", "حمایت", "رد", "پاسخ",
    "می", "نمی", "است", "بود", "شد", "کرد", "کردند", "دارد", "باید", "هیچ", "همواره", "بارها", "اخیرا", "روز",
    "شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "سه شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه", "پیشتر", "قبلا",
    "سپس", "اکنون", "هفته", "دیشب", "شب", "ظهر", "دستکم", "بلافاصله", "بعد", "قبل", "پیش", "اینکه", "چرا")}
_REPORTING = re.compile(r"(گفت|افزود|اضافه کرد|تاکید|تأکید|خاطرنشان|اظهار|اعلام|ادامه داد|یادآور|بیان|تصریح|"
                        r"عنوان کرد|نوشت|معتقد|انتقاد|محکوم|قدردانی|تشکر|تبریک|حمایت|هشدار|خواستار|مخالفت|"
                        r"استقبال|ابراز|متهم|رد کرد|تکذیب|مدعی)")
_SOURCE_PREFIX = re.compile(r"[\s\u200c]*(?:به گزارش|به نقل از|بنا بر گزارش|براساس گزارش|بر اساس گزارش)[^،,:]{0,60}[،,][\s\u200c]*")
_DATELINE = re.compile(r"\s*(?:\*+\s*|[^\s\-–:،]+(?:\s[^\s\-–:،]+)?\s*[-–]\s*|[^\s:]*نیوز\s*:\s*)")
_ACCORDING = re.compile(r"(?:به گفته|از نظر|به اعتقاد|به عقیده|به باور|از دید)\s+")
_PUNCT = "«»\"'()[]*:؛،,.!?؟-–— \u200c\u200f\u200e\n\t"


def clean(s: str) -> str:
    return " ".join(s.strip(_PUNCT).split())


def _tokens(s: str) -> list[str]:
    return [k for k in (match_key(t.strip(_PUNCT)) for t in re.split(r"[\s\u200c]+", s)) if k]


def is_pronoun(s: str) -> bool:
    return match_key(clean(s)) in {match_key(p) for p in PRONOUNS}


def is_anaphor(s: str) -> bool:
    words = unify(clean(s)).split()
    return len(words) >= 2 and words[0] in ANAPHORS


def is_title(s: str) -> bool:
    u = unify(clean(s))
    return any(u == h or u.startswith(h + " ") or u.startswith(h + "\u200c") for h in TITLE_HEADS)


@dataclass
class Resolution:
    actor: str
    aliases: list[str]
    mention: tuple[int, int] | None  # raw span the claim was attributed from
    chain: list[str] = field(default_factory=list)
    refers_back: bool = False  # a pronoun/anaphor: stands for every current speaker


def subject_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase opening ``text[start:end]``: datelines and ``به گزارش X،`` skipped,
    cut at the first preposition, adverb or reporting verb (at most 8 words)."""
    u = unify(text)
    a = start
    for _ in range(3):
        m = _SOURCE_PREFIX.match(u, a, end) or _DATELINE.match(u, a, end)
        if not m or m.end() == a or m.end() - a > 40:
            break
        a = m.end()
    kept = []
    for w in list(re.finditer(r"[^\s]+", u[a:end]))[:9]:
        word = w.group()
        core = word.strip(_PUNCT)
        if not core or match_key(core) in _STOP or (kept and word[0] in "«("):
            break
        kept.append(w)
        if word[-1] in "،,:؛.":
            break
    if not kept or len(kept) > 8:
        return None
    b0, b1 = a + kept[0].start(), a + kept[-1].end()
    while b1 > b0 and text[b1 - 1] in _PUNCT:
        b1 -= 1
    while b0 < b1 and text[b0] in _PUNCT:
        b0 += 1
    return (b0, b1) if b1 > b0 else None


def split_coordination(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``بریتانیا، رومانی و لیبریا`` -> three spans; a title's internal "و" is kept."""
    if is_title(text[a:b]):
        return [(a, b)]
    parts, pos = [], a
    for m in re.finditer(r"\s*[،,]\s*|\s+و\s+", text[a:b]):
        parts.append((pos, a + m.start()))
        pos = a + m.end()
    parts.append((pos, b))
    parts = [(x, y) for x, y in parts if y > x]
    return parts if all(len(_tokens(text[x:y])) <= 4 for x, y in parts) else [(a, b)]


def strip_honorifics(text: str, a: int, b: int) -> int:
    """Start of the name after leading ranks/honorifics (``امیر دریادار حبیب الله سیاری``)."""
    u = unify(text)
    moved = True
    while moved:
        moved = False
        for h in sorted(HONORIFICS, key=len, reverse=True):
            if u.startswith(h, a) and a + len(h) < b and u[a + len(h)] in " \u200c":
                rest = a + len(h) + 1
                if len(_tokens(text[rest:b])) >= 1:
                    a, moved = rest, True
                    break
    return a


def name_part(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The name in a subject "NAME TITLE ..." (words before the first title head)."""
    s = text[a:b]
    if is_pronoun(s) or is_title(s) or is_anaphor(s):
        return None
    a = strip_honorifics(text, a, b)
    s = text[a:b]
    u = unify(s)
    m = re.search(r"\s(?=(?:%s)(?:[\s\u200c]|$))" % "|".join(TITLE_HEADS), u)
    return (a, a + len(u[:m.start()].rstrip())) if m else (a, b)


def appositive_names(text: str) -> list[tuple[int, int]]:
    """Two or three words right before a title, after a boundary or preposition
    ("با علی شمخانی نماینده رهبر ..." -> "علی شمخانی")."""
    u = unify(text).replace("«", " ").replace("»", " ")
    heads = "|".join(sorted(TITLE_HEADS, key=len, reverse=True))
    found = []
    for m in re.finditer(r"(?:^|(?<=[\s،,.:؛]))((?:[^\s،,.:؛()\d]+ ){2,3})(?=(?:%s)[\s\u200c])" % heads, u):
        words = m.group(1).split()
        keep = []
        for w in reversed(words):
            if match_key(w) in _STOP or is_title(w) or w in ANAPHORS or len(w) < 2:
                break
            keep.insert(0, w)
        if len(keep) < 2 or any(w.endswith(("ترین", "مین")) for w in keep):
            continue
        a = m.start(1) + m.group(1).rfind(" ".join(keep))
        prev = u[:a].split()[-1] if u[:a].split() else ""
        if u[:a].rstrip() and u[:a].rstrip()[-1] not in "،,.:؛\n" and match_key(prev) not in _STOP:
            continue
        found.append((a, a + len(" ".join(keep))))
    return found


class ActorResolver:
    """Per-article names and title appositions: the alias chains."""

    def __init__(self, text: str, names: list[tuple[int, int]], known: set[str] = frozenset()):
        self.text, self.known = text, known
        u = unify(text)
        self.names: list[str] = []
        for a, b in sorted(names):
            s = clean(text[a:b])
            if (s and not (is_pronoun(s) or is_title(s) or is_anaphor(s)) and s not in self.names
                    and not any(q in s for q in "«»\"()")):
                self.names.append(s)
        heads = "|".join(TITLE_HEADS)
        self.titles: list[tuple[str, str]] = []  # (title key, canonical name)
        for a, b in names:
            if is_title(text[a:b]) or is_pronoun(text[a:b]):
                continue
            name = self.canonical(text[a:b])
            m = re.match(r"\s*[،,(]?\s*((?:%s)[^،,.:؛()\n]{0,80})" % heads, u[b:b + 120])
            if m:  # NAME TITLE (و TITLE)
                for part in re.split(r"\s+و\s+(?=(?:%s))" % heads, m.group(1)):
                    self.titles.append((match_key(" ".join(part.split()[:4])), name))
            m = re.search(r"((?:%s)[^،,.:؛\n]{0,80}?)\s*$" % heads, u[max(0, a - 120):a])
            if m and not any(match_key(w) in _STOP for w in m.group(1).split()):  # TITLE NAME
                self.titles.append((match_key(" ".join(m.group(1).split()[:4])), name))

    def canonical(self, mention: str) -> str:
        """The fullest name in the article that extends ``mention`` ("شمخانی" -> "علی شمخانی");
        a name known as a standalone actor ("ایران") is kept as it is."""
        mention = clean(mention)
        toks = _tokens(mention)
        if not toks or match_key(mention) in self.known:
            return mention
        best = mention
        for name in self.names:
            nt = _tokens(name)
            if len(nt) > len(_tokens(best)) and len(nt) <= 5 and (nt[-len(toks):] == toks or nt[:len(toks)] == toks):
                best = name
        return best

    def aliases(self, canonical: str) -> list[str]:
        ct = set(_tokens(canonical))
        return [n for n in self.names if n != canonical and set(_tokens(n)) <= ct]

    def title_owner(self, title: str) -> str | None:
        key = match_key(clean(title))
        best, best_len = None, 0
        for tkey, name in self.titles:
            n = 0
            while n < min(len(key), len(tkey)) and key[n] == tkey[n]:
                n += 1
            # the shared part must cover the head and more ("دبیر شورای ..."), not just "دبیر"
            if n >= min(len(tkey), len(key), 10) and n > best_len:
                best, best_len = name, n
        return best

    def resolve(self, a: int, b: int, previous: Resolution | None, why: str) -> Resolution | None:
        mention = clean(self.text[a:b])
        if not mention:
            return None
        if is_pronoun(mention) or is_anaphor(mention) and not self.title_owner(mention.split(" ", 1)[1]):
            if previous is None:
                return None
            return Resolution(previous.actor, previous.aliases, (a, b),
                              [f"{why} {mention!r} refers back -> {previous.actor!r}"], refers_back=True)
        if is_anaphor(mention) or is_title(mention):
            title = mention.split(" ", 1)[1] if is_anaphor(mention) else mention
            owner = self.title_owner(title)
            if owner:
                return Resolution(owner, self.aliases(owner), (a, b), [f"{why} title {mention!r} -> apposition {owner!r}"])
            part = name_part(self.text, a, b)
            if previous is not None and not part:
                return Resolution(previous.actor, previous.aliases, (a, b),
                                  [f"{why} title {mention!r} -> previous speaker {previous.actor!r}"])
            return Resolution(mention, [], (a, b), [f"{why} unnamed description {mention!r}"])
        part = name_part(self.text, a, b) or (a, b)
        name = self.canonical(self.text[part[0]:part[1]])
        if name == clean(self.text[part[0]:part[1]]) and part[0] > a and len(_tokens(name)) == 1:
            part = (a, part[1])  # "سرلشکر صفوی": a bare surname keeps its rank
            name = clean(self.text[a:part[1]])
        return Resolution(name, self.aliases(name), part, [f"{why} {clean(self.text[part[0]:part[1]])!r} -> {name!r}"])


def known_mentions(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Occurrences (whole words) of gazetteer actor names in the article."""
    from .normalize import _keyed

    hay, idx = _keyed(text, 0, len(text))
    found = []
    for key in known:
        pos = hay.find(key)
        while pos != -1:
            a, b = idx[pos], idx[pos + len(key) - 1] + 1
            if (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum()):
                found.append((a, b))
            pos = hay.find(key, pos + len(key))
    return found


def attribute(text: str, sentences, mentions: list[list[tuple[int, int]]], known: set[str] = frozenset()):
    """Per sentence, a function ``resolve(target_start) -> list[Resolution]`` (several for
    coordinated speakers, empty when no speaker is found), and the ``ActorResolver``."""
    names = [m for ms in mentions for m in ms]
    extra = appositive_names(text) + known_mentions(text, known)
    names += [s for s in extra if not any(a < s[1] and s[0] < b for a, b in names)]
    u = unify(text)

    def starts_with_name(a: int, b: int) -> bool:
        return any(x <= a + 1 and a < y <= b + 1 for x, y in names)

    subjects: list[tuple[int, int] | None] = []
    for s in sentences:
        span = subject_span(text, s.frame.start, s.frame.end) if s.frame else None
        if span is None and s.frame is None and _REPORTING.search(u, s.start, s.end):
            span = subject_span(text, s.start, s.end)
            if span and not (is_pronoun(text[span[0]:span[1]]) or is_anaphor(text[span[0]:span[1]])
                             or is_title(text[span[0]:span[1]]) or starts_with_name(*span)):
                span = None  # an ordinary sentence opening, not a speaker
        subjects.append(span)
        for part in split_coordination(text, *span) if span else []:
            np_ = name_part(text, *part)
            if np_ and not any(a <= np_[0] and np_[1] <= b for a, b in names):
                names.append(np_)
    resolver = ActorResolver(text, names, known)

    speakers: list[list[Resolution]] = []
    current: list[Resolution] = []
    for s, subj in zip(sentences, subjects):
        found = []
        for part in split_coordination(text, *subj) if subj else []:
            m = re.match(r"[\s\u200c]*[،,][\s\u200c]*([^،,:؛.\n]{3,40}?)[\s\u200c]*[،,]", text[part[1]:part[1] + 60])
            if is_title(text[part[0]:part[1]]) and m and len(_tokens(m.group(1))) <= 4:
                part = (part[1] + m.start(1), part[1] + m.end(1))  # "TITLE، NAME، ..."
            r = resolver.resolve(*part, current[0] if current else None, "subject")
            if r is not None and r.refers_back:
                found += [Resolution(c.actor, c.aliases, r.mention, r.chain[:1] + [f"-> {c.actor!r}"]) for c in current]
            elif r is not None:
                found.append(r)
        if not found and current:
            found = [Resolution(r.actor, r.aliases, r.mention, [f"no speaker in sentence {s.index}: continues {r.actor!r}"])
                     for r in current]
        current = found or current
        speakers.append(found)
    counts = Counter(r.actor for sp in speakers for r in sp)
    fallback = []
    if counts:
        top = counts.most_common(1)[0][0]
        fallback = [Resolution(top, resolver.aliases(top), None, [f"no speaker found: the article's main speaker {top!r}"])]

    def for_sentence(i: int):
        s = sentences[i]

        def resolve(target_start: int) -> list[Resolution]:
            if s.frame is None or s.frame.end <= target_start:
                # "به گفته X، ..." before the claim names its holder.
                for m in _ACCORDING.finditer(u, s.start, target_start):
                    span = subject_span(text, m.end(), target_start)
                    if span:
                        r = resolver.resolve(*span, speakers[i - 1][0] if i and speakers[i - 1] else None, "according to")
                        if r:
                            return [r]
            return speakers[i] or fallback
        return resolve

    return [for_sentence(i) for i in range(len(sentences))], resolver
