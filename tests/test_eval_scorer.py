"""One scenario per test, expected numbers computed by hand (see each docstring).

Text: the seed article (Shamkhani meets Iraq's national security adviser).  Evidence strings
are copied from it, so offsets are real.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from parstance.data import Article, Claim
from parstance.evaluation import confidence_intervals, paired_bootstrap, score, target_credit, tokens

TEXT = (Path(__file__).resolve().parents[1] / "seeds" / "000_f7030722794b592c.txt").read_text(encoding="utf-8")

E_HEAD = "طایفهگری بستر اصلی تولید و رشد تروریسم در عراق است"
E_CRISIS = ("بخش مهمی از بحرانهای منطقه با هدایت و طراحی آمریکا و رژیم صهیونیستی و همکاری "
            "برخی کشورهای منطقه شکل می گیرد")
E_THANKS = "از مواضع و حمایتهای بی دریغ دولت، ملت و نیروهای مسلح ایران از عراق در مبارزه با تروریسم قدردانی کرد"
E_SUCCESS = "موفقیتهای مستمر ارتش و نیروهای مردمی عراق در مقابله با تروریسم تکفیری"


def claim(evidence: str, actor: str, target: str, stance: str, **kw) -> Claim:
    start = TEXT.index(evidence)
    assert TEXT.count(evidence) == 1
    return Claim(evidence=evidence, evidence_start=start, actor=actor, target=target, stance=stance, **kw)


def edit(c: Claim, **changes) -> Claim:
    return dataclasses.replace(c, **changes)


def art(claims: list[Claim] | None, id: str = "seed-000") -> Article:
    return Article(id=id, text=TEXT, claims=claims)


SHAMKHANI = dict(actor="علی شمخانی", actor_aliases=["شمخانی"])
HEAD = claim(E_HEAD, target="طایفه‌گری", target_aliases=["طایفه گری"], stance="negative", **SHAMKHANI)
US = claim(E_CRISIS, target="آمریکا", stance="negative", **SHAMKHANI)
ZION = claim(E_CRISIS, target="رژیم صهیونیستی", stance="negative", **SHAMKHANI)
REGION = claim(E_CRISIS, target="برخی کشورهای منطقه", stance="negative", **SHAMKHANI)
FAYYAZ = claim(E_THANKS, actor="فالح فیاض", target="نیروهای مسلح ایران", target_aliases=["ایران"],
               stance="positive")


def scores(gold: list[Claim], pred: list[Claim]) -> dict:
    return score([art(gold)], [art(pred)]).scores()


def assert_prf(s: dict, name: str, p: float, r: float, f: float) -> None:
    got = (s[f"{name}_precision"], s[f"{name}_recall"], s[f"{name}_f1"])
    assert got == pytest.approx((p, r, f)), name


def test_tokens_split_on_spaces_and_zwnj_then_normalise():
    assert tokens("طایفه\u200cگری") == ["طایفه", "گری"]
    assert tokens("  رژیم   صهیونیستی ") == ["رژیم", "صهیونیستی"]
    assert tokens("كشورهاي") == ["کشورهای"]  # Arabic kaf/yeh unified


def test_perfect_match():
    """3 gold, the same 3 predicted: every score is 1."""
    result = score([art([HEAD, US, FAYYAZ])], [art([HEAD, US, FAYYAZ])])
    assert all(v == 1.0 for v in result.scores().values())
    assert (result.counts.detected, result.counts.strict) == (3, 3)


def test_missed_claim():
    """3 gold, 2 of them predicted: P = 2/2, R = 2/3, F1 = 0.8."""
    s = scores([HEAD, US, FAYYAZ], [HEAD, FAYYAZ])
    assert_prf(s, "claim_strict", 1.0, 2 / 3, 0.8)
    assert_prf(s, "detection", 1.0, 2 / 3, 0.8)


def test_spurious_claim():
    """2 gold, both predicted plus one claim on evidence no gold claim overlaps:
    P = 2/3, R = 2/2, F1 = 0.8."""
    extra = claim(E_SUCCESS, target="ارتش و نیروهای مردمی عراق", stance="positive", **SHAMKHANI)
    result = score([art([HEAD, FAYYAZ])], [art([HEAD, FAYYAZ, extra])])
    assert_prf(result.scores(), "claim_strict", 2 / 3, 1.0, 0.8)
    assert result.counts.spurious_pos == 1


def test_wrong_actor():
    """Right evidence, target and stance, wrong actor: detected (1/1/1) but not a claim (0);
    actor accuracy 0/1 on the target-agreeing pair, stance accuracy 1/1."""
    s = scores([HEAD], [edit(HEAD, actor="فالح فیاض")])
    assert_prf(s, "detection", 1, 1, 1)
    assert_prf(s, "claim_strict", 0, 0, 0)
    assert_prf(s, "claim_weighted", 0, 0, 0)
    assert_prf(s, "actor", 0, 0, 0)
    assert (s["actor_accuracy"], s["stance_accuracy"], s["target_accuracy"]) == (0.0, 1.0, 1.0)


def test_alias_match():
    """Actor "شمخانی" is a gold alias, target "طایفه گری" is a gold alias: strict match."""
    s = scores([HEAD], [edit(HEAD, actor="شمخانی", actor_aliases=[], target="طایفه گری", target_aliases=[])])
    assert_prf(s, "claim_strict", 1, 1, 1)


def test_match_after_normalisation():
    """Arabic yeh in the actor, no ZWNJ in the target (as the raw text writes it): still equal."""
    s = scores([HEAD], [edit(HEAD, actor="شمخاني", target="طایفهگری", actor_aliases=[], target_aliases=[])])
    assert_prf(s, "claim_strict", 1, 1, 1)


def test_partial_target():
    """Gold "برخی کشورهای منطقه" (3 tokens), predicted "کشورهای منطقه" (2 tokens, both shared):
    strict 0; weighted P = 2/2 = 1, R = 2/3, F1 = 0.8; accuracies are over this pair (partial
    target agreement), both 1."""
    s = scores([REGION], [edit(REGION, target="کشورهای منطقه")])
    assert_prf(s, "claim_strict", 0, 0, 0)
    assert_prf(s, "claim_weighted", 1, 2 / 3, 0.8)
    assert_prf(s, "target_strict", 0, 0, 0)
    assert (s["actor_accuracy"], s["stance_accuracy"], s["target_accuracy"]) == (1.0, 1.0, 0.0)


def test_partial_target_best_over_aliases():
    """Predicted "دولت ایران" against gold "نیروهای مسلح ایران" (1 shared: P 1/2, R 1/3) and alias
    "ایران" (1 shared: P 1/2, R 1/1): the alias is better, weighted P = 0.5, R = 1, F1 = 2/3."""
    assert target_credit("دولت ایران", ["نیروهای مسلح ایران", "ایران"]) == (0.5, 1.0)
    s = scores([FAYYAZ], [edit(FAYYAZ, target="دولت ایران")])
    assert_prf(s, "claim_weighted", 0.5, 1.0, 2 / 3)


def test_weighted_credit_sums_over_claims():
    """Two partial targets: P = (1 + 1/2) / 2 = 3/4, R = (2/3 + 1) / 2 = 5/6, F1 = 15/19."""
    s = scores([REGION, FAYYAZ], [edit(REGION, target="کشورهای منطقه"), edit(FAYYAZ, target="دولت ایران")])
    assert_prf(s, "claim_weighted", 3 / 4, 5 / 6, 15 / 19)


def test_stance_flip():
    """Negative in gold, positive predicted: detected, not a claim; stance accuracy 0, actor 1."""
    result = score([art([HEAD])], [art([edit(HEAD, stance="positive")])])
    s = result.scores()
    assert_prf(s, "detection", 1, 1, 1)
    assert_prf(s, "claim_strict", 0, 0, 0)
    assert_prf(s, "claim_weighted", 0, 0, 0)
    assert (s["stance_accuracy"], s["actor_accuracy"]) == (0.0, 1.0)
    assert result.counts.neg_pos == 1


def test_overlapping_evidence():
    """A shorter predicted evidence inside the gold one overlaps it: strict match, 1/1/1."""
    short = "بستر اصلی تولید و رشد تروریسم"
    s = scores([HEAD], [edit(HEAD, evidence=short, evidence_start=TEXT.index(short))])
    assert_prf(s, "claim_strict", 1, 1, 1)


def test_touching_evidence_does_not_match():
    """Evidence ending exactly where the gold evidence starts shares 0 characters: no pair,
    P = 0/1, R = 0/1."""
    before = "شمخانی در دیدار مشاور امنیت ملی نخست وزیر عراق : "
    start = TEXT.index(before)
    assert start + len(before) == HEAD.evidence_start
    s = scores([HEAD], [edit(HEAD, evidence=before, evidence_start=start)])
    assert_prf(s, "detection", 0, 0, 0)


def test_assignment_prefers_full_matches_over_overlap():
    """Gold g1 = US on the whole sentence, g2 = ZION on a phrase inside it.  p1 (ZION, whole
    sentence) overlaps g1 most, p2 (US, whole sentence) too; pairing by overlap would give 0
    full matches, the optimal pairing g1-p2, g2-p1 gives 2: P = R = F1 = 1."""
    phrase = "طراحی آمریکا و رژیم صهیونیستی"
    g2 = edit(ZION, evidence=phrase, evidence_start=TEXT.index(phrase))
    s = scores([US, g2], [ZION, US])
    assert_prf(s, "claim_strict", 1, 1, 1)


def test_shared_evidence_pairs_by_fields():
    """Three targets on one evidence, predicted in another order: all three pair correctly."""
    s = scores([US, ZION, REGION], [REGION, US, ZION])
    assert_prf(s, "claim_strict", 1, 1, 1)


def test_missing_article():
    """Article b (1 gold claim) absent from the predictions; article a perfect (2 claims):
    P = 2/2, R = 2/3, F1 = 0.8; b is reported missing with F1 0."""
    result = score([art([HEAD, US], "a"), art([FAYYAZ], "b")], [art([HEAD, US], "a")])
    assert_prf(result.scores(), "claim_strict", 1, 2 / 3, 0.8)
    assert result.missing_articles == ["b"]
    assert result.articles[1].scores()["claim_strict_f1"] == 0.0


def test_empty_gold_article():
    """Article b has "claims": [] in gold but 2 predicted claims; a is perfect (1 claim):
    TP 1, n_pred 3, n_gold 1: P = 1/3, R = 1, F1 = 0.5; b alone scores 0."""
    result = score([art([HEAD], "a"), art([], "b")], [art([HEAD], "a"), art([US, FAYYAZ], "b")])
    assert_prf(result.scores(), "claim_strict", 1 / 3, 1, 0.5)
    assert result.articles[1].scores()["claim_strict_f1"] == 0.0


def test_empty_gold_and_no_prediction_is_perfect():
    """Nothing to find, nothing found: 1 (and accuracies undefined)."""
    s = scores([], [])
    assert_prf(s, "claim_strict", 1, 1, 1)
    assert s["actor_accuracy"] is None


def test_unknown_predicted_article_is_ignored_and_reported():
    result = score([art([HEAD], "a")], [art([HEAD], "a"), art([US], "zzz")])
    assert_prf(result.scores(), "claim_strict", 1, 1, 1)
    assert result.unknown_articles == ["zzz"]
    assert any("not in gold" in w for w in result.warnings())


def test_json_has_the_required_keys():
    out = score([art([HEAD, US])], [art([HEAD])]).to_json(ci={"claim_strict_f1": (0.5, 1.0)})
    for key in ("claim_strict", "claim_weighted", "detection", "actor", "target_strict", "target_weighted", "stance"):
        assert set(out[key]) == {"precision", "recall", "f1"}
    assert out["claim_strict"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3})
    assert (out["n_gold"], out["n_pred"], out["n_articles"]) == (2, 1, 1)
    assert out["actor_accuracy"] == out["stance_accuracy"] == out["target_accuracy"] == 1.0
    assert out["ci"] == {"claim_strict_f1": [0.5, 1.0]}
    assert out["per_article"][0]["id"] == "seed-000"


def test_bootstrap_ci_is_deterministic_and_brackets_the_score():
    gold = [art([HEAD, US], "a"), art([FAYYAZ], "b"), art([REGION, ZION], "c"), art([], "d")]
    pred = [art([HEAD], "a"), art([FAYYAZ], "b"), art([REGION, US], "c"), art([], "d")]
    result = score(gold, pred)
    ci = confidence_intervals(result, n_resamples=200, seed=1)
    assert ci == confidence_intervals(result, n_resamples=200, seed=1)
    lo, hi = ci["claim_strict_f1"]
    assert lo <= result.claim_strict.f1 <= hi and lo < hi


def test_paired_bootstrap_identical_systems_have_p_one():
    gold = [art([HEAD, US], "a"), art([FAYYAZ], "b"), art([REGION], "c")]
    pred = [art([HEAD], "a"), art([FAYYAZ], "b"), art([], "c")]
    tests = paired_bootstrap(score(gold, pred), score(gold, pred), n_resamples=100)
    assert all(t.delta == 0 and t.p_value == 1.0 for t in tests if t.delta is not None)
