"""Persian normalisation that never loses offsets.

``normalize(raw)`` returns the cleaned text together with, for every character of
the cleaned text, the index of the raw character it came from.  Models read the
cleaned text; whatever span they output is mapped back with ``to_raw`` so that it
points into the raw text exactly (``raw[a:b]``), whatever was removed, replaced or
expanded in between.
"""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ZWNJ = "\u200c"

# One-to-one letter and digit unification (Arabic forms -> Persian forms).
_LETTERS = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",  # ي ى ك -> ی ی ک
            "\u06d5": "\u0647"}  # Kurdish ە (in some Radio Farda texts: "کردە") -> ه
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# Odd spaces become a plain space; CR is dropped so CRLF reads as LF.
_SPACES = {c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"}
# Removed entirely: diacritics (harakat, superscript alef), tatweel, bidi controls,
# zero-width marks other than ZWNJ (which carries Persian morphology), soft hyphen.
_DROP = set(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640", "\u00ad", "\r", "\ufeff",
     "\u200b", "\u200d", "\u200e", "\u200f", "\u061c", "\u2060"]
    + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
)


@lru_cache(maxsize=4096)
def _map_char(ch: str) -> str:
    """The normalised replacement for one raw character ('' = drop it)."""
    if ch in _DROP:
        return ""
    if ch in _LETTERS:
        return _LETTERS[ch]
    if ch in _DIGITS:
        return _DIGITS[ch]
    if ch in _SPACES:
        return _SPACES[ch]
    code = ord(ch)
    # Arabic presentation forms (ligatures such as lam-alef) -> base letters; may expand.
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE:
        nfkc = unicodedata.normalize("NFKC", ch)
        # Unassigned code points and noncharacters (U+FDD0..U+FDEF) map to themselves.
        return ch if nfkc == ch else "".join(_map_char(c) for c in nfkc)
    return ch


@dataclass(frozen=True)
class Normalized:
    """Cleaned text plus ``offsets[i]`` = raw index of ``text[i]``."""

    raw: str
    text: str
    offsets: tuple[int, ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the raw span that produced it."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def from_raw(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Map a raw span to the smallest normalised span covering what survived of it."""
        a = bisect.bisect_left(self.offsets, raw_start)
        b = bisect.bisect_left(self.offsets, raw_end)
        return a, b


def normalize(raw: str, collapse_spaces: bool = True) -> Normalized:
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(raw):
        rep = _map_char(ch)
        for r in rep:
            # Runs of spaces collapse to one; the kept space maps to the first raw one.
            if collapse_spaces and r == " " and out and out[-1] == " ":
                continue
            out.append(r)
            offsets.append(i)
    return Normalized(raw, "".join(out), tuple(offsets))


_UNIFY = str.maketrans(_LETTERS | _DIGITS | {c: " " for c in _SPACES if c != "\t"})


def unify(raw: str) -> str:
    """Same-length view of ``raw`` with letter variants, digits and odd spaces unified.

    Index ``i`` of the view is index ``i`` of the raw text, so rules (segmentation,
    reporting verbs) can match on the view and slice the raw text with the same offsets.
    """
    return raw.translate(_UNIFY)


_KEY_DROP = {" ", "\n", ZWNJ}


def match_key(s: str) -> str:
    """The comparison form of ANNOTATION.md: letter variants, digits, diacritics and
    tatweel unified; spaces and half-spaces removed; Latin letters lower-cased."""
    return "".join(c for c in normalize(s).text if c not in _KEY_DROP).lower()


def _keyed(raw: str, start: int, end: int) -> tuple[str, list[int]]:
    """match_key of ``raw[start:end]`` plus the raw index of every key character."""
    norm = normalize(raw[start:end])
    chars, idx = [], []
    for c, off in zip(norm.text, norm.offsets):
        if c not in _KEY_DROP:
            chars.append(c.lower())
            idx.append(start + off)
    return "".join(chars), idx


def find_phrase(raw: str, phrase: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Raw span of the first occurrence of ``phrase`` in ``raw[start:end]``, compared
    the way ANNOTATION.md compares strings (letter variants, digits, spaces and
    half-spaces ignored).  ``None`` when absent."""
    end = len(raw) if end is None else end
    key = match_key(phrase)
    if not key:
        return None
    hay, idx = _keyed(raw, start, end)
    pos = hay.find(key)
    if pos == -1:
        return None
    return idx[pos], idx[pos + len(key) - 1] + 1
