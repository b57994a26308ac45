"""Draw the next batch of corpus articles to annotate (batch 10 was drawn this way; DATA.md).

    python training/select_articles.py --out /tmp/batch11      # from the repository root

Articles of 600-3,500 characters with a reporting verb, an id used once in the corpus and
by no annotation file, and less than 10% of their word 8-grams shared with any annotated
article (or with another drawn one); 22 FarExStance, 8 Fars, 6 Radio Farda by default, seed
20261140 (batch 10). Run again, it draws new articles: everything already in an annotation
file is excluded. The draw is written in ``--parts`` files (one per annotator) of
``{"id", "source", "text"}`` lines.
"""
from __future__ import annotations

import argparse
import glob
import json
import random
import re
from pathlib import Path

ANNOTATED = ["training/labels/*.jsonl", "training/pending/*.jsonl", "eval/gold/*.jsonl", "seeds/gold.jsonl",
             "eval/agreement/*.jsonl"]
REPORTING = re.compile(r"گفت|اعلام کرد|اعلام كرد|تاکید کرد|تاكيد كرد")


def grams8(text: str) -> set[str]:
    w = text.split()
    return {" ".join(w[i:i + 8]) for i in range(len(w) - 7)}


def overlap(g: set[str], seen: set[str]) -> float:
    return len(g & seen) / len(g) if g else 0.0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default="../shared/corpora/news.jsonl")
    p.add_argument("--out", required=True, help="folder for the part files")
    p.add_argument("--parts", type=int, default=6, help="one file per annotator")
    p.add_argument("--seed", type=int, default=20261140)
    p.add_argument("--counts", default="22,8,6", help="FarExStance, Fars, Radio Farda articles to draw")
    args = p.parse_args()

    used, seen = set(), set()
    for pattern in ANNOTATED:
        for f in sorted(glob.glob(pattern)):
            for line in Path(f).read_text(encoding="utf-8").splitlines():
                d = json.loads(line)
                used.add(d["id"])
                seen |= grams8(d["text"])
    rows = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines()]
    uses: dict[str, int] = {}
    for d in rows:
        uses[d["id"]] = uses.get(d["id"], 0) + 1
    pools: dict[str, list[dict]] = {"farexstance": [], "farsnews": [], "radiofarda": []}
    for d in rows:
        t = d["text"]
        if d["id"] in used or uses[d["id"]] > 1 or not 600 <= len(t) <= 3500 or not REPORTING.search(t):
            continue
        if overlap(grams8(t), seen) < 0.10:
            pools[d["id"].split("-")[0]].append(d)

    rng = random.Random(args.seed)
    pick = [d for origin, n in zip(pools, map(int, args.counts.split(","))) for d in rng.sample(pools[origin], n)]
    out, drawn = [], set()
    for d in pick:  # no near-duplicates inside the draw either
        g = grams8(d["text"])
        if overlap(g, drawn) < 0.10:
            drawn |= g
            out.append(d)
    rng.shuffle(out)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    for k in range(args.parts):
        with open(Path(args.out) / f"part{k}.jsonl", "w", encoding="utf-8") as f:
            for d in out[k::args.parts]:
                f.write(json.dumps({"id": d["id"], "source": d["source"], "text": d["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(out)} articles in {args.parts} parts under {args.out}; pools:", {k: len(v) for k, v in pools.items()})


if __name__ == "__main__":
    main()
