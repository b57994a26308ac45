"""Read article folders: ``.txt`` (one article each), ``.jsonl`` and ``.json``.

Encodings are detected per file (UTF-8 with or without BOM, UTF-16 with BOM, legacy
Windows-1256).  A file that cannot be read is reported with the reason and skipped:
one bad file never stops a batch.
"""
from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .data import Article

SUFFIXES = (".txt", ".jsonl", ".json")


@dataclass(frozen=True)
class ReadProblem:
    """A file (or one line of it) that was skipped, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"


def _plausible(text: str) -> bool:
    """Decoded Persian/English prose is letters, digits, spaces and punctuation.

    Windows-1256 decodes any byte string, so this is what tells a real legacy file
    from binary junk: junk decodes into many control and Latin-1 symbol characters.
    """
    if not text.strip():
        return True
    odd = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or "\x7f" <= c <= "\xbf" or c == "\ufffd")
    return odd / len(text) < 0.02


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``ValueError`` with a reason if not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ValueError(f"UTF-16 BOM but undecodable at byte {exc.start}") from None
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes, no UTF-16 byte-order mark)")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = data.decode("cp1256", errors="replace")
        encoding = "cp1256"
    if not _plausible(text):
        raise ValueError(f"does not look like text in UTF-8, UTF-16 or Windows-1256 (tried {encoding})")
    return text, encoding


def _articles_from_obj(obj, rel: str, line: int | None) -> Iterator[Article | ReadProblem]:
    where = f"line {line}" if line else "object"
    if not isinstance(obj, dict):
        yield ReadProblem(rel, line, f"{where}: expected a JSON object with 'id' and 'text'")
        return
    text = obj.get("text")
    if not isinstance(text, str):
        yield ReadProblem(rel, line, "field 'text': missing or not a string")
        return
    if not text.strip():
        yield ReadProblem(rel, line, "field 'text': empty")
        return
    art_id = obj.get("id")
    if art_id is None:
        art_id = f"{rel}:{line}" if line else rel
    extra = {k: v for k, v in obj.items() if k in ("title", "url", "category")}
    yield Article(id=str(art_id), text=text, source=obj.get("source") or rel, extra=extra)


def read_file(path: Path, rel: str) -> Iterator[Article | ReadProblem]:
    """Articles of one file, or ``ReadProblem`` records for what had to be skipped."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadProblem(rel, None, f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield ReadProblem(rel, None, "empty file")
        return
    try:
        text, _ = decode_bytes(data)
    except ValueError as exc:
        yield ReadProblem(rel, None, str(exc))
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        if not text.strip():
            yield ReadProblem(rel, None, "empty file")
        else:
            yield Article(id=rel, text=text, source=rel)
    elif suffix == ".jsonl":
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadProblem(rel, lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            yield from _articles_from_obj(obj, rel, lineno)
    else:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadProblem(rel, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
            return
        for item in obj if isinstance(obj, list) else [obj]:
            yield from _articles_from_obj(item, rel, None)


def iter_inputs(paths: list[str | Path]) -> Iterator[Article | ReadProblem]:
    """Walk files and folders (recursively, sorted) and yield articles or problems.

    Ids of ``.txt`` files are paths relative to the folder given.  Duplicate ids
    within one run are reported and the later article skipped, and so is an article whose
    text is exactly one already read (the corpus repeats agency texts; ``seeds/`` holds the
    seed as ``.txt`` and inside its gold file): its claims would be counted twice.
    """
    seen: set[str] = set()
    texts: dict[bytes, str] = {}  # digest of each text read -> the id that had it first
    for root in map(Path, paths):
        if root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            pairs = [(p, p.relative_to(root).as_posix()) for p in files]
        elif root.is_file():
            pairs = [(root, root.name)]
        else:
            yield ReadProblem(str(root), None, "no such file or folder")
            continue
        for path, rel in pairs:
            for item in read_file(path, rel):
                if isinstance(item, Article):
                    if item.id in seen:
                        yield ReadProblem(rel, None, f"duplicate article id {item.id!r}; skipped")
                        continue
                    digest = hashlib.blake2b(item.text.encode("utf-8"), digest_size=16).digest()
                    if digest in texts:
                        yield ReadProblem(rel, None, f"article {item.id!r} has the same text as {texts[digest]!r}; skipped")
                        continue
                    seen.add(item.id)
                    texts[digest] = item.id
                yield item
