"""Evaluation harness: score predicted claims against gold (ANNOTATION.md).

``scorer`` pairs and compares claims, ``metrics`` turns counts into scores, ``bootstrap`` adds
confidence intervals and paired tests over articles, ``report`` renders tables and plots and
``cli`` is the ``parstance eval`` subcommand.
"""
from .bootstrap import confidence_intervals, paired_bootstrap
from .metrics import PRF, ArticleResult, Counts, EvalResult
from .scorer import score, target_credit, tokens

__all__ = ["PRF", "ArticleResult", "Counts", "EvalResult", "confidence_intervals", "paired_bootstrap",
           "score", "target_credit", "tokens"]
