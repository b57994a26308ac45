"""Bootstrap over articles: confidence intervals and a paired test between two systems.

Why articles: claims of one article are not independent (one writer, one topic, shared
evidence), so the unit that is resampled is the gold article with all its claims, as in
the document-level bootstrap common in IE evaluation.

Every resample is a vector of multiplicities (how often each article is drawn, a multinomial
draw); the resampled counts are ``weights @ per_article_counts``, so all resamples are scored
in one numpy pass with the same functions that score the full file (``metrics.metric_values``).
Micro-averaged scores are recomputed from the summed counts of each resample, never averaged
over articles.

CI: percentile interval of the resampled scores (default 95 %).  Resamples where a score is
undefined (an accuracy with no pairs) are left out of that score's interval.

Paired test: both systems are scored on the *same* resamples; ``delta = A - B``.  The p-value
is two-sided against the null "no difference", using the shifted bootstrap distribution
(Efron & Tibshirani 1993, sec. 16.4; Berg-Kirkpatrick et al. 2012):
``p = (1 + #{b : |delta_b - delta| >= |delta|}) / (B + 1)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .metrics import Counts, EvalResult, metric_values

# Scores that get an interval by default (keys of metrics.metric_values).
CI_METRICS = (
    "claim_strict_precision", "claim_strict_recall", "claim_strict_f1",
    "claim_weighted_precision", "claim_weighted_recall", "claim_weighted_f1",
    "detection_f1", "actor_f1", "target_strict_f1", "target_weighted_f1", "stance_f1",
    "actor_accuracy", "stance_accuracy", "target_accuracy",
)
# Scores compared by the paired test by default.
TEST_METRICS = ("claim_strict_f1", "claim_weighted_f1", "detection_f1", "actor_accuracy", "stance_accuracy")


def resample_weights(n_articles: int, n_resamples: int, seed: int = 0) -> np.ndarray:
    """``(n_resamples, n_articles)`` multiplicities; row ``b`` is one bootstrap sample."""
    rng = np.random.default_rng(seed)
    if n_articles == 0:
        return np.zeros((n_resamples, 0))
    return rng.multinomial(n_articles, np.full(n_articles, 1.0 / n_articles), size=n_resamples).astype(float)


def _count_matrix(result: EvalResult) -> np.ndarray:
    return np.array([a.counts.as_vector() for a in result.articles], dtype=float).reshape(-1, len(Counts.names()))


def resampled_scores(result: EvalResult, weights: np.ndarray) -> dict[str, np.ndarray]:
    """Every score of ``metric_values`` for each resample (arrays of length ``n_resamples``)."""
    sums = weights @ _count_matrix(result)
    counts = Counts(**{name: sums[:, i] for i, name in enumerate(Counts.names())})
    return metric_values(counts)


def _interval(values: np.ndarray, level: float) -> tuple[float, float] | None:
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None
    tail = 100 * (1 - level) / 2
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return float(lo), float(hi)


def confidence_intervals(result: EvalResult, metrics=CI_METRICS, n_resamples: int = 1000,
                         seed: int = 0, level: float = 0.95) -> dict[str, tuple[float, float] | None]:
    """Percentile bootstrap intervals over articles, keyed by score name."""
    scores = resampled_scores(result, resample_weights(len(result.articles), n_resamples, seed))
    return {m: _interval(scores[m], level) for m in metrics}


@dataclass(frozen=True)
class PairedTest:
    metric: str
    a: float | None
    b: float | None
    delta: float | None                    # a - b on the full gold set
    ci: tuple[float, float] | None         # bootstrap interval of the delta
    p_value: float | None                  # two-sided, H0: no difference

    def to_json(self) -> dict:
        return {"metric": self.metric, "a": self.a, "b": self.b, "delta": self.delta,
                "ci": list(self.ci) if self.ci else None, "p_value": self.p_value}


def paired_bootstrap(result_a: EvalResult, result_b: EvalResult, metrics=TEST_METRICS,
                     n_resamples: int = 1000, seed: int = 0, level: float = 0.95) -> list[PairedTest]:
    """Paired bootstrap test of A against B on the same gold articles (same resamples)."""
    ids_a, ids_b = [a.id for a in result_a.articles], [a.id for a in result_b.articles]
    if ids_a != ids_b:
        raise ValueError("paired bootstrap needs both systems scored against the same gold articles")
    weights = resample_weights(len(ids_a), n_resamples, seed)
    sa, sb = resampled_scores(result_a, weights), resampled_scores(result_b, weights)
    full_a, full_b = result_a.scores(), result_b.scores()
    out = []
    for m in metrics:
        a, b = full_a[m], full_b[m]
        if a is None or b is None:
            out.append(PairedTest(m, a, b, None, None, None))
            continue
        delta = a - b
        d = sa[m] - sb[m]
        d = d[~np.isnan(d)]
        if d.size == 0:
            out.append(PairedTest(m, a, b, delta, None, None))
            continue
        # A tolerance so that float noise in identical systems does not count as "less extreme".
        extreme = np.abs(d - delta) >= abs(delta) - 1e-12
        p = (1 + int(extreme.sum())) / (d.size + 1)
        out.append(PairedTest(m, a, b, delta, _interval(d, level), min(1.0, p)))
    return out
