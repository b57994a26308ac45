"""``parstance eval``: the main CLI calls ``configure(parser)`` to add the arguments and
``run(args)`` for the exit code (0 ok, 2 unreadable or invalid input)."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from ..annotations import AnnotationError, read_annotations
from .bootstrap import confidence_intervals, paired_bootstrap
from .report import System, markdown_report, plot_field_f1, plot_stance_confusion, terminal_report
from .scorer import score

DESCRIPTION = """Score predicted claims against hand-annotated gold (ANNOTATION.md). Claims pair one to one
within an article among pairs whose evidence overlaps; headline: claim_strict F1."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = parser.description or DESCRIPTION
    parser.add_argument("--gold", required=True, metavar="GOLD.jsonl",
                        help="gold annotations (a JSONL file or a folder of *.jsonl)")
    parser.add_argument("--pred", required=True, nargs="+", metavar="PRED.jsonl",
                        help="one or more prediction files; several are compared side by side "
                             "with a paired bootstrap test between every two")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object instead of tables: the scores of the first "
                             "prediction file at top level; with several files also 'systems' "
                             "(all of them) and 'comparisons' (paired tests)")
    parser.add_argument("--markdown", metavar="FILE", help="also write a Markdown report to FILE")
    parser.add_argument("--plots", metavar="DIR",
                        help="also write plots (stance confusion per file, F1 per field) to DIR")
    parser.add_argument("--per-article", action="store_true", help="print the per-article breakdown")
    parser.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                        help="bootstrap resamples over articles for 95%% CIs and tests (0: none; default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")


def _read_all(paths: list[str]):
    """Read every file, collecting the issues of all of them before giving up."""
    out, issues = [], []
    for path in paths:
        try:
            out.append(read_annotations(path, strict=True))
        except AnnotationError as exc:
            issues.extend(exc.issues)
            out.append(None)
    return out, issues


def _names(paths: list[str]) -> list[str]:
    stems = [Path(p).stem for p in paths]
    return [s if stems.count(s) == 1 else p for s, p in zip(stems, paths)]


def _slug(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_") or "pred"


def run(args: argparse.Namespace) -> int:
    data, issues = _read_all([args.gold, *args.pred])
    if issues:
        for issue in issues:
            print(issue, file=sys.stderr)
        print(f"parstance eval: {len(issues)} error(s) in the input files", file=sys.stderr)
        return 2
    gold, preds = data[0], data[1:]
    if not gold:
        print(f"parstance eval: no gold articles in {args.gold}", file=sys.stderr)
        return 2
    n_boot = max(0, args.bootstrap)
    systems = []
    for name, path, pred in zip(_names(args.pred), args.pred, preds):
        result = score(gold, pred)
        ci = confidence_intervals(result, n_resamples=n_boot, seed=args.seed) if n_boot else None
        systems.append(System(name, path, result, ci))
        for warning in result.warnings():
            print(f"warning: {name}: {warning}", file=sys.stderr)
    tests = []
    if n_boot:
        tests = [(a.name, b.name, paired_bootstrap(a.result, b.result, n_resamples=n_boot, seed=args.seed))
                 for i, a in enumerate(systems) for b in systems[i + 1:]]

    plots: list[Path] = []
    if args.plots:
        folder = Path(args.plots)
        folder.mkdir(parents=True, exist_ok=True)
        plots.append(plot_field_f1(systems, folder / "field_f1.png"))
        for s in systems:
            plots.append(plot_stance_confusion(s.result, folder / f"stance_confusion_{_slug(s.name)}.png",
                                               title=f"stance: {s.name}"))
    if args.markdown:
        md_path = Path(args.markdown)
        md_path.parent.mkdir(parents=True, exist_ok=True)
        links = [os.path.relpath(p, md_path.parent) for p in plots]
        md_path.write_text(markdown_report(systems, args.gold, tests, links, n_boot), encoding="utf-8")

    if args.json:
        print(json.dumps(to_json(systems, tests, args.gold, n_boot, args.seed), ensure_ascii=False, indent=2))
    else:
        print(terminal_report(systems, tests, per_article=args.per_article))
    return 0


def to_json(systems: list[System], tests, gold_path: str, n_boot: int, seed: int) -> dict:
    def one(s: System) -> dict:
        return {"name": s.name, "pred": s.path, **s.result.to_json(ci=s.ci)}

    out = {"gold": gold_path, **one(systems[0]),
           "bootstrap": {"n_resamples": n_boot, "seed": seed, "level": 0.95, "unit": "article"}}
    if len(systems) > 1:
        out["systems"] = [one(s) for s in systems]
        out["comparisons"] = [{"a": a, "b": b, "tests": [t.to_json() for t in ts]} for a, b, ts in tests]
    return out
