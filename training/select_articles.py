"""Draw the next batch of corpus articles to annotate (batch 10 was drawn this way; DATA.md).

    python training/select_articles.py     # from the repository root; writes /tmp/b10/part0..5.jsonl

Articles of 600-3,500 characters with a reporting verb, an id used once in the corpus and
by no annotation file, and less than 10% of their word 8-grams shared with any annotated
article (or with another drawn one); 22 FarExStance, 8 Fars, 6 Radio Farda, seed 20261140.
Run again, it draws new articles: everything already in an annotation file is excluded.
"""
import json, random, glob, re
used = set(); grams = set()
def g8(t):
    w = t.split(); return {" ".join(w[i:i+8]) for i in range(len(w)-7)}
for f in glob.glob("training/labels/*.jsonl") + glob.glob("training/pending/*.jsonl") + ["eval/gold/dev.jsonl", "eval/gold/test.jsonl", "seeds/gold.jsonl", "eval/agreement/second-pass.jsonl"]:
    for l in open(f):
        d = json.loads(l); used.add(d["id"]); grams |= g8(d["text"])
ids = {}
rows = []
for l in open("../shared/corpora/news.jsonl"):
    d = json.loads(l); ids[d["id"]] = ids.get(d["id"], 0) + 1; rows.append(d)
cands = {"farexstance": [], "farsnews": [], "radiofarda": []}
for d in rows:
    if d["id"] in used or ids[d["id"]] > 1: continue
    t = d["text"]
    if not (600 <= len(t) <= 3500): continue
    if not re.search(r"گفت|اعلام کرد|اعلام كرد|تاکید کرد|تاكيد كرد", t): continue
    gg = g8(t)
    if gg and len(gg & grams) / len(gg) >= 0.10: continue
    cands[d["id"].split("-")[0]].append(d)
rng = random.Random(20261130 + 10)
pick = rng.sample(cands["farexstance"], 22) + rng.sample(cands["farsnews"], 8) + rng.sample(cands["radiofarda"], 6)
# no near-duplicates inside the pick
out, seen = [], set()
for d in pick:
    gg = g8(d["text"])
    if gg and len(gg & seen) / len(gg) >= 0.10: continue
    seen |= gg; out.append(d)
rng.shuffle(out)
for k in range(6):
    import os; os.makedirs("/tmp/b10", exist_ok=True)
    with open(f"/tmp/b10/part{k}.jsonl", "w") as f:
        for d in out[k::6]:
            f.write(json.dumps({"id": d["id"], "source": d["source"], "text": d["text"]}, ensure_ascii=False) + "\n")
print(len(out), {k: len(v) for k, v in cands.items()})
