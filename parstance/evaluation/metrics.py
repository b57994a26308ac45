"""Counts and scores: every metric of ``parstance eval`` is a function of additive ``Counts``.

The definitions (pairing, credits, aggregation, zero division) are in ``scorer``'s docstring.
Scores are computed with numpy so that the same functions score one file (scalars) and every
bootstrap resample at once (arrays).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .scorer import PairResult


@dataclass
class Counts:
    """Additive counts of one article or a whole file; every score derives from them.

    Fields may also hold numpy arrays (one value per bootstrap resample)."""

    n_gold: int = 0
    n_pred: int = 0
    detected: int = 0            # pairs (evidence overlap)
    strict: int = 0              # pairs with actor + strict target + stance
    weighted_p: float = 0.0      # target precision credit of pairs with actor + stance
    weighted_r: float = 0.0
    actor: int = 0
    target_strict: int = 0
    target_p: float = 0.0        # target credit of every pair
    target_r: float = 0.0
    stance: int = 0
    target_agree: int = 0        # pairs agreeing on the target at least partially
    actor_on_target: int = 0
    stance_on_target: int = 0
    # stance confusion over all pairs, plus unpaired claims ("missed" gold / "spurious" predicted)
    pos_pos: int = 0
    pos_neg: int = 0
    neg_pos: int = 0
    neg_neg: int = 0
    missed_pos: int = 0
    missed_neg: int = 0
    spurious_pos: int = 0
    spurious_neg: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def as_vector(self) -> list[float]:
        return [float(getattr(self, n)) for n in self.names()]

    @property
    def stance_confusion(self) -> np.ndarray:
        """Rows gold (positive, negative, none = spurious), columns predicted (positive, negative,
        none = missed)."""
        return np.array([[self.pos_pos, self.pos_neg, self.missed_pos],
                         [self.neg_pos, self.neg_neg, self.missed_neg],
                         [self.spurious_pos, self.spurious_neg, 0]])


# ---- scores from counts (work elementwise on numpy arrays for the bootstrap) ----

def prf(tp_p, tp_r, n_pred, n_gold):
    """(precision, recall, f1); ``tp_p``/``tp_r`` are the credited hits on each side."""
    tp_p, tp_r, n_pred, n_gold = (np.asarray(x, dtype=float) for x in (tp_p, tp_r, n_pred, n_gold))
    empty = np.where((n_pred == 0) & (n_gold == 0), 1.0, 0.0)
    p = np.where(n_pred > 0, tp_p / np.maximum(n_pred, 1), empty)
    r = np.where(n_gold > 0, tp_r / np.maximum(n_gold, 1), empty)
    f = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-300), 0.0)
    return p, r, f


def accuracy(num, den):
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.where(den > 0, num / np.maximum(den, 1), np.nan)


# name -> (numerator(s) over counts).  PRF metrics take (tp_p, tp_r) attribute names.
PRF_METRICS: dict[str, tuple[str, str]] = {
    "claim_strict": ("strict", "strict"),
    "claim_weighted": ("weighted_p", "weighted_r"),
    "detection": ("detected", "detected"),
    "actor": ("actor", "actor"),
    "target_strict": ("target_strict", "target_strict"),
    "target_weighted": ("target_p", "target_r"),
    "stance": ("stance", "stance"),
}
ACCURACY_METRICS: dict[str, tuple[str, str]] = {
    "actor_accuracy": ("actor_on_target", "target_agree"),
    "stance_accuracy": ("stance_on_target", "target_agree"),
    "target_accuracy": ("target_strict", "detected"),
}


def metric_values(c: Counts) -> dict:
    """Every flat score: ``<prf>_precision|recall|f1`` and the accuracies (arrays or floats)."""
    out = {}
    for name, (a, b) in PRF_METRICS.items():
        p, r, f = prf(getattr(c, a), getattr(c, b), c.n_pred, c.n_gold)
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = p, r, f
    for name, (num, den) in ACCURACY_METRICS.items():
        out[name] = accuracy(getattr(c, num), getattr(c, den))
    return out


def _num(x) -> float | None:
    x = float(x)
    return None if np.isnan(x) else x


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ArticleResult:
    id: str
    counts: Counts
    pairs: list[PairResult]
    missing: bool = False  # gold article absent from the predictions

    def scores(self) -> dict[str, float | None]:
        return {k: _num(v) for k, v in metric_values(self.counts).items()}


@dataclass
class EvalResult:
    counts: Counts
    articles: list[ArticleResult]
    unknown_articles: list[str] = field(default_factory=list)  # predicted ids not in gold
    text_mismatch: list[str] = field(default_factory=list)     # same id, different text

    @property
    def missing_articles(self) -> list[str]:
        return [a.id for a in self.articles if a.missing]

    def scores(self) -> dict[str, float | None]:
        return {k: _num(v) for k, v in metric_values(self.counts).items()}

    def prf(self, name: str) -> PRF:
        s = self.scores()
        return PRF(s[f"{name}_precision"], s[f"{name}_recall"], s[f"{name}_f1"])

    @property
    def claim_strict(self) -> PRF:
        return self.prf("claim_strict")

    @property
    def claim_weighted(self) -> PRF:
        return self.prf("claim_weighted")

    @property
    def detection(self) -> PRF:
        return self.prf("detection")

    def warnings(self) -> list[str]:
        out = []
        if self.unknown_articles:
            out.append(f"{len(self.unknown_articles)} predicted article(s) not in gold, ignored: "
                       + ", ".join(self.unknown_articles[:5]) + (" ..." if len(self.unknown_articles) > 5 else ""))
        if self.missing_articles:
            out.append(f"{len(self.missing_articles)} gold article(s) missing from the predictions, "
                       "scored as predicting no claims")
        if self.text_mismatch:
            out.append(f"{len(self.text_mismatch)} article(s) whose predicted text differs from gold "
                       "(evidence offsets compared as given): " + ", ".join(self.text_mismatch[:5]))
        return out

    def to_json(self, ci: dict | None = None, per_article: bool = True) -> dict:
        s = self.scores()
        c = self.counts
        out: dict = {"n_articles": len(self.articles), "n_gold": c.n_gold, "n_pred": c.n_pred}
        for name in PRF_METRICS:
            out[name] = self.prf(name).to_json()
        for name in ACCURACY_METRICS:
            out[name] = s[name]
        out["stance_confusion"] = {"gold_rows": ["positive", "negative", "spurious"],
                                   "pred_cols": ["positive", "negative", "missed"],
                                   "matrix": c.stance_confusion.tolist()}
        out["counts"] = {k: (round(v, 6) if isinstance(v, float) else v) for k, v in asdict(c).items()}
        out["n_missing_articles"] = len(self.missing_articles)
        out["n_unknown_articles"] = len(self.unknown_articles)
        out["unknown_articles"] = list(self.unknown_articles)
        out["warnings"] = self.warnings()
        if ci is not None:
            out["ci"] = {k: (list(v) if v is not None else None) for k, v in ci.items()}
        if per_article:
            out["per_article"] = [article_json(a) for a in self.articles]
        return out


def article_json(a: ArticleResult) -> dict:
    s = a.scores()
    return {"id": a.id, "n_gold": a.counts.n_gold, "n_pred": a.counts.n_pred, "missing": a.missing,
            **{n: {"precision": s[f"{n}_precision"], "recall": s[f"{n}_recall"], "f1": s[f"{n}_f1"]}
               for n in ("claim_strict", "claim_weighted", "detection")},
            "actor_accuracy": s["actor_accuracy"], "stance_accuracy": s["stance_accuracy"]}
