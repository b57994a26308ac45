"""The names of one article and the titles that stand for them.

A subject is resolved to the *fullest name form in the article* (ANNOTATION.md): a
surname to the full name that ends with it ("شمخانی" -> "علی شمخانی"), a title to the
person it stands beside somewhere in the article ("علی شمخانی نماینده رهبر انقلاب و دبیر
شورای عالی امنیت ملی" makes "دبیر شورای عالی امنیت ملی" -> "علی شمخانی").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import _keyed, match_key, unify
from .lexicon import (AGENCIES, COUNTRIES, DOCUMENTS, FIRST_NAMES, HONORIFICS, KEPT_HONORIFICS, OUTLET_HEADS,
                      NUMBERS, PUNCT, QUANTIFIERS, STOP, THINGS, TITLE_HEADS, keys)
from .phrases import (clean, head_key, is_anaphor, is_org, is_plural, is_pronoun, is_title, strip_honorifics, tokens,
                      vali_not_but, words)

# Words a title may carry or drop without naming another office.
_FILLER = keys("امور", "کشورمان", "کشور", "جمهوری", "اسلامی", "ایران", "کنونی", "فعلی", "جدید", "معظم", "محترم",
               "عالی", "کل")
_FORMER = keys("سابق", "پیشین", "وقت", "اسبق")
_HEADS = "|".join(sorted(TITLE_HEADS, key=len, reverse=True))
_HONORIFIC_KEYS = keys(*HONORIFICS, "امیر")
_DOC_KEYS = keys(*DOCUMENTS)
_HEAD_STARTS = keys("قائم", "نخست", "نایب", "نائب", "امام", "رئیس", "رییس", "دبیر", "معاون")
_POLITE = keys("آقای", "خانم", "جناب", "سرکار", "دکتر", "مهندس")


@dataclass
class Resolution:
    actor: str
    aliases: list[str]
    mention: tuple[int, int] | None  # raw span the claim was attributed from
    chain: list[str] = field(default_factory=list)
    refers_back: bool = False  # a pronoun/anaphor: stands for every current speaker
    described: bool = False  # the actor is an unnamed description ("سخنگوی وزارت خارجه")
    org: bool = False  # an institution, outlet or group, not one person ("وی" never refers to it)


# One country, several names: titles that differ only here are the same office.
_SAME_PLACE = [(re.compile(r"ایالات[\s\u200c]*متحده(?:[\s\u200c]*آمریکا)?|امریکا"), "آمریکا"),
               (re.compile(r"انگلیس|انگلستان|بریتانیای کبیر"), "بریتانیا"),
               (re.compile(r"رژیم صهیونیستی|رژیم اسرائیل"), "اسرائیل"),
               (re.compile(r"پنتاگون"), "وزارت دفاع آمریکا")]


def title_key(title: str) -> str:
    """A title with each country written one way ("ایالات متحده" -> "آمریکا")."""
    t = unify(title)
    for pat, rep in _SAME_PLACE:
        t = pat.sub(rep, t)
    return t


# Country names that are not capitals or groups: "سفیر اسرائیل", not "استاد دانشگاه تهران".
_STATES = keys("ایران", "آمریکا", "روسیه", "چین", "اسرائیل", "بریتانیا", "فرانسه", "آلمان", "ترکیه", "عراق", "سوریه",
               "عربستان", "مصر", "اردن", "لبنان", "قطر", "کویت", "امارات", "بحرین", "عمان", "یمن", "پاکستان",
               "افغانستان", "هند", "ژاپن", "ایتالیا", "اسپانیا", "کانادا", "استرالیا", "اوکراین", "بلاروس", "ونزوئلا")


def _country_of(title: str) -> str | None:
    """The country a title ends with ("سفیر اسرائیل" -> "اسرائیل"), if it ends with one."""
    toks = tokens(title_key(title))
    return toks[-1] if toks and toks[-1] in _STATES else None


# A spokesman, and the principals a spokesman speaks for.
_AIDES = keys("سخنگوی", "سخنگو")
_PRINCIPALS = keys("رئیس", "رییس", "رهبر", "وزیر", "نخست‌وزیر", "نخست وزیر", "رئیس‌جمهور", "رئیس‌جمهوری",
                   "دبیرکل", "پادشاه", "صدراعظم")


def title_tokens(title: str) -> list[str]:
    return [k for k in tokens(title_key(title)) if k not in _FILLER]


def titles_match(a: str, b: str) -> int:
    """How well two titles agree (0 = not the same office): same head word and one's
    content words all in the other ("سخنگوی وزارت خارجه" ~ "سخنگوی وزارت امور خارجه")."""
    ta, tb = title_tokens(a), title_tokens(b)
    if not ta or not tb or ta[0] != tb[0] or bool(_FORMER & set(ta)) != bool(_FORMER & set(tb)):
        return 0  # "رئیس جمهور آمریکا" is not "رئیس‌جمهور سابق آمریکا"
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 2 and set(short) <= set(long_) and not any(t in COUNTRIES for t in set(long_) - set(short)):
        return len(short)  # "سخنگوی وزارت خارجه" ~ "سخنگوی وزارت امور خارجه", not ~ "وزیر خارجه هند"
    ka, kb = "".join(ta), "".join(tb)
    n = 0
    while n < min(len(ka), len(kb)) and ka[n] == kb[n]:
        n += 1
    return 1 if n >= min(len(ka), len(kb), 12) and n >= 8 else 0


def appositive_names(text: str) -> list[tuple[int, int]]:
    """Two or three words right before a title, after a boundary or preposition
    ("با علی شمخانی نماینده رهبر ..." -> "علی شمخانی"; "، «ماریا زاخارووا» سخنگوی ...")."""
    u = unify(text)
    found = []
    for m in re.finditer(r"(?<=[\s\u200c»\"])(?=(?:%s)[\s\u200c])" % _HEADS, u):
        head = m.start()
        ws = []  # up to three words before the title, nearest first
        pos = head
        comma = False
        for i in range(3):
            # the word nearest the title may be followed by a comma: "با محسن بهاروند، سفیر ..."
            # never across a line break: a headline's last word is not a name for the next line's title
            # (hence "\Z": "$" also matches before a final newline)
            if i == 0 and "\n" in u[max(0, pos - 3):pos]:
                break
            gap = r"[\s\u200c«»\"]*(?:([،,])[\s\u200c]*)?\Z" if i == 0 else r"[\s\u200c«»\"]*\Z"
            wm = re.search(r"([^\s،,.:؛()\d«»\"]+)" + gap, u[max(0, pos - 40):pos])
            if wm and i == 0:
                comma = bool(wm.group(2))
            if not wm:
                break
            a = max(0, pos - 40) + wm.start(1)
            ws.insert(0, (a, a + len(wm.group(1))))
            pos = a
            if u[max(0, a - 1):a] in ("«", "\""):
                break
        if ws and match_key(u[ws[-1][0]:ws[-1][1]]) in _HEAD_STARTS:
            ws = ws[:-1]  # "ابوالحسن فقیه | قائم مقام": the word belongs to a two-word title
        keep = []
        for a, b in reversed(ws):
            w = u[a:b]
            if match_key(w) in STOP or is_title(w) or w in ("این", "همین", "آن", "دوم", "سوم", "یکم") or len(w) < 2 \
                    or match_key(w) in _DOC_KEYS or w.endswith("ۀ") \
                    or match_key(w) in _HONORIFIC_KEYS \
                    or w.endswith(("ترین", "مین")) or "-" in w or "–" in w or "/" in w or match_key(w) in AGENCIES:
                break
            keep.insert(0, (a, b))
        if len(keep) < 2:
            continue
        a, b = keep[0][0], keep[-1][1]
        quoted = u[max(0, a - 2):a].strip(" \u200c")[-1:] in ("«", "\"")
        before = u[:a].rstrip(" \u200c«\"")
        prev = match_key(before.split()[-1].strip(PUNCT)) if before.split() else ""
        ks = [match_key(u[x:y]) for x, y in keep]
        if comma and not (quoted or ks[0] in FIRST_NAMES or prev in _HONORIFIC_KEYS):
            continue  # "از سویی دیگر، نخست‌وزیر ...": a comma apposition needs a clear name
        if not (quoted or ks[0] in FIRST_NAMES or prev in _HONORIFIC_KEYS or prev in ("با", "از", "سوی", "توسط")
                or (not before or before[-1] in "،,.:؛\n") and not any(k in COUNTRIES or k in AGENCIES for k in ks)
                and not any(k.endswith(("ها", "های", "ات")) for k in ks)):
            continue  # "خواستار سرعت عمل مسئولان ...", "در کانادا توضیحات سخنگوی ...": not a name
        found.append((a, b))
    return found


def trim_mention(u: str, a: int, b: int) -> tuple[int, int] | None:
    """A tagger span without surrounding punctuation, a leading preposition ("از کشورها")
    or what follows a closing quote inside it ("صبح صادق» وابسته به سپاه"); None if it
    holds no letter."""
    a, b = max(0, a), min(len(u), b)
    while 0 < a < b and u[a - 1] == "\u200c" and u[a] != "\u200c":
        a = u.rfind(" ", 0, a) + 1  # a span cut inside a word ("رسانه|های"): the whole word
    while a < b and (u[a] in PUNCT or u[a].isspace()):
        a += 1
    m = re.match(r"(?:از|به|با|در|برای)[\s\u200c]+", u[a:b])
    if m and m.end() < b - a:
        a += m.end()
    q = u.find("»", a, b)
    if q > a and "«" not in u[a:q]:
        b = q
    while b > a and (u[b - 1] in PUNCT or u[b - 1].isspace()):
        b -= 1
    last = re.search(r"[\s\u200c]+(\S+)$", u[a:b])
    if last and match_key(last.group(1)) in STOP:  # "مرادی پیشتر", "دولت قانونی در"
        b = a + last.start()
    return (a, b) if any(c.isalpha() for c in u[a:b]) else None


def known_mentions(text: str, known) -> list[tuple[int, int]]:
    """Occurrences (whole words) of gazetteer actor names in the article."""
    if not known:
        return []
    hay, idx = _keyed(text, 0, len(text))
    found = []
    for key in known:
        if key in FIRST_NAMES or len(key) < 3:
            continue  # "علی" alone would cut "علی صالحی" short
        pos = hay.find(key)
        while pos != -1:
            a, b = idx[pos], idx[pos + len(key) - 1] + 1
            if (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum()):
                found.append((a, b))
            pos = hay.find(key, pos + len(key))
    return found


def _no_article(token: str) -> str:
    """An Arabic surname with or without its article: "الکربلایی" ~ "کربلایی"."""
    return token[2:] if token.startswith("ال") and len(token) > 5 and token not in FIRST_NAMES else token


def _plural_word(w: str) -> bool:
    """"گروه‌های", "گروههاي", "رسانه‌ها": a plural noun, never the last word of a person's name."""
    k = unify(w).strip(PUNCT)
    return k.endswith(("\u200cها", "\u200cهای", "های")) or k.endswith("ها") and len(k) > 5


def _first_name_form(honorific: str, name: str) -> bool:
    """D9: "آیت‌الله علی سیستانی" is written "علی سیستانی" (a first name follows the honorific);
    "آیت‌الله مکارم شیرازی" keeps it, and so does every "سید" ("سید عباس شبر")."""
    toks = tokens(name)
    return match_key(honorific) != "سید" and len(toks) > 1 and toks[0] in FIRST_NAMES


class ActorResolver:
    """Per-article names and title appositions: the alias chains."""

    def __init__(self, text: str, names: list[tuple[int, int]], known=frozenset()):
        self.text, self.known = text, known
        self.u = u = unify(text)
        self._full: dict[str, str | None] = {}  # surname -> first-name form (``_first_named``)
        self._canonical: dict[str, str] = {}  # mention -> fullest name (``canonical``; names are fixed)
        self.names: list[str] = []
        for a, b in sorted(names):
            s = self._name_form(a, b)
            if s and s not in self.names:
                self.names.append(s)
        self.titles: list[tuple[str, str]] = []  # (title as written, canonical name)
        for a, b in names:
            if is_title(text[a:b]) or is_pronoun(text[a:b]) or is_anaphor(text[a:b]) or is_org(text[a:b]) \
                    or self._name_form(a, b) is None:
                continue  # titles belong to people, not to "آمریکا" in "وزیر خارجه آمریکا"
            name = self.canonical(text[a:b])
            # NAME TITLE / NAME، TITLE، / NAME (TITLE)
            m = re.match(r"[\s\u200c»\"]*[،,(]?[\s\u200c]*((?:%s)[^،,.:؛()«»\"\n]{0,80})" % _HEADS, u[b:b + 120])
            if m:
                for part in re.split(r"\s+و\s+(?=(?:%s))" % _HEADS, m.group(1)):
                    self.add_title(part, name)
            # TITLE NAME / TITLE، NAME
            m = re.search(r"((?:%s)[^،,.:؛()«»\"\n]{0,80}?)[\s\u200c]*[،,]?[\s\u200c]*[«\"]?[\s\u200c]*$" % _HEADS,
                          u[max(0, a - 120):a])
            if m and not any(match_key(w) in STOP for w in m.group(1).split()):
                self.add_title(m.group(1), name)

    def _name_form(self, a: int, b: int) -> str | None:
        x = strip_honorifics(self.u, a, b)
        prefix = clean(self.text[a:x]).split()
        if prefix and len(tokens(self.text[x:b])) > 1 and (match_key(prefix[-1]) not in KEPT_HONORIFICS
                                                          or _first_name_form(prefix[-1], self.text[x:b])):
            a = x  # "سرتیپ امیر حاتمی" is "امیر حاتمی", "آیت‌الله علی سیستانی" is "علی سیستانی" (D9)
        s = clean(self.text[a:b])
        if not s or is_pronoun(s) or is_title(s) or is_anaphor(s) or any(q in s for q in "«»\"()") \
                or unify(s).endswith("ۀ") or match_key(s.split()[0]) in THINGS:
            return None  # (a word with its ezafe, "نامه جداگانۀ ...", never ends a name; a tanker is nobody)
        if len(s.split()) > 1 and _plural_word(s.split()[-1]) and not is_org(s) and not is_plural(s):
            return None  # "خامنه‌ای گروه‌های | ...": a phrase that ran into the object, not a name
        return s

    def add_title(self, title: str, name: str) -> None:
        ws = []
        for m in re.finditer(r"\S+", title):
            w = m.group()
            if match_key(w.strip(PUNCT)) in STOP and not (match_key(w) == "ولی" and
                                                          vali_not_but(unify(title), m.end(), opening=False)):
                break  # ("نماینده ولی فقیه در سپاه": "ولی" is a noun here, not "but")
            ws.append(w)
        if ws and is_plural(" ".join(ws)):
            return  # "وزرای خارجه گروه هفت" is nobody's title
        if ws and name and (title, name) not in self.titles:
            self.titles.append((" ".join(ws[:7]), name))

    def canonical(self, mention: str) -> str:
        """The fullest name in the article that extends ``mention`` ("شمخانی" -> "علی شمخانی");
        a gazetteer name ("ایران") is kept as it is."""
        if mention not in self._canonical:
            self._canonical[mention] = self._fullest(mention)
        return self._canonical[mention]

    def _fullest(self, mention: str) -> str:
        mention = clean(mention)
        toks = tokens(mention)
        if not toks or match_key(mention) in self.known and len(toks) > 1 or match_key(mention) in COUNTRIES \
                or is_org(mention):
            return mention
        best = mention
        toks = [_no_article(t) for t in toks]
        for name in self.names:
            nt = [_no_article(t) for t in tokens(name)]
            extends = nt[-len(toks):] == toks or nt[:len(toks)] == toks and toks[0] in FIRST_NAMES
            if len(nt) <= 5 and extends and not is_org(name) \
                    and (len(nt) > len(tokens(best)) or len(nt) == len(tokens(best)) > len(toks)
                         and nt[0] in FIRST_NAMES and tokens(best)[0] not in FIRST_NAMES):
                best = name  # the longest; between equals, one opening with a first name ("نفتالی بنت")
        if best == mention and len(toks) == 1:
            # a foreign first name alone ("لیز", "كورشات") is the one name of the article it opens
            opens = [n for n in self.names if 2 <= len(tokens(n)) <= 3 and _no_article(tokens(n)[0]) == toks[0]
                     and not is_org(n)]
            if len(opens) == 1 and not any(len(tokens(n)) > 1 and _no_article(tokens(n)[-1]) == toks[0]
                                             for n in self.names):
                best = opens[0]
        core = clean(best[strip_honorifics(unify(best), 0, len(best)):])
        if len(tokens(core)) == 1:
            best = self._first_named(core) or best
        elif len(toks) == 1 and tokens(best)[0] not in FIRST_NAMES:
            full = self._first_named(mention)  # "بنت" -> "نفتالی بنت", not "اطرافیان بنت"
            if full and len(tokens(full)) >= len(tokens(best)):
                best = full
        bare = clean(best[strip_honorifics(unify(best), 0, len(best)):])
        if bare != best and len(tokens(bare)) >= 2 and tokens(bare)[0] in FIRST_NAMES:
            best = bare  # D9: "آیت‌الله سید یحیی جعفری" -> "سید یحیی جعفری" (سید below); not "خامنه ای"
        sayyid = len(tokens(best)) >= 2 and match_key(tokens(best)[0]) != match_key("سید") and re.search(
            r"(?<![^\s\u200c«\"(])سید[\s\u200c]+" + re.escape(unify(best)) + r"(?![^\s\u200c»\")،,.:؛])", self.u)
        if sayyid:  # D9: "سید" stays ("سید مصطفی آذرکش"), as the article writes it
            best = self.text[sayyid.start():sayyid.start() + 3] + " " + best
        return best

    def _first_named(self, surname: str) -> str | None:
        """A lone surname's full form, written anywhere in the article with a common first
        name ("... آیت‌الله علی سیستانی" makes "سیستانی" -> "علی سیستانی")."""
        if surname not in self._full:  # looked up once per article
            pat = re.compile(r"(?<![^\s\u200c«\"(،,.:؛])([^\s\u200c«»\"(),.:؛،]+)[\s\u200c]+%s"
                             r"(?![^\s\u200c»\")،,.:؛!?؟])" % re.escape(unify(surname)))
            self._full[surname] = next((clean(self.text[m.start():m.end()]) for m in pat.finditer(self.u)
                                        if match_key(m.group(1)) in FIRST_NAMES), None)
        return self._full[surname]

    def aliases(self, canonical: str) -> list[str]:
        ct = set(tokens(canonical))
        return [n for n in self.names if n != canonical and set(tokens(n)) <= ct]

    def chains(self, actors) -> dict[str, dict[str, list[str]]]:
        """Per actor, the other name forms and the titles the article links to it: what
        ``predict --explain`` shows so a user sees why "وی" or "دبیر ..." became this actor."""
        return {a: {"aliases": self.aliases(a), "titles": sorted({t for t, n in self.titles if n == a})}
                for a in sorted(set(actors))}

    def title_conflicts(self, title: str, owner: str) -> bool:
        """Does ``owner`` hold another office: another country's ("گیلعاد اردان" is "سفیر
        اسرائیل", so "سخنگوی نیروهای مسلح ایران" is someone else), or another office of the
        same kind ("جان کربی" is "سخنگوی پنتاگون", so "سخنگوی سنتکام" is someone else)?"""
        country, toks = _country_of(title), title_tokens(title)
        stems = {k[:4] for k in toks[1:]}  # compared by stem: "رهبری" ~ "رهبر"
        for held, name in self.titles:
            if name != owner:
                continue
            if country and _country_of(held) not in (None, country):
                return True
            other = title_tokens(held)
            if other[:1] == toks[:1] and stems and other[1:] and not stems & {k[:4] for k in other[1:]} \
                    and not {"این", "همین", "آن"} & set(other):
                return True  # "سخنگوی سنتکام" is not "سخنگوی وزارت دفاع آمریکا"
            if toks[:1] and toks[0] in _AIDES and other[:1] and other[0] in _PRINCIPALS:
                return True  # the head of a body is not its spokesman: "سخنگوی حماس" is not "محمود عباس"
        return False

    def title_owner(self, title: str) -> str | None:
        best, score = None, 0
        for t, name in self.titles:
            s = titles_match(title, t)
            if s > score:
                best, score = name, s
        return best

    def name_at(self, a: int, b: int, why: str, as_written: bool = False) -> Resolution:
        """A subject that names its actor (not a pronoun): the name, its fullest form, or
        the title's owner; an unnamed description is the actor as written (and so is any
        title with ``as_written``: the tagger marks actors the way the article names them)."""
        u, text = self.u, self.text
        mention = clean(text[a:b])
        if is_title(mention) or is_anaphor(mention):
            title = mention.split(" ", 1)[1] if is_anaphor(mention) else mention
            owner = None if as_written else self.title_owner(title)
            if owner:
                return Resolution(owner, self.aliases(owner), (a, b),
                                  [f"{why} title {mention!r} -> apposition {owner!r}"])
            return Resolution(mention, [], (a, b), [f"{why} unnamed description {mention!r}"], described=True)
        start = strip_honorifics(u, a, b)
        ranks = clean(text[a:start]).split()  # "سرلشکر", "امیر دریادار دوم", "آیت‌الله"
        ws = words(u, start, b)
        if len(ws) > 1 and head_key(u[start:b]) in OUTLET_HEADS:  # "روزنامه واشنگتن پست" -> "واشنگتن پست"
            nxt = 2 if len(ws) > 2 and match_key(u[ws[1][0]:ws[1][1]]) in ("خبری", "اینترنتی") else 1
            start = ws[nxt][0]
            while start < b and u[start] in PUNCT:
                start += 1
        part = (start, b)
        m = re.search(r"[\s\u200c»]+(?=(?:%s)(?:[\s\u200c]|$))" % _HEADS, u[start:b])
        first = match_key(u[ws[0][0]:ws[0][1]]) if ws else ""
        if m and m.start() > 0 and not (first.isdigit() or first in NUMBERS or first in QUANTIFIERS):
            part = (start, start + m.start())  # "NAME TITLE": the name is what precedes the title
            # (not "بیش از ۱۵۰ وکیل دادگستری": a number of people is a group, not a name)
        while part[1] > part[0] and text[part[1] - 1] in PUNCT:
            part = (part[0], part[1] - 1)
        bare = clean(text[part[0]:part[1]])
        name = self.canonical(bare)
        if len(ranks) >= 2 and match_key(" ".join(ranks[-2:])) in KEPT_HONORIFICS:
            ranks = ranks[:-2] + [" ".join(ranks[-2:])]  # "آیت الله" written with a space is one honorific
        if name == bare and ranks:
            if len(tokens(name)) == 1 and match_key(ranks[-1]) not in _POLITE:
                name = clean(" ".join(ranks) + " " + name)  # "سرلشکر صفوی": a lone surname keeps its rank
            elif match_key(ranks[-1]) in KEPT_HONORIFICS and not _first_name_form(ranks[-1], name):
                name = clean(ranks[-1] + " " + name)  # "سید عباس شبر", "آیت‌الله خامنه‌ای"
        return Resolution(name, self.aliases(name), part, [f"{why} {bare!r} -> {name!r}"],
                          org=is_org(mention) or is_org(name) or is_plural(mention))


__all__ = ["ActorResolver", "Resolution", "appositive_names", "known_mentions", "titles_match", "trim_mention"]
