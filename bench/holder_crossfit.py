"""Does the holder model generalise?  Two-fold cross-fitting on the training labels.

    python bench/holder_crossfit.py [--model models/default] [--epochs 3] [--layers 3]

The training articles are split in two (even / odd positions).  For each half, a holder
model is trained on the other half (on the shipped tagger's frozen layers, exactly as
``parstance train --holder-only`` does) and attribution is scored on this half with the gold
targets given: the rules alone against the rules plus the holder model, at several
thresholds.  The tagger's actor mentions and gazetteer are left out: the shipped tagger was
trained on all these articles, so only the rules and the fold's own holder model are unseen.
"""
from __future__ import annotations

import argparse
import glob
from pathlib import Path

from parstance.annotations import read_annotations
from parstance.model.tagger import ClaimTagger
from parstance.predict import default_model_dir
from parstance.train_holder import GoldTargets, train_holder

THRESHOLDS = (0.5, 0.7, 0.8, 0.9)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--labels", default="training/labels", help="folder of training label files")
    p.add_argument("--model", default=str(default_model_dir()), help="the tagger the holder model sits on")
    p.add_argument("--epochs", type=int, default=3, help="holder training epochs per fold")
    p.add_argument("--layers", type=int, default=3, help="holder model layers above the tagger's frozen ones")
    args = p.parse_args()
    articles = [a for f in sorted(glob.glob(str(Path(args.labels) / "*.jsonl"))) for a in read_annotations(f)]
    folds = [articles[0::2], articles[1::2]]
    totals = {"rules": [0, 0], **{t: [0, 0] for t in THRESHOLDS}}
    for k in (0, 1):
        train_part, held_out = folds[1 - k], folds[k]
        tagger = ClaimTagger.load(args.model, device="cpu")
        tagger.cfg.holder_epochs, tagger.cfg.holder_layers = args.epochs, args.layers
        train_holder(tagger, train_part, [], log=lambda m: None)
        gold = GoldTargets(tagger, held_out, tag_mentions=False)
        r, n = gold.accuracy(None, known=frozenset())
        totals["rules"][0] += r
        totals["rules"][1] += n
        holders = gold.holders()
        line = [f"fold {k}: {len(held_out)} articles, rules {r}/{n}"]
        for t in THRESHOLDS:
            r, n = gold.accuracy(holders, t, known=frozenset())
            totals[t][0] += r
            totals[t][1] += n
            line.append(f"holder@{t} {r}/{n}")
        print(", ".join(line), flush=True)
    r, n = totals["rules"]
    print(f"rules alone          actor accuracy {r / n:.3f} ({r}/{n})")
    for t in THRESHOLDS:
        r, n = totals[t]
        print(f"+ holder model @{t:<4} actor accuracy {r / n:.3f} ({r}/{n})")


if __name__ == "__main__":
    main()
