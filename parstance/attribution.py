"""Who said it: resolve each claim's actor to the fullest name in the article.

Rules where rules are exact (reporting frames, pronouns, apposition of a name and a
title), learning where it helps (the tagger's actor-mention spans find names):

1. every sentence gets a *speaker mention*: the subject of its reporting frame
   (``وی افزود؛``, ``X تاکید کرد:``, a headline ``X :``), else an actor mention the
   tagger found before the claim, else the speaker carried over from the sentence
   before (continuations, ``او همچنین ...``);
2. each mention is resolved: a pronoun to the previous speaker, a title to the
   person it stands beside somewhere in the article (``علی شمخانی ... دبیر شورای عالی
   امنیت ملی``), a surname to the fullest name containing it.

``Resolution.chain`` records each step so ``predict --explain`` can show why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import match_key, unify

PRONOUNS = ("وی", "او", "ایشان", "نامبرده", "این مقام", "این مقام مسئول", "این مسئول", "این مقام آمریکایی")
TITLE_HEADS = ("نماینده", "دبیر", "دبیرکل", "رئیس", "رییس", "وزیر", "سخنگوی", "سخنگو", "مشاور", "معاون",
               "فرمانده", "عضو", "سفیر", "نخست وزیر", "نخست‌وزیر", "رئیس‌جمهور", "رئیس جمهور", "رهبر",
               "مدیرکل", "مدیر", "استاندار", "فرماندار", "امام جمعه", "دادستان", "نایب رئیس", "کارشناس",
               "تحلیلگر", "مقام", "دیپلمات", "مسئول", "عضو")
_SOURCE_PREFIX = re.compile(r"\s*(به گزارش|به نقل از|بنا بر گزارش|براساس گزارش|بر اساس گزارش)[^،,:]{0,60}[،,]\s*")
_REPORT_TAIL = re.compile(r"\s*(در (این|آن) (دیدار|نشست|ملاقات|گفت[\s\u200c]*و[\s\u200c]*گو|مراسم)[^:؛]*)?"
                          r"\s*(نیز|همچنین|هم)?\s*(با|ضمن|در)?\s*[^:؛]*?(گفت|افزود|اضافه کرد|تاکید کرد|خاطرنشان کرد|"
                          r"اظهار داشت|اعلام کرد|ادامه داد|یادآور شد|بیان کرد|تصریح کرد|عنوان کرد|نوشت)[^:؛]*[:؛]\s*$")
_WORD = re.compile(r"[^\s\u200c،,:؛.«»()\"]+")


def _tokens(s: str) -> list[str]:
    return [match_key(t) for t in _WORD.findall(s) if match_key(t)]


def is_pronoun(s: str) -> bool:
    key = match_key(s)
    return any(key == match_key(p) for p in PRONOUNS)


def is_title(s: str) -> bool:
    u = unify(s).strip()
    return any(u.startswith(h) for h in TITLE_HEADS)


@dataclass
class Resolution:
    actor: str
    aliases: list[str]
    mention: tuple[int, int] | None  # raw span of the mention the claim was attributed from
    chain: list[str] = field(default_factory=list)


_APPOS_STOP = {match_key(w) for w in ("با", "به", "از", "که", "روز", "عصر", "صبح", "امروز", "دیروز", "شامگاه",
                                        "دیدار", "گفت", "افزود", "ضمن", "نیز", "همچنین")}


def name_part(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The name in a subject "NAME TITLE ..." (words before the first title head);
    ``None`` when the subject is a pronoun or starts with a title."""
    s = text[a:b]
    if is_pronoun(s) or is_title(s):
        return None
    u = unify(s)
    for m in re.finditer(r"\s(?=(?:%s)(?:\s|$))" % "|".join(TITLE_HEADS), u):
        return a, a + len(u[:m.start()].rstrip())
    return a, b


class ActorResolver:
    """Per-article alias chains built from name mentions and title appositions."""

    def __init__(self, text: str, names: list[tuple[int, int]]):
        self.text = text
        u = unify(text)
        self.names: list[str] = []
        for a, b in sorted(names):
            s = text[a:b].strip()
            if s and not is_pronoun(s) and not is_title(s) and s not in self.names:
                self.names.append(s)
        # Apposition: a title right after (or right before) a name mention binds to it.
        self.titles: list[tuple[str, str]] = []  # (title key prefix, canonical name)
        for a, b in names:
            name = self.canonical(text[a:b])
            after = u[b:b + 120]
            m = re.match(r"\s*[،,]?\s*((?:%s)[^،,.:؛\n]{0,80})" % "|".join(TITLE_HEADS), after)
            if m:
                for part in re.split(r"\s+و\s+(?=(?:%s))" % "|".join(TITLE_HEADS), m.group(1)):
                    self.titles.append((match_key(" ".join(part.split()[:4])), name))
            before = u[max(0, a - 120):a]
            m = re.search(r"((?:%s)[^،,.:؛\n]{0,80}?)\s*$" % "|".join(TITLE_HEADS), before)
            # "TITLE NAME" only when nothing but the title stands between (no "با", "روز", ...).
            if m and not any(match_key(w) in _APPOS_STOP for w in m.group(1).split()):
                self.titles.append((match_key(" ".join(m.group(1).split()[:4])), name))

    def canonical(self, mention: str) -> str:
        """The fullest name in the article containing every token of ``mention``."""
        toks = set(_tokens(mention))
        best = mention.strip()
        for name in self.names:
            ntoks = _tokens(name)
            if toks and toks <= set(ntoks) and len(ntoks) > len(_tokens(best)):
                best = name
        return best

    def aliases(self, canonical: str) -> list[str]:
        ctoks = set(_tokens(canonical))
        return [n for n in self.names if n != canonical and set(_tokens(n)) <= ctoks]

    def title_owner(self, title: str) -> str | None:
        key = match_key(title)
        best, best_len = None, 0
        for tkey, name in self.titles:
            # The shared prefix must cover the title's head and at least one more word.
            n = 0
            while n < min(len(key), len(tkey)) and key[n] == tkey[n]:
                n += 1
            if n >= min(len(tkey), 8) and n > best_len:
                best, best_len = name, n
        return best


_CUT_WORDS = {match_key(w) for w in ("در", "با", "ضمن", "نیز", "همچنین", "هم", "به", "از", "طی", "روز", "امروز",
                                      "صبح", "عصر", "شامگاه", "دیروز", "که", "پس", "برای", "بر", "درباره", "پیرامون")}
_REPORTING = re.compile(r"(گفت|افزود|اضافه کرد|تاکید کرد|تأکید کرد|خاطرنشان|اظهار داشت|اظهار کرد|اعلام کرد|ادامه داد|"
                        r"یادآور شد|بیان کرد|تصریح کرد|عنوان کرد|نوشت|معتقد|انتقاد|محکوم|قدردانی|تشکر|تبریک|"
                        r"حمایت|هشدار|خواستار|مخالفت|استقبال|ابراز|متهم|رد کرد)")


def subject_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that opens ``text[start:end]`` (a reporting clause's subject):
    the source prefix (``به گزارش ایرنا،``) skipped, cut before the first preposition,
    adverb or reporting verb, at most 12 words."""
    u = unify(text)
    m = _SOURCE_PREFIX.match(u, start, end)
    a = m.end() if m else start
    words = list(re.finditer(r"[^\s،,:؛]+", u[a:end]))
    kept = []
    for w in words[:12]:
        if kept and (match_key(w.group()) in _CUT_WORDS or _REPORTING.match(w.group())):
            break
        if not kept and (match_key(w.group()) in _CUT_WORDS or _REPORTING.match(w.group())):
            return None
        kept.append(w)
        if u[a + w.end():a + w.end() + 1] in "،,:؛":
            break
    if not kept:
        return None
    return a + kept[0].start(), a + kept[-1].end()


_NOT_NAME = _CUT_WORDS | {match_key(w) for w in ("و", "این", "آن", "یک", "هر", "دو", "سه", "کشور", "کشورمان",
                                                  "دولت", "ملت", "مردم", "ما", "آنها", "خود", "را", "تا", "اما", "عنوان",
                                                  "ریاست", "سوی", "نفر", "دلیل", "ظاهر", "جمهوری", "ترتیب", "دعوت", "سمت",
                                                  "بیانات", "سخنان", "جایگاه", "اینکه", "دست", "حضور", "نظر", "گفته")}


def appositive_names(text: str) -> list[tuple[int, int]]:
    """Names found by apposition: one to three words right before a title
    ("با علی شمخانی نماینده رهبر ..." -> "علی شمخانی"), after a boundary."""
    u = unify(text).replace("«", " ").replace("»", " ")
    heads = "|".join(sorted(TITLE_HEADS, key=len, reverse=True))
    found = []
    for m in re.finditer(r"(?:^|(?<=[\s،,.:؛\n]))((?:[^\s،,.:؛«»()\d]+ ){1,3})(?=(?:%s)\s)" % heads, u):
        words = m.group(1).split()
        # keep the trailing words that are plausible name words
        keep = []
        for w in reversed(words):
            if match_key(w) in _NOT_NAME or is_title(w) or _REPORTING.match(w) or len(w) < 2:
                break
            keep.insert(0, w)
        # A bare word before a title is usually a noun ("دیدار", "عنوان"); a first
        # naming in news is first name + surname, so ask for two words at least.
        if len(keep) < 2 or any(w.endswith(("ترین", "مین", "-")) for w in keep):
            continue
        a = m.start(1) + m.group(1).rfind(" ".join(keep))
        b = a + len(" ".join(keep))
        # the word before the name must be a boundary or a preposition-like cut word
        prev = u[:a].split()[-1] if u[:a].split() else ""
        if u[:a].rstrip() and u[:a].rstrip()[-1] not in "،,.:؛\n" and match_key(prev) not in _CUT_WORDS:
            continue
        found.append((a, b))
    return found


def attribute(text: str, sentences, mentions: list[list[tuple[int, int]]]):
    """For every sentence, a function ``resolve(target_start) -> Resolution | None``.

    ``mentions[i]`` are the actor-mention spans the tagger found in sentence ``i``.
    Returns the per-sentence resolver list and the ``ActorResolver`` (for --explain).
    """
    all_names = [m for ms in mentions for m in ms]
    for span in appositive_names(text):
        if not any(a < span[1] and span[0] < b for a, b in all_names):
            all_names.append(span)
    # The subject of each sentence's reporting frame; for a frameless sentence with a
    # reporting or evaluative verb, its opening phrase when that names someone.
    subjects = []
    for s in sentences:
        span = subject_span(text, s.frame.start, s.frame.end) if s.frame else None
        if span is None and s.frame is None and _REPORTING.search(unify(s.text)):
            span = subject_span(text, s.start, s.end)
            if span and not (is_pronoun(text[span[0]:span[1]]) or is_title(text[span[0]:span[1]])
                             or any(a < span[1] and span[0] < b for a, b in all_names)):
                span = None  # an ordinary sentence opening, not a speaker
        subjects.append(span)
    # Subjects of reporting clauses name people even where the tagger found none.
    for span in subjects:
        part = name_part(text, *span) if span else None
        if part and not any(a <= part[0] and part[1] <= b for a, b in all_names):
            all_names.append(part)
    resolver = ActorResolver(text, all_names)

    def resolve_mention(a: int, b: int, previous: Resolution | None, why: str) -> Resolution | None:
        mention = text[a:b]
        inner = [m for m in all_names if a <= m[0] and m[1] <= b and not (m[0] == a and m[1] == b)
                 or (m[0], m[1]) == (a, b) and not is_title(mention) and not is_pronoun(mention)]
        if inner:  # a name inside the subject ("فالح فیاض مشاور امنیت ملی ...")
            ma, mb = inner[0]
            name = resolver.canonical(text[ma:mb])
            return Resolution(name, resolver.aliases(name), (ma, mb), [f"{why} {text[ma:mb]!r} -> {name!r}"])
        if is_pronoun(mention) or is_pronoun(mention.split()[0]) and len(mention.split()) == 1:
            if previous is None:
                return None
            return Resolution(previous.actor, previous.aliases, (a, b),
                              [f"{why} pronoun {mention!r} -> previous speaker {previous.actor!r}"])
        if is_title(mention):
            owner = resolver.title_owner(mention)
            if owner:
                return Resolution(owner, resolver.aliases(owner), (a, b),
                                  [f"{why} title {mention!r} -> apposition with {owner!r}"])
            if previous is not None:
                return Resolution(previous.actor, previous.aliases, (a, b),
                                  [f"{why} title {mention!r} -> previous speaker {previous.actor!r}"])
            return Resolution(mention.strip(), [], (a, b), [f"{why} unnamed description {mention!r}"])
        name = resolver.canonical(mention)
        return Resolution(name, resolver.aliases(name), (a, b), [f"{why} {mention!r} -> {name!r}"])

    speakers: list[Resolution | None] = []
    current: Resolution | None = None
    for s, subj in zip(sentences, subjects):
        res = resolve_mention(*subj, current, "subject") if subj else None
        if res is None and current is not None:
            res = Resolution(current.actor, current.aliases, current.mention,
                             [f"no speaker in sentence {s.index}: continues {current.actor!r}"])
        if res is not None:
            current = res
        speakers.append(res)

    fallback = None
    if all_names:
        first = resolver.canonical(text[all_names[0][0]:all_names[0][1]])
        fallback = Resolution(first, resolver.aliases(first), all_names[0], [f"no speaker found: first name {first!r}"])

    def for_sentence(i: int):
        s = sentences[i]

        def resolve(target_start: int) -> Resolution | None:
            # A name the tagger found before the claim, outside a frame, speaks for it ("به گفته X، ...").
            if s.frame is None and subjects[i] is None:
                before = [m for m in mentions[i] if m[1] <= target_start]
                if before:
                    a, b = before[-1]
                    return resolve_mention(a, b, speakers[i - 1] if i else None, "mention before claim")
            return speakers[i] or fallback
        return resolve

    return [for_sentence(i) for i in range(len(sentences))], resolver
