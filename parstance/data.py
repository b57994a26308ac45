"""Plain typed records that flow through parstance.

raw article -> Sentence spans -> Claim records -> JSONL (ANNOTATION.md shape).
Every offset is a Python ``str`` index into ``Article.text``, the raw text as read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["positive", "negative"]
STANCES: tuple[str, ...] = ("positive", "negative")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into a raw text."""

    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Sentence:
    """One sentence of an article; ``text == article.text[start:end]``.

    ``kind`` is "headline" for a title line, "body" otherwise.
    ``frame`` is the span of a reporting frame that opens the sentence
    ("وی افزود؛", "X گفت:") when the segmenter found one; the quoted content follows it.
    """

    text: str
    start: int
    end: int
    index: int = 0
    kind: str = "body"
    frame: Span | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass
class Claim:
    """One (actor, target, stance) position with its evidence in the raw text."""

    evidence: str
    evidence_start: int
    actor: str
    target: str
    stance: str
    actor_aliases: list[str] = field(default_factory=list)
    target_aliases: list[str] = field(default_factory=list)
    score: float | None = None
    actor_start: int | None = None
    actor_end: int | None = None
    target_start: int | None = None
    target_end: int | None = None

    @property
    def evidence_end(self) -> int:
        return self.evidence_start + len(self.evidence)

    @property
    def span(self) -> Span:
        return Span(self.evidence_start, self.evidence_end)

    def to_json(self) -> dict:
        out: dict = {
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "actor": self.actor,
            "actor_aliases": list(self.actor_aliases),
            "target": self.target,
            "target_aliases": list(self.target_aliases),
            "stance": self.stance,
        }
        for key in ("score", "actor_start", "actor_end", "target_start", "target_end"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass
class Article:
    """A raw article and (for gold or predictions) its claims.

    ``claims is None`` means "not annotated"; ``[]`` is the statement "no claims".
    """

    id: str
    text: str
    source: str | None = None
    claims: list[Claim] | None = None
    extra: dict = field(default_factory=dict)  # other JSON fields kept for round trips

    def to_json(self) -> dict:
        out: dict = {"id": self.id}
        if self.source is not None:
            out["source"] = self.source
        out.update(self.extra)
        out["text"] = self.text
        out["claims"] = [c.to_json() for c in (self.claims or [])]
        return out
