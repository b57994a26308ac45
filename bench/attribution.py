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
from collections import Counter

from parstance.annotations import read_annotations
from parstance.model.tagger import ClaimTagger
from parstance.predict import default_model_dir
from parstance.train_holder import GoldTargets


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("gold", nargs="+", help="gold JSONL files (ANNOTATION.md)")
    p.add_argument("--rules-only", action="store_true", help="rules alone, no model (e.g. on training labels)")
    p.add_argument("--model", default=str(default_model_dir()), help="model whose tagger and gazetteer are used")
    p.add_argument("--by-step", action="store_true", help="right/wrong per first attribution step")
    args = p.parse_args()
    articles = [a for f in args.gold for a in read_annotations(f)]
    model = None if args.rules_only else ClaimTagger.load(args.model, device="cpu")
    gold = GoldTargets(model, articles, tag_mentions=model is not None)
    # (name, tagger mentions?, gazetteer?, holder model?)
    settings = [("rules", False, False, False)]
    if model is not None:
        settings += [("+ gazetteer", False, True, False), ("+ tagger mentions", True, True, False)]
        if model.holder is not None:
            settings.append(("+ holder model", True, True, True))
    steps = Counter()
    print(f"{' '.join(args.gold)}: {sum(len(a.claims or []) for a in articles)} gold claims, targets given")
    for name, tagged, gazetteer, holder in settings:
        r, n = gold.accuracy(gold.holders() if holder else None, model.cfg.holder_threshold if holder else 0.5,
                             known=model.known_actors if gazetteer else frozenset(), tagged=tagged,
                             steps=steps if name == settings[-1][0] else None)
        print(f"  {name:<18} actor accuracy {r / n:.3f} ({r}/{n})")
    if args.by_step:
        for step in sorted({s for s, _ in steps}, key=lambda s: (-(steps[(s, True)] + steps[(s, False)]), s)):
            print(f"  {steps[(step, True)]:4d} right {steps[(step, False)]:4d} wrong  {step}")


if __name__ == "__main__":
    main()
