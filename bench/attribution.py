"""Attribution alone: actor accuracy with the gold claims' targets given.

    python bench/attribution.py eval/gold/dev.jsonl [--model models/default] [--by-step]
    python bench/attribution.py training/labels/*.jsonl --rules-only

For every gold claim, the attribution step (``parstance/attribution``) is asked who holds a
claim whose target starts where the gold target starts; the answer is right when it is the
gold actor or one of its aliases.  Three settings separate what is learned from what is
ruled:

* rules: reporting frames, pronouns, titles, names in the article's own text only;
* + gazetteer: also actor names seen in the model's training labels (learned, a list);
* + tagger mentions: also the actor mentions the model tags in each sentence (learned);
* + holder model: also the holder model's marks for each target (learned, ``model/holder.py``),
  when the model directory has one.

``--rules-only`` skips the model: on the training labels the tagger and the gazetteer have
seen the answers, but the rules have not been fitted to them (they are the check that rules
developed on dev generalise).  ``--by-step`` breaks the last setting down by the first step of each chain ("subject",
"refers back", "continues", "verdict", "tagged actor", ...), right / wrong.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter

from parstance.annotations import read_annotations
from parstance.attribution import attribute
from parstance.model.encoding import locate_target, sentence_views
from parstance.model.inference import find_holders, merge_windows, sentence_spans, tokenize_views, window_probs
from parstance.model.tagger import ClaimTagger
from parstance.normalize import match_key
from parstance.predict import default_model_dir


def tagger_mentions(model, articles):
    """Per article, per sentence: the raw spans the model tags as actor mentions."""
    views_all = [sentence_views(a) for a in articles]
    windows = [w for ai, views in enumerate(views_all) for w in tokenize_views(views, model.tokenizer, model.cfg, ai)]
    merged = merge_windows(windows, window_probs(model, windows, 32))
    return views_all, [sentence_spans(art, views, merged, ai, model.cfg)[0]
                       for ai, (art, views) in enumerate(zip(articles, views_all))]


def gold_target_holders(model, articles, views_all):
    """The holder model's marks for every gold claim's target (as ``find_holders`` gives them)."""
    targets = []
    for art, views in zip(articles, views_all):
        per = [[] for _ in views]
        for c in art.claims or []:
            located = locate_target(art, views, c)
            if located:
                si, hit = located
                per[si].append(hit or (c.evidence_start, c.evidence_start + 1))
        targets.append(per)
    return find_holders(model, articles, views_all, targets)


def score(articles, views_all, mentions, known, steps: Counter | None = None, holders=None,
          threshold: float = 0.8) -> tuple[int, int]:
    right = total = 0
    for ai, (art, views, ms) in enumerate(zip(articles, views_all, mentions)):
        resolvers, _ = attribute(art.text, [v.sentence for v in views], ms, known,
                                 holders[ai] if holders else None, threshold)
        for c in art.claims or []:
            located = locate_target(art, views, c)
            if located is None:
                continue
            si, hit = located
            found = resolvers[si](hit[0] if hit else c.evidence_start)
            gold = {match_key(x) for x in [c.actor, *c.actor_aliases]}
            ok = any(match_key(r.actor) in gold for r in found)
            right, total = right + ok, total + 1
            if steps is not None:
                step = found[0].chain[0] if found and found[0].chain else "nobody found"
                step = re.sub(r"sentence \d+", "sentence N", re.sub(r"'[^']*'", "…", step))
                steps[(step, ok)] += 1
    return right, total


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("gold", nargs="+", help="gold JSONL files (ANNOTATION.md)")
    p.add_argument("--rules-only", action="store_true", help="rules alone, no model (e.g. on training labels)")
    p.add_argument("--model", default=str(default_model_dir()), help="model whose tagger and gazetteer are used")
    p.add_argument("--by-step", action="store_true", help="right/wrong per first attribution step")
    args = p.parse_args()
    articles = [a for f in args.gold for a in read_annotations(f)]
    views_all = [sentence_views(a) for a in articles]
    none = [[[] for _ in views] for views in views_all]
    settings = [("rules", none, frozenset())]
    if not args.rules_only:
        model = ClaimTagger.load(args.model, device="cpu")
        views_all, tagged = tagger_mentions(model, articles)
        settings += [("+ gazetteer", none, model.known_actors), ("+ tagger mentions", tagged, model.known_actors)]
        if model.holder is not None:
            settings.append(("+ holder model", tagged, model.known_actors))
    steps = Counter()
    print(f"{' '.join(args.gold)}: {sum(len(a.claims or []) for a in articles)} gold claims, targets given")
    for name, ms, known in settings:
        holders = gold_target_holders(model, articles, views_all) if name == "+ holder model" else None
        r, n = score(articles, views_all, ms, known, steps if name == settings[-1][0] else None, holders,
                     model.cfg.holder_threshold if holders else 0.8)
        print(f"  {name:<18} actor accuracy {r / n:.3f} ({r}/{n})")
    if args.by_step:
        for step in sorted({s for s, _ in steps}, key=lambda s: -(steps[(s, True)] + steps[(s, False)])):
            print(f"  {steps[(step, True)]:4d} right {steps[(step, False)]:4d} wrong  {step}")


if __name__ == "__main__":
    main()
