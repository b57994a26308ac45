"""The speaker *phrases* of each sentence, before anything is resolved.

``Subjects`` knows one article's text and the names it contains (``phrases.Names``) and
finds, per sentence, the spans of whoever holds what the sentence says:

* the subject of its reporting frame or, with no frame, the subject it opens with, when
  that subject can be a speaker (``plausible``): a frameless sentence may open with
  anything ("کاهش تدریجی تعهدات ایران ... مواجه شده است");
* the holder behind it: what a news outlet reports ("خبرگزاری فرانسه گزارش داد: رهبری ایران
  گفت ..."), the agent of a passive verdict ("... از سوی دادگاه انقلاب محکوم شد"), the
  critics a decision "met with" ("با انتقاد X مواجه شد"), the members of a quantified
  group ("شماری از کشورها از جمله اسرائیل و آمریکا");
* statements (``در این بیانیه آمده است``), later clauses with a subject of their own
  ("...؛ اما Y گفت"), ``به گفته X،``, and where a tagger mention stands in the sentence.
"""
from __future__ import annotations

import re

from ..normalize import match_key
from .lexicon import (ACCORDING, AGENCIES, AGENT, DOC_ADJECTIVES, DOC_REF, DOCUMENTS, FIRST_NAMES, GROUP_HEADS,
                      MEDIA_HEADS, MET_WITH, PASSIVE, PUNCT, QUANTIFIERS, SAY_VERB, SOURCE_PREFIX, SPEECH_VERB, STOP,
                      TIME_WORDS, TITLE_HEADS, keys)
from .openings import skip_opening
from .phrases import (Names, coordinated, core, extend_coordination, head_key, is_anaphor, is_org, is_plural,
                      is_pronoun, is_title, noun_phrase, strip_honorifics, tokens, words)

_GROUP_KEYS = keys(*GROUP_HEADS)
_TITLE_ALT = "|".join(sorted(TITLE_HEADS, key=len, reverse=True))
_APPOSED_TITLE = re.compile(r"[\s\u200c»\"]*(?:[،,(][\s\u200c]*)?(?:%s)[\s\u200c]" % _TITLE_ALT)
# Plain prepositions: a mention right after one is an object, not a holder ("به X", "برای X").
_PLAIN_PREPOSITIONS = keys("به", "در", "از", "برای", "با", "بر", "درباره", "علیه", "نسبت", "مانند", "همچون")
_AGENT_BEFORE = ("از سوی", "توسط", "از جانب", "از طرف", "انتقاد", "اعتراض", "مخالفت", "واکنش", "به گفته", "از نظر",
                 "به نقل از", "به اعتقاد")

# Heads of abstract noun phrases: a sentence opening with one is about something, not by someone.
_ABSTRACT = keys("کاهش", "افزایش", "تصمیم", "حمله", "اصرار", "پافشاری", "اقدام", "حضور", "انتشار", "برگزاری",
                 "ادامه", "توقف", "لغو", "خروج", "ورود", "اجرای", "اعمال", "وضعیت", "شرایط", "موضوع", "مسئله",
                 "مساله", "طرح", "لایحه", "قانون", "حکم", "خبر", "گزارش", "سخنان", "اظهارات", "بیانات", "تاکید",
                 "نتایج", "نتیجه", "آمار", "آمارهای", "این", "آن", "همه", "هیچ", "تمام", "اعتراضات", "تجمعات",
                 "اعتراض", "انتقاد", "واکنش", "هشدار", "درخواست", "استقبال", "مخالفت", "حمایت", "دیدار",
                 "نگرانی", "پیام", "سفر", "تشکر", "تقدیر", "تبریک", "ابراز")

Span = tuple[int, int]


def name_part(u: str, a: int, b: int) -> Span | None:
    """The name in a subject "RANK NAME TITLE ..." (up to 4 words before a title head)."""
    s = u[a:b]
    if is_pronoun(s) or is_title(s) or is_anaphor(s):
        return None
    a = strip_honorifics(u, a, b)
    out = []
    for x, y in words(u, a, b):
        w = u[x:y].strip("«»\"()،,")
        if not w or is_title(u[x:b]) or match_key(w) in STOP:
            break  # (a two-word title head too: "نفتالی بنت | نخست وزیر")
        out.append((x, y))
    if not out or len(out) > 4:
        return None
    x, y = out[0][0], out[-1][1]
    while y > x and u[y - 1] in "«»\"()،,:":
        y -= 1
    while x < y and u[x] in "«»\"()":
        x += 1
    return (x, y) if y > x else None


class Subjects:
    def __init__(self, u: str, names: Names):
        self.u, self.names = u, names
        self.weak: set[int] = set()  # sentences whose subject is only a guess
        self.acting: dict[int, list[Span]] = {}  # an institution or group acting, no view verb
        self._openings: dict[int, Span | None] = {}  # sentence -> its opening title/group phrase

    # --- the sentence's own speaker ----------------------------------------------------
    def subject(self, s) -> list[Span] | None:
        """Conjunct spans of the sentence's speaker subject, or None."""
        u, names = self.u, self.names
        end = s.frame.end if s.frame else s.end
        a = skip_opening(u, s.start, end, names.starts)
        if s.frame is None:
            titled = self.colon_title(s, a)
            if titled:
                return titled
        if ACCORDING.match(u, a, end):
            return None  # "به گفته X، ...": X holds what follows (``according``)
        span = noun_phrase(u, a, end, names)
        if span is None:
            return None
        ws = words(u, *span)
        if len(ws) > 2 and head_key(u[ws[0][0]:ws[0][1]]) in _ABSTRACT and is_title(u[ws[1][0]:span[1]]) \
                and not is_anaphor(u[span[0]:span[1]]):
            span = (ws[1][0], span[1])  # a headline's "اعتراض نماینده همتی ...": the title holds it
        nested = self.reported_by_media(s, span)
        if nested:
            return nested
        span = self.quantified(span, end)
        if isinstance(span, list):  # a quantified group speaks only with a view verb after it
            return span if s.frame or SPEECH_VERB.search(u, span[-1][1], s.end) else None
        phrase = u[span[0]:span[1]]
        if u[span[1]:span[1] + 3].lstrip(" \u200c")[:1] in ("،", ",") and not (
                len(phrase.split()) > 2 and (is_title(phrase) or is_org(phrase))):
            span = extend_coordination(u, span, end, names)  # not "معاون وزارت میراث فرهنگی، گردشگری و ..."
        parts = [p for p in coordinated(u, *span, names) if any(c.isalpha() for c in u[p[0]:p[1]])]
        if not parts:  # "... و ۲۳ پیوست": a number is nobody
            return None
        if s.frame is None:
            agent = self.agent(s, span)
            if agent is not None:
                return agent or None
            if not (self.plausible(parts[0]) or self.says_next(span)):
                if not self.views_in_clause(span, s):
                    return None
                self.weak.add(s.index)  # a guess: tagged mentions may still overrule it
            phrase = u[parts[0][0]:parts[0][1]]
            person = is_pronoun(phrase) or is_anaphor(phrase) and not is_org(phrase.split(" ", 1)[1]) \
                or not is_org(phrase) and head_key(phrase) not in _GROUP_KEYS
            if not person and not SPEECH_VERB.search(u, span[1], s.end):
                if head_key(phrase) not in MEDIA_HEADS and match_key(phrase) not in AGENCIES:
                    self.acting[s.index] = parts  # may still hold it in the outlet's narrative (speakers.walk)
                return None  # "آمریکا ... تحریم کرده است" inside a speech: not America speaking
        return parts

    def colon_title(self, s, a: int) -> list[Span] | None:
        """A headline inside the body, "NAME: ..." or "EVENT؛ NAME: ..." (scraped pages glue
        headlines to the text): the name before the colon holds the sentence."""
        u = self.u
        for m in (re.compile(r"").match(u, a), re.compile(r"[^؛:\n]{3,80}؛[\s\u200c]*").match(u, a, s.end)):
            if m is None:
                continue
            span = noun_phrase(u, m.end(), s.end, self.names)
            if span and len(u[span[0]:span[1]].split()) <= 5 and re.match(r"[\s\u200c]*:", u[span[1]:span[1] + 3]) \
                    and not re.match(r"[\s\u200c]*:[\s\u200c]*$", u[span[1]:s.end]) and self.plausible(span):
                return coordinated(u, *span, self.names)
        return None

    def opening_description(self, s) -> Span | None:
        """The title or group phrase a sentence opens with, if any ("نمایندگان ایالت نیویورک");
        computed once per sentence (asked for every target the tagger's mentions might hold)."""
        if s.index not in self._openings:
            u = self.u
            a = skip_opening(u, s.start, s.frame.end if s.frame else s.end, self.names.starts)
            span = noun_phrase(u, a, s.end, self.names)
            self._openings[s.index] = span if span and (is_title(u[span[0]:span[1]]) or
                                                        is_plural(u[span[0]:span[1]])) else None
        return self._openings[s.index]

    def plausible(self, span: Span) -> bool:
        """Can this phrase be a speaker: a pronoun, title, institution, group, a ranked or
        known name, a first name, a name with a title beside it, or whoever says something
        right away ("بریتنی کامیسو گفت")?"""
        u = self.u
        s = u[span[0]:span[1]]
        np_ = name_part(u, *span)
        if np_ and np_[1] < span[1] - 1 and is_title(u[np_[1]:span[1]]) and len(u[np_[0]:np_[1]].split()) <= 3 \
                and head_key(u[np_[0]:np_[1]]) not in _ABSTRACT:  # not a headline's "اعتراض نماینده همتی ..."
            return True  # "جایشانکار وزیر امور خارجه هند": NAME TITLE
        if is_pronoun(s) or is_anaphor(s) or is_title(s) or is_org(s):
            return True
        if not head_key(s):
            return False
        start = strip_honorifics(u, *span)
        if head_key(s) in _GROUP_KEYS or start > span[0] or span[0] in self.names.starts:
            return True  # a group, a ranked or honoured person ("امیر دریادار حبیب الله سیاری")
        if head_key(u[start:span[1]]) in FIRST_NAMES:
            return True  # "ریچارد کوزول رایت روز پنج‌شنبه گفت"
        if _APPOSED_TITLE.match(u, span[1], span[1] + 40):
            return True  # "NAME، TITLE ..." / "NAME TITLE": a person introduced by title
        if self.says_next(span):
            return True
        return self.names.prefix_len(tokens(u[start:span[1]])) > 0

    def says_next(self, span: Span) -> bool:
        """"بریتنی کامیسو گفت ...", "عرب‌ها و ترکمن‌ها خواستار ...": whoever says something
        right away (times and "نیز" aside) speaks."""
        u = self.u
        nxt = words(u, span[1], span[1] + 60)[:4]
        ks = [match_key(u[slice(*core(u, w))]) for w in nxt]
        i = 0
        while i < len(ks) and (ks[i] in TIME_WORDS or ks[i].isdigit() or ks[i] in ("نیز", "هم", "همچنین")):
            i += 1
        return i < len(nxt) and bool(SAY_VERB.fullmatch(u, *core(u, nxt[i]))) and len(u[span[0]:span[1]].split()) <= 4

    def views_in_clause(self, span: Span, s) -> bool:
        """A short phrase (no abstract "کاهش/تصمیم ...") whose own clause, before any quote,
        ends in a view verb: "تریبون آزاد وکلا روز دوشنبه، ضمن محکوم کردن ... هشدار دادند"."""
        u = self.u
        if len(u[span[0]:span[1]].split()) > 4 or head_key(u[span[0]:span[1]]) in _ABSTRACT:
            return False
        end = re.search(r"[«:؛]|\s(?:که|تا|زیرا|چون)\s", u[span[1]:s.end])
        return bool(SPEECH_VERB.search(u, span[1], span[1] + end.start() if end else s.end))

    def name_like(self, np_: Span, part: Span) -> bool:
        """Is a subject's name part a person's or body's name (one that may carry titles)?"""
        u = self.u
        toks = tokens(u[np_[0]:np_[1]])
        return bool(toks) and (np_[0] > part[0] or toks[0] in FIRST_NAMES or is_org(u[np_[0]:np_[1]])
                               or self.names.prefix_len(toks) > 0 or u[max(0, np_[0] - 1)] in "«\""
                               or len(toks) <= 3 and bool(_APPOSED_TITLE.match(u, np_[1], np_[1] + 40)))

    # --- holders behind the subject ------------------------------------------------------
    def reported_by_media(self, s, span: Span) -> list[Span] | None:
        """"خبرگزاری فرانسه گزارش داد: رهبری ایران گفت ..." / "رسانه‌ها اعلام کردند که حکمتیار
        ...": a news outlet reports, the holder is the subject of what it reports (D8)."""
        u = self.u
        phrase = u[span[0]:span[1]]
        h = head_key(phrase)
        if not (h in MEDIA_HEADS or h in AGENCIES or match_key(phrase) in AGENCIES or "نیوز" in phrase):
            return None
        if s.frame is not None and s.frame.end > span[1]:
            start = s.frame.end
        else:
            m = SPEECH_VERB.search(u, span[1], s.end)
            if not m:
                return None
            start = m.end()
            k = re.match(r"[\s\u200c]*(?:که|:)[\s\u200c]*", u[start:s.end])
            start += k.end() if k else 0
        a = skip_opening(u, start, s.end, self.names.starts)
        inner = noun_phrase(u, a, s.end, self.names)
        if inner is None or is_pronoun(u[inner[0]:inner[1]]) or not self.plausible(inner):
            return None
        after = u[inner[1]:s.end]
        if not SPEECH_VERB.search(after) and not PASSIVE.search(after):
            return None
        return coordinated(u, *inner, self.names)

    def agent(self, s, span: Span) -> list[Span] | None:
        """A passive clause ("X در دادگاه انقلاب ... محکوم شد", "... از سوی Y رد شده است")
        reports what was done to its subject: the actor is the agent ("از سوی Y", "توسط Y",
        a court), [] when none is named, None when the clause is not passive.  A decision
        "met with criticism by X" ("با انتقاد X مواجه شد") has X as its critic."""
        u = self.u
        met = MET_WITH.search(u, s.start, s.end) if not self.plausible(span) else None
        if met:
            np_ = noun_phrase(u, met.end(), s.end, self.names)
            if np_:
                np_ = self.quantified(np_, s.end, members=True)
                if isinstance(np_, list):
                    return np_
                np_ = extend_coordination(u, np_, s.end, self.names)
                if re.match(r"[^.؛«]{0,80}?(?:مواجه|روبرو|رو به رو|روبه‌رو|همراه)[\s\u200c]*(?:شد|شده|بود|است|گردید)",
                            u[np_[1]:s.end]):
                    return coordinated(u, *np_, self.names)
        verb = PASSIVE.search(u, span[1], s.end)
        if not verb or SPEECH_VERB.search(u, span[1], verb.start()):
            return None  # "X اعلام کرد این فرد بازداشت شده": the passive is what X reported
        m = AGENT.search(u, s.start, verb.start())
        if not m:
            return []
        np_ = noun_phrase(u, m.start(1) if m.group(1) else m.start(2), verb.start(), self.names)
        return coordinated(u, *np_, self.names) if np_ else []

    def quantified(self, span: Span, end: int, members: bool = False):
        """"شماری از کشورها از جمله اسرائیل و آمریکا" -> the members (a list of spans);
        "برخی از مدعیان «طب اسلامی»" -> the whole group (a list of one span); anything
        else -> the span unchanged."""
        u = self.u
        t = u[span[0]:span[1]].split()
        if len(t) != 1 or head_key(t[0]) not in QUANTIFIERS:
            return span if not any(head_key(w) in QUANTIFIERS for w in t[:1]) else [span]
        m = re.match(r"[\s\u200c]*از[\s\u200c]+", u[span[1]:end])
        if not m:
            return span
        rest = noun_phrase(u, span[1] + m.end(), end, self.names)
        if rest is None:
            return span
        m2 = re.match(r"[\s\u200c]*،?[\s\u200c]*از[\s\u200c]*جمله[\s\u200c]+", u[rest[1]:end])
        if m2:
            found = noun_phrase(u, rest[1] + m2.end(), end, self.names)
            if found:
                found = extend_coordination(u, found, end, self.names)
                return coordinated(u, *found, self.names)
        if members:  # "شماری از چهره‌های سیاسی، فعالان مدنی و ..." -> each group
            rest = extend_coordination(u, rest, end, self.names)
            return coordinated(u, *rest, self.names)
        return [(span[0], rest[1])]  # one group: "بسیاری از رسانه‌های داخلی و جهانی"

    def group_phrase(self, a: int, end: int) -> Span | None:
        """The noun phrase at ``a``, a quantified group whole ("بسیاری | از اسرائیلیان")."""
        span = noun_phrase(self.u, a, end, self.names)
        group = self.quantified(span, end) if span is not None else None
        return group[0] if isinstance(group, list) and len(group) == 1 else span

    # --- statements, later clauses, "به گفته X" --------------------------------------------
    def doc_reference(self, s):
        """``در این بیانیه آمده است`` -> ("بیانیه", None, False); ``در بیانیه وزارت خارجه آمده``
        -> ("بیانیه", span of the issuer, False); ``بر اساس این بیانیه، X ...`` -> (..., True):
        a fronted phrase before the clause's own subject."""
        u = self.u
        m = None
        for cand in DOC_REF.finditer(u, s.start, min(s.end, s.start + 80)):
            # only openers, datelines and punctuation before it ("در ادامه این بیانیه")
            if skip_opening(u, s.start, cand.start(), self.names.starts) >= cand.start() - 1:
                m = cand
            break
        if not m:
            return None
        doc = match_key(m.group(1))
        if doc == "گزارش" and SOURCE_PREFIX.match(u, m.start()):
            return None  # "بنا بر گزارش خبرگزاری «اسپوتنیک»، ...": a news source
        issuer = None
        quoted = re.match(r"[^،:؛.]{0,60}?به[\s\u200c]+نقل[\s\u200c]+از[\s\u200c]+", u[m.end():s.end])
        if quoted:  # "در بیانیه منتشره به نقل از حکمتیار آمده بود"
            issuer = noun_phrase(u, m.end() + quoted.end(), s.end, self.names)
        elif not re.search(r"(?:این|همین|آن)[\s\u200c]+$", u[m.start():m.start(1)]):
            np_ = noun_phrase(u, m.end(), s.end, self.names)
            if np_ and not is_pronoun(u[np_[0]:np_[1]]) and len(tokens(u[np_[0]:np_[1]])) <= 6 \
                    and head_key(u[np_[0]:np_[1]]) not in DOC_ADJECTIVES:
                issuer = np_
        # a comma after the reference makes it a fronted phrase: the clause may have its own subject
        after = issuer[1] if issuer else m.end()
        fronted = bool(re.match(r"[\s\u200c»]*[،,]", u[after:after + 4]))
        if fronted and doc == "گزارش" and issuer:
            return None  # "طبق گزارش ایرنا، ...": a news source
        return doc, issuer, fronted

    def clauses(self, s) -> list[tuple[int, list[Span]]]:
        """A sentence in the outlet's voice may join two reports: "X ... خواستار ... شده بود؛
        اما یک روز پس از آن، Y ... گفت" / "...، اما Z تاکید کرد" / "X در حالی ... که Y ...".
        A later clause that opens with its own subject and a view verb has its own speaker
        (not after a reporting frame: "؛ آمریکا ..." is still the speaker's words)."""
        u = self.u
        if s.frame is not None:
            return []
        out = []
        for m in re.finditer(r"؛|[،,][\s\u200c]*(?=(?:اما|ولی|لیکن|در حالی که|درحالیکه|در حالیکه)[\s\u200c])"
                             r"|(?:در[\s\u200c]*حالی)[^،؛.«]{0,80}?[\s\u200c]که[\s\u200c]", u[s.start:s.end]):
            p = s.start + m.end()
            if u.count("«", s.start, p) > u.count("»", s.start, p):
                continue  # inside a quotation
            a = skip_opening(u, p, s.end, self.names.starts)
            span = noun_phrase(u, a, s.end, self.names)
            if span is None or not self.plausible(span) or is_pronoun(u[span[0]:span[1]]):
                continue
            verb_end = re.search(r"؛|[،,][\s\u200c]*(?:اما|ولی)[\s\u200c]", u[span[1]:s.end])
            if SPEECH_VERB.search(u, span[1], span[1] + verb_end.start() if verb_end else s.end):
                out.append((p, coordinated(u, *span, self.names)))
        return out

    def according(self, s) -> list[tuple[int, list[Span]]]:
        """``به گفته X،`` / ``به نقل از X`` at a clause start: X holds what follows."""
        u = self.u
        out = []
        opening = skip_opening(u, s.start, s.end, self.names.starts)
        for m in ACCORDING.finditer(u, s.start, s.end):
            if m.start() < opening:
                continue  # "به گزارش ایسنا به نقل از سپاه نیوز،": the source, not a holder
            before = u[s.start:m.start()].rstrip(" \u200c")
            at = m.start()
            if m.start() > opening and before and before[-1] not in "،,:؛«(\"" and not before.endswith((" و", " که")) \
                    and not u.startswith("به نقل از", m.start()):
                if not u.startswith(("از دیدگاه", "از دید", "به اعتقاد", "به عقیده", "به باور"), m.start()):
                    continue
                # "شیوه برخورد او ... نیز از دیدگاه بسیاری از اسرائیلیان تحسین برانگیز نبوده": the
                # holder inside a clause holds the whole clause, from its start
                cut = max(before.rfind(c) for c in "،,:؛«")
                at = s.start + cut + 1 if cut >= 0 else s.start
            span = self.group_phrase(m.end(), s.end)
            if span is not None and (is_pronoun(u[span[0]:span[1]]) or self.plausible(span)):
                out.append((at, coordinated(u, *span, self.names)))
        return out

    # --- where a tagger mention stands ------------------------------------------------------
    def position(self, s, m: Span) -> str:
        """"agent" ("از سوی X", "توسط X", "با انتقاد X"), "opens" (it opens a clause: after
        the frame, a comma, "که", "اما"), "object" ("X را", or after a plain preposition: not
        a holder) or "inside"."""
        u = self.u
        before = u[max(s.start, m[0] - 14):m[0]].rstrip(" \u200c«\"")
        if before.endswith(_AGENT_BEFORE):
            return "agent"
        if re.match(r"[\s\u200c]+را(?=[\s\u200c]|$)", u[m[1]:m[1] + 6]):
            return "object"
        last = before.split()[-1] if before.split() else ""
        if match_key(last.strip(PUNCT)) in _PLAIN_PREPOSITIONS and last[-1:] not in "،,:؛":
            return "object"
        if (m[0] <= (s.frame.end if s.frame else s.start) + 3 or not before or before[-1] in "،,:؛«(\""
                or before.endswith((" که", "اما", "ولی"))):
            return "opens"
        return "inside"

    def nested_holder(self, s, m: Span) -> bool:
        """After an explicit speaker, a tagged mention holds a view of its own only as an
        agent or as the subject opening a clause whose verb is a view verb
        ("وی افزود: یک فرد ناشناس ... تهدید کرد")."""
        where = self.position(s, m)
        if where == "agent":
            return True
        if where != "opens":
            return False
        end = re.search(r"[،,؛.:«]", self.u[m[1]:s.end])
        return bool(SPEECH_VERB.search(self.u, m[1], m[1] + end.start() if end else s.end))


__all__ = ["Subjects", "name_part", "DOCUMENTS"]
