"""Write N real corpus articles as .txt files (one folder) for timing `parstance predict`.

    python bench/sample_articles.py ../shared/corpora/news.jsonl /tmp/bench-100 100

Articles are taken in corpus order after skipping those shorter than 300 characters,
so the sample is the same on every machine.
"""
import json
import sys
from pathlib import Path

src, out, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
written = chars = 0
with open(src, encoding="utf-8") as f:
    for line in f:
        art = json.loads(line)
        if len(art["text"]) < 300:
            continue
        (out / f"{art['id']}.txt").write_text(art["text"], encoding="utf-8")
        written += 1
        chars += len(art["text"])
        if written == n:
            break
print(f"{written} articles, {chars} characters -> {out}")
