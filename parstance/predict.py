"""``parstance predict``: folders of raw articles in, claims JSONL out.

Articles are read lazily and processed in chunks; each chunk's claims are written
and flushed before the next is read, so a crash or a bad file never loses what was
already written, and thousands of articles need no more memory than one chunk.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .data import Article
from .folders import ReadProblem, iter_inputs

RULES = "rules"


def default_model_dir() -> Path:
    """``$PARSTANCE_MODEL``, else the shipped ``models/default`` of this checkout."""
    env = os.environ.get("PARSTANCE_MODEL")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "models" / "default"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", help="folders or files of articles (.txt, .jsonl, .json)")
    p.add_argument("-o", "--output", required=True, help="predictions JSONL (ANNOTATION.md shape)")
    p.add_argument("--model", default=None,
                   help=f"model directory (default: models/default or $PARSTANCE_MODEL), or '{RULES}' for the rule baseline")
    p.add_argument("--batch-size", type=int, default=32, help="sentence windows per forward pass")
    p.add_argument("--chunk", type=int, default=64, help="articles read, predicted and written at a time")
    p.add_argument("--threshold", type=float, default=None, help="override the model's minimum claim confidence")
    p.add_argument("--explain", metavar="FILE", help="also write, per article, why each claim got its actor (JSONL)")
    p.add_argument("--device", default=None, help="cpu, cuda, ... (default: cuda when available)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _chunks(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Predictor:
    """Either the rule baseline or a trained ClaimTagger, behind one call."""

    def __init__(self, model: str | None, device: str | None, threshold: float | None, batch_size: int):
        self.batch_size = batch_size
        self.model = None
        if model == RULES:
            return
        import torch

        from .model.tagger import ClaimTagger

        device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model = ClaimTagger.load(model or default_model_dir(), device=device)
        if threshold is not None:
            self.model.cfg.threshold = threshold

    def __call__(self, articles: list[Article], explain: dict | None) -> list[Article]:
        if self.model is None:
            from .rules import predict_article
            if explain is None:
                return [predict_article(a) for a in articles]
            return [predict_article(a, explain.setdefault(a.id, {})) for a in articles]
        from .model.inference import predict_articles
        return predict_articles(self.model, articles, self.batch_size, explain=explain)


def run(args) -> int:
    from tqdm.auto import tqdm

    try:
        predictor = Predictor(args.model, args.device, args.threshold, args.batch_size)
    except Exception as exc:  # missing model dir, missing backbone: say so and stop before writing
        print(f"error: cannot load model: {exc}", file=sys.stderr)
        return 2
    n_art = n_claims = n_bad = 0
    out_path = Path(args.output)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    explain_out = open(args.explain, "w", encoding="utf-8") if args.explain else None
    bar = tqdm(desc="articles", unit="art", disable=args.quiet, file=sys.stderr, dynamic_ncols=True)
    with open(out_path, "w", encoding="utf-8") as out:
        for chunk in _chunks(iter_inputs(args.inputs), args.chunk):
            articles = []
            for item in chunk:
                if isinstance(item, ReadProblem):
                    print(f"skipped {item}", file=sys.stderr)
                    n_bad += 1
                else:
                    articles.append(item)
            explain: dict | None = {} if explain_out else None
            try:
                preds = predictor(articles, explain)
            except Exception:  # isolate the article that fails; keep the rest of the chunk
                preds = []
                for art in articles:
                    try:
                        preds.extend(predictor([art], explain))
                    except Exception as one:
                        print(f"skipped {art.id}: prediction failed: {type(one).__name__}: {one}", file=sys.stderr)
                        n_bad += 1
            titles = {a.id: a.extra.get("title") for a in articles}
            for pred in preds:
                if titles.get(pred.id):
                    pred.extra = {"title": titles[pred.id]}
                out.write(json.dumps(pred.to_json(), ensure_ascii=False) + "\n")
                n_claims += len(pred.claims or [])
                if explain_out is not None:
                    why = explain.get(pred.id) or {}
                    explain_out.write(json.dumps({"id": pred.id, "attributions": why.get("attributions", []),
                                                  "actors": why.get("actors", {})}, ensure_ascii=False) + "\n")
            out.flush()
            n_art += len(preds)
            bar.update(len(preds))
    bar.close()
    if explain_out:
        explain_out.close()
    print(f"{n_art} articles, {n_claims} claims written to {out_path}; {n_bad} skipped", file=sys.stderr)
    return 0 if n_art or not n_bad else 1
