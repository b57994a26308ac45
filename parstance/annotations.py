"""Read, validate and write annotation JSONL (gold, labels and predictions share it).

Validation collects every problem as an ``Issue`` naming file, line and field, so a
user fixing a file sees all errors at once instead of one per run.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .data import STANCES, Article, Claim

OPTIONAL_INT_FIELDS = ("actor_start", "actor_end", "target_start", "target_end")


@dataclass(frozen=True)
class Issue:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"


class AnnotationError(ValueError):
    """Raised by ``read_annotations(strict=True)``; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        shown = "\n".join(str(i) for i in issues[:20])
        more = f"\n... and {len(issues) - 20} more" if len(issues) > 20 else ""
        super().__init__(f"{len(issues)} annotation error(s):\n{shown}{more}")


def _parse_claim(obj, text: str, where: str, add) -> Claim | None:
    if not isinstance(obj, dict):
        add(where, "must be an object")
        return None
    ok = True
    for key in ("evidence", "actor", "target", "stance"):
        value = obj.get(key)
        if key not in obj:
            add(f"{where}.{key}", "missing")
            ok = False
        elif not isinstance(value, str) or not value.strip():
            add(f"{where}.{key}", f"must be a non-empty string, got {value!r}")
            ok = False
    stance = obj.get("stance")
    if isinstance(stance, str) and stance.strip() and stance not in STANCES:
        add(f"{where}.stance", f"must be 'positive' or 'negative', got {stance!r}")
        ok = False
    for key in ("actor_aliases", "target_aliases"):
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            add(f"{where}.{key}", "must be a list of strings")
            ok = False
    score = obj.get("score")
    if score is not None and (not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 <= score <= 1):
        add(f"{where}.score", f"must be a number in [0, 1], got {score!r}")
        ok = False
    for key in OPTIONAL_INT_FIELDS:
        value = obj.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= len(text)):
            add(f"{where}.{key}", f"must be an offset in [0, {len(text)}], got {value!r}")
            ok = False
    evidence = obj.get("evidence")
    start = obj.get("evidence_start")
    if isinstance(evidence, str) and evidence:
        count = text.count(evidence)
        if count == 0:
            add(f"{where}.evidence", f"not found in text: {evidence[:50]!r}")
            ok = False
        elif start is None:
            if count > 1:
                add(f"{where}.evidence_start", f"required: evidence occurs {count} times in text")
                ok = False
            else:
                start = text.find(evidence)
        elif not isinstance(start, int) or isinstance(start, bool):
            add(f"{where}.evidence_start", f"must be an integer, got {start!r}")
            ok = False
        elif text[start:start + len(evidence)] != evidence:
            add(f"{where}.evidence_start", f"{start} does not point at the evidence "
                f"(text there: {text[start:start + min(len(evidence), 30)]!r})")
            ok = False
    if not ok:
        return None
    return Claim(
        evidence=evidence, evidence_start=start, actor=obj["actor"], target=obj["target"],
        stance=stance, actor_aliases=list(obj.get("actor_aliases", [])),
        target_aliases=list(obj.get("target_aliases", [])),
        score=float(score) if score is not None else None,
        **{k: obj.get(k) for k in OPTIONAL_INT_FIELDS},
    )


def iter_annotations(path: str | Path, issues: list[Issue]) -> Iterator[tuple[int, Article]]:
    """Yield ``(line_number, Article)`` for every valid line; append problems to ``issues``.

    An article whose claims are partly invalid is still yielded with its valid claims,
    so that one bad claim does not hide the rest of a file.
    """
    name = str(path)
    seen: dict[str, int] = {}
    try:
        handle = open(path, encoding="utf-8-sig")
    except OSError as exc:
        issues.append(Issue(name, 0, "", f"cannot open: {exc.strerror or exc}"))
        return
    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            add = lambda fld, msg, _l=lineno: issues.append(Issue(name, _l, fld, msg))  # noqa: E731
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                add("", f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                add("", "each line must be a JSON object")
                continue
            art_id, text, claims = obj.get("id"), obj.get("text"), obj.get("claims")
            bad = False
            if not isinstance(art_id, str) or not art_id:
                add("id", "missing" if "id" not in obj else f"must be a non-empty string, got {art_id!r}")
                bad = True
            elif art_id in seen:
                add("id", f"duplicate id {art_id!r} (first on line {seen[art_id]})")
            else:
                seen[art_id] = lineno
            if not isinstance(text, str):
                add("text", "missing" if "text" not in obj else "must be a string")
                bad = True
            if "claims" not in obj:
                add("claims", "missing (write [] for an article with no claims)")
                bad = True
            elif not isinstance(claims, list):
                add("claims", "must be a list")
                bad = True
            if bad:
                continue
            parsed = [_parse_claim(c, text, f"claims[{i}]", add) for i, c in enumerate(claims)]
            extra = {k: v for k, v in obj.items() if k not in ("id", "text", "claims", "source")}
            yield lineno, Article(id=art_id, text=text, source=obj.get("source"),
                                  claims=[c for c in parsed if c is not None], extra=extra)


def validate_file(path: str | Path) -> tuple[list[Article], list[Issue]]:
    issues: list[Issue] = []
    articles = [a for _, a in iter_annotations(path, issues)]
    return articles, issues


def read_annotations(path: str | Path, strict: bool = True) -> list[Article]:
    """Read one JSONL file or every ``*.jsonl`` under a folder (sorted, recursive)."""
    path = Path(path)
    files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    articles: list[Article] = []
    issues: list[Issue] = []
    for file in files:
        articles.extend(a for _, a in iter_annotations(file, issues))
    if strict and issues:
        raise AnnotationError(issues)
    return articles


def write_annotations(articles: Iterable[Article], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for art in articles:
            out.write(json.dumps(art.to_json(), ensure_ascii=False) + "\n")
