"""Who speaks in each sentence, and for which part of it: the discourse walk.

Every sentence gets *slots*: positions from which on a speaker holds what is said.  The
first slot is the sentence's own speaker (``subjects.Subjects.subject``: its reporting
frame's subject, or the subject a frameless sentence opens with); a sentence about a
statement (``در این بیانیه آمده است``) speaks for the statement's issuer; a sentence
with no speaker continues the previous one.  Later slots open at a clause with a
subject of its own ("...؛ اما Y گفت") and at ``به گفته X،``.

Subjects are resolved in discourse order: a pronoun (``وی``) to the last person who
spoke, ``این نهاد`` to the last institution, ``این سه کشور``/``آنها`` to all current
speakers, a title to the person it stands beside (``names.ActorResolver``) or, with no
apposition, to the person who spoke before or, in a lead, the person named next.

Finally the tagger's actor mentions (when there are any) check the rules (``mentions.py``):
a tagged mention that none of the rule speakers matches wins where it can hold a view of its
own; a person only the tagger finds speaking is who the next "وی" refers back to.
"""
from __future__ import annotations

import re
from collections import Counter

from ..normalize import match_key, unify
from .courts import court_for, court_mentions, is_judicial, verdict_in, whole_court
from .lexicon import (
    COUNTRY_HEADS,
    DOCUMENTS,
    FIRST_PERSON,
    GROUP_HEADS,
    INDEFINITE,
    NOT_NAME,
    NUMBERS,
    PLURAL_PRONOUNS,
    QUANTIFIERS,
    RELATIONAL_TITLES,
    SHIFT,
    STOP,
    THINGS,
    keys,
)
from .mentions import held_by, tagged_speakers
from .names import (
    ActorResolver,
    Resolution,
    appositive_names,
    known_mentions,
    trim_mention,
)
from .nominal import nominal_holders
from .openings import intertitle
from .phrases import (
    Names,
    clean,
    head_key,
    is_anaphor,
    is_org,
    is_plural,
    is_pronoun,
    is_title,
    tokens,
)
from .subjects import Subjects, name_part

_GROUP_KEYS = keys(*GROUP_HEADS)
_RELATIONAL_TITLES = keys(*RELATIONAL_TITLES)
_DOC_KEYS = keys(*DOCUMENTS)
_DOC_WORD = re.compile(r"(?<![^\s\u200c«])(%s)(?=(?:\u200c?(?:ای|ها|های))?(?:[\s.،,:؛»]|$))"
                       % "|".join(sorted(DOCUMENTS, key=len, reverse=True)))
_MEMBER = keys("عضو", "نماینده")  # "یک عضو کمیسیون ...", "یک نماینده مجلس": one of a named body


def _person_like(r: Resolution) -> bool:
    """Could "وی" stand for this speaker?  Not an institution, a group, "یک ..." or a document
    ("نامه جداگانه ...": a subject the phrase finder took for a speaker)."""
    return not r.org and not is_org(r.actor) and not is_plural(r.actor) and head_key(r.actor) != "یک" \
        and head_key(r.actor) not in _DOC_KEYS


def _again(rs: list[Resolution], span, why: str) -> list[Resolution]:
    return [Resolution(r.actor, r.aliases, span, [f"{why} -> {r.actor!r}"], org=r.org) for r in rs]


class _Article:
    """One article: its names, its sentences' subjects, and the walk through them."""

    def __init__(self, text: str, sentences, mentions, known):
        self.text, self.sentences = text, sentences
        self.u = u = unify(text)
        # the tagger's spans, trimmed of punctuation; spans with no letter are dropped
        self.tagged = [[t for t in (trim_mention(u, a, b) for a, b in ms) if t] for ms in mentions]
        spans = [m for ms in self.tagged for m in ms]
        extra = appositive_names(text) + known_mentions(text, known)
        spans += [s for s in extra if not any(a < s[1] and s[0] < b for a, b in spans)]
        self.names = Names(u, spans)
        self.find = Subjects(u, self.names)
        self.subjects = [self.find.subject(s) for s in sentences]
        # subjects found by the rules are names too ("سرلشکر سلامی" -> "سلامی" is known):
        # the name part only, before any title
        for sub in self.subjects:
            for part in sub or []:
                np_ = name_part(u, *part)
                if np_ and not any(x <= np_[0] and np_[1] <= y for x, y in spans) and self.find.name_like(np_, part):
                    spans.append(np_)
        self.resolver = ActorResolver(text, spans, known)
        # named persons who speak, in order: a lead title adopts the first one after it
        self.named: list[tuple[int, str]] = []
        for i, sub in enumerate(self.subjects):
            for part in sub or []:
                m = u[part[0]:part[1]]
                if not (is_pronoun(m) or is_title(m) or is_anaphor(m) or is_org(m) or is_plural(m)
                        or head_key(m) in QUANTIFIERS or head_key(m) in THINGS or head_key(m) in _DOC_KEYS):
                    self.named.append((i, self.resolver.name_at(*part, "").actor))
        self.index = 0
        self.history: list[Resolution] = []  # every speaker so far, in order
        self.current: list[Resolution] = []  # who is speaking now
        self.issuers: dict[str, list[Resolution]] = {}  # "بیانیه" -> who issued the last one
        self.explicit: list[bool] = []  # did the sentence name its own speaker?
        self.subject_end: list[int] = []

    # --- resolving a subject ------------------------------------------------------------
    def refer_back(self, mention: str, span, person: bool, why: str) -> list[Resolution]:
        r = next((r for r in reversed(self.history) if _person_like(r) == person), None)
        if r is None and self.current:
            r = self.current[0]
        if r is None:
            return []
        return [Resolution(r.actor, r.aliases, span, [f"{why} {mention!r} refers back -> {r.actor!r}"],
                           refers_back=True)]

    def resolve(self, a: int, b: int, why: str, listed: bool = False) -> list[Resolution]:
        """The actor(s) a subject span stands for."""
        u, text = self.u, self.text
        mention = clean(text[a:b])
        if not mention:
            return []
        if is_pronoun(mention):
            if match_key(mention) in FIRST_PERSON and self.current:  # "به عقیده‌ی من" inside a quote
                return _again(self.current, (a, b), f"{why} {mention!r} is the speaker")
            if match_key(mention) in PLURAL_PRONOUNS and len(self.current) > 1:
                return _again(self.current, (a, b), f"{why} {mention!r} refers back")
            return self.refer_back(mention, (a, b), True, why)
        if len(mention.split()) > 1 and head_key(mention) in _DOC_KEYS:
            # "بیانیه دادستانی تهران می‌افزاید" / "گزارش سازمان ملل می‌نویسد": the issuer
            x = a + len(unify(text[a:b])) - len(unify(text[a:b]).split(" ", 1)[1])
            m = re.match(r"(?:جداگان|مشترک|رسمی|جدید|تاز|اخیر|دیگر)[^\s]*[\s\u200c]+(?=\S)", unify(text[x:b]))
            if m:
                x += m.end()  # "نامه جداگانۀ سفیر اسرائیل ...": the adjective is not the issuer
            return self.resolve(x, b, f"{why} statement by")
        if is_anaphor(mention):
            return self.anaphor(mention, (a, b), why)
        if is_title(mention):
            # "TITLE، NAME، ..." : the name follows the title between commas
            m = re.match(r"[\s\u200c]*[،,][\s\u200c]*([^،,:؛.\n]{3,40}?)[\s\u200c]*[،,]", u[b:b + 60])
            cand = m.group(1) if m else ""
            if m and not listed and len(tokens(cand)) <= 4 and not is_title(cand) and not is_pronoun(cand) \
                    and not re.search(r"\sو\s|[«»\"]", cand) \
                    and not any(match_key(w) in STOP or match_key(w) in NOT_NAME for w in cand.split()):
                return [self.resolver.name_at(b + m.start(1), b + m.end(1), why)]
            # "وزیر خارجه آمریکا آنتونی بلینکن": a known person's name ends the title phrase
            # (a person's name: not "مدیر | میراث فرهنگی و گردشگری استان تهران", a body the title heads)
            inside = [(x, y) for x, y in self.names.spans if a < x and y == b and not is_title(u[x:y])
                      and not is_org(u[x:y]) and match_key(clean(u[a:x])) not in _RELATIONAL_TITLES
                      and len(tokens(u[x:y])) <= 4 and "و" not in tokens(u[x:y])]
            if inside:
                return [self.resolver.name_at(*inside[-1], why)]
        r = self.resolver.name_at(a, b, why)
        if r.described and is_title(mention) and (not self.history or not self.new_speaker(a, b)):
            # (with nobody before, "به نقل از TITLE" in a lead is the person named next)
            r = self.adopt_title(mention, r) or r
        return [r]

    def anaphor(self, mention: str, span, why: str) -> list[Resolution]:
        """"این مقام" -> the last person who spoke, "این نهاد" -> the last institution,
        "این سه کشور"/"این مقامات" -> all current speakers or the last group, "این بیانیه"
        -> its issuer, "این نماینده مجلس" -> the person with that title."""
        rest = mention.split(" ", 1)[1]
        rh = head_key(rest)
        if rh in _DOC_KEYS:
            return self.issuer_of(rh, span, why)
        if rh in NUMBERS or rh.isdigit() or rh.endswith(("ها", "های", "ات", "ان")) and is_plural(rest):
            group = self.current if len(self.current) > 1 else [
                next((r for r in reversed(self.history) if is_plural(r.actor)), None)]
            if all(group):
                return _again(group, span, f"{why} {mention!r} refers back")
        same = next((r for r in reversed(self.history) if head_key(r.actor) in INDEFINITE
                     and match_key(r.actor).endswith(match_key(rest))), None)
        if same:  # "یک مقام آمریکایی ... این مقام آمریکایی گفت": the one described before
            return [Resolution(same.actor, same.aliases, span, [f"{why} {mention!r} -> {same.actor!r}"],
                               described=True)]
        head = match_key(rest.split()[0])
        named = next((r for r in reversed(self.history[-6:]) if len(head) >= 3 and not is_title(rest)
                      and any(match_key(w).startswith(head) for w in r.actor.split())), None)
        if named:  # "جمعی از وکلای دادگستری ... این وکلا در بیانیه خود نوشت": the group named so
            return [Resolution(named.actor, named.aliases, span, [f"{why} {mention!r} -> {named.actor!r}"])]
        owner = self.resolver.title_owner(rest) if is_title(rest) else None
        if owner:
            return [Resolution(owner, self.resolver.aliases(owner), span,
                               [f"{why} {mention!r} -> apposition {owner!r}"])]
        return self.refer_back(mention, span, not is_org(rest), why)

    def new_speaker(self, a: int, b: int) -> bool:
        """Does the text mark this subject as someone other than who spoke before?
        ("X نیز ...", "از سوی دیگر X", "پیشتر X", "به نقل از X")."""
        s = self.sentences[self.index]
        if re.match(r"[\s\u200c،,]*(?:نیز|هم)(?=[\s\u200c،,]|$)", self.u[b:b + 8]):
            return True
        return bool(SHIFT.search(self.u, s.start, a))

    def adopt_title(self, title: str, described: Resolution) -> Resolution | None:
        """A title no apposition links to a name stands for the person who spoke before
        (``علی شمخانی ... عضو مجمع تشخیص مصلحت نظام خاطرنشان کرد``) or, opening an article,
        for the person named next (``سخنگوی وزارت خارجه گفت ... ند پرایس ... گفت``).
        Indefinite and plural descriptions ("یک مقام آمریکایی", "مقامات") name nobody."""
        if head_key(title) in INDEFINITE and not self.history and self.index == 0 \
                and match_key(tokens(title)[1] if len(tokens(title)) > 1 else "") in _MEMBER:
            # a lead's "یک عضو کمیسیون ... تاکید کرد:" is the person the next sentence names
            # ("به گزارش ایسنا، ابوالفضل ابوترابی نماینده ... نوشت:")
            owner = next((n for i, n in self.named if 0 < i <= 1), None)
            return Resolution(owner, self.resolver.aliases(owner), described.mention,
                              [f"lead description {title!r} -> next named speaker {owner!r}"]) if owner else None
        if head_key(title) in INDEFINITE or is_plural(title):
            return None
        people = list(dict.fromkeys(r.actor for r in reversed(self.history) if not r.described and _person_like(r)))
        # the last person who spoke, or the one before if the last holds a conflicting office
        # ("سخنگوی حماس" after "محمود عباس" is the Hamas spokesman who spoke before him)
        prev = next((p for p in people[:2] if not self.resolver.title_conflicts(title, p)), None)
        owner = prev if people else next((n for i, n in self.named if i > self.index), None)
        if owner is None or self.resolver.title_conflicts(title, owner):
            return None
        self.resolver.add_title(title, owner)
        how = "previous speaker" if prev else "next named speaker"
        return Resolution(owner, self.resolver.aliases(owner), described.mention,
                          [f"{described.chain[0].split(' unnamed')[0]} title {title!r} -> {how} {owner!r}"])

    def from_document(self, doc: str, issuer) -> list[Resolution]:
        return self.resolve(*issuer, f"issuer of {doc!r}") if issuer else self.issuer_of(doc, None, "sentence about")

    def issuer_of(self, doc: str, span, why: str) -> list[Resolution]:
        return _again(self.issuers.get(doc) or self.current, span, f"{why} statement {doc!r}: its issuer")

    def resolve_subject(self, parts: list[tuple[int, int]], why: str) -> list[Resolution]:
        """Resolve each conjunct; a shared head is distributed ("نمایندگان ایران، روسیه و
        اتحادیه اروپا" -> "نمایندگان روسیه", ...), "کشورهای" is dropped ("کشورهای بریتانیا،
        رومانی و لیبریا" -> "بریتانیا", ...)."""
        u = self.u
        head = None
        if len(parts) > 1:
            t0 = clean(u[parts[0][0]:parts[0][1]]).split()
            if len(t0) >= 2 and match_key(t0[0]) in COUNTRY_HEADS:
                x = parts[0][0] + u[parts[0][0]:parts[0][1]].index(t0[1])
                parts = [(x, parts[0][1])] + parts[1:]
                t0 = t0[1:]
            if len(t0) >= 2 and (match_key(t0[0]) in _GROUP_KEYS or is_title(t0[0])):
                head = t0[0]
        found: list[Resolution] = []
        for i, (a, b) in enumerate(parts):
            if head and i > 0 and not is_title(u[a:b]) and not match_key(u[a:b]).startswith(match_key(head)):
                actor = f"{head} {clean(self.text[a:b])}"
                found.append(Resolution(actor, [], (a, b), [f"{why} {actor!r} (shared head {head!r})"]))
                continue
            found += self.resolve(a, b, why, listed=len(parts) > 1)
        return found

    # --- the walk -----------------------------------------------------------------------
    def walk(self) -> list[list[tuple[int, list[Resolution]]]]:
        u = self.u
        slots_all = []
        for s, subj in zip(self.sentences, self.subjects):
            self.index = s.index
            found: list[Resolution] = []
            ref = self.find.doc_reference(s)
            if ref and not ref[2]:  # "در (ادامه) این بیانیه (که ...) آمده است": the issuer speaks
                found = self.from_document(*ref[:2])
            if subj and not found:
                found = self.resolve_subject(subj, "subject")
            if not found and s.index in self.find.acting and (not any(self.explicit[-3:]) or self.new_speaker(
                    *self.find.acting[s.index][-1])):
                # "سنا به برنامه ... رای مثبت داد" in the outlet's narrative (no sentence of the three
                # before named a speaker): the body acting holds it; soon after "X گفت" it is X's speech
                found = self.resolve_subject(self.find.acting[s.index], "acting subject")
            if ref and not found:  # "بر اساس این بیانیه، ..." with no subject of its own
                found = self.from_document(*ref[:2])
            if found and s.index not in self.find.weak and not intertitle(self.u, s):
                # (a guessed subject, or an intertitle's, speaks for its sentence only)
                self.current = found
                self.history += found
                for d in _DOC_WORD.findall(u, s.start, s.frame.end if s.frame else s.end):
                    self.issuers[match_key(d)] = found  # "X در بیانیه‌ای ...": X issued it
            first = found or [Resolution(r.actor, r.aliases, r.mention,
                                         [f"no speaker in sentence {s.index}: continues {r.actor!r}"])
                              for r in self.current]
            later = [(p, rs) for p, parts in self.find.clauses(s)
                     if (rs := self.resolve_subject(parts, "clause subject"))]
            if later and not found and all(_person_like(r) or is_title(r.actor) for r in later[-1][1]):
                # "...؛ رئیس شورای پناهجویان نروژ ... گفت": a person introduced mid-sentence speaks on
                self.current = later[-1][1]
                self.history += [r for _, rs in later for r in rs]
            said = [(p, rs) for p, parts in self.find.according(s)
                    if (rs := self.resolve_subject(parts, "according to"))]
            slots_all.append(sorted([(s.start, first)] + later + said, key=lambda x: x[0]))
            self.explicit.append(bool(found) and s.index not in self.find.weak)
            self.subject_end.append(subj[-1][1] if subj else s.start)
            if not found and not later:
                # a person only the tagger found speaking ("... همچنين عبدالعلي زاده از ... استقبال كرد")
                # is who "وی" in the next sentence refers back to
                tagged = tagged_speakers(self, s.index, s.end, first)
                if tagged and all(_person_like(r) and not r.described and len(tokens(r.actor)) > 1
                                  and match_key(tokens(r.actor)[0]) not in STOP for r in tagged):
                    self.current = tagged
                    self.history += tagged
        return slots_all


def attribute(text: str, sentences, mentions: list[list[tuple[int, int]]], known=frozenset(),
              holders: dict | None = None, threshold: float = 0.5):
    """Per sentence, a function ``resolve(target_start) -> list[Resolution]`` (several for
    coordinated speakers, empty when no speaker is found), and the ``ActorResolver``.
    ``holders`` maps ``(sentence, target_start)`` to the holder model's ``(start, end, score)``
    spans; those at or above ``threshold`` may overrule the rules (``mentions.held_by``)."""
    art = _Article(text, sentences, mentions, known)
    slots_all = art.walk()
    counts = Counter(r.actor for slots in slots_all for _, rs in slots[:1] for r in rs)
    fallback = []
    if counts:
        top = counts.most_common(1)[0][0]
        fallback = [Resolution(top, art.resolver.aliases(top), None,
                               [f"no speaker found: the article's main speaker {top!r}"])]

    # "اعلام طالبان مبنی بر استقبال از TARGET": each act's holder, resolved once (nominal.py)
    acts = [[(span, end, rs) for span, end, parts in nominal_holders(art.u, s, art.find)
             if (rs := art.resolve_subject(parts, "act by"))] for s in sentences]
    courts = court_mentions(art.u)
    court_keys = [match_key(text[a:b]) for a, b in courts]

    def for_sentence(i: int):
        slots = slots_all[i]
        s = sentences[i]
        verdict = bool(courts) and verdict_in(art.u, s.start, s.end)

        def resolve(target_start: int) -> list[Resolution]:
            chosen = slots[0][1]
            for pos, rs in slots[1:]:
                if pos <= target_start:
                    chosen = rs
            held = held_by(art, i, target_start, holders.get((i, target_start)), chosen, threshold) \
                if holders is not None else None
            held = held or next((rs for span, end, rs in reversed(acts[i]) if span[1] <= target_start < end), None)
            found = [whole_court(r, text, courts, court_keys)
                     for r in held or tagged_speakers(art, i, target_start, chosen) or chosen or fallback]
            if verdict and not any(is_judicial(r.actor) for r in found):
                court = court_for(courts, s.start, s.end, target_start)
                name = clean(text[court[0]:court[1]])
                why = found[0].actor if found else "nobody"
                return [Resolution(name, [], court, [f"verdict: the court {name!r} (not {why!r})"], org=True)]
            return found
        return resolve

    return [for_sentence(i) for i in range(len(sentences))], art.resolver
