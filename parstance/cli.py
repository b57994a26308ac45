"""The ``parstance`` command line: validate, segment, train, predict, eval.

Heavy imports (torch, transformers) happen inside the subcommands that need them,
so ``parstance validate`` and ``parstance --help`` stay instant.
"""
from __future__ import annotations

import argparse
import json
import sys

from . import __version__


def cmd_validate(args) -> int:
    from .annotations import validate_file

    n_err = 0
    for path in args.files:
        articles, issues = validate_file(path)
        for issue in issues:
            print(issue)
        n_err += len(issues)
        n_claims = sum(len(a.claims or []) for a in articles)
        print(f"{path}: {len(articles)} articles, {n_claims} claims, {len(issues)} errors", file=sys.stderr)
    return 1 if n_err else 0


def cmd_segment(args) -> int:
    from .folders import ReadProblem, iter_inputs
    from .segment import segment

    out = open(args.output, "w", encoding="utf-8") if args.output != "-" else sys.stdout
    n_art = n_sent = n_bad = 0
    try:
        for item in iter_inputs(args.inputs):
            if isinstance(item, ReadProblem):
                print(f"skipped {item}", file=sys.stderr)
                n_bad += 1
                continue
            sents = segment(item.text)
            rec = {"id": item.id, "sentences": [
                {"index": s.index, "start": s.start, "end": s.end, "kind": s.kind, "text": s.text,
                 **({"frame_start": s.frame.start, "frame_end": s.frame.end} if s.frame else {})}
                for s in sents]}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()
            n_art += 1
            n_sent += len(sents)
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{n_art} articles, {n_sent} sentences, {n_bad} skipped", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parstance",
        description="Claims in Persian news: who (actor) says what about whom (target), positive or negative.")
    parser.add_argument("--version", action="version", version=f"parstance {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check annotation JSONL files against ANNOTATION.md")
    p.add_argument("files", nargs="+", help="annotation JSONL files (gold, labels or predictions)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("segment", help="split articles into sentences with raw-text offsets (JSONL)")
    p.add_argument("inputs", nargs="+", help="folders or files (.txt, .jsonl, .json)")
    p.add_argument("-o", "--output", default="-", help="output JSONL (default: stdout)")
    p.set_defaults(func=cmd_segment)

    from .predict import configure as configure_predict
    from .train import configure as configure_train
    from .evaluation.cli import configure as configure_eval
    from .evaluation.cli import run as run_eval

    p = sub.add_parser("predict", help="extract claims from a folder of articles")
    configure_predict(p)
    p = sub.add_parser("train", help="fine-tune a claim tagger on annotated JSONL")
    configure_train(p)
    p = sub.add_parser("eval", help="score predictions against gold annotations")
    configure_eval(p)
    p.set_defaults(func=run_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
