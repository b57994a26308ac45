"""Sentence segmentation built for raw Persian news.

Every sentence keeps ``start``/``end`` into the raw text, so ``raw[start:end]`` is
the sentence.  What real articles contain and how it is handled:

* no space after a full stop (``نابود شود .وی افزود؛``): a stop followed by a letter splits;
* decimals and letter abbreviations (``۳.۵``, ``ج.ا.ا``, ``www.irna.ir``) never split;
* ``؛`` and ``:`` introduce reported speech: they do not split; instead the opening
  reporting clause is kept as the sentence's ``frame`` (``وی افزود؛``) for attribution;
* ``«...»`` quotes are not split inside when they close on the same line;
* headlines and boilerplate lines end at their line break without a final stop;
* two sentences glued with no punctuation (``خود ساخته هستندنماینده مقام``) split
  between a sentence-final verb and a known sentence-opening word.
"""
from __future__ import annotations

import re

from .data import Sentence, Span
from .normalize import unify

TERMINALS = ".!?؟…"
CLOSERS = "»\"')]}”’"
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z0-9]")

# Sentence-final verb forms and the words that open Persian news sentences.  A token
# made of the two glued together is two sentences (verified on the seed and corpus).
_FINAL_VERBS = ("است", "هستند", "هست", "نیست", "نیستند", "بود", "بودند", "کرد", "کردند", "شد",
                "شدند", "دارد", "دارند", "کند", "کنند", "شود", "شوند", "باشد", "باشند", "گفت",
                "داشت", "افزود", "گردید", "نمود", "نمودند", "یافت", "خواهدشد", "میشود", "میکند")
_OPENERS = ("وی", "او", "نماینده", "رئیس", "رییس", "وزیر", "سخنگوی", "دبیر", "معاون", "فرمانده",
            "مشاور", "عضو", "همچنین", "ایشان", "نامبرده")
_GLUED = re.compile(
    r"(?:%s)(?=(?:%s)(?:[\s\u200c،,:؛]|$))"
    % ("|".join(sorted(_FINAL_VERBS, key=len, reverse=True)), "|".join(_OPENERS))
)

# Reporting verbs that open reported speech with ":" or "؛" ("وی افزود؛", "X تاکید کرد:").
REPORTING_VERBS = ("گفت", "افزود", "اضافه کرد", "تاکید کرد", "تأکید کرد", "تاكيد كرد", "خاطرنشان کرد",
                   "خاطر نشان کرد", "خاطرنشان ساخت", "اظهار داشت", "اظهار کرد", "اعلام کرد", "ادامه داد",
                   "یادآور شد", "یادآوری کرد", "بیان کرد", "بیان داشت", "عنوان کرد", "تصریح کرد",
                   "نوشت", "گفته است", "افزوده است", "تاکید کرده است", "اعلام کرده است", "تشریح کرد",
                   "یادآور شده است", "هشدار داد", "مدعی شد", "توضیح داد", "ابراز داشت")
_FRAME = re.compile(r"(?:%s)(?:ه است)?\s*[:؛]" % "|".join(re.escape(v).replace("\\ ", r"[\s\u200c]*")
                                                    for v in sorted(REPORTING_VERBS, key=len, reverse=True)))
_HEADLINE_FRAME = re.compile(r"^[^:؛\n]{2,120}?\s*:\s*")
_BOILERPLATE = re.compile(r"^(انتهای پیام|کد خبر|منبع:|برچسب|لینک کوتاه|اشتراک گذاری|\S*/\s*$)")

MAX_FRAME_CHARS = 400


def _is_boundary(text: str, i: int) -> bool:
    """Is the terminal character at ``text[i]`` the end of a sentence?"""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch == ".":
        if prev and nxt and _DIGIT.match(prev) and _DIGIT.match(nxt):
            return False  # decimal 3.5, ۳.۵
        if prev and nxt and _LATIN.match(prev) and _LATIN.match(nxt):
            return False  # www.irna.ir, e-mail addresses
        # A one-letter token before the stop is an abbreviation: ج.ا.ا , U.S.
        j = i - 1
        while j >= 0 and _LETTER.match(text[j]):
            j -= 1
        if i - 1 - j == 1 and (nxt == "" or _LETTER.match(nxt) or nxt == " " and i + 2 < len(text)
                               and _LETTER.match(text[i + 2]) and (i + 3 >= len(text) or text[i + 3] == ".")):
            return False
    if nxt and nxt in TERMINALS:
        return False  # the run of stops ends later ("!!", "...")
    return True


def _quote_end(text: str, i: int, line_end: int) -> int:
    """If ``i`` lies inside a «...» that closes before ``line_end``, return the close index."""
    open_ = text.rfind("«", 0, i)
    if open_ == -1 or text.rfind("»", open_, i) != -1:
        return -1
    close = text.find("»", i, line_end)
    return close if close != -1 and close - open_ < 600 else -1


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one line ``text[start:end]`` (a line has no '\\n')."""
    cuts: list[int] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in TERMINALS and _is_boundary(text, i):
            close = _quote_end(text, i, end)
            if close != -1 and close != i + 1:  # inside «...», unless the stop closes the quote: «....»
                i += 1
                continue
            j = i + 1
            while j < end and text[j] in CLOSERS:
                j += 1
            cuts.append(j)
            i = j
            continue
        i += 1
    for m in _GLUED.finditer(text, start, end):
        cuts.append(m.end())
    spans = []
    prev = start
    for cut in sorted(set(cuts)) + [end]:
        a, b = prev, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and any(_LETTER.match(c) or _DIGIT.match(c) for c in text[a:b]):
            spans.append((a, b))
        elif spans and b > a:  # stray punctuation: attach to the previous sentence
            spans[-1] = (spans[-1][0], b)
        prev = cut
    return spans


def find_frame(sentence: str, headline: bool = False) -> tuple[int, int] | None:
    """The reporting frame at the start of a sentence: ``(0, end)`` up to ``:``/``؛``."""
    m = _FRAME.search(sentence, 0, MAX_FRAME_CHARS)
    if m and m.end() < len(sentence):
        return 0, m.end()
    if headline:
        h = _HEADLINE_FRAME.match(sentence)
        if h and h.end() < len(sentence):
            return 0, h.end()
    return None


def segment(text: str) -> list[Sentence]:
    """Split a raw article into sentences with exact raw offsets.

    Decisions are taken on ``unify(text)`` (same length, Arabic ي/ك and digits
    unified) so a legacy-encoded copy splits exactly like a modern one.
    """
    raw, text = text, unify(text)
    sentences: list[Sentence] = []
    pos = 0
    first_line = True
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        spans = _split_line(text, line_start, line_end)
        if not spans:
            continue
        is_headline = (first_line and len(spans) == 1 and text[spans[0][1] - 1] not in TERMINALS
                       and spans[0][1] - spans[0][0] <= 250)
        first_line = False
        for a, b in spans:
            view = text[a:b]
            kind = "headline" if is_headline else ("boilerplate" if _BOILERPLATE.match(view) else "body")
            fr = find_frame(view, headline=is_headline)
            sentences.append(Sentence(text=raw[a:b], start=a, end=b, index=len(sentences), kind=kind,
                                      frame=Span(a + fr[0], a + fr[1]) if fr else None))
    return sentences
