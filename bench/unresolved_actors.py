"""Ablation for README: replace each predicted actor by its mention as written.

    python bench/unresolved_actors.py preds.jsonl preds-unresolved.jsonl

``predict`` writes, for every claim, the raw span (``actor_start``/``actor_end``) of the
mention it attributed the claim from: "وی", "سخنگوی وزارت خارجه", "شمخانی" ...  Using that
span as the actor shows what actor accuracy would be without resolution (pronouns,
titles and surnames left as they stand).
"""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        art = json.loads(line)
        for c in art["claims"]:
            if c.get("actor_start") is not None:
                c["actor"] = art["text"][c["actor_start"]:c["actor_end"]]
                c["actor_aliases"] = []
        out.write(json.dumps(art, ensure_ascii=False) + "\n")
