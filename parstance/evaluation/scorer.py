"""Score predicted claims against gold claims (ANNOTATION.md, "How a prediction is matched to gold").

Pairing
    Within one article a gold claim ``g`` and a predicted claim ``p`` are a *candidate pair* when
    their evidence spans ``[evidence_start, evidence_end)`` share at least one character.  Gold and
    predicted claims are paired one to one among candidates by ``scipy.optimize.linear_sum_assignment``
    maximising, lexicographically over the article,
      1. the number of strictly correct pairs (the headline ``claim_strict``),
      2. the summed weighted target credit ``(p_credit + r_credit) / 2`` of pairs whose actor and
         stance are right (``claim_weighted``),
      3. the number of agreeing fields, counting 1 for the pair itself (evidence) plus actor, strict
         target and stance, so that more pairs and better pairs win next,
      4. the evidence overlap (span IoU, in percent).
    Levels 1 and 3 are exact; levels 2 and 4 are quantised (1e-3 and 1 %) so that one weighted sum
    can encode the order.  Level 1 always dominates, so no other pairing has a higher strict score.
    Note that the same pairing serves every metric: detection counts are those of this pairing,
    not of a separate maximum-cardinality matching.

Field comparisons (after ``match_key``: letter variants, digits, diacritics, tatweel unified,
spaces and ZWNJ removed)
    actor         predicted actor == gold actor or one of the gold ``actor_aliases``
                  (aliases of the *prediction* are ignored: the gold defines what is acceptable);
    target strict predicted target == gold target or one of the gold ``target_aliases``;
    stance        equal strings.

Partial target credit (SemEval-2022 Task 10, structured sentiment, "weighted" F1)
    tokens(s)     = split ``s`` on whitespace and ZWNJ, apply ``match_key`` to each piece, drop the
                    empty ones ("طایفه‌گری" -> ["طایفه", "گری"]).  Quotes, brackets and punctuation at a
                    token's edges are stripped ("«مرسر" == "مرسر").
    shared(p, g)  = size of the multiset intersection of tokens(p) and tokens(g).
    For every gold form ``f`` (target and each alias) the form credit is
    ``(shared / len(tokens(p)), shared / len(tokens(f)))``; the pair's ``(p_credit, r_credit)`` is that
    of the form with the highest token F1 (ties: first form), so precision and recall come from
    one and the same form.  A strict match always gets (1, 1): "طایفهگری" and "طایفه‌گری" have the same
    key but different tokens.

Aggregation (micro over the whole file; ``n_pred``/``n_gold`` count every claim, paired or not)
    strict-type scores: P = TP / n_pred, R = TP / n_gold, F1 = 2PR / (P + R).
    weighted:           P = sum of p_credit / n_pred, R = sum of r_credit / n_gold, over the pairs
                        that count (claim_weighted: actor and stance right; target_weighted: all).
    detection: every pair.  claim_strict: actor + strict target + stance.  Field F1s (actor,
    target_strict, target_weighted, stance): a pair counts when that one field agrees.
    actor_accuracy / stance_accuracy: share of right actors / stances among pairs that agree on
    the target at least partially (strict match or >= 1 shared token).  target_accuracy: share of
    strict target matches among all pairs.
    Zero division: with no gold and no predicted claims P = R = F1 = 1 (nothing to find, nothing
    found); otherwise an empty denominator gives 0.  An accuracy with no pairs is ``None``.

Articles
    Gold articles drive the evaluation.  A gold article absent from the predictions is scored as
    predicting nothing; a gold article with ``"claims": []`` turns every predicted claim there into a
    false positive; predicted articles unknown to gold are ignored and listed in ``unknown_articles``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..data import Article, Claim
from ..normalize import match_key
from .metrics import ArticleResult, Counts, EvalResult


_EDGE_PUNCT = "«»\"'()[]{}،,.:;؛!?؟…“”‘’-"


def tokens(s: str) -> list[str]:
    """``match_key``-normalised tokens of ``s`` (split on whitespace and ZWNJ first; quotes,
    brackets and punctuation at a token's edges are not part of the word: «مرسر == مرسر)."""
    return [t for t in (match_key(piece.strip(_EDGE_PUNCT)) for piece in re.split(r"[\s\u200c]+", s)) if t]


def target_credit(pred: str, gold_forms: list[str]) -> tuple[float, float]:
    """(precision credit, recall credit) of ``pred`` against the best of ``gold_forms``."""
    if match_key(pred) in {match_key(f) for f in gold_forms}:
        return 1.0, 1.0
    p_tok = Counter(tokens(pred))
    best, best_f = (0.0, 0.0), 0.0
    for form in gold_forms:
        g_tok = Counter(tokens(form))
        shared = sum((p_tok & g_tok).values())
        if not shared:
            continue
        p, r = shared / sum(p_tok.values()), shared / sum(g_tok.values())
        f = 2 * p * r / (p + r)
        if f > best_f:
            best, best_f = (p, r), f
    return best


@dataclass(frozen=True)
class PairResult:
    """One gold-predicted pair of the assignment and how its fields compare."""

    gold_index: int
    pred_index: int
    overlap: int  # shared evidence characters
    actor: bool
    target_strict: bool
    target_p: float
    target_r: float
    stance: bool

    @property
    def target_agrees(self) -> bool:
        return self.target_strict or self.target_p > 0

    @property
    def strict(self) -> bool:
        return self.actor and self.target_strict and self.stance


def compare(gold: Claim, pred: Claim, gi: int = 0, pi: int = 0) -> PairResult | None:
    """Field comparison of one candidate pair; ``None`` when the evidence spans do not overlap."""
    overlap = min(gold.evidence_end, pred.evidence_end) - max(gold.evidence_start, pred.evidence_start)
    if overlap < 1:
        return None
    actor_keys = {match_key(a) for a in [gold.actor, *gold.actor_aliases]}
    target_forms = [gold.target, *gold.target_aliases]
    tp, tr = target_credit(pred.target, target_forms)
    return PairResult(
        gold_index=gi, pred_index=pi, overlap=overlap,
        actor=match_key(pred.actor) in actor_keys,
        target_strict=match_key(pred.target) in {match_key(f) for f in target_forms},
        target_p=tp, target_r=tr, stance=pred.stance == gold.stance,
    )


def _level_weights(maxima: list[int], n: int) -> list[int]:
    """Weights making a weighted sum of integer levels lexicographic (lowest level first):
    each weight exceeds the largest possible total of all lower levels over ``n`` pairs."""
    weights, total = [], 0
    for m in maxima:
        weights.append(total + 1)
        total += weights[-1] * m * n
    return weights


def assign(gold: list[Claim], pred: list[Claim]) -> list[PairResult]:
    """The optimal one-to-one pairing of one article (see the module docstring)."""
    cand = {(i, j): r for i, g in enumerate(gold) for j, p in enumerate(pred)
            if (r := compare(g, p, i, j)) is not None}
    if not cand:
        return []
    n = min(len(gold), len(pred))
    w_iou, w_fields, w_credit, w_strict = _level_weights([100, 4, 1000, 1], n)
    score = np.zeros((len(gold), len(pred)))
    for (i, j), r in cand.items():
        g, p = gold[i], pred[j]
        union = max(g.evidence_end, p.evidence_end) - min(g.evidence_start, p.evidence_start)
        credit = (r.target_p + r.target_r) / 2 if r.actor and r.stance else 0.0
        score[i, j] = (w_strict * r.strict + w_credit * round(1000 * credit)
                       + w_fields * (1 + r.actor + r.target_strict + r.stance)
                       + w_iou * round(100 * r.overlap / union))
    rows, cols = linear_sum_assignment(score, maximize=True)
    # Non-candidates score 0 and are only there to fill a complete assignment: drop them.
    return [cand[i, j] for i, j in zip(rows, cols) if (i, j) in cand]


_SHORT = {"positive": "pos", "negative": "neg"}


def _bump(c: Counts, *parts: str) -> None:
    """Add one to a stance-confusion cell, e.g. ``_bump(c, "positive", "negative")`` -> ``pos_neg``.
    Stances outside positive/negative (possible in predictions built in code) have no cell."""
    short = [_SHORT.get(x, x) for x in parts]
    name = "_".join(short)
    if all(x in ("pos", "neg", "missed", "spurious") for x in short) and hasattr(c, name):
        setattr(c, name, getattr(c, name) + 1)


def count_article(gold: list[Claim], pred: list[Claim]) -> tuple[Counts, list[PairResult]]:
    pairs = assign(gold, pred)
    c = Counts(n_gold=len(gold), n_pred=len(pred), detected=len(pairs))
    for r in pairs:
        c.strict += r.strict
        c.actor += r.actor
        c.target_strict += r.target_strict
        c.stance += r.stance
        c.target_p += r.target_p
        c.target_r += r.target_r
        if r.actor and r.stance:
            c.weighted_p += r.target_p
            c.weighted_r += r.target_r
        if r.target_agrees:
            c.target_agree += 1
            c.actor_on_target += r.actor
            c.stance_on_target += r.stance
        _bump(c, gold[r.gold_index].stance, pred[r.pred_index].stance)
    paired_g = {r.gold_index for r in pairs}
    paired_p = {r.pred_index for r in pairs}
    for i, g in enumerate(gold):
        if i not in paired_g:
            _bump(c, "missed", g.stance)
    for j, p in enumerate(pred):
        if j not in paired_p:
            _bump(c, "spurious", p.stance)
    return c, pairs


def score(gold: list[Article], pred: list[Article]) -> EvalResult:
    """Score ``pred`` against ``gold`` (see the module docstring for every definition)."""
    by_id = {a.id: a for a in pred}
    gold_ids = {a.id for a in gold}
    total, results, mismatch = Counts(), [], []
    for g in gold:
        p = by_id.get(g.id)
        if p is not None and p.text != g.text:
            mismatch.append(g.id)
        counts, pairs = count_article(g.claims or [], (p.claims or []) if p is not None else [])
        results.append(ArticleResult(g.id, counts, pairs, missing=p is None))
        total = total + counts
    unknown = [a.id for a in pred if a.id not in gold_ids]
    return EvalResult(total, results, unknown, mismatch)
