"""Verdicts belong to the court (DATA.md D2).

"در این حکم، ۵ مقام ... به ۱۰ سال زندان محکوم شدند", "دادستان کل بحرین گفت که دادگاه
بزرگ جنایی ... بانک مرکزی ایران را ... مجرم شناخت": a sentence that reports a sentence,
a conviction or an acquittal holds the view of the court that passed it, not of the
spokesman, lawyer or outlet that reports it.  The court is the one named in the sentence,
else the nearest named before it, else the first named after it; an article that names no
court leaves the speaker as it was ("passive charges with no named holder").
"""
from __future__ import annotations

import re

from ..normalize import match_key
from .lexicon import COUNTRIES
from .names import Resolution
from .phrases import clean

_S = r"[\s\u200c]+"
# what a court's name is made of after its head: "دادگاه انقلاب", "شعبه ۱۵ دادگاه تجدیدنظر
# استان رضوی", "دادگاه بزرگ جنایی", "یک دادگاه فدرال در واشنگتن", "هیات منصفه دادستانی"
_MODIFIERS = ("انقلاب", "اسلامی", "تجدیدنظر", "تجدید‌نظر", "تجدید نظر", "بدوی", "بزرگ", "عالی", "جنایی", "کیفری",
              "فدرال", "عمومی", "ویژه", "روحانیت", "نظامی", "اداری", "عدالت", "حقوقی", "قانون", "اساسی",
              "بین‌المللی", "بین المللی", "لاهه", "دادستانی", "کشور", "دادگستری", "صلح", "جنگ", "حقوق", "بشر",
              "ایالتی", "منطقه‌ای", "استیناف", "تمیز")
_MOD = "|".join(sorted((re.escape(m).replace(r"\ ", _S) for m in _MODIFIERS), key=len, reverse=True))
_PLACE = r"(?:استان%s\S+|شهر%s\S+|\S+)" % (_S, _S)
COURT = re.compile(
    r"(?<![^\s\u200c«(،,.:؛])(?:یک%s)?(?:شعبه%s\S+%s)?(?:دادگاه|دیوان|(?:هیات|هیئت)%sمنصفه)(?:ی)?"
    r"(?:%s(?:%s)(?=[\s\u200c.،,:؛»)]|$))*"
    r"(?P<place>%s(?:در%s)?%s)?" % (_S, _S, _S, _S, _S, _MOD, _S, _S, _PLACE))

# a sentence that reports a punishment, conviction or acquittal (not "X حمله را محکوم کرد")
VERDICT = re.compile(
    r"(?:زندان|حبس|اعدام|جریمه|شلاق|مصادره|تبعید|ممنوعیت|ممنوع|انفصال|جزای نقدی)[^.؟!]{0,160}?محکوم"
    r"|مجرم[\s\u200c]+شناخت|تبرئه|(?:زندان|حبس)[\s\u200c]+گرفت|جریمه[\s\u200c]+شد"
    r"|(?:حکم|احکام|جریمه)[^.؟!]{0,80}?(?:صادر|کاهش|تایید|تأیید|نقض|ابرام|قطعی)")

_JUDICIAL = re.compile(r"دادگاه|دیوان|منصفه|شعبه")  # a court, not who reports its verdict


_CITIES = frozenset(match_key(c) for c in (
    "تهران", "مشهد", "اصفهان", "شیراز", "تبریز", "اهواز", "کرج", "قم", "کرمانشاه", "رشت", "ارومیه", "زاهدان",
    "کرمان", "یزد", "همدان", "اراک", "سنندج", "بوشهر", "بندرعباس", "گرگان", "ساری", "قزوین", "زنجان", "خرم‌آباد",
    "واشنگتن", "نیویورک", "لندن", "پاریس", "برلین", "لاهه", "استکهلم", "بروکسل", "ژنو", "وین", "مارسی",
    "کالیفرنیا", "ویرجینیا", "تگزاس", "فلوریدا", "منهتن", "بغداد", "منامه", "ریاض", "دوحه", "آنکارا", "استانبول"))


def _court_places(u: str, m: re.Match) -> tuple[int, int]:
    """The court's span, with a trailing place kept only when it is one ("در بحرین",
    "استان رضوی", "تهران"), not the next word of the sentence ("... دادگاه انقلاب سام رجبی")."""
    a, b = m.span()
    if m.group("place"):
        words = m.group("place").split()
        place = match_key(words[-1].strip("،,.:؛»)"))
        if not (words[-2:-1] in (["استان"], ["شهر"]) or place in COUNTRIES or place in _CITIES):
            b = m.start("place")
    while b > a and u[b - 1] in "،,.:؛»)":
        b -= 1
    return a, b


def court_mentions(u: str) -> list[tuple[int, int]]:
    """Spans of named courts in (unified) article text, in order.  A bare "دادگاه" or
    "دادگاهی" names no court ("نمونه‌های ارائه شده در دادگاه")."""
    found = []
    for m in COURT.finditer(u):
        a, b = _court_places(u, m)
        if len(u[a:b].split()) > 1:
            found.append((a, b))
    return found


def is_judicial(actor: str) -> bool:
    return bool(_JUDICIAL.search(actor))


def verdict_in(u: str, a: int, b: int) -> bool:
    return bool(VERDICT.search(u, a, b))


def court_for(courts: list[tuple[int, int]], a: int, b: int, t: int) -> tuple[int, int] | None:
    """The court of a verdict sentence [a, b) whose claim's target starts at ``t``: the one named
    in the sentence (the last before the target, else the first), else the nearest before the
    sentence, else the first after it."""
    inside = [c for c in courts if a <= c[0] < b]
    if inside:
        before = [c for c in inside if c[0] <= t]
        return before[-1] if before else inside[0]
    before = [c for c in courts if c[1] <= a]
    if before:
        return before[-1]
    after = [c for c in courts if c[0] >= b]
    return after[0] if after else None


def whole_court(r, text: str, courts: list[tuple[int, int]], court_keys: list[str]):
    """"دادگاهی | در بحرین": a court subject cut short takes the court's whole name (the one
    its mention lies in, else the first that extends it); ``courts`` are ``court_mentions``
    and ``court_keys`` their match keys."""
    if not is_judicial(r.actor):
        return r
    key = match_key(r.actor)
    whole = [c for c, k in zip(courts, court_keys) if k.startswith(key) and len(k) > len(key)]
    c = next((c for c in whole if r.mention and c[0] <= r.mention[0] < c[1]), whole[0] if whole else None)
    if c is None:
        return r
    return Resolution(clean(text[c[0]:c[1]]), [], c, r.chain + ["the court's whole name"], org=True)
