"""The learned mentions check the rules: the tagger's actor mentions in a sentence and the
holder model's marks for one target (``speakers.py`` walks the article; these read its state).

A tagged mention that none of the rule speakers matches wins where it can hold a view of its
own; the holder model's most confident mark wins unless it names what the rules chose.
"""
from __future__ import annotations

import re

from ..normalize import match_key
from .names import Resolution, trim_mention
from .phrases import head_key, is_anaphor, is_pronoun, is_title

_LIST_SEPARATOR = re.compile(r"[\s\u200c]*(?:[،,]|و|[،,][\s\u200c]*و)[\s\u200c]*")


def tagged_speakers(art, i: int, t: int, chosen: list[Resolution]) -> list[Resolution] | None:
    """The tagger marks the actors of the claims it sees in a sentence.  When none of
    the speakers the rules chose is among them, a tagged mention wins: the subject span
    itself as written, else in a sentence with no speaker of its own the tagged mention
    nearest before the target (not an object: "با اعتراض به وضعیت کم‌آبی"), else after
    an explicit speaker only a nested holder ("وی افزود: یک فرد ناشناس ... تهدید کرد").
    A tagged title is resolved like any subject: to the person an apposition names
    ("وابسته مطبوعاتی سفارت ایران در کویت" -> "مجید سلیمانی"), else kept as written."""
    u = art.u
    s = art.sentences[i]
    tagged = sorted(m for m in art.tagged[i] if s.start <= m[0] < s.end
                    and not (is_pronoun(u[m[0]:m[1]]) or is_anaphor(u[m[0]:m[1]])))
    if not tagged:
        return None
    canon = {match_key(art.resolver.name_at(*m, "", as_written=w).actor) for m in tagged for w in (True, False)}
    if any(match_key(r.actor) in canon for r in chosen):
        return None
    inside = [m for m in tagged if any(r.mention and m[0] < r.mention[1] and r.mention[0] < m[1] for r in chosen)]
    described = [u[r.mention[0]:r.mention[1]] if r.mention else "" for r in chosen]
    if inside and all(r.mention and (is_title(d) or is_anaphor(d) or head_key(d) == "یک" and not r.described)
                      and all(r.mention[0] < m[0] or not r.described for m in inside)
                      for r, d in zip(chosen, described)):
        # a place or principal inside a title or anaphor: "شهردار دلیجان" is the mayor the rules
        # found (منصوری), "این نماینده مجلس امت کویت" the MP before, not دلیجان / کویت; nor does a
        # tag over a description the rules resolved to a person undo it ("یک عضو کمیسیون" -> the MP)
        return None
    if inside:  # the subject itself is tagged ("مدیر رصدخانه مهاجرت ایران"), from where the subject
        # starts ("وزارت | خارجه انگلیس") to where the tag ends ("میرعمادی | علت اهانت ...")
        starts = [min([r.mention[0] for r in chosen if r.mention and r.mention[0] <= m[0] < r.mention[1]] or [m[0]])
                  for m in inside]
        return [art.resolver.name_at(a, m[1], "tagged subject") for a, m in zip(starts, inside)]
    if art.explicit[i]:
        cands = [m for m in tagged if m[0] >= art.subject_end[i] and art.find.nested_holder(s, m)]
    else:
        cands = [m for m in tagged if art.find.position(s, m) != "object"]
    if not cands:
        return None
    group = nearest_group(u, cands, t)
    opening = art.find.opening_description(s)
    if opening and len(group) == 1 and opening[0] < group[0][0] and group[0][1] <= opening[1]:
        # the mention is a complement inside the sentence's opening title or group:
        # "نمایندگان ایالت نیویورک قصد دارند ..." -> the legislators, not نیویورک
        return [art.resolver.name_at(*opening, "tagged inside")]
    return [art.resolver.name_at(*whole_phrase(art, m, s.end), "tagged actor") for m in group]


def whole_phrase(art, m: tuple[int, int], end: int) -> tuple[int, int]:
    """A one-word tag that opens a longer noun phrase stands for all of it: "کمیته | دائمی کنگره
    ملی خلق چین", "عده‌ای | از برادران اهل تسنن" (the phrase rules, bounded as for a subject)."""
    if len(art.u[m[0]:m[1]].split()) > 1:
        return m  # a tag of several words is a whole name ("دادستانی تهران | دسترسی به ...")
    span = art.find.group_phrase(m[0], end)
    if span is None or span[0] != m[0] or span[1] <= m[1] or "و" in art.u[m[1]:span[1]].split() \
            or re.search(r"[\s\u200c]را(?:[\s\u200c]|$)", art.u[span[1]:span[1] + 5]):
        return m  # (not over a coordinated name, "بنت و بلینکن", nor into an object, "... دسترسی | را")
    return span


def nearest_group(u: str, cands: list[tuple[int, int]], t: int) -> list[tuple[int, int]]:
    """The mention nearest before the target (else the first after it) with the mentions
    coordinated with it: "اروپا و آژانس بین‌المللی انرژی اتمی"."""
    before = [m for m in cands if m[0] <= t + 1]
    group = [before[-1] if before else cands[0]]
    for m in cands:
        if m[0] > group[-1][1] and _LIST_SEPARATOR.fullmatch(u, group[-1][1], m[0]):
            group.append(m)
    for m in reversed(cands):
        if m[1] < group[0][0] and _LIST_SEPARATOR.fullmatch(u, m[1], group[0][0]):
            group.insert(0, m)
    return group


def held_by(art, i: int, t: int, spans, chosen: list[Resolution], threshold: float) -> list[Resolution] | None:
    """The holder model (``model/holder.py``) marks who holds the claim on the target at
    ``t``.  Its most confident mark (with the marks coordinated with it) holds the claim
    ("وی اظهار داشت: علیرغم ادعاهای اسرائیل ..." -> اسرائیل), unless it is the mention the
    rules chose, names the same actor, or is a pronoun: then the rules' discourse-aware
    answer stands ("وی" -> the last speaker)."""
    u = art.u
    s = art.sentences[i]
    marks = {}
    for a, b, p in spans or []:
        m = trim_mention(u, max(a, s.start), min(b, s.end))
        if m and p >= threshold and not (m[0] <= t < m[1]):
            marks[m] = max(p, marks.get(m, 0.0))
    if not marks:
        return None
    best = max(marks, key=lambda m: (marks[m], -m[0]))
    group = nearest_group(u, sorted(marks), best[0])
    if any(is_pronoun(u[a:b]) or is_anaphor(u[a:b]) for a, b in group):
        return None
    if any(r.mention and a < r.mention[1] and r.mention[0] < b for r in chosen for a, b in group):
        return None
    found = [art.resolver.name_at(a, b, "holder") for a, b in group]
    if {match_key(r.actor) for r in found} & {match_key(r.actor) for r in chosen}:
        return None
    return found


__all__ = ["held_by", "nearest_group", "tagged_speakers"]
